// Partner page: scores per cell with the evidence behind each (linked to the CRM), next level, needs, history, teaming (co-delivery, teammates, skill sharing), and the programme team's overrides.

import {
  api,
  count,
  el,
  factsList,
  fill,
  fmt,
  guarded,
  localTime,
  option,
  partnerLink,
  setStatus,
  timeAgo,
} from './api.js';
import { openDecisionForm } from './decision-form.js';
import { can, role, withArticle } from './role.js';

/** Cells listed in full before "Show all": the partner's best ones (a partner can hold scores in ~100). */
const CELLS_SHOWN = 8;

const root = document.getElementById('partner');
const id = root.dataset.partnerId;
const base = `/api/partners/${encodeURIComponent(id)}`;

/** Editors and admins may pin, exclude and remove; viewers only read. */
const canEdit = can('editor');

/** The partner's overrides (GET …/overrides) and the ladder a pin chooses from; reloaded after each change. */
const overrides = { levels: [], list: [] };
/** Each cell's override box, by cell key, re-rendered when the overrides change. */
const overrideBoxes = new Map();
/** The cells as scored by the last run, by cell key. */
const cellsByKey = new Map();

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
    overrideBox(cell),
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
      cell.override ? el('span', { class: 'badge badge-warn' }, KIND_WORDS[cell.override.kind]) : null,
    ),
    body,
  );
}

/** How the last run's override of a cell reads in its summary. */
const KIND_WORDS = { pin: 'pinned', exclude: 'excluded', hold: 'held for review' };
const NEXT_RUN = 'Applies at the next run.';

/** The override in force on a cell, if any. */
function inForceOn(cell) {
  return overrides.list.find((o) => o.cell === cell && o.state === 'in-force');
}

/** A cell's override box: what is in force (or what the last run applied), and the editor's actions. */
function overrideBox(cell) {
  const box = el('div', { class: 'override-box', dataset: { cell: cell.cell } });
  overrideBoxes.set(cell.cell, box);
  renderOverrideBox(cell.cell);
  return box;
}

/**
 * What the badge says: the override in force in words (with the level the evidence alone gives), and when the
 * last run has not applied it yet, that the next run will; or the demotion the last run held for review.
 */
function overrideLines(cell) {
  const scored = cellsByKey.get(cell);
  const applied = scored?.override;
  const computed = applied ? applied.computedLevel : scored?.level;
  const current = inForceOn(cell);
  const lines = [];
  const evidence = `the evidence gives ${computed ?? 'no level'}`;
  if (current) {
    const pending =
      !applied || applied.kind !== current.kind || (current.kind === 'pin' && scored.level !== current.level);
    lines.push(
      el(
        'p',
        { class: 'override' },
        el('span', { class: 'badge badge-warn' }, current.words),
        pending ? ` ${NEXT_RUN}` : null,
      ),
    );
  } else if (applied?.kind === 'hold') {
    lines.push(
      el(
        'p',
        { class: 'override' },
        el(
          'span',
          { class: 'badge badge-warn' },
          `Held at ${scored.level ?? 'no level'}: demotion to ${computed ?? 'no level'} waits for review`,
        ),
        ' Approve it or keep the level on the Reviews page.',
      ),
    );
  } else if (applied) {
    lines.push(
      el(
        'p',
        { class: 'override' },
        `The last run applied an override that has since ended (${evidence}); the next run scores this cell from its evidence.`,
      ),
    );
  }
  return { lines, current };
}

function renderOverrideBox(cell) {
  const box = overrideBoxes.get(cell);
  if (!box) return;
  const { lines, current } = overrideLines(cell);
  const actions = canEdit
    ? el(
        'div',
        { class: 'actions' },
        el('button', { type: 'button', onclick: () => openOverrideForm(cell, 'pin') }, 'Pin level…'),
        el('button', { type: 'button', onclick: () => openOverrideForm(cell, 'exclude') }, 'Exclude…'),
        current
          ? el('button', { type: 'button', onclick: () => removeOverride(current) }, 'Remove override')
          : null,
      )
    : null;
  fill(box, lines, actions, el('div', { class: 'override-form-slot' }));
}

