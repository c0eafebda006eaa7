/**
 * The headline figures of a scoring run, each defined once: the CLI run summary, `atlas simulate`, the
 * demo summary, the change summary, the stored run (and so the web app) all take them from here.
 */
import { z } from 'zod';
import type { Segment } from '../model/score-levels.js';
import type { EcosystemMap } from '../model/score-map.js';
import type { ScoringConfig } from '../model/scoring.js';
import { writtenSegments } from './segments.js';
import { count, withThousands } from './words.js';

export const HeadlineFiguresSchema = z.object({
  /**
   * Partners scored: distinct partners after identity resolution, so the records one company has in
   * one or both CRMs count once (the stored record count can be higher).
   */
  partnersScored: z.number().int(),
  /** Partners with segments: partners that hold a level in at least one cell (any level, any cell kind). */
  partnersWithSegments: z.number().int(),
  /**
   * Level cells: every (partner, cell) held at a level, cells being sector × technology pairs, whole
   * sectors and whole technologies. One partner can hold many.
   */
  levelCells: z.number().int(),
  /** Level cells per level name, every level of the ladder listed (zeros included), top level first. */
  levelCellsByLevel: z.record(z.string(), z.number().int()),
  /** The top level's name (e.g. "Specialist"). */
  topLevel: z.string(),
  /** Top-level cells ("Specialist cells"): level cells held at the top level. */
  topLevelCells: z.number().int(),
  /** Partners with a top-level segment ("partners with a Specialist segment"): hold the top level in at least one cell. */
  partnersAtTopLevel: z.number().int(),
  /**
   * Segments written: what the CRM records receive in their segment fields and lists, at most
   * `segments.maxWritten` per partner (sector × technology first), summed over partners.
   */
  segmentsWritten: z.number().int(),
  /** Gaps: cells of the ecosystem map flagged `gap` (demand the partners holding a level cannot cover). */
  gaps: z.number().int(),
});
export type HeadlineFigures = z.infer<typeof HeadlineFiguresSchema>;

/** The level figures only (what a simulation, which builds no map, can tell). */
export type LevelHeadline = Omit<HeadlineFigures, 'gaps'>;

/** What the figures are computed from: each partner's segments (engine `partnerSegments`) and the map. */
export interface HeadlineInput {
  partners: readonly { segments: readonly Segment[] }[];
  map: Pick<EcosystemMap, 'cells'>;
}

/** The cells of the map that are gaps: the one definition of a gap that every count uses. */
export function gapCells<C extends { flags: readonly string[] }>(cells: readonly C[]): C[] {
  return cells.filter((c) => c.flags.includes('gap'));
}

/** Whether a partner holds `topLevel` in some cell: who "partners with a Specialist segment" counts. */
export function holdsTopLevel(partner: { segments: readonly Segment[] }, topLevel: string): boolean {
  return partner.segments.some((s) => s.level === topLevel);
}

/** The level figures of partners' segments under `config` (see {@link HeadlineFiguresSchema}). */
export function levelHeadline(partners: HeadlineInput['partners'], config: ScoringConfig): LevelHeadline {
  const ladder = config.levels.ladder.map((l) => l.name);
  const topLevel = ladder[0] ?? '';
  const byLevel: Record<string, number> = Object.fromEntries(ladder.map((name) => [name, 0]));
  let withSegments = 0;
  let atTop = 0;
  let levelCells = 0;
  let written = 0;
  for (const partner of partners) {
    if (partner.segments.length > 0) withSegments++;
    if (holdsTopLevel(partner, topLevel)) atTop++;
    for (const s of partner.segments) byLevel[s.level] = (byLevel[s.level] ?? 0) + 1;
    levelCells += partner.segments.length;
    written += writtenSegments(partner.segments, config).length;
  }
  return {
    partnersScored: partners.length,
    partnersWithSegments: withSegments,
    levelCells,
    levelCellsByLevel: byLevel,
    topLevel,
    topLevelCells: byLevel[topLevel] ?? 0,
    partnersAtTopLevel: atTop,
    segmentsWritten: written,
  };
}

/**
 * The headline figures of one scoring run.
 *
 * @example
 * const figures = headlineFigures(scoreEcosystem(input), config);
 * figures.topLevelCells; // Specialist cells
 */
export function headlineFigures(scores: HeadlineInput, config: ScoringConfig): HeadlineFigures {
  return { ...levelHeadline(scores.partners, config), gaps: gapCells(scores.map.cells).length };
}

const n = withThousands;

/**
 * The figures in words, labelled by what they count, one line each: the same lines wherever a person
 * reads them (run summary, demo, simulate). Gaps are left out of a {@link LevelHeadline}.
 */
export function headlineLines(figures: LevelHeadline | HeadlineFigures): string[] {
  const top = figures.topLevel;
  const byLevel = Object.entries(figures.levelCellsByLevel)
    .map(([level, cells]) => `${n(cells)} ${level}`)
    .join(', ');
  const lines = [
    `${count(figures.partnersScored, 'partner', 'partners', n)} scored (records of one company count once), ${n(figures.partnersWithSegments)} with at least one segment`,
    `${count(figures.levelCells, 'cell', 'cells', n)} held at a level: ${byLevel}`,
    `${count(figures.topLevelCells, `${top} cell`, `${top} cells`, n)}, held by ${count(figures.partnersAtTopLevel, `partner with a ${top} segment`, `partners with a ${top} segment`, n)}`,
    `${count(figures.segmentsWritten, 'segment', 'segments', n)} written to CRM records (the best few per partner)`,
  ];
  if ('gaps' in figures) lines.push(`${count(figures.gaps, 'gap', 'gaps', n)} in the ecosystem map`);
  return lines;
}
