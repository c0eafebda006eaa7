/**
 * `mappings check` for list names: every list a write-back `lists:` entry could create (each cell of its kinds
 * × each of its levels) must have a name of its own within the CRM's label length, short codes included.
 */
import type { MappingProblem } from '../errors.js';
import type { ListGrouping, Taxonomy, TaxonomyEntry } from '../model/index.js';
import { type ListOptions, listLevels } from '../model/list-options.js';
import { listName, shortCode } from './list-labels.js';
import type { YamlLocator } from './yaml-positions.js';

/** A `lists:` entry as the check reads it. */
type ListEntry = { per: ListGrouping; namePrefix: string; nameMax: number | null } & ListOptions;

type Axis = 'sectors' | 'technologies';

interface PossibleList {
  name: string;
  /** The cell and level in full words ("Healthcare & Life Sciences × Data & AI — Specialist"). */
  words: string;
  sector: number | null;
  technology: number | null;
}

/** Every list an entry could create, with the taxonomy entries (by index) its cell is made of. */
function possibleLists(entry: ListEntry, taxonomy: Taxonomy, ladder: readonly { name: string }[]) {
  const cells: { sector: number | null; technology: number | null }[] = [];
  const sectors = taxonomy.sectors.map((_, i) => i);
  const technologies = taxonomy.technologies.map((_, i) => i);
  if (entry.cells.includes('pair'))
    for (const s of sectors) for (const t of technologies) cells.push({ sector: s, technology: t });
  if (entry.cells.includes('sector')) for (const s of sectors) cells.push({ sector: s, technology: null });
  if (entry.cells.includes('technology'))
    for (const t of technologies) cells.push({ sector: null, technology: t });
  const lists: PossibleList[] = [];
  for (const cell of cells) {
    const sector = cell.sector === null ? null : taxonomy.sectors[cell.sector]!;
    const technology = cell.technology === null ? null : taxonomy.technologies[cell.technology]!;
    const key = `${sector?.key ?? '*'}|${technology?.key ?? '*'}`;
    const full = [sector?.label, technology?.label].filter(Boolean).join(' × ');
    for (const level of listLevels(entry, ladder)) {
      const name = listName(entry.namePrefix, { cell: key, level }, taxonomy, entry.nameMax);
      lists.push({ name, words: `${full} — ${level}`, ...cell });
    }
  }
  return lists;
}

/** Where a `short:` would go: the entry's `short`, or its label when it has none. */
function entryPath(axis: Axis, index: number, entry: TaxonomyEntry) {
  return [axis, index, entry.short ? 'short' : 'label'];
}

const shortWords = (entry: TaxonomyEntry) =>
  `${entry.label} (short code "${shortCode(entry)}"${entry.short ? '' : ', derived'})`;

/**
 * Problems of the list names of one CRM's write-back, located in the taxonomy file: two lists with one name
 * (naming both, at the entry whose `short:` would tell them apart) and names longer than the CRM holds.
 */
export function listLabelProblems(options: {
  lists: readonly ListEntry[];
  /** The mapping file's name, for hints ("salesforce.yaml"). */
  mappingFile: string;
  /** The CRM's name ("Salesforce"). */
  crm: string;
  taxonomy: Taxonomy;
  taxonomyLocator: YamlLocator;
  ladder: readonly { name: string }[];
}): MappingProblem[] {
  const { taxonomy, taxonomyLocator: locator } = options;
  const problems: MappingProblem[] = [];
  const reported = new Set<string>();
  const entryOf = (axis: Axis, i: number) =>
    axis === 'sectors' ? taxonomy.sectors[i]! : taxonomy.technologies[i]!;
  options.lists.forEach((entry, listIndex) => {
    const max = entry.nameMax;
    if (entry.per !== 'segment' || max === null) return;
    const seen = new Map<string, PossibleList>();
    for (const list of possibleLists(entry, taxonomy, options.ladder)) {
      if (list.name.length > max) {
        // Blame the entry with the longer short code: shortening it helps most.
        const [axis, i] = blamed(list, taxonomy);
        const id = `long|${listIndex}|${axis}|${i}`;
        if (reported.has(id)) continue;
        reported.add(id);
        const e = entryOf(axis, i);
        problems.push(
          locator.problem(
            entryPath(axis, i, e),
            `the ${options.crm} list "${list.words}" would be named "${list.name}", ${list.name.length} characters; ${options.crm} holds ${max}`,
            `give ${shortWords(e)} a shorter \`short:\`, or shorten lists[${listIndex}].namePrefix in ${options.mappingFile}`,
            'value',
          ),
        );
        continue;
      }
      const other = seen.get(list.name);
      if (!other) {
        seen.set(list.name, list);
        continue;
      }
      // One problem per pair of taxonomy entries, however many levels and cells share the clash.
      const bySector = list.sector !== other.sector && list.sector !== null;
      const axis: Axis = bySector ? 'sectors' : 'technologies';
      const i = (bySector ? list.sector : list.technology) ?? 0;
      const id = `same|${listIndex}|${axis}|${bySector ? other.sector : other.technology}|${i}`;
      if (reported.has(id)) continue;
      reported.add(id);
      const e = entryOf(axis, i);
      problems.push(
        locator.problem(
          entryPath(axis, i, e),
          `the ${options.crm} lists "${other.words}" and "${list.words}" would both be named "${list.name}"`,
          `give ${shortWords(e)} a \`short:\` of its own`,
          'value',
        ),
      );
    }
  });
  return problems;
}

/** The taxonomy entry of a list's cell whose short code is longer (sector on a tie). */
function blamed(list: PossibleList, taxonomy: Taxonomy): [Axis, number] {
  if (list.technology === null) return ['sectors', list.sector ?? 0];
  if (list.sector === null) return ['technologies', list.technology];
  const s = shortCode(taxonomy.sectors[list.sector]!).length;
  const t = shortCode(taxonomy.technologies[list.technology]!).length;
  return t > s ? ['technologies', list.technology] : ['sectors', list.sector];
}
