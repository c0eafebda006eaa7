// Renders a run's figures and change summary: per CRM the pull, schema drift, write-back with failures and
// drift (hand edits found on fields Atlas writes), and what changed in the ecosystem since the last run.
import { el, fmt, localTime, runName, timeAgo } from './api.js';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function table(caption, headers, rows) {
  return el(
    'table',
    { class: 'data' },
    el('caption', {}, caption),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        headers.map((h) => el('th', { scope: 'col' }, h)),
      ),
    ),
    el(
      'tbody',
      {},
      rows.map((cells) =>
        el(
          'tr',
          {},
          cells.map((c) => el('td', {}, c === null || c === undefined ? '–' : String(c))),
        ),
      ),
    ),
  );
}

function facts(entries) {
  return el(
    'dl',
    { class: 'facts' },
    entries.flatMap(([k, v]) => [
      el('dt', {}, k),
      el('dd', {}, typeof v === 'number' ? fmt(v, 2) : String(v)),
    ]),
  );
}

/** A stored value in words: lists joined, objects as "label: value" pairs, empty as "(empty)" (never JSON). */
function show(v) {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (Array.isArray(v)) return v.map(show).join('; ');
  if (isObject(v))
    return Object.entries(v)
      .map(([k, x]) => `${figureLabel(k)}: ${show(x)}`)
      .join(', ');
  return v;
}

/** Words for the figures runs record (`model.partners`, …) and the change counts; keys are never shown. */
const FIGURE_LABELS = {
  'model.partners': 'Partners read',
  'model.deals': 'Deals read',
  'model.certifications': 'Certifications read',
  'model.people': 'People read',
  'model.identityConflicts': 'Identity conflicts',
  'model.duplicatesMerged': 'Duplicates merged',
  'score.partners': 'Partners scored',
  'score.cellScores': 'Cell scores',
  'score.partnersWithSegments': 'Partners with a segment',
  'score.levelChanges': 'Level changes',
  'snapshot.changedCells': 'Cell scores changed',
  'snapshot.removedCells': 'Cell scores removed',
  partners: 'Partners',
  partnersWithSegments: 'Partners with a segment',
  promoted: 'Promotions',
  demoted: 'Demotions',
  newGaps: 'New gaps',
  closedGaps: 'Closed gaps',
  coverageMoved: 'Cells whose coverage moved',
};

