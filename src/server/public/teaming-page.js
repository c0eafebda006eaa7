// Teaming: the co-delivery network (partners that shared won deals) drawn with Cytoscape, filterable by sector / technology, with a table of the same pairs.
import { api, byId, count, el, fill, guarded, option, partnerLink, setStatus, timeAgo } from './api.js';

/** Pairs per page of the table (a busy ecosystem has hundreds). */
const PAGE_SIZE = 15;

const form = byId('teaming-form', HTMLFormElement);
const container = document.getElementById('network');
let cy;

/** Cytoscape's element format wraps each node and edge in `{ data }`. */
function elementsOf(network) {
  return [
    ...network.nodes.map((n) => ({ data: { id: n.id, label: n.label, size: n.coDeliveredWonDeals } })),
    ...network.edges.map((e) => ({
      data: { id: e.id, source: e.source, target: e.target, weight: e.wonDeals },
    })),
  ];
}

function drawGraph(network) {
  cy?.destroy();
  cy = undefined;
  container.dataset.nodes = String(network.nodes.length);
  container.dataset.edges = String(network.edges.length);
  if (!window.cytoscape || network.nodes.length === 0) {
    fill(container, el('p', { class: 'lead' }, 'No co-delivered won deals for this filter.'));
    return;
  }
  fill(container);
  const maxSize = Math.max(1, ...network.nodes.map((n) => n.coDeliveredWonDeals));
  const maxWeight = Math.max(1, ...network.edges.map((e) => e.wonDeals));
  cy = window.cytoscape({
    container,
    elements: elementsOf(network),
    style: [
      {
        selector: 'node',
        style: {
          // Names only on hover or selection: a hundred overlapping labels are unreadable.
          label: '',
          'font-size': 11,
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.85,
          'text-background-padding': '2px',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'background-color': '#1a56db',
          width: `mapData(size, 1, ${maxSize}, 10, 36)`,
          height: `mapData(size, 1, ${maxSize}, 10, 36)`,
        },
      },
      {
        selector: 'edge',
        style: {
          width: `mapData(weight, 1, ${maxWeight}, 1, 8)`,
          'line-color': '#94a3b8',
          opacity: 0.8,
        },
      },
      { selector: 'node.hover, node:selected', style: { label: 'data(label)', 'z-index': 10 } },
      { selector: 'node.neighbour', style: { label: 'data(label)', 'background-color': '#0e9f6e' } },
      { selector: 'edge.neighbour', style: { 'line-color': '#0e9f6e', opacity: 1 } },
      { selector: ':selected', style: { 'background-color': '#f59e0b', 'line-color': '#f59e0b' } },
    ],
    // Strong repulsion and wide spacing between components keep clusters apart (cose's defaults pack them).
    layout: {
      name: 'cose',
      animate: false,
      randomize: true,
      nodeRepulsion: () => 120_000,
      idealEdgeLength: () => 60,
      componentSpacing: 80,
      nestingFactor: 1.2,
      gravity: 0.4,
      numIter: 1500,
    },
  });
  cy.on('mouseover', 'node', (event) => {
    event.target.addClass('hover');
    event.target.neighborhood().addClass('neighbour');
  });
  cy.on('mouseout', 'node', (event) => {
    event.target.removeClass('hover');
    event.target.neighborhood().removeClass('neighbour');
  });
  cy.on('tap', 'node', (event) => {
    const node = network.nodes.find((n) => n.id === event.target.id());
    if (!node) return;
    fill(
      document.getElementById('network-selected'),
      partnerLink(node.id, node.label),
      `: ${count(node.coDeliveredWonDeals, 'co-delivered won deal', 'co-delivered won deals')} with ${count(node.teammates, 'partner', 'partners')}`,
    );
  });
  container.dataset.rendered = 'true';
}

/** The table's rows, most shared first, and the page shown. */
let table = { rows: [], page: 0, names: new Map(), cellLabels: {} };

function renderTable(data) {
  const { network, cellLabels } = data;
  table = {
    rows: [...network.edges].sort((a, b) => b.wonDeals - a.wonDeals || a.id.localeCompare(b.id)),
    page: 0,
    names: new Map(network.nodes.map((n) => [n.id, n.label])),
    cellLabels,
  };
  renderPage();
}

function renderPage() {
  const { rows, page, names, cellLabels } = table;
  const shown = rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  fill(
    document.querySelector('#network-table tbody'),
    shown.length
      ? shown.map((e) =>
          el(
            'tr',
            {},
            el('td', {}, partnerLink(e.source, names.get(e.source))),
            el('td', {}, partnerLink(e.target, names.get(e.target))),
            el('td', {}, String(e.wonDeals)),
            el('td', {}, e.cells.map((c) => `${cellLabels[c.cell] ?? c.cell} (${c.deals})`).join(', ')),
            el('td', {}, e.lastWonDate ? timeAgo(e.lastWonDate) : '–'),
          ),
        )
      : [el('tr', {}, el('td', { colspan: '5' }, 'No pair of partners shared a won deal.'))],
  );
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  document.getElementById('pairs-pager').hidden = pages === 1;
  document.getElementById('pairs-page').textContent =
    rows.length > PAGE_SIZE
      ? `Pairs ${page * PAGE_SIZE + 1}–${Math.min(rows.length, (page + 1) * PAGE_SIZE)} of ${rows.length}`
      : '';
  byId('pairs-prev', HTMLButtonElement).disabled = page === 0;
  byId('pairs-next', HTMLButtonElement).disabled = page >= pages - 1;
}

document.getElementById('pairs-prev').addEventListener('click', () => {
  table.page = Math.max(0, table.page - 1);
  renderPage();
});
document.getElementById('pairs-next').addEventListener('click', () => {
  table.page += 1;
  renderPage();
});

async function load() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (v) params.set(k, String(v));
  setStatus('Loading the network…');
  const data = await api(`/api/teaming/network?${params}`);
  const { nodes, edges } = data.network;
  const shared = edges.reduce((n, e) => n + e.wonDeals, 0);
  document.getElementById('network-summary').textContent =
    `${count(nodes.length, 'partner', 'partners')}, ${count(edges.length, 'co-delivering pair', 'co-delivering pairs')}, ${count(shared, 'shared won deal', 'shared won deals')} (counted per pair).`;
  renderTable(data);
  drawGraph(data.network);
  setStatus('');
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(load);
});

guarded(async () => {
  const { facets } = await api('/api/partners?limit=1');
  fill(
    document.getElementById('t-sector'),
    option('', 'Any'),
    facets.sectors.map((s) => option(s.key, s.label)),
  );
  fill(
    document.getElementById('t-technology'),
    option('', 'Any'),
    facets.technologies.map((t) => option(t.key, t.label)),
  );
  await load();
});
