/** What `atlas explain <partner>` prints: the scores per cell, the evidence behind each, what the next level lacks, its needs. */
import {
  cellLabel,
  count,
  dayInWords,
  describeMissing,
  describeOverride,
  optionInWords,
} from '../engine/index.js';
import { AtlasError } from '../errors.js';
import { type CellScore, type Partner, refKey, type Taxonomy } from '../model/index.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { withCurrentScores } from './scored-store.js';

/** Cells shown on the terminal, best first (all with --json). */
const CELLS_SHOWN = 8;

/** By Atlas id, by CRM record id, or by a unique part of the name. */
export function findPartner(partners: readonly Partner[], query: string): Partner {
  const exact = partners.find(
    (p) => p.id === query || p.sourceRefs.some((r) => r.id === query || refKey(r) === query),
  );
  if (exact) return exact;
  const needle = query.toLowerCase();
  const named = partners.filter((p) => p.name.toLowerCase().includes(needle));
  if (named.length === 1) return named[0]!;
  if (named.length === 0)
    throw new AtlasError('USAGE', `no partner matches "${query}" (by id, CRM id or name)`);
  const sample = named.slice(0, 8).map((p) => `  ${p.id}  ${p.name}`);
  throw new AtlasError(
    'USAGE',
    `"${query}" matches ${named.length} partners; give an id:\n${sample.join('\n')}`,
  );
}

/** When the demotion of each held cell was first found, by `partnerId|cell` (from the review queue). */
export type HeldSince = ReadonlyMap<string, string>;

/**
 * One cell on the terminal: score, level and figures, the override that decided its level, its best
 * evidence, then what the next level lacks.
 */
export function formatExplainedCell(
  cell: CellScore,
  taxonomy: Taxonomy,
  options: { heldSince?: HeldSince; now?: string } = {},
): string[] {
  const f = cell.figures;
  const lines = [
    `  ${cellLabel(cell.cell, taxonomy)}: score ${cell.score.toFixed(1)}, ${cell.level ?? 'no level'}, confidence ${Math.round(cell.confidence * 100)}% — ${count(f.wonCustomers, 'won customer', 'won customers')}, ${count(f.certifiedPeople, 'certified person', 'certified people')}, ${f.winRate === null ? 'no closed deals' : `win rate ${Math.round(f.winRate * 100)}%`}`,
  ];
  if (cell.override) {
    const heldSince = options.heldSince?.get(`${cell.partnerId}|${cell.cell}`) ?? null;
    lines.push(
      `      ${describeOverride(cell.override, cell.level, { heldSince, ...(options.now ? { now: options.now } : {}) })}`,
    );
  }
  for (const item of cell.top.slice(0, 3)) {
    lines.push(
      `      ${item.kind === 'won-deal' ? 'won deal' : 'certification'} ${refKey(item.source)} (${item.date ? dayInWords(item.date) : 'no date'}): +${item.points.toFixed(1)} points`,
    );
  }
  if (cell.next) lines.push(`      next: ${describeMissing(cell.next, cell.cell, taxonomy)}`);
  return lines;
}

export async function explainPartner(
  context: CliContext,
  query: string,
  options: { db?: string; now?: string; json?: boolean },
): Promise<void> {
  await withCurrentScores(context, options, ({ model, scores, programme }, mappings) => {
    const partner = findPartner(model.partners, query);
    const result = scores.partners.find((p) => p.partnerId === partner.id);
    // Cells an override decided come first: they are what a reader of a disputed level looks for.
    const cells = scores
      .cellsOf(partner.id)
      .sort(
        (a, b) => Number(b.override !== undefined) - Number(a.override !== undefined) || b.score - a.score,
      );
    const heldSince: HeldSince = new Map(
      programme.reviews
        .filter((r) => r.status === 'pending')
        .map((r) => [`${r.partnerId}|${r.cell}`, r.firstSeenAt]),
    );
    if (options.json) {
      context.out(JSON.stringify({ partner, result, cells }, null, 2));
      return;
    }
    const taxonomy = mappings.taxonomy;
    context.out(`${partner.name}  (${partner.id})`);
    context.out(`  CRM records: ${partner.sourceRefs.map(refKey).join(', ')}`);
    context.out(
      `  ${[partner.country, partner.region, partner.partnerType && optionInWords(partner.partnerType)]
        .filter(Boolean)
        .join(' · ')}${partner.legacyTier ? ` · legacy tier ${partner.legacyTier}` : ''}`,
    );
    context.out(`  Primary segment: ${result?.primarySegment?.label ?? 'none yet'}`);
    if (result && result.segments.length > 1) {
      context.out(`  Segments: ${result.segments.map((s) => s.label).join('; ')}`);
    }
    for (const cell of cells.slice(0, CELLS_SHOWN))
      for (const line of formatExplainedCell(cell, taxonomy, { heldSince, now: scores.scoredAt }))
        context.out(line);
    if (cells.length > CELLS_SHOWN)
      context.out(`  … ${count(cells.length - CELLS_SHOWN, 'more cell', 'more cells')} (--json for all)`);
    for (const need of result?.needs ?? []) context.out(`  Needs: ${need.summary}`);
  });
  context.exit(EXIT.ok);
}
