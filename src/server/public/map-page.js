// Ecosystem map: where one more Specialist would serve the most unmet demand, the sector × technology heatmap and, for a selected cell, its partners ranked and, for a gap, how to fill it.
import { api, byId, count, el, fill, fmt, guarded, option, partnerLink, setStatus, timeAgo } from './api.js';

const FLAG_TEXT = {
  gap: 'gap',
  saturated: 'saturated',
  'single-point-of-failure': 'single point of failure',
};
const FLAG_SHORT = { gap: 'GAP', saturated: 'SAT', 'single-point-of-failure': 'SPOF' };

function coverageClass(coverage) {
  if (coverage === null) return 'cov-none';
  if (coverage < 0.5) return 'cov-low';
  if (coverage < 1) return 'cov-mid';
  if (coverage <= 3) return 'cov-ok';
  return 'cov-high';
}

/** The map's filters: the level whose partners each cell counts, and the flag a cell must carry to stand out. */
const filters = byId('map-filters', HTMLFormElement);

/** The region chosen in the filter, or '' for the whole ecosystem. */
function chosenRegion() {
  return byId('f-map-region', HTMLSelectElement).value;
}

/** What a cell shows: the partners at `level`, the demand and its coverage (of the map shown: a region's or all). */
function cellFigures(cell, level) {
  return { partners: cell.partnersByLevel[level] ?? 0, demand: cell.demand, coverage: cell.coverage };
}

function cellButton(cell, topLevel) {
  const shownLevel = byId('f-map-level', HTMLSelectElement).value || topLevel;
  const flag = byId('f-map-flag', HTMLSelectElement).value;
  const shown = cellFigures(cell, shownLevel);
  const coverage = shown.coverage === null ? 'no demand' : `coverage ${fmt(shown.coverage, 2)}`;
  const flags = cell.flags.map((f) => FLAG_TEXT[f]).join(', ');
  return el(
    'button',
    {
      type: 'button',
      class: `cell ${coverageClass(shown.coverage)}${flag && !cell.flags.includes(flag) ? ' dim' : ''}`,
      dataset: {
        cell: cell.cell,
        held: String(Object.values(cell.partnersByLevel).reduce((a, b) => a + b, 0)),
      },
      'aria-label': `${cell.label}: ${count(shown.partners, shownLevel, `${shownLevel}s`)}, ${coverage}, demand ${shown.demand}${flags ? `; ${flags}` : ''}`,
      onclick: () => guarded(() => showCell(cell.cell)),
    },
    el('span', { class: 'n' }, String(shown.partners)),
    el('span', { class: 'cov' }, shown.coverage === null ? '–' : `${fmt(shown.coverage, 1)}×`),
    el(
      'span',
      { class: 'flags' },
      cell.flags.map((f) => el('span', { class: `flag flag-${f}`, title: FLAG_TEXT[f] }, FLAG_SHORT[f])),
    ),
  );
}

/** The top level's name (the first of the ladder), set when the map loads. */
let topLevelName = 'Specialist';

/** Deals as people write them: whole numbers plain, others to one decimal. */
function deals(n) {
  return fmt(n, 1);
}

/** "1 Proven, 5 Emerging", or "none". */
function qualifiedText(partnersByLevel) {
  const held = Object.entries(partnersByLevel).filter(([, n]) => n > 0);
  return held.length ? held.map(([level, n]) => `${n} ${level}`).join(', ') : 'none';
}

