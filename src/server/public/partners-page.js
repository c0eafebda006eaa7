// Partners: the searchable, filterable list; filters live in the URL so a view can be shared.
import { api, byId, count, el, fill, fmt, guarded, option, partnerLink, setStatus } from './api.js';

const PAGE_SIZE = 50;
const form = byId('filters', HTMLFormElement);
let offset = 0;
let facetsLoaded = false;
/** Need key → label, from the facets (the rows carry keys). */
let needLabels = new Map();

function fillSelect(id, values) {
  const select = byId(id, HTMLSelectElement);
  const current = new URLSearchParams(window.location.search).get(select.name) ?? '';
  fill(
    select,
    option('', 'Any'),
    values.map((v) => option(v.value, v.label, v.value === current)),
  );
}

function loadFacets(facets, segments) {
  fillSelect(
    'f-level',
    facets.levels.map((l) => ({ value: l, label: l })),
  );
  fillSelect(
    'f-need',
    facets.needs.map((n) => ({ value: n.key, label: n.label })),
  );
  fillSelect(
    'f-sector',
    facets.sectors.map((s) => ({ value: s.key, label: s.label })),
  );
  fillSelect(
    'f-technology',
    facets.technologies.map((t) => ({ value: t.key, label: t.label })),
  );
  fillSelect(
    'f-country',
    facets.countries.map((c) => ({ value: c, label: c })),
  );
  fillSelect('f-segment', segments);
  facetsLoaded = true;
}

function segmentOptions(facets) {
  const out = [];
  for (const s of facets.sectors) {
    out.push({ value: `${s.key}|*`, label: s.label });
    for (const t of facets.technologies)
      out.push({ value: `${s.key}|${t.key}`, label: `${s.label} × ${t.label}` });
  }
  for (const t of facets.technologies) out.push({ value: `*|${t.key}`, label: t.label });
  return out;
}

function queryFromForm() {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) if (value !== '') params.set(key, String(value));
  return params;
}

async function load() {
  const params = facetsLoaded ? queryFromForm() : new URLSearchParams(window.location.search);
  if (!facetsLoaded) {
    const q = params.get('q');
    if (q) byId('f-q', HTMLInputElement).value = q;
  }
  window.history.replaceState(null, '', `/partners${params.size ? `?${params}` : ''}`);
  params.set('limit', String(PAGE_SIZE));
  params.set('offset', String(offset));
  const data = await api(`/api/partners?${params}`);
  if (!facetsLoaded) {
    needLabels = new Map(data.facets.needs.map((n) => [n.key, n.label]));
    loadFacets(data.facets, segmentOptions(data.facets));
  }
  document.getElementById('count').textContent =
    count(data.total, 'partner', 'partners') +
    (data.total > PAGE_SIZE ? `, showing ${offset + 1}–${Math.min(offset + PAGE_SIZE, data.total)}` : '');
  fill(
    document.querySelector('#partners tbody'),
    data.partners.map((p) =>
      el(
        'tr',
        {},
        el('td', {}, partnerLink(p.id, p.name)),
        el('td', {}, p.primarySegment?.label ?? '–'),
        el('td', {}, fmt(p.topScore)),
        el('td', {}, String(p.segments.length)),
        el('td', {}, p.needs.map((n) => needLabels.get(n) ?? n).join(', ') || '–'),
        el('td', {}, p.country ?? '–'),
        el('td', {}, p.legacyTier ?? '–'),
      ),
    ),
  );
  byId('prev', HTMLButtonElement).disabled = offset === 0;
  byId('next', HTMLButtonElement).disabled = offset + PAGE_SIZE >= data.total;
  setStatus('');
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  offset = 0;
  guarded(load);
});
form.addEventListener('reset', () => {
  offset = 0;
  setTimeout(() => guarded(load));
});
document.getElementById('prev').addEventListener('click', () => {
  offset = Math.max(0, offset - PAGE_SIZE);
  guarded(load);
});
document.getElementById('next').addEventListener('click', () => {
  offset += PAGE_SIZE;
  guarded(load);
});
guarded(load);
