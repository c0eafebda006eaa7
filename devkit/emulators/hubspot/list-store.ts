/**
 * Lists v3 (ILS lists): MANUAL, SNAPSHOT and DYNAMIC lists of one object type and their memberships.
 * https://developers.hubspot.com/docs/api-reference/legacy/crm/lists/guide
 * DYNAMIC lists are not evaluated against their filters: tests set their members through `setMembers`.
 */
import { z } from 'zod';
import { hubSpotError, notFound, validationError } from './errors.js';

export const ListProcessingTypeSchema = z.enum(['MANUAL', 'DYNAMIC', 'SNAPSHOT']);
export type ListProcessingType = z.infer<typeof ListProcessingTypeSchema>;

/** Body of `POST /crm/v3/lists` (ListCreateRequest). */
export const ListCreateRequestSchema = z.object({
  name: z.string().min(1),
  objectTypeId: z.string().min(1),
  processingType: ListProcessingTypeSchema,
  listFolderId: z.number().int().optional(),
  customProperties: z.record(z.string(), z.string()).optional(),
  filterBranch: z.record(z.string(), z.unknown()).optional(),
  membershipSettings: z.record(z.string(), z.unknown()).optional(),
  listPermissions: z.record(z.string(), z.unknown()).optional(),
});
export type ListCreateRequest = z.infer<typeof ListCreateRequestSchema>;

/** One stored list. */
export interface StoredList {
  listId: number;
  name: string;
  objectTypeId: string;
  processingType: ListProcessingType;
  listVersion: number;
  createdAt: number;
  updatedAt: number;
  filtersUpdatedAt: number;
  deletedAt?: number;
  filterBranch?: Record<string, unknown>;
  /** recordId → time it joined (ms). */
  members: Map<number, number>;
  /** When a record last joined / left (ms): the search's `hs_last_record_added_at` / `_removed_at`. */
  lastAddedAt?: number;
  lastRemovedAt?: number;
}

/** What a membership change did, in HubSpot's field names (note the vendor's `recordsIdsAdded`). */
export interface MembershipChange {
  recordsIdsAdded: string[];
  recordIdsRemoved: string[];
  recordIdsMissing: string[];
}

/** The lists of the emulator portal. */
export class ListStore {
  readonly #lists = new Map<number, StoredList>();
  #nextId: number;
  readonly #now: () => number;
  /**
   * Lists the portal may hold (live lists of every object type), as a subscription sets it; null: no limit.
   * HubSpot states the limits per subscription (https://legal.hubspot.com/hubspot-product-and-services-catalog)
   * but documents no error body for them; a create beyond it answers 400 in the standard error shape.
   */
  listLimit: number | null = null;

  constructor(now: () => number, firstListId = 1) {
    this.#now = now;
    this.#nextId = firstListId;
  }

  /** Creates a list; names are unique among live lists of the portal. */
  create(input: ListCreateRequest): StoredList {
    if (this.listLimit !== null && this.live().length >= this.listLimit) {
      throw validationError(
        `This portal has reached its limit of ${this.listLimit} lists. Delete lists or upgrade the subscription to create more.`,
      );
    }
    if (this.live().some((l) => l.name.toLowerCase() === input.name.toLowerCase())) {
      throw validationError(`A list named '${input.name}' already exists.`);
    }
    if (input.processingType === 'DYNAMIC' && input.filterBranch === undefined) {
      throw validationError('A DYNAMIC list needs a filterBranch.');
    }
    const at = this.#now();
    const list: StoredList = {
      listId: this.#nextId++,
      name: input.name,
      objectTypeId: input.objectTypeId,
      processingType: input.processingType,
      listVersion: 1,
      createdAt: at,
      updatedAt: at,
      filtersUpdatedAt: at,
      ...(input.filterBranch === undefined ? {} : { filterBranch: input.filterBranch }),
      members: new Map(),
    };
    this.#lists.set(list.listId, list);
    return list;
  }

  /** Live lists in id order. */
  live(): StoredList[] {
    return [...this.#lists.values()].filter((l) => l.deletedAt === undefined);
  }

  /** A live list by id; 404 otherwise. */
  get(listId: string | number): StoredList {
    const list = this.#lists.get(Number(listId));
    if (!list || list.deletedAt !== undefined) throw notFound(`List ${listId} does not exist.`);
    return list;
  }

  /** A live list by object type and name (case-insensitive); 404 otherwise. */
  byName(objectTypeId: string, name: string): StoredList {
    const wanted = name.toLowerCase();
    const list = this.live().find((l) => l.objectTypeId === objectTypeId && l.name.toLowerCase() === wanted);
    if (!list) throw notFound(`List with name ${name} and object type ${objectTypeId} does not exist.`);
    return list;
  }

  rename(listId: string | number, name: string): StoredList {
    const list = this.get(listId);
    if (this.live().some((l) => l !== list && l.name.toLowerCase() === name.toLowerCase())) {
      throw validationError(`A list named '${name}' already exists.`);
    }
    list.name = name;
    list.listVersion++;
    list.updatedAt = this.#now();
    return list;
  }

  /** Deletes a list (restorable for 90 days in HubSpot; here it just disappears from reads). */
  delete(listId: string | number): void {
    const list = this.get(listId);
    list.deletedAt = this.#now();
  }

  /**
   * Adds and removes members. `exists` tells whether a record id names a live record of the list's
   * object type; others come back in `recordIdsMissing`. DYNAMIC lists refuse (the docs: these endpoints
   * "only work for lists that have a processingType of MANUAL or SNAPSHOT").
   */
  change(
    listId: string | number,
    add: readonly string[],
    remove: readonly string[],
    exists: (recordId: string) => boolean,
  ): MembershipChange {
    const list = this.get(listId);
    if (list.processingType === 'DYNAMIC') {
      throw hubSpotError(
        400,
        'VALIDATION_ERROR',
        `List ${list.listId} has processingType DYNAMIC; memberships can only be changed on lists with a processingType of MANUAL or SNAPSHOT.`,
      );
    }
    const at = this.#now();
    const result: MembershipChange = { recordsIdsAdded: [], recordIdsRemoved: [], recordIdsMissing: [] };
    for (const id of add) {
      if (!exists(id)) {
        result.recordIdsMissing.push(id);
        continue;
      }
      const n = Number(id);
      if (list.members.has(n)) continue;
      list.members.set(n, at);
      result.recordsIdsAdded.push(id);
    }
    for (const id of remove) {
      const n = Number(id);
      if (list.members.delete(n)) result.recordIdsRemoved.push(id);
      else if (!exists(id)) result.recordIdsMissing.push(id);
    }
    if (result.recordsIdsAdded.length > 0) list.lastAddedAt = at;
    if (result.recordIdsRemoved.length > 0) list.lastRemovedAt = at;
    if (result.recordsIdsAdded.length > 0 || result.recordIdsRemoved.length > 0) list.updatedAt = at;
    return result;
  }

  /** Replaces a list's members directly (how tests stand in for a DYNAMIC list's evaluation). */
  setMembers(listId: string | number, recordIds: readonly (string | number)[]): void {
    const list = this.get(listId);
    const at = this.#now();
    list.members = new Map(recordIds.map((id) => [Number(id), at]));
    list.lastAddedAt = at;
    list.lastRemovedAt = at;
  }

  /** Members sorted by record id. */
  members(listId: string | number): Array<{ recordId: number; joinedAt: number }> {
    const list = this.get(listId);
    return [...list.members]
      .map(([recordId, joinedAt]) => ({ recordId, joinedAt }))
      .sort((a, b) => a.recordId - b.recordId);
  }
}
