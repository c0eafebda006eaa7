// Teaming: the co-delivery network (partners that shared won deals) drawn with Cytoscape, filterable by sector / technology, with a table of the same pairs.
import { api, byId, count, el, fill, guarded, option, partnerLink, setStatus } from './api.js';

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
          label: 'data(label)',
          'font-size': 9,
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
      { selector: ':selected', style: { 'background-color': '#f59e0b', 'line-color': '#f59e0b' } },
    ],
    layout: { name: 'cose', animate: false, nodeDimensionsIncludeLabels: true },
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

function renderTable(data) {
  const { network, cellLabels } = data;
  const names = new Map(network.nodes.map((n) => [n.id, n.label]));
  const edges = [...network.edges].sort((a, b) => b.wonDeals - a.wonDeals || a.id.localeCompare(b.id));
  fill(
    document.querySelector('#network-table tbody'),
    edges.length
      ? edges.map((e) =>
          el(
            'tr',
            {},
            el('td', {}, partnerLink(e.source, names.get(e.source))),
            el('td', {}, partnerLink(e.target, names.get(e.target))),
            el('td', {}, String(e.wonDeals)),
            el('td', {}, e.cells.map((c) => `${cellLabels[c.cell] ?? c.cell} (${c.deals})`).join(', ')),
            el('td', {}, e.lastWonDate ?? '–'),
          ),
        )
      : [el('tr', {}, el('td', { colspan: '5' }, 'No pair of partners shared a won deal.'))],
  );
}

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
