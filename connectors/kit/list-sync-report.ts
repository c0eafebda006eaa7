/** The list sync report every connector fills while it applies a list plan. */
import type { ListSyncReport } from '../types.js';

/** A report with nothing done yet. */
export function emptyListSyncReport(): ListSyncReport {
  return { created: 0, updated: 0, retired: 0, membersAdded: 0, membersRemoved: 0, failures: [] };
}
