/**
 * CRM objects v3, one record at a time: list pages, read, create, update, archive.
 * https://developers.hubspot.com/docs/api-reference/legacy/crm/objects/companies/guide
 */
import { Router } from 'express';
import { z } from 'zod';
import { notFound, validationError } from './errors.js';
import { param, parseBody, queryBool, queryInt, queryList, queryString } from './http-helpers.js';
import type { ObjectTypeDefinition } from './object-types.js';
import { recordJson } from './record-json.js';
import type { HubSpotState } from './state.js';
import { HS_LIST_PAGE_DEFAULT, HS_LIST_PAGE_MAX } from './vendor-limits.js';

/** `associations` of a create body: `[{ to: { id }, types: [{ associationCategory, associationTypeId }] }]`. */
export const CreateAssociationsSchema = z
  .array(
    z.object({
      to: z.object({ id: z.union([z.string(), z.number()]).transform(String) }),
      types: z.array(
        z.object({ associationCategory: z.string().optional(), associationTypeId: z.number().int() }),
      ),
    }),
  )
  .default([]);

const PropertiesSchema = z.record(z.string(), z.unknown());

const CreateBodySchema = z.object({ properties: PropertiesSchema, associations: CreateAssociationsSchema });
const UpdateBodySchema = z.object({ properties: PropertiesSchema });

/** The row a path id (or `idProperty` value) names, live or (when `archived`) archived; 404 otherwise. */
function findRow(
  state: HubSpotState,
  def: ObjectTypeDefinition,
  id: string,
  options: { idProperty?: string | undefined; archived?: boolean },
): number {
  const table = state.table(def);
  let row: number | undefined;
  if (options.idProperty && options.idProperty !== 'hs_object_id') {
    row = state.rowByProperty(def, options.idProperty, id);
  } else {
    row = table.rowOfString(id);
  }
  if (row === undefined || table.isLive(row) === Boolean(options.archived)) throw notFound();
  return row;
}

/** Checks and resolves the associations of a create before anything is written. */
export function resolveCreateAssociations(
  state: HubSpotState,
  def: ObjectTypeDefinition,
  associations: z.infer<typeof CreateAssociationsSchema>,
) {
  return associations.map((a) => {
    // HubSpot infers the target type from the association type id.
    const candidates = state.schemas
      .all()
      .filter((to) =>
        a.types.every((t) =>
          state.associations
            .types(def.objectTypeId, to.objectTypeId)
            .some(
              (d) =>
                d.typeId === t.associationTypeId &&
                (!t.associationCategory || d.category === t.associationCategory),
            ),
        ),
      );
    const to = candidates[0];
    if (!to || a.types.length === 0) {
      throw validationError(`Invalid association types for ${def.name}: ${JSON.stringify(a.types)}`);
    }
    if (state.liveRow(to, a.to.id) === undefined) {
      throw validationError(`One or more associations are invalid: no ${to.name} with ID ${a.to.id} exists`);
    }
    return { to, toId: a.to.id, types: state.associationSpecs(def, to, a.types) };
  });
}

/** Routes of `/crm/v3/objects/{objectType}` and `/crm/v3/objects/{objectType}/{objectId}`. */
export function objectRoutes(state: HubSpotState): Router {
  const router = Router();

  router.get('/crm/v3/objects/:objectType', (req, res) => {
    const def = state.type(param(req, 'objectType'));
    const table = state.table(def);
    const limit = queryInt(req, 'limit', HS_LIST_PAGE_DEFAULT);
    if (limit < 1 || limit > HS_LIST_PAGE_MAX) {
      throw validationError(`limit must be between 1 and ${HS_LIST_PAGE_MAX}; got ${limit}`);
    }
    const archived = queryBool(req, 'archived');
    const after = queryString(req, 'after');
    if (after !== undefined && !/^\d+$/.test(after))
      throw validationError(`Invalid paging cursor after=${after}`);
    let position = after === undefined ? 0 : table.positionOfId(Number(after));
    const properties = queryList(req, 'properties');
    const associations = queryList(req, 'associations');
    const results: unknown[] = [];
    let nextId: number | undefined;
    while (position < table.size) {
      const row = table.rowAtPosition(position++);
      if (table.isLive(row) === archived) continue;
      if (results.length === limit) {
        nextId = table.ids[row];
        break;
      }
      results.push(recordJson(state, table, row, { properties, associations }));
    }
    // The last page has no `paging` key at all (not an empty one).
    res.json(
      nextId === undefined
        ? { results }
        : { results, paging: { next: { after: String(nextId), link: `?after=${nextId}` } } },
    );
  });

  router.get('/crm/v3/objects/:objectType/:objectId', (req, res) => {
    const def = state.type(param(req, 'objectType'));
    const row = findRow(state, def, param(req, 'objectId'), {
      idProperty: queryString(req, 'idProperty'),
      archived: queryBool(req, 'archived'),
    });
    res.json(
      recordJson(state, state.table(def), row, {
        properties: queryList(req, 'properties'),
        associations: queryList(req, 'associations'),
      }),
    );
  });

  router.post('/crm/v3/objects/:objectType', (req, res) => {
    const def = state.type(param(req, 'objectType'));
    const body = parseBody(CreateBodySchema, req.body);
    const links = resolveCreateAssociations(state, def, body.associations);
    const row = state.createRecord(def, body.properties);
    const table = state.table(def);
    const id = String(table.ids[row]);
    for (const l of links) state.associate(def, id, l.to, l.toId, l.types);
    res.status(201).json(recordJson(state, table, row, { written: Object.keys(body.properties) }));
  });

  router.patch('/crm/v3/objects/:objectType/:objectId', (req, res) => {
    const def = state.type(param(req, 'objectType'));
    const body = parseBody(UpdateBodySchema, req.body);
    const row = findRow(state, def, param(req, 'objectId'), { idProperty: queryString(req, 'idProperty') });
    state.updateRecord(def, row, body.properties);
    res.json(recordJson(state, state.table(def), row, { written: Object.keys(body.properties) }));
  });

  router.delete('/crm/v3/objects/:objectType/:objectId', (req, res) => {
    const def = state.type(param(req, 'objectType'));
    const row = state.liveRow(def, param(req, 'objectId'));
    // Archiving an unknown or already archived id is not an error in HubSpot.
    if (row !== undefined) state.archiveRecord(def, row);
    res.status(204).end();
  });

  return router;
}
