/**
 * Lists v3: create, read by id or name, search, rename, delete, and memberships (page, add, remove,
 * add-and-remove). Membership writes to DYNAMIC lists are refused.
 * https://developers.hubspot.com/docs/api-reference/legacy/crm/lists/guide
 */
import { Router } from 'express';
import { z } from 'zod';
import { validationError } from './errors.js';
import { param, parseBody, queryInt, queryString } from './http-helpers.js';
import { ListCreateRequestSchema, type StoredList } from './list-store.js';
import type { HubSpotState } from './state.js';
import { HS_LIST_MEMBERSHIP_PAGE_MAX, HS_MEMBERSHIP_CHANGE_MAX } from './vendor-limits.js';

const Id = z.union([z.string(), z.number()]).transform(String);
const IdsSchema = z.array(Id);
const AddAndRemoveSchema = z.object({
  recordIdsToAdd: z.array(Id).default([]),
  recordIdsToRemove: z.array(Id).default([]),
});
const SearchSchema = z.object({
  query: z.string().optional(),
  offset: z.number().int().min(0).default(0),
  count: z.number().int().min(1).max(500).default(20),
  listIds: z.array(Id).optional(),
  processingTypes: z.array(z.string()).optional(),
  additionalProperties: z.array(z.string()).optional(),
  objectTypeId: z.string().optional(),
});

/** Membership changes carry at most HS_MEMBERSHIP_CHANGE_MAX record ids (adds and removes together); more is a 400. */
function withinChangeCap(add: readonly string[], remove: readonly string[]): void {
  const count = add.length + remove.length;
  if (count > HS_MEMBERSHIP_CHANGE_MAX) {
    throw validationError(
      `Membership change of ${count} record ids exceeds the limit of ${HS_MEMBERSHIP_CHANGE_MAX} record ids per request.`,
    );
  }
}

/**
 * A list as HubSpot answers it (PublicObjectList). Fetch, create and rename answers carry `size`, the member
 * count (https://developers.hubspot.com/docs/api-reference/crm-lists-v3/lists/get-crm-v3-lists-listId);
 * search results don't (PublicObjectListSearchResult): they answer `additionalProperties.hs_list_size`.
 */
function listJson(list: StoredList, includeFilters: boolean): Record<string, unknown> {
  return { ...listSummaryJson(list, includeFilters), size: list.members.size };
}

/** The fields a list search result shares with PublicObjectList. */
function listSummaryJson(list: StoredList, includeFilters: boolean): Record<string, unknown> {
  return {
    listId: String(list.listId),
    listVersion: list.listVersion,
    name: list.name,
    objectTypeId: list.objectTypeId,
    processingStatus: 'COMPLETE',
    processingType: list.processingType,
    createdAt: new Date(list.createdAt).toISOString(),
    createdById: '1',
    filtersUpdatedAt: new Date(list.filtersUpdatedAt).toISOString(),
    updatedAt: new Date(list.updatedAt).toISOString(),
    updatedById: '1',
    ...(includeFilters && list.filterBranch ? { filterBranch: list.filterBranch } : {}),
  };
}

