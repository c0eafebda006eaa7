/** The CRM lists Atlas keeps: one per segment (or need), with the records of the partners in it. */
import type { DesiredList } from '../../connectors/types.js';
import type { DesiredRecord } from './desired-records.js';
import { NEED_LABELS } from './need-labels.js';
import type { TargetList, WritebackTarget } from './writeback-target.js';

/** The groups a partner belongs to for one list kind: key and label. */
function groupsOf(list: TargetList, record: DesiredRecord): { key: string; label: string }[] {
  if (list.per === 'segment') {
    return record.segments.map((s) => ({ key: `${s.cell}|${s.level}`, label: s.label }));
  }
  const kinds = [...new Set(record.score.needs.map((n) => n.need))];
  return kinds.map((need) => ({ key: need, label: NEED_LABELS[need] }));
}

/** Every list the target's mapping asks for, members sorted, lists sorted by name. */
export function desiredLists(target: WritebackTarget, records: readonly DesiredRecord[]): DesiredList[] {
  const lists = new Map<string, DesiredList>();
  for (const list of target.lists) {
    for (const record of records) {
      for (const group of groupsOf(list, record)) {
        const id = `${list.per}:${group.key}`;
        let entry = lists.get(id);
        if (!entry) {
          const name =
            list.per === 'need'
              ? `${list.namePrefix}Needs ${group.label.toLowerCase()}`
              : `${list.namePrefix}${group.label}`;
          entry = { per: list.per, key: group.key, name, memberIds: [], filterValue: group.label };
          lists.set(id, entry);
        }
        entry.memberIds.push(record.recordId);
      }
    }
  }
  for (const entry of lists.values()) entry.memberIds.sort();
  return [...lists.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
