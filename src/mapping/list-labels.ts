/**
 * List names within a CRM's label length: full sector and technology names when they fit, short codes when
 * not ("Atlas: HLS × Data & AI — Specialist"). One rule for the lists a run keeps and for `mappings check`.
 */
import type { Taxonomy, TaxonomyEntry } from '../model/index.js';

/** Words an abbreviation skips. */
const MINOR_WORDS = new Set(['and', 'of', 'the', 'for']);

/**
 * The entry's `short:` label, or one derived from its label: the initials of a name of several words
 * ("Healthcare & Life Sciences" → "HLS"), a single word of up to eight letters as it is, else its first four.
 */
export function shortCode(entry: Pick<TaxonomyEntry, 'key' | 'label' | 'short'>): string {
  if (entry.short) return entry.short;
  const words = entry.label.split(/[^\p{L}\p{N}]+/u).filter((w) => w && !MINOR_WORDS.has(w.toLowerCase()));
  if (words.length >= 2) return words.map((w) => w[0]!.toUpperCase()).join('');
  const word = words[0] ?? entry.key;
  return word.length <= 8 ? word : word.slice(0, 4);
}

/** A list's cell and level, by taxonomy key (`*` for a whole sector or technology). */
export interface ListCell {
  cell: string;
  level: string;
}

function entryOf(entries: readonly TaxonomyEntry[], key: string): TaxonomyEntry {
  return entries.find((e) => e.key === key) ?? { key, label: key, values: [] };
}

/** The cell in words, from the longest form to the shortest: full names first, then short codes. */
function cellForms(cell: string, taxonomy: Taxonomy): string[] {
  const [sectorKey = '*', technologyKey = '*'] = cell.split('|');
  const sector = sectorKey === '*' ? null : entryOf(taxonomy.sectors, sectorKey);
  const technology = technologyKey === '*' ? null : entryOf(taxonomy.technologies, technologyKey);
  if (!sector) return technology ? [technology.label, shortCode(technology)] : [cell];
  if (!technology) return [sector.label, shortCode(sector)];
  const [s, t, ss, ts] = [sector.label, technology.label, shortCode(sector), shortCode(technology)];
  return [`${s} × ${t}`, `${ss} × ${t}`, `${s} × ${ts}`, `${ss} × ${ts}`];
}

/**
 * A segment list's name: the prefix, the cell and the level, the first form within `max` characters (null:
 * no limit, full names). When even short codes do not fit the shortest form is returned, and
 * `mappings check` reports it.
 * @example listName('Atlas: ', { cell: 'healthcare|data_ai', level: 'Specialist' }, taxonomy, 40)
 * // "Atlas: HLS × Data & AI — Specialist"
 */
export function listName(prefix: string, list: ListCell, taxonomy: Taxonomy, max: number | null): string {
  const names = cellForms(list.cell, taxonomy).map((cell) => `${prefix}${cell} — ${list.level}`);
  if (max === null) return names[0]!;
  return names.find((n) => n.length <= max) ?? names[names.length - 1]!;
}