/** Routes of the lists API. */
export function listRoutes(state: HubSpotState): Router {
  const router = Router();
  const includeFilters = (raw: string | undefined) => raw?.toLowerCase() === 'true';
  const exists = (list: StoredList) => (recordId: string) => {
    const def = state.schemas.find(list.objectTypeId);
    return def !== undefined && state.liveRow(def, recordId) !== undefined;
  };

  router.post('/crm/v3/lists', (req, res) => {
    const body = parseBody(ListCreateRequestSchema, req.body);
    if (!state.schemas.find(body.objectTypeId)) {
      throw validationError(
        `The objectTypeId ${body.objectTypeId} provided for the list is not valid for this portal.`,
        {
          subCategory: 'ListError.INVALID_OBJECT_TYPE_FOR_LIST',
        },
      );
    }
    const list = state.lists.create(body);
    res.json({ list: listJson(list, true) });
  });

  router.post('/crm/v3/lists/search', (req, res) => {
    const body = parseBody(SearchSchema, req.body ?? {});
    const q = body.query?.trim().toLowerCase() ?? '';
    const matching = state.lists
      .live()
      .filter((l) => q === '' || l.name.toLowerCase().includes(q))
      .filter((l) => !body.listIds || body.listIds.includes(String(l.listId)))
      .filter((l) => !body.processingTypes || body.processingTypes.includes(l.processingType))
      .filter((l) => !body.objectTypeId || l.objectTypeId === body.objectTypeId);
    const pageItems = matching.slice(body.offset, body.offset + body.count).map((l) => {
      return {
        ...listSummaryJson(l, false),
        // The properties every search answers by default; empty ones are left out, as HubSpot does.
        additionalProperties: {
          hs_list_size: String(l.members.size),
          hs_list_reference_count: '0',
          ...(l.lastAddedAt === undefined
            ? {}
            : { hs_last_record_added_at: new Date(l.lastAddedAt).toISOString() }),
          ...(l.lastRemovedAt === undefined
            ? {}
            : { hs_last_record_removed_at: new Date(l.lastRemovedAt).toISOString() }),
        },
      };
    });
    const end = body.offset + pageItems.length;
    res.json({ offset: end, hasMore: end < matching.length, lists: pageItems, total: matching.length });
  });

  router.get('/crm/v3/lists/object-type-id/:objectTypeId/name/:listName', (req, res) => {
    const list = state.lists.byName(param(req, 'objectTypeId'), param(req, 'listName'));
    res.json({ list: listJson(list, includeFilters(queryString(req, 'includeFilters'))) });
  });

  router.get('/crm/v3/lists/:listId', (req, res) => {
    const list = state.lists.get(param(req, 'listId'));
    res.json({ list: listJson(list, includeFilters(queryString(req, 'includeFilters'))) });
  });

  router.put('/crm/v3/lists/:listId/update-list-name', (req, res) => {
    const name = queryString(req, 'listName');
    if (!name) throw validationError('listName is required');
    const list = state.lists.rename(param(req, 'listId'), name);
    res.json({ updatedList: listJson(list, includeFilters(queryString(req, 'includeFilters'))) });
  });

  router.delete('/crm/v3/lists/:listId', (req, res) => {
    state.lists.delete(param(req, 'listId'));
    res.status(204).end();
  });

  router.get('/crm/v3/lists/:listId/memberships', (req, res) => {
    const listId = param(req, 'listId');
    const limit = Math.min(queryInt(req, 'limit', 100), HS_LIST_MEMBERSHIP_PAGE_MAX);
    const after = queryString(req, 'after');
    const members = state.lists.members(listId);
    const start = after === undefined ? 0 : members.findIndex((m) => m.recordId > Number(after));
    const from = start < 0 ? members.length : start;
    const slice = members.slice(from, from + limit);
    const results = slice.map((m) => ({
      recordId: String(m.recordId),
      membershipTimestamp: new Date(m.joinedAt).toISOString(),
    }));
    const last = slice[slice.length - 1];
    const more = from + limit < members.length && last !== undefined;
    res.json(more ? { results, paging: { next: { after: String(last.recordId) } } } : { results });
  });

  router.put('/crm/v3/lists/:listId/memberships/add', (req, res) => {
    const list = state.lists.get(param(req, 'listId'));
    const add = parseBody(IdsSchema, req.body);
    withinChangeCap(add, []);
    res.json(state.lists.change(list.listId, add, [], exists(list)));
  });

  router.put('/crm/v3/lists/:listId/memberships/remove', (req, res) => {
    const list = state.lists.get(param(req, 'listId'));
    const remove = parseBody(IdsSchema, req.body);
    withinChangeCap([], remove);
    res.json(state.lists.change(list.listId, [], remove, exists(list)));
  });

  router.put('/crm/v3/lists/:listId/memberships/add-and-remove', (req, res) => {
    const list = state.lists.get(param(req, 'listId'));
    const body = parseBody(AddAndRemoveSchema, req.body);
    withinChangeCap(body.recordIdsToAdd, body.recordIdsToRemove);
    res.json(state.lists.change(list.listId, body.recordIdsToAdd, body.recordIdsToRemove, exists(list)));
  });

  return router;
}
