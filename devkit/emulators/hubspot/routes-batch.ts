/**
 * CRM objects v3 batch endpoints: read, create, update, upsert, archive (at most 100 inputs each).
 * Partial failure answers 207 with `numErrors` and `errors[]`, the failing ids in each error's `context`.
 * https://developers.hubspot.com/docs/api-reference/legacy/crm/objects/companies/guide
 */
import { Router } from 'express';
import { z } from 'zod';
import type { FaultInjector } from '../kit/index.js';
import { validationError } from './errors.js';
import { param, parseBody, queryBool, sendBatch } from './http-helpers.js';
import type { ObjectTypeDefinition } from './object-types.js';
import { invalidPropertiesMessage, type PropertyProblem } from './property-values.js';
import { recordJson } from './record-json.js';
import { CreateAssociationsSchema, resolveCreateAssociations } from './routes-objects.js';
import type { HubSpotState } from './state.js';
import { HS_BATCH_MAX } from './vendor-limits.js';

const Id = z.union([z.string(), z.number()]).transform(String);
const Properties = z.record(z.string(), z.unknown());

const ReadSchema = z.object({
  inputs: z.array(z.object({ id: Id })),
  properties: z.array(z.string()).default([]),
  propertiesWithHistory: z.array(z.string()).default([]),
  idProperty: z.string().optional(),
});
const CreateSchema = z.object({
  inputs: z.array(
    z.object({
      properties: Properties,
      associations: CreateAssociationsSchema,
      objectWriteTraceId: z.string().optional(),
    }),
  ),
});
const UpdateSchema = z.object({
  inputs: z.array(
    z.object({
      id: Id,
      properties: Properties,
      idProperty: z.string().optional(),
      objectWriteTraceId: z.string().optional(),
    }),
  ),
});
const ArchiveSchema = z.object({ inputs: z.array(z.object({ id: Id })) });

/** Error codes a rate-based per-record failure picks from when the fault config names none. */
const DEFAULT_RECORD_FAILURE_CODES = ['VALIDATION_ERROR'] as const;

function checkSize(count: number): void {
  if (count > HS_BATCH_MAX) {
    throw validationError(
      `Batch input of ${count} inputs exceeds the limit of ${HS_BATCH_MAX} inputs per request.`,
    );
  }
}

