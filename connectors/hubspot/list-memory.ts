/**
 * What this process last knew of each of our lists' members, with HubSpot's change signals at that moment,
 * so a night on which no list changed learns it from the list search alone instead of reading every list.
 * The search answers each list's `hs_list_size`, `hs_last_record_added_at` and `hs_last_record_removed_at`
 * by default (ListSearchRequest.additionalProperties in the Lists v3 reference); any membership change moves
 * one of them, and then the list is read again.
 * https://developers.hubspot.com/docs/api-reference/crm-lists-v3/guide
 */

/** A list's change signals as the search answered them. */
export interface ListSignals {
  size: number | null;
  addedAt: string | null;
  removedAt: string | null;
}

/** The signals in a search hit's `additionalProperties`; absent ones are null. */
export function signalsOf(additional: Readonly<Record<string, string>> | undefined): ListSignals {
  const size = Number(additional?.hs_list_size);
  return {
    size: additional?.hs_list_size !== undefined && Number.isInteger(size) ? size : null,
    addedAt: additional?.hs_last_record_added_at ?? null,
    removedAt: additional?.hs_last_record_removed_at ?? null,
  };
}

/**
 * Signals that vouch for a remembered member set: the size is known, and a list with members has an add
 * time (a list never emptied has no removal time, and gets one the moment a member leaves).
 */
function trustworthy(s: ListSignals): boolean {
  return s.size !== null && (s.size === 0 || s.addedAt !== null);
}

const same = (a: ListSignals, b: ListSignals) =>
  a.size === b.size && a.addedAt === b.addedAt && a.removedAt === b.removedAt;

/** Members per list key (portal URL, object type, list id), as read or written, with their signals. */
export class ListMemory {
  readonly #entries = new Map<string, { signals: ListSignals; members: readonly string[] }>();

  /** The members remembered for the list, when its signals have not moved since. */
  recall(key: string, signals: ListSignals): readonly string[] | undefined {
    const entry = this.#entries.get(key);
    return entry && trustworthy(signals) && same(entry.signals, signals) ? entry.members : undefined;
  }

  remember(key: string, signals: ListSignals, members: readonly string[]): void {
    if (trustworthy(signals)) this.#entries.set(key, { signals, members });
    else this.#entries.delete(key);
  }

  forget(key: string): void {
    this.#entries.delete(key);
  }
}

/**
 * The process's memory: connectors are opened per run, and a long-running `serve` keeps what earlier runs
 * learned. A new process reads every list once.
 */
export const processListMemory = new ListMemory();
