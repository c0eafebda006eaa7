/**
 * Memberships of one MANUAL list: read page by page, and changed with add-and-remove calls that each carry
 * at most the documented number of record ids (adds and removes together).
 * https://developers.hubspot.com/docs/api-reference/crm-lists-v3/guide
 */
import type { HubSpotClient } from './client.js';
import { HS_LIST_MEMBERSHIP_PAGE_MAX, HS_MEMBERSHIP_CHANGE_MAX } from './limits.js';
import { HubSpotListMembershipsSchema, HubSpotMembershipChangeSchema } from './raw.js';

export interface MembershipChange {
  added: number;
  removed: number;
  /** Ids HubSpot reported as not existing (not added, not removed). */
  missing: string[];
  /** Add-and-remove calls made. */
  calls: number;
}

/** Every member id of a list. */
export async function readMembers(client: HubSpotClient, listId: string): Promise<string[]> {
  const out: string[] = [];
  let after: string | undefined;
  do {
    // GET /crm/v3/lists/{listId}/memberships
    const answer = await client.request({
      operation: 'lists/memberships',
      method: 'GET',
      path: `/crm/v3/lists/${listId}/memberships`,
      qs: { limit: String(HS_LIST_MEMBERSHIP_PAGE_MAX), ...(after ? { after } : {}) },
    });
    const page = HubSpotListMembershipsSchema.parse(answer.body);
    for (const m of page.results) out.push(m.recordId);
    after = page.paging?.next?.after;
  } while (after);
  return out;
}

/**
 * The add-and-remove calls for a change: adds first, then removes, each call filled up to `max` ids in
 * total, so n changed ids take ceil(n / max) calls.
 * @example membershipBatches(['1', '2', '3'], ['9'], 2) // [{ add: ['1', '2'], remove: [] }, { add: ['3'], remove: ['9'] }]
 */
export function membershipBatches(
  add: readonly string[],
  remove: readonly string[],
  max: number = HS_MEMBERSHIP_CHANGE_MAX,
): { add: string[]; remove: string[] }[] {
  const batches: { add: string[]; remove: string[] }[] = [];
  const ids = [...add.map((id) => ({ id, add: true })), ...remove.map((id) => ({ id, add: false }))];
  for (let i = 0; i < ids.length; i += max) {
    const slice = ids.slice(i, i + max);
    batches.push({
      add: slice.filter((x) => x.add).map((x) => x.id),
      remove: slice.filter((x) => !x.add).map((x) => x.id),
    });
  }
  return batches;
}

/** Adds and removes members, `max` ids per call (the documented maximum unless a test lowers it). */
export async function changeMembers(
  client: HubSpotClient,
  listId: string,
  change: { add: readonly string[]; remove: readonly string[] },
  max: number = HS_MEMBERSHIP_CHANGE_MAX,
): Promise<MembershipChange> {
  const result: MembershipChange = { added: 0, removed: 0, missing: [], calls: 0 };
  for (const batch of membershipBatches(change.add, change.remove, max)) {
    // PUT /crm/v3/lists/{listId}/memberships/add-and-remove
    const answer = await client.request({
      operation: 'lists/memberships/add-and-remove',
      method: 'PUT',
      path: `/crm/v3/lists/${listId}/memberships/add-and-remove`,
      body: { recordIdsToAdd: batch.add, recordIdsToRemove: batch.remove },
    });
    const done = HubSpotMembershipChangeSchema.parse(answer.body);
    result.calls++;
    result.added += done.recordsIdsAdded.length;
    result.removed += done.recordIdsRemoved.length;
    result.missing.push(...done.recordIdsMissing);
  }
  return result;
}
