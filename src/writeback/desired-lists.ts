/** The CRM lists Atlas keeps: one per segment (or need), with the records of the partners in it. */
import type { DesiredList } from '../../connectors/types.js';
import { count } from '../engine/index.js';
import { listName } from '../mapping/list-labels.js';
import type { CellKind, Taxonomy } from '../model/index.js';
import { listLevels } from '../model/list-options.js';
import type { DesiredRecord } from './desired-records.js';
import { NEED_LABELS } from './need-labels.js';
import type { TargetList, WritebackTarget } from './writeback-target.js';

/** What names the lists and picks their levels: the taxonomy (short codes) and the scoring ladder. */
export interface ListVocabulary {
  taxonomy: Taxonomy;
  /** The scoring ladder, highest level first. */
  ladder: readonly { name: string }[];
}

/** Lists a `max` left out, per list entry and cell kind. */
export interface ListsLeftOut {
  namePrefix: string;
  kind: CellKind;
  count: number;
}

interface Group {
  key: string;
  name: string;
  filterValue: string;
  /** Null for need lists (no cap). */
  kind: CellKind | null;
}

/** The groups a partner belongs to for one list entry. */
function groupsOf(list: TargetList, record: DesiredRecord, vocabulary: ListVocabulary | undefined): Group[] {
  if (list.per === 'need') {
    const needs = [...new Set(record.score.needs.map((n) => n.need))];
    return needs.map((need) => ({
      key: need,
      name: `${list.namePrefix}Needs ${NEED_LABELS[need].toLowerCase()}`,
      filterValue: NEED_LABELS[need],
      kind: null,
    }));
  }
  const levels = vocabulary ? listLevels(list, vocabulary.ladder) : list.levels;
  return record.segments
    .filter((s) => list.cells.includes(s.kind) && (!levels || levels.includes(s.level)))
    .map((s) => ({
      key: `${s.cell}|${s.level}`,
      name: vocabulary
        ? listName(list.namePrefix, s, vocabulary.taxonomy, list.nameMax)
        : `${list.namePrefix}${s.label}`,
      filterValue: s.label,
      kind: s.kind,
    }));
}

const byName = (a: DesiredList, b: DesiredList) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Every list the target's mapping asks for (levels, cell kinds, at most `max` per kind: the ones with the most
 * members), members sorted, lists sorted by name; and how many lists `max` left out. Without a vocabulary the
 * names carry the segment labels as they are and every level gets lists unless the mapping names them.
 */
export function selectLists(
  target: WritebackTarget,
  records: readonly DesiredRecord[],
  vocabulary?: ListVocabulary,
): { lists: DesiredList[]; leftOut: ListsLeftOut[] } {
  const kept: DesiredList[] = [];
  const leftOut: ListsLeftOut[] = [];
  for (const list of target.lists) {
    const lists = new Map<string, { entry: DesiredList; kind: CellKind | null }>();
    for (const record of records) {
      for (const group of groupsOf(list, record, vocabulary)) {
        let found = lists.get(group.key);
        if (!found) {
          const { key, name, filterValue } = group;
          found = { entry: { per: list.per, key, name, memberIds: [], filterValue }, kind: group.kind };
          lists.set(group.key, found);
        }
        found.entry.memberIds.push(record.recordId);
      }
    }
    const byKind = new Map<CellKind | null, DesiredList[]>();
    for (const { entry, kind } of lists.values()) {
      entry.memberIds.sort();
      byKind.set(kind, [...(byKind.get(kind) ?? []), entry]);
    }
    for (const [kind, entries] of byKind) {
      if (kind === null || entries.length <= list.max) {
        kept.push(...entries);
        continue;
      }
      entries.sort((a, b) => b.memberIds.length - a.memberIds.length || byName(a, b));
      kept.push(...entries.slice(0, list.max));
      leftOut.push({ namePrefix: list.namePrefix, kind, count: entries.length - list.max });
    }
  }
  return { lists: kept.sort(byName), leftOut };
}

/** Every list the target's mapping asks for; see {@link selectLists}. */
export function desiredLists(
  target: WritebackTarget,
  records: readonly DesiredRecord[],
  vocabulary?: ListVocabulary,
): DesiredList[] {
  return selectLists(target, records, vocabulary).lists;
}

const KIND_WORDS: Record<CellKind, [string, string]> = {
  pair: ['sector × technology list', 'sector × technology lists'],
  sector: ['whole-sector list', 'whole-sector lists'],
  technology: ['whole-technology list', 'whole-technology lists'],
};

/** A run warning for lists `max` left out ("12 sector × technology lists "Atlas: …" left out: …"). */
export function leftOutWords(left: ListsLeftOut): string {
  const [one, many] = KIND_WORDS[left.kind];
  return `${count(left.count, one, many)} named "${left.namePrefix}…" not kept: the mapping's \`max\` keeps the ones with the most partners; raise \`max\` to keep more`;
}
