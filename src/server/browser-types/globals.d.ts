/** The libraries the layout loads with plain script tags (vendor files), as the page modules find them on `window`. */
interface Window {
  Chart?: typeof import('chart.js').Chart;
  cytoscape?: typeof import('cytoscape');
}
