/**
 * Associations v4: read and write labelled associations between records, batch read/create/archive,
 * and the association labels of a pair of object types.
 * https://developers.hubspot.com/docs/api-reference/legacy/crm/associations/associate-records/guide
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AssociationTypeDefinition } from './association-store.js';
import { notFound, validationError } from './errors.js';
import { param, parseBody, queryInt, queryString, sendBatch } from './http-helpers.js';
import type { ObjectTypeDefinition } from './object-types.js';
import type { HubSpotState } from './state.js';
import { HS_ASSOCIATION_BATCH_MAX, HS_ASSOCIATION_PAGE_MAX, HS_BATCH_MAX } from './vendor-limits.js';

const Id = z.union([z.string(), z.number()]).transform(String);
const Spec = z.object({
  associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']).optional(),
  associationTypeId: z.number().int(),
});
const SpecsSchema = z.array(Spec);
const BatchReadSchema = z.object({ inputs: z.array(z.object({ id: Id, after: z.string().optional() })) });
const BatchCreateSchema = z.object({
  inputs: z.array(z.object({ from: z.object({ id: Id }), to: z.object({ id: Id }), types: z.array(Spec) })),
});
const BatchDefaultSchema = z.object({
  inputs: z.array(z.object({ from: z.object({ id: Id }), to: z.object({ id: Id }) })),
});
const BatchArchiveSchema = z.object({
  inputs: z.array(z.object({ from: z.object({ id: Id }), to: z.array(z.object({ id: Id })) })),
});
const LabelCreateSchema = z.object({
  label: z.string().min(1),
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower case letters, digits or _'),
  inverseLabel: z.string().min(1).optional(),
});

function typeJson(t: AssociationTypeDefinition) {
  return { category: t.category, typeId: t.typeId, label: t.label };
}

/** `{ fromObjectTypeId, fromObjectId, toObjectTypeId, toObjectId, labels }` (LabelsBetweenObjectPair). */
function labelsBetween(
  state: HubSpotState,
  from: ObjectTypeDefinition,
  fromId: string,
  to: ObjectTypeDefinition,
  toId: string,
) {
  const found = state.associations
    .read(from.objectTypeId, Number(fromId), to.objectTypeId)
    .find((a) => a.toId === Number(toId));
  return {
    fromObjectTypeId: from.objectTypeId,
    fromObjectId: Number(fromId),
    toObjectTypeId: to.objectTypeId,
    toObjectId: Number(toId),
    labels: (found?.types ?? []).flatMap((t) => (t.label === null ? [] : [t.label])),
  };
}

/** Associated live records of one record, from `after` (a record id cursor), at most `limit`. */
function page(
  state: HubSpotState,
  from: ObjectTypeDefinition,
  fromId: string,
  to: ObjectTypeDefinition,
  after: string | undefined,
  limit: number,
) {
  const targets = state.table(to);
  const all = state.associations.read(from.objectTypeId, Number(fromId), to.objectTypeId).filter((a) => {
    const r = targets.rowOf(a.toId);
    return r !== undefined && targets.isLive(r);
  });
  const start = after === undefined ? 0 : all.findIndex((a) => a.toId >= Number(after));
  const from0 = start < 0 ? all.length : start;
  const slice = all.slice(from0, from0 + limit);
  const next = all[from0 + limit];
  return {
    results: slice.map((a) => ({ toObjectId: a.toId, associationTypes: a.types.map(typeJson) })),
    next: next === undefined ? undefined : String(next.toId),
  };
}

