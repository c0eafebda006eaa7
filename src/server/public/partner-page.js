// Partner page: scores per cell with the evidence behind each (linked to the CRM), next level, needs, history, and teaming (co-delivery, teammates, skill sharing).
import {
  api,
  count,
  el,
  factsList,
  fill,
  fmt,
  guarded,
  localTime,
  partnerLink,
  setStatus,
  timeAgo,
} from './api.js';

/** Cells listed in full before "Show all": the partner's best ones (a partner can hold scores in ~100). */
const CELLS_SHOWN = 8;

const root = document.getElementById('partner');
const id = root.dataset.partnerId;
const base = `/api/partners/${encodeURIComponent(id)}`;

function evidenceTable(evidence) {
  if (evidence.length === 0) return el('p', {}, 'No evidence items.');
  return el(
    'table',
    { class: 'data evidence' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ['Kind', 'Record', 'Points', 'Date'].map((h) => el('th', { scope: 'col' }, h)),
      ),
    ),
    el(
      'tbody',
      {},
      evidence.map((e) =>
        el(
          'tr',
          {},
          el('td', {}, e.kind === 'won-deal' ? 'Won deal' : 'Certification'),
          el(
            'td',
            {},
            e.url
              ? el(
                  'a',
                  { href: e.url, target: '_blank', rel: 'noopener noreferrer', class: 'crm-link' },
                  `${e.system} ${e.object} ${e.id}`,
                )
              : `${e.system} ${e.object} ${e.id}`,
          ),
          el('td', {}, fmt(e.points, 2)),
          el('td', {}, e.date ? timeAgo(e.date) : '–'),
        ),
      ),
    ),
  );
}

function cellDetails(cell) {
  const body = el('div', { class: 'cell-body' });
  const evidenceBox = el('div', {}, evidenceTable(cell.evidence));
  const more = el(
    'button',
    {
      type: 'button',
      onclick: () =>
        guarded(async () => {
          const full = await api(`${base}/cells/${encodeURIComponent(cell.cell)}`);
          fill(evidenceBox, evidenceTable(full.evidence));
          more.remove();
        }),
    },
    'Show all evidence',
  );
  const f = cell.figures;
  fill(
    body,
    el(
      'p',
      {},
      `Proof ${fmt(cell.components.proof)} + skills ${fmt(cell.components.skills)} + win rate ${fmt(cell.components.winRate)} + delivery ${fmt(cell.components.delivery)} points. `,
      `${count(f.wonCustomers, 'won customer', 'won customers')}, ${count(f.certifiedPeople, 'certified person', 'certified people')}, win rate ${f.winRate === null ? '–' : `${Math.round(f.winRate * 100)}%`}, ${count(f.openDeals, 'open deal', 'open deals')}.`,
    ),
    el('p', { class: 'next' }, cell.nextLevel ? `Next level: ${cell.nextLevel}` : 'Top level reached.'),
    evidenceBox,
    cell.evidence.length > 0 ? more : null,
  );
  return el(
    'details',
    { class: 'cell-score', id: cellAnchor(cell.cell), dataset: { cell: cell.cell } },
    el(
      'summary',
      {},
      `${cell.label} — ${cell.level ?? 'no level'} · score ${fmt(cell.score)} (confidence ${fmt(cell.confidence, 2)})`,
    ),
    body,
  );
}

/** The id of a cell's details element, for the heatmap's links. */
function cellAnchor(cell) {
  return `cell-${cell.replace(/[^a-z0-9]+/gi, '-')}`;
}

/** Marks of the ladder's levels, top level first (the ladder has three levels; a longer one repeats the last). */
const LEVEL_MARKS = ['●●●', '●●', '●'];

/**
 * The partner's expertise at a glance: sector × technology, each cell shaded by score and marked with its
 * level; a cell links to its details below.
 */