/** A figure's label; a key without one is spelled out ("cellScores" → "Cell scores"), never shown raw. */
export function figureLabel(key) {
  if (FIGURE_LABELS[key]) return FIGURE_LABELS[key];
  const words = (key.split('.').pop() ?? key).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The figures shown in the Runs table, in this order, when the run has them. */
const LIST_FIGURES = [
  'score.partners',
  'partners',
  'score.partnersWithSegments',
  'partnersWithSegments',
  'score.levelChanges',
];

/** Plain numbers and booleans of a run's figures, one level deep, by figure key (`model.partners`), without the stored map. */
function figureValues(figures) {
  const out = new Map();
  if (!isObject(figures)) return out;
  for (const [key, value] of Object.entries(figures)) {
    if (typeof value === 'number' || typeof value === 'boolean') out.set(key, value);
    else if (isObject(value) && key !== 'systems' && key !== 'durationsMs') {
      for (const [k, v] of Object.entries(value))
        if (typeof v === 'number' || typeof v === 'boolean') out.set(`${key}.${k}`, v);
    }
  }
  return out;
}

/** Figures the run's "Scores" lines already say (src/engine/headline-figures.ts), not repeated as facts. */
const IN_HEADLINE = new Set(['dryRun', 'score.partners', 'score.partnersWithSegments']);

/** A run's figures as [label, value] pairs; the dry-run flag is left to the run's "Dry run" mark. */
export function headlineFigures(figures) {
  return [...figureValues(figures)]
    .filter(([key]) => !IN_HEADLINE.has(key))
    .map(([key, value]) => [figureLabel(key), typeof value === 'boolean' ? (value ? 'yes' : 'no') : value]);
}

/** The few figures of the Runs table, as [label, value] pairs. */
export function listFigures(figures) {
  const values = figureValues(figures);
  return LIST_FIGURES.filter((k) => values.has(k)).map((k) => [figureLabel(k), values.get(k)]);
}

function systemSection(system, s) {
  const parts = [el('h4', {}, system)];
  if (s.error) parts.push(el('p', { class: 'error' }, s.error));
  const pull = s.pull;
  if (isObject(pull)) {
    const entities = Object.entries(pull.entities ?? {});
    if (entities.length)
      parts.push(
        table(
          `${system}: records read`,
          ['Entity', 'Object', 'Fetched', 'Stored', 'Issues', 'Deleted', 'Read via', 'Error'],
          entities.map(([name, e]) => [
            name,
            e.object,
            e.fetched,
            e.stored,
            e.issues,
            e.deleted,
            (e.via ?? []).join(', '),
            e.error,
          ]),
        ),
      );
    if (pull.stoppedBy) parts.push(el('p', { class: 'error' }, `Stopped early: ${pull.stoppedBy}`));
    if ((pull.schemaProblems ?? []).length)
      parts.push(
        el('h5', {}, 'Schema drift'),
        el(
          'ul',
          { class: 'problems' },
          pull.schemaProblems.map((p) => el('li', { class: 'problem' }, p)),
        ),
      );
    if ((pull.missingOptional ?? []).length)
      parts.push(
        el('h5', {}, 'Optional fields missing (read without them)'),
        el(
          'ul',
          { class: 'problems' },
          pull.missingOptional.map((p) => el('li', {}, p)),
        ),
      );
  }
  const coverage = s.coverage;
  if (isObject(coverage) && coverage.deals > 0) {
    const of = (part) => `${part.toLocaleString('en-US')} of ${coverage.wonDeals.toLocaleString('en-US')}`;
    parts.push(
      facts([
        ['won deals without a partner', of(coverage.wonWithoutPartner)],
        ['won deals without a sector', of(coverage.wonWithoutSector)],
        ['won deals without a technology', of(coverage.wonWithoutTechnology)],
        ['deals usable as evidence', coverage.usableDeals],
        ['certifications usable as evidence', coverage.usableCertifications],
      ]),
    );
  }
  const wb = s.writeback;
  if (isObject(wb)) {
    parts.push(
      facts([
        ['write-back', wb.dryRun ? 'Dry run (nothing written)' : 'written'],
        ['records to update', wb.recordsToUpdate],
        ['fields written', wb.fieldsWritten],
        ['written', wb.written],
        ['failed', wb.failed],
        ['held', wb.held],
        ['drift', wb.drift],
      ]),
    );
    if ((wb.failures ?? []).length)
      parts.push(
        table(
          `${system}: failed records`,
          ['Record', 'Code', 'Message', 'Retried'],
          wb.failures.map((f) => [f.recordId, f.code, f.message, f.transient ? 'yes' : 'no']),
        ),
      );
    if ((wb.heldRecords ?? []).length)
      parts.push(
        table(
          `${system}: records waiting to be written again`,
          ['Record', 'Code', 'Message', 'Attempts', 'Next try'],
          wb.heldRecords.map((h) => [
            h.recordId,
            h.code,
            h.message,
            h.attempts,
            h.reason === 'too-many-attempts'
              ? 'when its values change, or a run with --full'
              : localTime(h.retryAfter),
          ]),
        ),
      );
    if ((wb.driftReport ?? []).length)
      parts.push(
        table(
          `${system}: drift — fields changed in the CRM since Atlas wrote them`,
          ['Record', 'Field', 'Atlas wrote', 'CRM holds'],
          wb.driftReport.map((d) => [d.recordId, d.field, show(d.written), show(d.found)]),
        ),
      );
  }
  return el('section', { class: 'system', dataset: { system } }, parts);
}

/** Per-CRM sections of a pipeline run's figures (empty for runs that have none). */
export function systemSections(figures) {
  if (!isObject(figures) || !isObject(figures.systems)) return [];
  const sections = Object.entries(figures.systems).map(([system, s]) => systemSection(system, s));
  const duplicates = isObject(figures.model) ? (figures.model.duplicates ?? []) : [];
  if (duplicates.length > 0)
    sections.unshift(
      el('section', { class: 'duplicates' }, [
        el('h4', {}, 'Duplicates merged (records of one company in one CRM)'),
        el(
          'ul',
          {},
          duplicates.map((d) => el('li', {}, d)),
        ),
      ]),
    );
  return sections;
}

function levelChanges(caption, items) {
  return table(
    caption,
    ['Partner', 'Cell', 'From', 'To', 'Why'],
    items.map((c) => [
      c.partner,
      c.label ?? c.cell,
      c.from ?? 'none',
      c.to ?? 'none',
      (c.reasons ?? []).join('; '),
    ]),
  );
}

/** The change summary: counts, promotions and demotions with reasons, gaps opened / closed, coverage moves. */
export function changeSections(summary) {
  if (!isObject(summary)) return [el('p', {}, 'No change summary recorded.')];
  if (!isObject(summary.counts))
    return [facts(Object.entries(summary).map(([k, v]) => [figureLabel(k), show(v)]))];
  const out = [
    el(
      'p',
      {},
      summary.since
        ? `Since the ${runName(summary.since).replace(/^Run/, 'run')} (`
        : 'First scored run: nothing to compare with.',
      summary.since ? timeAgo(summary.since.startedAt) : null,
      summary.since ? ')' : null,
    ),
    facts(Object.entries(summary.counts).map(([k, v]) => [figureLabel(k), v])),
  ];
  if ((summary.promoted ?? []).length) out.push(levelChanges('Promoted', summary.promoted));
  if ((summary.demoted ?? []).length) out.push(levelChanges('Demoted', summary.demoted));
  if ((summary.newGaps ?? []).length) out.push(el('p', {}, `New gaps: ${summary.newGaps.join(', ')}`));
  if ((summary.closedGaps ?? []).length)
    out.push(el('p', {}, `Closed gaps: ${summary.closedGaps.join(', ')}`));
  if ((summary.coverageMoved ?? []).length)
    out.push(
      table(
        'Coverage moved',
        ['Cell', 'Before', 'After'],
        summary.coverageMoved.map((m) => [m.label ?? m.cell, fmt(m.before, 2), fmt(m.after, 2)]),
      ),
    );
  return out;
}