/** The small form under a cell: level (for a pin), reason, optional last day; saved through the API. */
function openOverrideForm(cell, kind) {
  const box = overrideBoxes.get(cell);
  const slot = box?.querySelector('.override-form-slot');
  if (!slot) return;
  const key = `${cellAnchor(cell)}-${kind}`;
  const scored = cellsByKey.get(cell);
  const level = el(
    'select',
    { id: `${key}-level`, name: 'level', required: true },
    overrides.levels.map((l) => option(l, l, l === (scored?.level ?? overrides.levels[0]))),
  );
  openDecisionForm({
    key,
    slot,
    label: kind === 'pin' ? 'Pin the level' : 'Exclude the cell',
    submitText: kind === 'pin' ? 'Save pin' : 'Save exclusion',
    leading: kind === 'pin' ? [el('div', {}, el('label', { for: level.id }, 'Level'), level)] : [],
    submit: async ({ reason, until }) => {
      const body = { cell, kind, reason };
      if (kind === 'pin') body.level = level.value;
      if (until) body.expiresAt = until;
      const saved = await api(`${base}/overrides`, { method: 'POST', body });
      await reloadOverrides();
      setStatus(saved.message);
    },
  });
}

async function removeOverride(o) {
  await guarded(async () => {
    const removed = await api(`/api/overrides/${encodeURIComponent(o.id)}`, { method: 'DELETE' });
    await reloadOverrides();
    setStatus(removed.message);
  });
}

async function loadOverrides() {
  const data = await api(`${base}/overrides`);
  overrides.levels = data.levels;
  overrides.list = data.overrides;
}

async function reloadOverrides() {
  await loadOverrides();
  for (const cell of overrideBoxes.keys()) renderOverrideBox(cell);
  renderOverrideList();
}

/** Every override of the partner: those in force (linking to their cell), the past ones folded. */
/** How a segment chip says its level was decided by the programme team. */
const OVERRIDE_MARK = { pin: 'pinned', hold: 'held for review', exclude: 'excluded' };

function renderOverrideList() {
  const item = (o) =>
    el(
      'li',
      { class: 'override-item', dataset: { state: o.state } },
      cellsByKey.has(o.cell)
        ? el('a', { href: `#${cellAnchor(o.cell)}`, onclick: () => openCell(o.cell) }, o.cellLabel)
        : o.cellLabel,
      ` — ${o.words}`,
    );
  const current = overrides.list.filter((o) => o.state === 'in-force');
  const past = overrides.list.filter((o) => o.state !== 'in-force');
  fill(
    document.getElementById('overrides-in-force'),
    current.length
      ? current.map(item)
      : [el('li', {}, 'No override in force: every level comes from the evidence.')],
    // Said once, where the overrides are, rather than leaving a viewer to wonder where the actions went.
    canEdit
      ? null
      : el(
          'li',
          { class: 'role-note' },
          `Pinning a level or excluding a cell needs the editor role; you are ${withArticle(role)}.`,
        ),
  );
  const pastCount = document.getElementById('overrides-past-count');
  pastCount.textContent = `Past overrides (${past.length})`;
  pastCount.parentElement.hidden = past.length === 0;
  fill(document.getElementById('overrides-past'), past.map(item));
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
            ` brings ${m.labels.join(', ')}`,
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
      ? data.segments.map((s) => {
          // A level the programme team set says so: its score alone would not explain it.
          const decided = data.cells.find((c) => c.cell === s.cell)?.override;
          const why = decided ? OVERRIDE_MARK[decided.kind] : `score ${fmt(s.score)}`;
          return el('li', {}, `${s.label} (${why})`);
        })
      : [el('li', {}, 'None yet')],
  );
  fill(
    document.getElementById('needs'),
    data.needs.length ? needGroups(data.needs) : [el('li', {}, 'No support need detected')],
  );
  // What the partner's levels earn it (benefits.yaml); the section stays hidden without benefits.
  const benefits = document.getElementById('benefits-section');
  benefits.hidden = data.benefits.length === 0;
  factsList(
    document.getElementById('benefits'),
    Object.fromEntries(data.benefits.map((b) => [b.name, b.value ?? 'None'])),
  );
  for (const c of data.cells) cellsByKey.set(c.cell, c);
  await loadOverrides();
  renderCells(data.cells);
  renderOverrideList();
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