/** Routes of `/crm/v4/objects/.../associations/...` and `/crm/v4/associations/...`. */
export function associationRoutes(state: HubSpotState): Router {
  const router = Router();

  router.get('/crm/v4/objects/:objectType/:objectId/associations/:toObjectType', (req, res) => {
    const from = state.type(param(req, 'objectType'));
    const to = state.type(param(req, 'toObjectType'));
    const fromId = param(req, 'objectId');
    if (state.liveRow(from, fromId) === undefined) throw notFound(`No ${from.name} with ID ${fromId} exists`);
    const limit = Math.min(queryInt(req, 'limit', HS_ASSOCIATION_PAGE_MAX), HS_ASSOCIATION_PAGE_MAX);
    const p = page(state, from, fromId, to, queryString(req, 'after'), limit);
    res.json(
      p.next === undefined
        ? { results: p.results }
        : { results: p.results, paging: { next: { after: p.next, link: `?after=${p.next}` } } },
    );
  });

  router.put(
    '/crm/v4/objects/:fromObjectType/:fromObjectId/associations/default/:toObjectType/:toObjectId',
    (req, res) => {
      const startedAt = state.clock.now();
      const from = state.type(param(req, 'fromObjectType'));
      const to = state.type(param(req, 'toObjectType'));
      const fromId = param(req, 'fromObjectId');
      const toId = param(req, 'toObjectId');
      const def = state.associations.defaultType(from.objectTypeId, to.objectTypeId);
      state.associate(from, fromId, to, toId, [def]);
      const results = [
        def,
        state.associations.type(to.objectTypeId, from.objectTypeId, def.inverseTypeId),
      ].map((t, i) => ({
        from: { id: i === 0 ? fromId : toId },
        to: { id: i === 0 ? toId : fromId },
        associationSpec: { associationCategory: t.category, associationTypeId: t.typeId },
      }));
      sendBatch(res, startedAt, state.clock.now(), results);
    },
  );

  router.put('/crm/v4/objects/:objectType/:objectId/associations/:toObjectType/:toObjectId', (req, res) => {
    const from = state.type(param(req, 'objectType'));
    const to = state.type(param(req, 'toObjectType'));
    const fromId = param(req, 'objectId');
    const toId = param(req, 'toObjectId');
    const specs = parseBody(SpecsSchema, req.body);
    if (specs.length === 0) throw validationError('At least one association type is required.');
    state.associate(from, fromId, to, toId, state.associationSpecs(from, to, specs));
    res.status(201).json(labelsBetween(state, from, fromId, to, toId));
  });

  router.delete(
    '/crm/v4/objects/:objectType/:objectId/associations/:toObjectType/:toObjectId',
    (req, res) => {
      const from = state.type(param(req, 'objectType'));
      const to = state.type(param(req, 'toObjectType'));
      state.associations.remove(
        from.objectTypeId,
        Number(param(req, 'objectId')),
        to.objectTypeId,
        Number(param(req, 'toObjectId')),
      );
      res.status(204).end();
    },
  );

  router.post('/crm/v4/associations/:fromObjectType/:toObjectType/batch/read', (req, res) => {
    const startedAt = state.clock.now();
    const from = state.type(param(req, 'fromObjectType'));
    const to = state.type(param(req, 'toObjectType'));
    const body = parseBody(BatchReadSchema, req.body);
    if (body.inputs.length > HS_ASSOCIATION_BATCH_MAX) {
      throw validationError(
        `Batch input of ${body.inputs.length} inputs exceeds the limit of ${HS_ASSOCIATION_BATCH_MAX}.`,
      );
    }
    const results: unknown[] = [];
    const errors: Array<Record<string, unknown>> = [];
    for (const input of body.inputs) {
      const p = page(state, from, input.id, to, input.after, HS_ASSOCIATION_PAGE_MAX);
      if (p.results.length === 0) {
        // HubSpot reports a record without associations (or missing) as a per-input error: 207.
        errors.push({
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
          message: `No ${to.name} is associated with ${from.singularName} ${input.id}.`,
          context: { fromObjectId: [input.id] },
        });
        continue;
      }
      results.push({
        from: { id: input.id },
        to: p.results,
        ...(p.next === undefined ? {} : { paging: { next: { after: p.next, link: `?after=${p.next}` } } }),
      });
    }
    sendBatch(res, startedAt, state.clock.now(), results, errors);
  });

  router.post('/crm/v4/associations/:fromObjectType/:toObjectType/batch/create', (req, res) => {
    const startedAt = state.clock.now();
    const from = state.type(param(req, 'fromObjectType'));
    const to = state.type(param(req, 'toObjectType'));
    const body = parseBody(BatchCreateSchema, req.body);
    if (body.inputs.length > HS_BATCH_MAX) {
      throw validationError(
        `Batch input of ${body.inputs.length} inputs exceeds the limit of ${HS_BATCH_MAX}.`,
      );
    }
    const results: unknown[] = [];
    const errors: Array<Record<string, unknown>> = [];
    for (const input of body.inputs) {
      const types = state.associationSpecs(from, to, input.types);
      const missing = [
        ...(state.liveRow(from, input.from.id) === undefined ? [input.from.id] : []),
        ...(state.liveRow(to, input.to.id) === undefined ? [input.to.id] : []),
      ];
      if (missing.length > 0) {
        errors.push({
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: `Could not associate ${from.name} ${input.from.id} with ${to.name} ${input.to.id}: records do not exist.`,
          context: { ids: missing },
        });
        continue;
      }
      state.associate(from, input.from.id, to, input.to.id, types);
      results.push(labelsBetween(state, from, input.from.id, to, input.to.id));
    }
    sendBatch(res, startedAt, state.clock.now(), results, errors, 201);
  });

  router.post('/crm/v4/associations/:fromObjectType/:toObjectType/batch/associate/default', (req, res) => {
    const startedAt = state.clock.now();
    const from = state.type(param(req, 'fromObjectType'));
    const to = state.type(param(req, 'toObjectType'));
    const body = parseBody(BatchDefaultSchema, req.body);
    const def = state.associations.defaultType(from.objectTypeId, to.objectTypeId);
    const results: unknown[] = [];
    const errors: Array<Record<string, unknown>> = [];
    for (const input of body.inputs) {
      // A missing record fails its input only (207 Multi-Status), as batch/create does.
      const missing = [
        ...(state.liveRow(from, input.from.id) === undefined ? [input.from.id] : []),
        ...(state.liveRow(to, input.to.id) === undefined ? [input.to.id] : []),
      ];
      if (missing.length > 0) {
        errors.push({
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: `Could not associate ${from.name} ${input.from.id} with ${to.name} ${input.to.id}: records do not exist.`,
          context: { ids: missing },
        });
        continue;
      }
      state.associate(from, input.from.id, to, input.to.id, [def]);
      results.push({
        from: { id: input.from.id },
        to: { id: input.to.id },
        associationSpec: { associationCategory: def.category, associationTypeId: def.typeId },
      });
    }
    sendBatch(res, startedAt, state.clock.now(), results, errors);
  });

  router.post('/crm/v4/associations/:fromObjectType/:toObjectType/batch/archive', (req, res) => {
    const from = state.type(param(req, 'fromObjectType'));
    const to = state.type(param(req, 'toObjectType'));
    const body = parseBody(BatchArchiveSchema, req.body);
    for (const input of body.inputs) {
      for (const t of input.to) {
        state.associations.remove(from.objectTypeId, Number(input.from.id), to.objectTypeId, Number(t.id));
      }
    }
    res.status(204).end();
  });

  router.post('/crm/v4/associations/:fromObjectType/:toObjectType/batch/labels/archive', (req, res) => {
    const from = state.type(param(req, 'fromObjectType'));
    const to = state.type(param(req, 'toObjectType'));
    const body = parseBody(BatchCreateSchema, req.body);
    for (const input of body.inputs) {
      const types = state.associationSpecs(from, to, input.types);
      state.associations.remove(
        from.objectTypeId,
        Number(input.from.id),
        to.objectTypeId,
        Number(input.to.id),
        types,
      );
    }
    res.status(204).end();
  });

  router.get('/crm/v4/associations/:fromObjectType/:toObjectType/labels', (req, res) => {
    const from = state.type(param(req, 'fromObjectType'));
    const to = state.type(param(req, 'toObjectType'));
    res.json({ results: state.associations.types(from.objectTypeId, to.objectTypeId).map(typeJson) });
  });

  router.post('/crm/v4/associations/:fromObjectType/:toObjectType/labels', (req, res) => {
    const from = state.type(param(req, 'fromObjectType'));
    const to = state.type(param(req, 'toObjectType'));
    const body = parseBody(LabelCreateSchema, req.body);
    const created = state.associations.createLabel(from.objectTypeId, to.objectTypeId, body);
    res.json({ results: created.map(typeJson) });
  });

  return router;
}
