/** Which lists a write-back `lists:` entry asks for: the levels, the kinds of cell and how many at most. */
import { z } from 'zod';
import { CellKindSchema } from './score-cell.js';

/** Lists of one cell kind kept when `max` is not given: the biggest by members. */
export const LIST_MAX_DEFAULT = 100;

/**
 * Whole sectors are left out by default: a rep looks for a partner in a sector for a technology (pair) or for
 * a technology anywhere; a whole-sector list mixes every technology and is seldom what sales asks for.
 */
export const LIST_CELL_KINDS_DEFAULT = ['pair', 'technology'] as const;

/** The options every CRM's `lists:` entry shares (spread into its zod object). */
export const ListOptionsShape = {
  /** Levels whose segments get lists; absent: the top two levels of the scoring ladder. */
  levels: z.array(z.string().min(1)).min(1).optional(),
  /** Cell kinds whose segments get lists (pair = sector × technology). */
  cells: z
    .array(CellKindSchema)
    .min(1)
    .default([...LIST_CELL_KINDS_DEFAULT]),
  /** Lists per cell kind at most; beyond it the lists with the most members are kept. */
  max: z.number().int().positive().default(LIST_MAX_DEFAULT),
};
const ListOptionsSchema = z.object(ListOptionsShape);
export type ListOptions = z.infer<typeof ListOptionsSchema>;

/** The levels that get lists: the ones named, or the top two of the ladder (highest first). */
export function listLevels(
  options: { levels?: readonly string[] | undefined },
  ladder: readonly { name: string }[],
): string[] {
  return options.levels ? [...options.levels] : ladder.slice(0, 2).map((l) => l.name);
}