function renderExpertise(cells, facets) {
  const byCell = new Map(cells.map((c) => [c.cell, c]));
  const mark = (level) =>
    level ? (LEVEL_MARKS[facets.levels.indexOf(level)] ?? LEVEL_MARKS[LEVEL_MARKS.length - 1]) : '';
  const td = (key) => {
    const c = byCell.get(key);
    if (!c) return el('td', { class: 'x-none' }, '');
    const shade = `x-${Math.min(4, Math.floor(c.score / 20))}`;
    return el(
      'td',
      { class: `x ${shade}` },
      el(
        'a',
        {
          href: `#${cellAnchor(c.cell)}`,
          title: `${c.label}: ${c.level ?? 'no level'}, score ${fmt(c.score)}`,
          onclick: () => openCell(c.cell),
        },
        el('span', { class: 'mark' }, mark(c.level)),
        el('span', { class: 'sr-only' }, `${c.label}: ${c.level ?? 'no level'}, score ${fmt(c.score)}`),
      ),
    );
  };
  fill(
    document.getElementById('expertise'),
    el(
      'table',
      { class: 'expertise', id: 'expertise-map' },
      el(
        'caption',
        {},
        `Score per cell (darker is higher); marks: ${facets.levels.map((l, i) => `${LEVEL_MARKS[i] ?? '●'} ${l}`).join(', ')}`,
      ),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, ''),
          facets.technologies.map((t) => el('th', { scope: 'col' }, t.label)),
          el('th', { scope: 'col' }, 'Whole sector'),
        ),
      ),
      el(
        'tbody',
        {},
        facets.sectors.map((sec) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row' }, sec.label),
            facets.technologies.map((t) => td(`${sec.key}|${t.key}`)),
            td(`${sec.key}|*`),
          ),
        ),
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, 'Whole technology'),
          facets.technologies.map((t) => td(`*|${t.key}`)),
          el('td', {}),
        ),
      ),
    ),
  );
}

/** Opens a cell's details (showing all cells first when it is among the folded ones). */
function openCell(cell) {
  const details = document.getElementById(cellAnchor(cell));
  if (!details) return;
  details.hidden = false;
  if (details instanceof HTMLDetailsElement) details.open = true;
}

/** The scores per cell: the best few open to read, the rest behind one button. */
function renderCells(cells) {
  const nodes = cells.map(cellDetails);
  nodes.forEach((n, i) => {
    n.hidden = i >= CELLS_SHOWN;
  });
  const rest = cells.length - CELLS_SHOWN;
  const all = el(
    'button',
    {
      type: 'button',
      id: 'all-cells',
      onclick: () => {
        for (const n of nodes) n.hidden = false;
        all.remove();
      },
    },
    `Show ${count(rest, 'more cell', 'more cells')}`,
  );
  fill(document.getElementById('cells'), nodes, rest > 0 ? all : null);
}

const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** Score history: one small chart per cell (levels in the tooltip), so each line is read on its own. */
function renderHistory(history) {
  const box = document.getElementById('history-charts');
  if (history.series.length === 0 || !window.Chart) {
    fill(box, el('p', {}, 'No scored run yet.'));
    return;
  }
  fill(box);
  for (const series of history.series) {
    const canvas = el('canvas', {
      class: 'history-chart',
      role: 'img',
      'aria-label': `Score history in ${series.label}`,
    });
    box.append(
      el(
        'figure',
        { class: 'small-chart' },
        el('figcaption', {}, series.label),
        el('div', { class: 'chart-box' }, canvas),
      ),
    );
    new window.Chart(canvas, {
      type: 'line',
      data: {
        labels: series.points.map((p) => dayFormat.format(new Date(p.at))),
        datasets: [{ label: 'Score', data: series.points.map((p) => p.score), spanGaps: true }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: (items) => localTime(series.points[items[0]?.dataIndex ?? 0]?.at ?? ''),
              label: (item) =>
                `score ${fmt(item.parsed.y)}, ${series.points[item.dataIndex]?.level ?? 'no level'}`,
            },
          },
        },
        scales: { y: { min: 0, max: 100 } },
      },
    });
  }
}

const MODE_TEXT = {
  'joint-delivery': 'joint delivery',
  subcontracting: 'subcontracting',
  mentoring: 'mentoring',
};

/**
 * Skill sharing grouped by the other partner: one item per mentor (or learner) listing the cells, instead
 * of one repeated paragraph per cell. `other` is 'mentor' (learn from) or 'learner' (could mentor).
 */
function skillShareGroups(shares, other) {
  const groups = new Map();
  for (const share of shares) {
    const key = share[other].partnerId;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(share);
  }
  return [...groups.values()].map((list) => {
    const first = list[0];
    const partner = first[other];
    const modes = [...new Set(list.map((s) => s.mode))];
    const cells = list.map((s) => s.label).join('; ');
    const about =
      other === 'mentor'
        ? `${partner.level} (best score ${fmt(Math.max(...list.map((s) => s.mentor.score)))}, ${count(partner.wonCustomers, 'won customer', 'won customers')}, ${count(partner.certifiedPeople, 'certified person', 'certified people')}) — could help in ${count(list.length, 'cell', 'cells')}: ${cells}.`
        : `wins with too few certified people in ${count(list.length, 'cell', 'cells')}: ${cells}.`;
    return el(
      'li',
      { class: 'skill-share', dataset: { mode: modes.join(' ') } },
      partnerLink(partner.partnerId, partner.name),
      modes.map((m) => el('span', { class: 'badge' }, MODE_TEXT[m] ?? m)),
      ` ${about}`,
      el('span', { class: 'reason' }, ` Why: ${first.reason.replace(/^.*: (?=[a-z-]+ \()/, '')}`),
    );
  });
}

