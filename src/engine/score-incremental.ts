/** Incremental scoring: a rescore after a few deals or certifications changed, equal to a full rescore. */
import type { Certification } from '../model/certification.js';
import type { Deal } from '../model/deal.js';
import { computeScores, type ScoreCore, type ScoreInput, scoreWithEvidence } from './score-core.js';

/** Records that changed since the previous run: the old and the new version of each. */
export interface ScoreChanges {
  /** Added, changed and removed deals; for a changed deal, both versions (its partners may have changed). */
  deals?: readonly Deal[];
  /** Added, changed and removed certifications, both versions of a changed one. */
  certifications?: readonly Certification[];
}

/** The partners whose evidence `changes` touch: every partner on any version of a changed deal or certification. */
export function touchedPartners(changes: ScoreChanges): Set<string> {
  const touched = new Set<string>();
  for (const deal of changes.deals ?? []) for (const dp of deal.partners) touched.add(dp.partnerId);
  for (const cert of changes.certifications ?? []) touched.add(cert.partnerId);
  return touched;
}

/**
 * Scores `input` reusing `previous` (the last run's core): only the partners in `changed` — and partners
 * the previous run did not have — have their evidence gathered again; the rest of their evidence rows are
 * copied. What is ecosystem-wide (demand, priors, scores, levels, needs, the map) is recomputed, so the
 * result equals `computeScores(input)` exactly. When `now`, the config or the taxonomy differ from the
 * previous run's, every partner's evidence changes and this is a full rescore.
 *
 * `changed` must name every partner of every deal and certification added, changed or removed since
 * `previous` (see touchedPartners); a partner left out keeps its old evidence. Unchanged records must
 * keep their relative order (as a store's ordered read does): a partner's sums are taken in input order.
 *
 * @example
 * const changed = touchedPartners({ deals: [...oldVersions, ...newVersions] });
 * const core = rescoreIncrementally(lastCore, { ...input, previous: lastRun.levels() }, changed);
 * const run = resultOf(core);
 */
export function rescoreIncrementally(
  previous: ScoreCore,
  input: ScoreInput,
  changed: Iterable<string>,
): ScoreCore {
  if (!sameSettings(previous.input, input)) return computeScores(input);
  return scoreWithEvidence(input, { table: previous.table, changed: new Set(changed) });
}

/** Whether two runs weigh evidence alike: same `now`, config and taxonomy (small objects, compared by value). */
function sameSettings(a: ScoreInput, b: ScoreInput): boolean {
  return (
    a.now === b.now &&
    (a.config === b.config || JSON.stringify(a.config) === JSON.stringify(b.config)) &&
    (a.taxonomy === b.taxonomy || JSON.stringify(a.taxonomy) === JSON.stringify(b.taxonomy))
  );
}
