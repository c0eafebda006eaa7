/** sObject Collections: create, update and delete up to 200 records per call, with allOrNone, plus retrieve. */
import { Router } from 'express';
import { z } from 'zod';
import { SF_COLLECTION_MAX } from '../../../connectors/salesforce/limits.js';
import { SalesforceApiError } from './api-error.js';
import { apiVersionOf, type EmulatorContext } from './context.js';
import { readQueryParam } from './query-routes.js';
import { injectedFailure, type SaveError, targetRow, validateWrite } from './record-writes.js';
import { fieldsNamed, objectOf } from './sobject-routes.js';
import { fieldValue } from './soql.js';
import type { SObjectRow } from './state.js';

export { SF_COLLECTION_MAX };

const CollectionBodySchema = z.object({
  allOrNone: z.boolean().optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});

const RetrieveBodySchema = z.object({ ids: z.array(z.string()), fields: z.array(z.string()) });

type SaveResult = { id: string; success: true; errors: [] } | { success: false; errors: SaveError[] };

const ROLLED_BACK: SaveError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

function parseBody(body: unknown) {
  const parsed = CollectionBodySchema.safeParse(body);
  if (!parsed.success)
    throw new SalesforceApiError(
      400,
      'JSON_PARSER_ERROR',
      `Invalid collection request: ${parsed.error.issues[0]?.message ?? 'bad body'}`,
    );
  if (parsed.data.records.length > SF_COLLECTION_MAX) throw limitExceeded();
  return parsed.data;
}

function limitExceeded(): SalesforceApiError {
  return new SalesforceApiError(
    400,
    'EXCEEDED_ID_LIMIT',
    'record limit reached. cannot submit more than 200 records into this call',
  );
}

const AttributesSchema = z.object({ type: z.string() });

function typeOf(record: Record<string, unknown>): string | undefined {
  const parsed = AttributesSchema.safeParse(record.attributes);
  return parsed.success ? parsed.data.type : undefined;
}

/**
 * Applies allOrNone: when any item failed, the others become ALL_OR_NONE_OPERATION_ROLLED_BACK and
 * `rollback` undoes what was written. The call still answers 200.
 */
function finish(results: SaveResult[], allOrNone: boolean, rollback: () => void): SaveResult[] {
  if (!allOrNone || results.every((r) => r.success)) return results;
  rollback();
  return results.map((r) => (r.success ? { success: false, errors: [ROLLED_BACK] } : r));
}

/** Routes under /services/data/:version/composite/sobjects. */
export function createCompositeRouter(ctx: EmulatorContext): Router {
  const router = Router({ mergeParams: true });

  router.patch('/composite/sobjects', (req, res) => {
    const { allOrNone = false, records } = parseBody(req.body);
    const touched: SObjectRow[] = [];
    const plans = records.map((record) => {
      const type = typeOf(record);
      const object = type ? ctx.state.object(type) : undefined;
      if (!object)
        return {
          error: {
            statusCode: 'INVALID_TYPE',
            message: `Must specify a valid sObject type: ${type ?? ''}`,
            fields: [],
          },
        };
      const target = targetRow(ctx, object, record.id ?? record.Id);
      if (!target.ok) return { error: target.error };
      const checked = validateWrite(ctx, object, record, 'update', target.value.id);
      if (!checked.ok) return { error: checked.error };
      return { row: target.value, values: checked.value };
    });
    for (const p of plans) if (p.row) touched.push(p.row);
    const restore = ctx.state.snapshot(touched);
    const results: SaveResult[] = plans.map((p) => {
      if (!p.row) return { success: false, errors: [p.error] };
      const injected = injectedFailure(ctx, p.row.id);
      if (injected) return { success: false, errors: [injected] };
      ctx.state.updateRecord(p.row, p.values);
      return { id: p.row.id, success: true, errors: [] };
    });
    res.json(finish(results, allOrNone, restore));
  });

  router.post('/composite/sobjects', (req, res) => {
    const { allOrNone = false, records } = parseBody(req.body);
    const created: string[] = [];
    const results: SaveResult[] = records.map((record) => {
      const type = typeOf(record);
      const object = type ? ctx.state.object(type) : undefined;
      if (!object)
        return {
          success: false,
          errors: [
            {
              statusCode: 'INVALID_TYPE',
              message: `Must specify a valid sObject type: ${type ?? ''}`,
              fields: [],
            },
          ],
        };
      if (record.id !== undefined || record.Id !== undefined) {
        return {
          success: false,
          errors: [
            { statusCode: 'INVALID_FIELD', message: 'cannot specify Id in an insert call', fields: ['Id'] },
          ],
        };
      }
      const checked = validateWrite(ctx, object, record, 'create');
      if (!checked.ok) return { success: false, errors: [checked.error] };
      const id = ctx.state.createRecord(object.name, checked.value);
      created.push(id);
      return { id, success: true, errors: [] };
    });
    res.json(finish(results, allOrNone, () => ctx.state.removeCreated(created)));
  });

  router.delete('/composite/sobjects', (req, res) => {
    const ids = (readQueryParam(req.originalUrl, 'ids') ?? '').split(',').filter((s) => s !== '');
    const allOrNone = readQueryParam(req.originalUrl, 'allOrNone') === 'true';
    if (ids.length > SF_COLLECTION_MAX) throw limitExceeded();
    const rows: SObjectRow[] = [];
    const results: SaveResult[] = ids.map((id) => {
      const row = ctx.state.row(id);
      const object = row ? ctx.state.object(row.type) : undefined;
      if (!row || !object)
        return {
          success: false,
          errors: [{ statusCode: 'MALFORMED_ID', message: `malformed id ${id}`, fields: [] }],
        };
      const target = targetRow(ctx, object, id);
      if (!target.ok) return { success: false, errors: [target.error] };
      const injected = injectedFailure(ctx, row.id);
      if (injected) return { success: false, errors: [injected] };
      rows.push(row);
      return { id: row.id, success: true, errors: [] };
    });
    const restore = ctx.state.snapshot(rows);
    for (const r of rows) ctx.state.deleteRecord(r);
    res.json(finish(results, allOrNone, restore));
  });

  router.post('/composite/sobjects/:type', (req, res) => {
    const object = objectOf(ctx, req.params.type);
    const parsed = RetrieveBodySchema.safeParse(req.body);
    if (!parsed.success)
      throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', 'ids and fields are required');
    if (parsed.data.ids.length > 2000)
      throw new SalesforceApiError(
        400,
        'EXCEEDED_ID_LIMIT',
        'record limit reached. cannot submit more than 2000 records into this call',
      );
    const fields = fieldsNamed(ctx, object, parsed.data.fields);
    const version = apiVersionOf(res, ctx);
    res.json(
      parsed.data.ids.map((id) => {
        const row = ctx.state.row(id);
        if (!row || row.deleted || row.type !== object.name) return null;
        const out: Record<string, unknown> = {
          attributes: {
            type: object.name,
            url: `/services/data/v${version}/sobjects/${object.name}/${row.id}`,
          },
        };
        for (const f of fields) out[f.name] = fieldValue(row, f);
        return out;
      }),
    );
  });

  return router;
}