/** The ranking first: the cells where one more partner at the top level would serve the most unmet demand. */
function renderPriorities(data) {
  const topLevel = topLevelName;
  const byKey = new Map(data.cells.map((c) => [c.cell, c]));
  document.getElementById('priorities-title').textContent = data.priorities.length
    ? `The ${count(data.priorities.length, 'cell', 'cells')} where one more ${topLevel} would serve the most unmet demand`
    : 'No unmet demand';
  const threshold = data.gapThresholds?.pair;
  if (threshold !== undefined) {
    document
      .getElementById('priorities-lead')
      .append(
        ` A sector × technology cell is a gap when at least ${count(threshold, 'deal is', 'deals are')} unmet (the demand of an average cell) and coverage is low.`,
      );
  }
  fill(
    document.querySelector('#priorities tbody'),
    data.priorities.length
      ? data.priorities.map((p, i) => {
          const cell = byKey.get(p.cell);
          const flags = cell?.flags ?? [];
          return el(
            'tr',
            {},
            el('td', {}, String(i + 1)),
            el(
              'td',
              {},
              el(
                'button',
                { type: 'button', class: 'link', onclick: () => guarded(() => showCell(p.cell)) },
                p.label,
              ),
            ),
            el('td', {}, deals(p.covers)),
            el('td', {}, `${deals(p.unmetDemand)} of ${count(p.demand, 'deal', 'deals')}`),
            el('td', {}, cell ? qualifiedText(cell.partnersByLevel) : '–'),
            el(
              'td',
              {},
              flags.map((f) => el('span', { class: `flag flag-${f}`, title: FLAG_TEXT[f] }, FLAG_SHORT[f])),
            ),
          );
        })
      : [el('tr', {}, el('td', { colspan: '6' }, 'Every cell has the qualified partners its demand needs.'))],
  );
}

function renderGapFill(gap) {
  const section = document.getElementById('gap-fill');
  section.hidden = gap === null;
  if (gap === null) return;
  fill(
    document.querySelector('#gap-closest tbody'),
    gap.closest.length
      ? gap.closest.map((c) =>
          el(
            'tr',
            {},
            el('td', {}, partnerLink(c.partnerId, c.name)),
            el('td', {}, c.level ?? '–'),
            el('td', {}, fmt(c.score)),
            el('td', {}, c.summary),
          ),
        )
      : [el('tr', {}, el('td', { colspan: '4' }, 'No partner has evidence in this cell yet.'))],
  );
  fill(
    document.getElementById('gap-teams'),
    gap.teams.length
      ? gap.teams.map((t) =>
          el(
            'li',
            { class: 'gap-team' },
            partnerLink(t.sectorSide.partnerId, t.sectorSide.name),
            ` (${t.sectorSide.level}, the customers) + `,
            partnerLink(t.technologySide.partnerId, t.technologySide.name),
            ` (${t.technologySide.level}, the technology)`,
            t.coDeliveredWonDeals > 0
              ? el(
                  'span',
                  { class: 'badge co-delivered' },
                  `already won ${count(t.coDeliveredWonDeals, 'deal', 'deals')} together`,
                )
              : null,
            el('p', { class: 'reason' }, t.reason),
          ),
        )
      : [el('li', {}, 'No split team found for this cell.')],
  );
}

async function showCell(key) {
  const data = await api(`/api/map/cells/${encodeURIComponent(key)}`);
  const section = document.getElementById('cell-detail');
  section.hidden = false;
  const title = document.getElementById('cell-title');
  title.textContent = data.label;
  const s = data.summary;
  document.getElementById('cell-figures').textContent =
    `Demand ${s.demand} (${s.closedDeals} closed, ${s.openDeals} open), capacity ${fmt(s.capacity, 2)}, coverage ${fmt(s.coverage, 2)}, ` +
    `unmet demand ${deals(s.unmetDemand)} (one more ${topLevelName} would serve ${deals(s.oneMoreSpecialistCovers)}), ` +
    `bus factor ${s.busFactor}, ${count(s.partnersWithEvidence, 'partner', 'partners')} with evidence` +
    (s.flags.length ? `; ${s.flags.map((f) => FLAG_TEXT[f]).join(', ')}` : '');
  fill(
    document.querySelector('#cell-partners tbody'),
    data.partners.map((p) =>
      el(
        'tr',
        {},
        el('td', {}, String(p.rank)),
        el('td', {}, partnerLink(p.partnerId, p.name)),
        el('td', {}, p.level ?? '–'),
        el('td', {}, fmt(p.score)),
        el('td', {}, fmt(p.confidence, 2)),
        el('td', {}, p.country ?? '–'),
      ),
    ),
  );
  renderGapFill(data.gapFill);
  title.focus();
}