function notFoundError(def: ObjectTypeDefinition, ids: string[]): Record<string, unknown> {
  return {
    status: 'error',
    category: 'OBJECT_NOT_FOUND',
    message: `Could not get some ${def.singularName.toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
    context: { ids },
  };
}

function failedWrite(
  code: string,
  context: Record<string, string[]>,
  message: string,
): Record<string, unknown> {
  return { status: 'error', category: code, message, context };
}

/** All inputs are checked first: HubSpot refuses the whole batch (400) when any value is invalid. */
function checkValues(
  state: HubSpotState,
  def: ObjectTypeDefinition,
  inputs: Array<{ properties: Record<string, unknown> }>,
  creating: boolean,
) {
  const problems: PropertyProblem[] = [];
  for (const input of inputs) problems.push(...state.checkWrite(def, input.properties, creating).problems);
  if (problems.length > 0) throw validationError(invalidPropertiesMessage(problems));
}

/** Routes of `/crm/v3/objects/{objectType}/batch/*`. */
export function batchRoutes(state: HubSpotState, faults: FaultInjector): Router {
  const router = Router();
  const recordFailure = (key: string) => faults.recordFailure(key, DEFAULT_RECORD_FAILURE_CODES);

  router.post('/crm/v3/objects/:objectType/batch/read', (req, res) => {
    const startedAt = state.clock.now();
    const def = state.type(param(req, 'objectType'));
    const body = parseBody(ReadSchema, req.body);
    checkSize(body.inputs.length);
    const archived = queryBool(req, 'archived');
    const table = state.table(def);
    const seen = new Set<string>();
    const results: unknown[] = [];
    const missing: string[] = [];
    for (const { id } of body.inputs) {
      if (seen.has(id)) continue;
      seen.add(id);
      const row =
        body.idProperty && body.idProperty !== 'hs_object_id'
          ? state.rowByProperty(def, body.idProperty, id)
          : table.rowOfString(id);
      if (row === undefined || table.isLive(row) === archived) missing.push(id);
      else results.push(recordJson(state, table, row, { properties: body.properties }));
    }
    const errors = missing.length > 0 ? [notFoundError(def, missing)] : [];
    sendBatch(res, startedAt, state.clock.now(), results, errors);
  });

  router.post('/crm/v3/objects/:objectType/batch/create', (req, res) => {
    const startedAt = state.clock.now();
    const def = state.type(param(req, 'objectType'));
    const body = parseBody(CreateSchema, req.body);
    checkSize(body.inputs.length);
    checkValues(state, def, body.inputs, true);
    const links = body.inputs.map((input) => resolveCreateAssociations(state, def, input.associations));
    const table = state.table(def);
    const results: unknown[] = [];
    const errors: Array<Record<string, unknown>> = [];
    body.inputs.forEach((input, i) => {
      const key = input.objectWriteTraceId ?? `${def.name}#create#${i}`;
      const code = recordFailure(key);
      if (code !== undefined) {
        errors.push(
          failedWrite(
            code,
            input.objectWriteTraceId ? { objectWriteTraceId: [input.objectWriteTraceId] } : {},
            `Record ${i} of the batch could not be created (${code}).`,
          ),
        );
        return;
      }
      const row = state.createRecord(def, input.properties);
      const id = String(table.ids[row]);
      for (const l of links[i] ?? []) state.associate(def, id, l.to, l.toId, l.types);
      const json = recordJson(state, table, row, { written: Object.keys(input.properties) });
      if (input.objectWriteTraceId) json.objectWriteTraceId = input.objectWriteTraceId;
      results.push(json);
    });
    sendBatch(res, startedAt, state.clock.now(), results, errors, 201);
  });

  router.post('/crm/v3/objects/:objectType/batch/update', (req, res) => {
    const startedAt = state.clock.now();
    const def = state.type(param(req, 'objectType'));
    const body = parseBody(UpdateSchema, req.body);
    checkSize(body.inputs.length);
    checkValues(state, def, body.inputs, false);
    const table = state.table(def);
    const results: unknown[] = [];
    const errors: Array<Record<string, unknown>> = [];
    const missing: string[] = [];
    for (const input of body.inputs) {
      const row =
        input.idProperty && input.idProperty !== 'hs_object_id'
          ? state.rowByProperty(def, input.idProperty, input.id)
          : state.liveRow(def, input.id);
      if (row === undefined) {
        missing.push(input.id);
        continue;
      }
      const code = recordFailure(input.id);
      if (code !== undefined) {
        errors.push(
          failedWrite(code, { ids: [input.id] }, `Record ${input.id} could not be updated (${code}).`),
        );
        continue;
      }
      state.updateRecord(def, row, input.properties);
      const json = recordJson(state, table, row, { written: Object.keys(input.properties) });
      if (input.objectWriteTraceId) json.objectWriteTraceId = input.objectWriteTraceId;
      results.push(json);
    }
    if (missing.length > 0) errors.unshift(notFoundError(def, missing));
    sendBatch(res, startedAt, state.clock.now(), results, errors);
  });

  router.post('/crm/v3/objects/:objectType/batch/upsert', (req, res) => {
    const startedAt = state.clock.now();
    const def = state.type(param(req, 'objectType'));
    const body = parseBody(UpdateSchema, req.body);
    checkSize(body.inputs.length);
    // One input per record: two inputs naming the same id would race (HubSpot refuses the batch).
    const ids = body.inputs.map((i) => i.id.toLowerCase());
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (duplicates.length > 0) {
      throw validationError(`Duplicate IDs found in batch input: [${[...new Set(duplicates)].join(', ')}]`);
    }
    const table = state.table(def);
    const results: unknown[] = [];
    const errors: Array<Record<string, unknown>> = [];
    const missing: string[] = [];
    const plans = body.inputs.map((input) => {
      const byId = !input.idProperty || input.idProperty === 'hs_object_id';
      const row = byId
        ? state.liveRow(def, input.id)
        : state.rowByProperty(def, input.idProperty ?? '', input.id);
      return { input, byId, row };
    });
    checkValues(
      state,
      def,
      plans.map((p) => ({ properties: p.input.properties })),
      false,
    );
    for (const { input, byId, row } of plans) {
      if (row === undefined && byId) {
        missing.push(input.id);
        continue;
      }
      const code = recordFailure(input.id);
      if (code !== undefined) {
        errors.push(
          failedWrite(code, { ids: [input.id] }, `Record ${input.id} could not be upserted (${code}).`),
        );
        continue;
      }
      let target = row;
      let created = false;
      if (target === undefined) {
        target = state.createRecord(def, { ...input.properties, [input.idProperty ?? '']: input.id });
        created = true;
      } else {
        state.updateRecord(def, target, input.properties);
      }
      const json = recordJson(state, table, target, { written: Object.keys(input.properties) });
      results.push({ ...json, new: created });
    }
    if (missing.length > 0) errors.unshift(notFoundError(def, missing));
    sendBatch(res, startedAt, state.clock.now(), results, errors);
  });

  router.post('/crm/v3/objects/:objectType/batch/archive', (req, res) => {
    const def = state.type(param(req, 'objectType'));
    const body = parseBody(ArchiveSchema, req.body);
    checkSize(body.inputs.length);
    for (const { id } of body.inputs) {
      const row = state.liveRow(def, id);
      if (row !== undefined) state.archiveRecord(def, row);
    }
    res.status(204).end();
  });

  return router;
}
