/**
 * A partner's scorecard: what it holds, the counts behind it, what the next level needs and the support it
 * can ask for, phrased for the partner. Only the opted-in sections are built; nothing internal (ids, CRM
 * records, raw keys, override reasons or authors, other partners) ever enters it.
 */
import { z } from 'zod';
import { cellLabel } from '../../engine/index.js';
import { type ScorecardConfig, type ScorecardSection, ScorecardSectionSchema } from '../../mapping/index.js';
import type { PartnerBenefit } from '../../model/benefits.js';
import type { CellScore, Need, NeedKind, PartnerScore, Taxonomy } from '../../model/index.js';
import { NEED_LABELS } from '../../writeback/index.js';
import {
  DEFAULT_SUPPORT_OFFERS,
  dayInWords,
  evidenceCounts,
  levelHeld,
  levelTrend,
  nextLevelNeeds,
  supportAreas,
} from './partner-words.js';

/** Cells whose next level a scorecard spells out: the partner's strongest few, so the page stays a page. */
const NEXT_LEVELS_SHOWN = 3;

const AreaLineSchema = z.object({ area: z.string(), sentence: z.string() });

export const ScorecardSchema = z.object({
  partnerName: z.string(),
  /** The day the scores are as of, in words ("30 June 2025"). */
  asOf: z.string(),
  /** "You are a Specialist partner in Healthcare × Data & AI." */
  headline: z.string(),
  /** The sections present below, in display order. */
  sections: z.array(ScorecardSectionSchema),
  segments: z.array(AreaLineSchema.extend({ level: z.string() })).optional(),
  evidence: z
    .array(
      AreaLineSchema.extend({
        wonCustomers: z.number().int(),
        certifiedPeople: z.number().int(),
        certifications: z.number().int(),
      }),
    )
    .optional(),
  /** Each benefit of benefits.yaml the partner's levels give a value: "Lead priority: High". */
  benefits: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  nextLevel: z.array(AreaLineSchema.extend({ level: z.string() })).optional(),
  support: z.array(z.object({ label: z.string(), areas: z.string(), sentence: z.string() })).optional(),
  trend: z.array(AreaLineSchema).optional(),
});
export type Scorecard = z.infer<typeof ScorecardSchema>;

/** One stored level of a cell in a past run (the store's score history, reduced to what a trend needs). */
export interface LevelPoint {
  cell: string;
  level: string | null;
  at: string;
}

export interface ScorecardInput {
  partnerName: string;
  scoredAt: string;
  score: PartnerScore;
  /** The partner's cell scores (with overrides applied by the engine). */
  cells: readonly CellScore[];
  /** What its levels earn it (engine `partnerBenefits`), in benefits.yaml's order. */
  benefits: readonly PartnerBenefit[];
  taxonomy: Taxonomy;
  /** Level names, top first. */
  ladder: readonly string[];
  config: ScorecardConfig;
  /** Sections to build; the ones the configuration does not opt in to are dropped whatever is asked. */
  sections: readonly ScorecardSection[];
  /** The partner's stored levels over runs, for the trend; absent when the trend is not shown. */
  history?: readonly LevelPoint[];
}

function headline(score: PartnerScore, taxonomy: Taxonomy): string {
  const primary = score.primarySegment;
  if (!primary) return 'You do not hold a level yet; below is what the first one needs.';
  return levelHeld(primary.level, cellLabel(primary.cell, taxonomy));
}

function supportLines(needs: readonly Need[], taxonomy: Taxonomy, config: ScorecardConfig) {
  const byKind = new Map<NeedKind, string[]>();
  for (const need of needs) {
    const areas = byKind.get(need.need) ?? [];
    if (need.cell) areas.push(cellLabel(need.cell, taxonomy));
    byKind.set(need.need, areas);
  }
  return [...byKind].map(([kind, areas]) => ({
    label: NEED_LABELS[kind],
    areas: supportAreas([...new Set(areas)]),
    sentence: config.support[kind] ?? DEFAULT_SUPPORT_OFFERS[kind],
  }));
}

function trendLines(
  input: ScorecardInput,
  cellsByKey: ReadonlyMap<string, CellScore>,
): NonNullable<Scorecard['trend']> {
  const rank = (level: string) => {
    const i = input.ladder.indexOf(level);
    return i < 0 ? input.ladder.length : i;
  };
  return input.score.segments.flatMap((segment) => {
    const points = (input.history ?? [])
      .filter((p) => p.cell === segment.cell)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const first = points[0];
    if (!first || !cellsByKey.has(segment.cell)) return [];
    let lastDifferent = -1;
    points.forEach((p, i) => {
      if (p.level !== segment.level) lastDifferent = i;
    });
    const since = points[lastDifferent + 1]?.at ?? first.at;
    const area = cellLabel(segment.cell, input.taxonomy);
    const sentence = levelTrend({
      level: segment.level,
      previous: points[lastDifferent]?.level ?? null,
      area,
      since,
      changed: lastDifferent >= 0,
      rank,
    });
    return [{ area, sentence }];
  });
}

/**
 * Builds the scorecard of one partner from its scores. Sections outside both `sections` and the
 * configuration's opt-ins are absent (not empty).
 * @example buildScorecard({ ...input, sections: ['segments'] }).evidence // undefined
 */
export function buildScorecard(input: ScorecardInput): Scorecard {
  const { taxonomy, score, config } = input;
  const shown = input.sections.filter((s) => config.sections[s]);
  const cellsByKey = new Map(input.cells.map((c) => [c.cell, c]));
  const card: Scorecard = {
    partnerName: input.partnerName,
    asOf: dayInWords(input.scoredAt),
    headline: headline(score, taxonomy),
    sections: shown,
  };
  for (const section of shown) {
    switch (section) {
      case 'segments':
        card.segments = score.segments.map((s) => {
          const area = cellLabel(s.cell, taxonomy);
          return { area, level: s.level, sentence: levelHeld(s.level, area) };
        });
        break;
      case 'evidence':
        card.evidence = score.segments.flatMap((s) => {
          const cell = cellsByKey.get(s.cell);
          if (!cell) return [];
          const { wonCustomers, certifiedPeople, activeCertifications } = cell.figures;
          return [
            {
              area: cellLabel(s.cell, taxonomy),
              wonCustomers,
              certifiedPeople,
              certifications: activeCertifications,
              sentence: evidenceCounts(wonCustomers, certifiedPeople, activeCertifications),
            },
          ];
        });
        break;
      case 'benefits':
        // Only benefits with a value: "none" for a benefit the partner has not earned reads as a refusal.
        card.benefits = input.benefits.flatMap((b) =>
          b.value === null ? [] : [{ name: b.name, value: b.value }],
        );
        break;
      case 'nextLevel':
        // A level a programme team set by hand is held as it is: what the evidence alone would next give is not the partner's goal.
        card.nextLevel = input.cells
          .filter((c) => c.kind === 'pair' && c.next !== null && c.override === undefined)
          .sort((a, b) => b.score - a.score || (a.cell < b.cell ? -1 : 1))
          .slice(0, NEXT_LEVELS_SHOWN)
          .flatMap((c) =>
            c.next
              ? [
                  {
                    area: cellLabel(c.cell, taxonomy),
                    level: c.next.level,
                    sentence: nextLevelNeeds(c.next, c.cell, taxonomy),
                  },
                ]
              : [],
          );
        break;
      case 'support':
        card.support = supportLines(score.needs, taxonomy, config);
        break;
      case 'trend':
        card.trend = trendLines(input, cellsByKey);
        break;
    }
  }
  return card;
}