function renderMatrix(data) {
  const topLevel = data.levels[0] ?? 'Specialist';
  const byKey = new Map(data.cells.map((c) => [c.cell, c]));
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col' }, 'Sector \\ Technology'),
    data.technologies.map((t) => el('th', { scope: 'col' }, t.label)),
    el('th', { scope: 'col' }, 'Whole sector'),
  );
  const rows = data.sectors.map((s) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, s.label),
      data.technologies.map((t) => {
        const cell = byKey.get(`${s.key}|${t.key}`);
        return el('td', {}, cell ? cellButton(cell, topLevel) : '');
      }),
      el(
        'td',
        { class: 'total' },
        byKey.get(`${s.key}|*`) ? cellButton(byKey.get(`${s.key}|*`), topLevel) : '',
      ),
    ),
  );
  const totals = el(
    'tr',
    { class: 'total' },
    el('th', { scope: 'row' }, 'Whole technology'),
    data.technologies.map((t) =>
      el('td', {}, byKey.get(`*|${t.key}`) ? cellButton(byKey.get(`*|${t.key}`), topLevel) : ''),
    ),
    el('td', {}),
  );
  const table = el(
    'table',
    { class: 'heatmap', id: 'heatmap' },
    el(
      'caption',
      {},
      `${byId('f-map-level', HTMLSelectElement).value || topLevel}s per cell${regionText()} (scored as of `,
      timeAgo(data.scoredAt),
      ')',
    ),
    el('thead', {}, head),
    el('tbody', {}, rows, totals),
  );
  fill(document.getElementById('map'), table);
}

/** The sector chart shown, replaced when another region's map is shown (a canvas holds one chart). */
let sectorChart = null;

function renderSectorChart(data) {
  if (!window.Chart) return;
  sectorChart?.destroy();
  const sectors = data.sectors.map((s) => ({
    label: s.label,
    cell: data.cells.find((c) => c.cell === `${s.key}|*`),
  }));
  sectorChart = new window.Chart(byId('sector-chart', HTMLCanvasElement), {
    type: 'bar',
    data: {
      labels: sectors.map((s) => s.label),
      datasets: [
        { label: 'Demand (deals)', data: sectors.map((s) => s.cell?.demand ?? 0) },
        {
          label: 'Capacity (deals covered)',
          data: sectors.map((s) => Math.round((s.cell?.coverage ?? 0) * (s.cell?.demand ?? 0))),
        },
      ],
    },
    options: { responsive: true, maintainAspectRatio: false, animation: false },
  });
}

/** The caption's middle: whose partners are counted and whose demand they cover. */
function regionText() {
  const region = chosenRegion();
  return region
    ? ` among partners in ${region} and their coverage of the demand of customers in ${region}, gaps of ${region}`
    : ' and coverage of demand in the whole ecosystem';
}

/** Fills the filters from the map's levels, regions and flags (the level select starts on the top level). */
function fillFilters(data) {
  fill(
    byId('f-map-region', HTMLSelectElement),
    option('', 'All regions'),
    data.regions.map((r) => option(r, r)),
  );
  fill(
    byId('f-map-level', HTMLSelectElement),
    data.levels.map((l, i) => option(l, `${l}s`, i === 0)),
  );
  fill(
    byId('f-map-flag', HTMLSelectElement),
    option('', 'Any cell'),
    Object.entries(FLAG_TEXT).map(([key, text]) => option(key, `Only ${text}`)),
  );
}

/** The map of the region chosen (its customers' demand, its partners, its own gaps: as `atlas map --region`), or of all. */
async function loadMap() {
  const region = chosenRegion();
  return api(region ? `/api/map?region=${encodeURIComponent(region)}` : '/api/map');
}

/** Shows a map: priorities, matrix and chart, and how many cells it flags. */
function showMap(data) {
  renderPriorities(data);
  renderMatrix(data);
  renderSectorChart(data);
  const shown = data.cells.filter((c) => c.flags.length > 0).length;
  setStatus(`${count(data.cells.length, 'cell', 'cells')}, ${count(shown, 'flagged cell', 'flagged cells')}`);
}

guarded(async () => {
  setStatus('Loading the map…');
  let data = await api('/api/map');
  topLevelName = data.levels[0] ?? topLevelName;
  fillFilters(data);
  showMap(data);
  filters.addEventListener('change', (event) => {
    if (event.target instanceof HTMLSelectElement && event.target.id === 'f-map-region') {
      guarded(async () => {
        setStatus('Loading the map…');
        data = await loadMap();
        showMap(data);
      });
    } else {
      renderMatrix(data);
    }
  });
});
