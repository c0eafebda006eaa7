// Teaming: the co-delivery network from the teaming engine, as a table of partner pairs.
import { api, el, fill, guarded } from './api.js';

function rows(network) {
  const edges = Array.isArray(network?.edges) ? network.edges : [];
  const names = new Map(
    (Array.isArray(network?.nodes) ? network.nodes : []).map((n) => [n.id, n.name ?? n.id]),
  );
  if (edges.length === 0) return el('pre', { class: 'json' }, JSON.stringify(network, null, 2));
  return el(
    'table',
    { class: 'data' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ['Partner', 'Partner', 'Weight'].map((h) => el('th', { scope: 'col' }, h)),
      ),
    ),
    el(
      'tbody',
      {},
      edges.map((e) =>
        el(
          'tr',
          {},
          el('td', {}, names.get(e.source) ?? String(e.source)),
          el('td', {}, names.get(e.target) ?? String(e.target)),
          el('td', {}, String(e.weight ?? '')),
        ),
      ),
    ),
  );
}

const form = document.getElementById('teaming-form');
async function load() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (v) params.set(k, String(v));
  const { network } = await api(`/api/teaming/network?${params}`);
  fill(document.getElementById('network'), rows(network));
}
form.addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(load);
});
guarded(load);