function renderTeaming(t) {
  const co = t.coDelivery;
  document.getElementById('co-delivery-summary').textContent =
    co.coDeliveredWonDeals > 0
      ? `${count(co.coDeliveredWonDeals, 'won deal', 'won deals')} shared with ${count(co.partners.length, 'partner', 'partners')}.`
      : 'No won deal shared with another partner.';
  fill(
    document.getElementById('co-delivery-partners'),
    co.partners.map((p) =>
      el(
        'li',
        {},
        partnerLink(p.partnerId, p.name),
        ` — ${count(p.wonDeals, 'shared won deal', 'shared won deals')}`,
      ),
    ),
  );
  fill(
    document.getElementById('teammates-list'),
    t.suggestedTeammates.length
      ? t.suggestedTeammates.map((m) =>
          el(
            'li',
            { class: 'teammate' },
            partnerLink(m.partnerId, m.name),
            ` brings ${m.labels.join(', ')} (score ${fmt(m.score)})`,
            m.coDeliveredWonDeals > 0
              ? el(
                  'span',
                  { class: 'badge co-delivered' },
                  `already won ${count(m.coDeliveredWonDeals, 'deal', 'deals')} together`,
                )
              : null,
          ),
        )
      : [el('li', {}, 'No complementary partner found (it holds no level yet, or nobody complements it).')],
  );
  fill(
    document.getElementById('learn-from'),
    t.skillSharing.learnFrom.length
      ? skillShareGroups(t.skillSharing.learnFrom, 'mentor')
      : [el('li', {}, 'No need for technical enablement that a mentor could serve.')],
  );
  fill(
    document.getElementById('teach'),
    t.skillSharing.teach.length
      ? skillShareGroups(t.skillSharing.teach, 'learner')
      : [el('li', {}, 'Nobody to mentor.')],
  );
}

/** Needs grouped by kind: one line each with its cells, the figures behind each cell folded. */
function needGroups(needs) {
  const groups = new Map();
  for (const n of needs) {
    if (!groups.has(n.label)) groups.set(n.label, []);
    groups.get(n.label).push(n);
  }
  return [...groups].map(([label, list]) =>
    list.length === 1
      ? el('li', {}, el('strong', {}, label), ': ', list[0].summary)
      : el(
          'li',
          {},
          el(
            'details',
            {},
            el('summary', {}, el('strong', {}, label), ` in ${count(list.length, 'cell', 'cells')}`),
            el(
              'ul',
              {},
              list.map((n) => el('li', {}, n.summary)),
            ),
          ),
        ),
  );
}

guarded(async () => {
  setStatus('Loading…');
  const data = await api(base);
  const p = data.partner;
  document.title = `${p.name} · Partner Atlas`;
  document.querySelector('h1').textContent = p.name;
  document.getElementById('partner-name').textContent = data.primarySegment?.label ?? 'No segment yet';
  factsList(document.getElementById('partner-facts'), {
    Domain: p.domain,
    Country: p.country,
    Region: p.region,
    Type: p.partnerType,
    'Legacy tier': p.legacyTier,
    'Scored as of': timeAgo(data.scoredAt),
  });
  const refs = el(
    'dd',
    {},
    p.sourceRefs.map((r) =>
      r.url
        ? el(
            'a',
            { href: r.url, target: '_blank', rel: 'noopener noreferrer', class: 'crm-link' },
            `${r.system} ${r.object} ${r.id}`,
          )
        : `${r.system} ${r.object} ${r.id}`,
    ),
  );
  document.getElementById('partner-facts').append(el('dt', {}, 'CRM records'), refs);
  fill(
    document.getElementById('segments'),
    data.segments.length
      ? data.segments.map((s) => el('li', {}, `${s.label} (score ${fmt(s.score)})`))
      : [el('li', {}, 'None yet')],
  );
  fill(
    document.getElementById('needs'),
    data.needs.length ? needGroups(data.needs) : [el('li', {}, 'No support need detected')],
  );
  renderCells(data.cells);
  const [teaming, history, list] = await Promise.all([
    api(`${base}/teaming`),
    api(`${base}/history`),
    api('/api/partners?limit=1'),
  ]);
  renderExpertise(data.cells, list.facets);
  renderTeaming(teaming);
  renderHistory(history);
  setStatus('');
});
