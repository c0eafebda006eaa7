/**
 * sObject Collections upsert: `PATCH /composite/sobjects/:type/:externalIdField`, up to 200 records of one
 * type matched by an external id field, answered with one UpsertResult per record in request order.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm
 */
import { Router } from 'express';
import { z } from 'zod';
import { SF_COLLECTION_MAX } from '../../../connectors/salesforce/limits.js';
import { SalesforceApiError } from './api-error.js';
import type { EmulatorContext } from './context.js';
import { injectedFailure, rowsHolding, type SaveError, validateWrite } from './record-writes.js';
import { objectOf } from './sobject-routes.js';
import type { SObjectRow } from './state.js';

const UpsertBodySchema = z.object({
  allOrNone: z.boolean().optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});

/** An UpsertResult: `created` says whether the record was created (true) or updated (false). */
type UpsertResult =
  | { id: string; success: true; errors: []; created: boolean }
  | { success: false; errors: SaveError[] };

const ROLLED_BACK: SaveError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

const failed = (statusCode: string, message: string, fields: string[] = []): UpsertResult => ({
  success: false,
  errors: [{ statusCode, message, fields }],
});

const AttributesSchema = z.object({ type: z.string() });

/** Routes under /services/data/:version. */
export function createUpsertRouter(ctx: EmulatorContext): Router {
  const router = Router({ mergeParams: true });

  router.patch('/composite/sobjects/:type/:field', (req, res) => {
    const object = objectOf(ctx, req.params.type);
    const name = object.fieldsLower.get(String(req.params.field).toLowerCase());
    const field = name ? object.fields.get(name) : undefined;
    if (!field?.externalId || !ctx.state.fieldAccess(object, field).readable) {
      throw new SalesforceApiError(
        404,
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${String(req.params.field)}`,
      );
    }
    const parsed = UpsertBodySchema.safeParse(req.body);
    if (!parsed.success)
      throw new SalesforceApiError(
        400,
        'JSON_PARSER_ERROR',
        `Invalid collection request: ${parsed.error.issues[0]?.message ?? 'bad body'}`,
      );
    const { allOrNone = false, records } = parsed.data;
    if (records.length > SF_COLLECTION_MAX)
      throw new SalesforceApiError(
        400,
        'EXCEEDED_ID_LIMIT',
        'record limit reached. cannot submit more than 200 records into this call',
      );
    const created: string[] = [];
    const updated: SObjectRow[] = [];
    let restore = () => {};
    // Records are created or updated in the order they are listed (documented), so a key listed twice
    // creates the record first and updates it second.
    const results = records.map((record): UpsertResult => {
      const type = AttributesSchema.safeParse(record.attributes);
      if (!type.success || type.data.type.toLowerCase() !== object.name.toLowerCase()) {
        return failed('INVALID_TYPE', `Must specify a valid sObject type: ${object.name}`);
      }
      if (record.id !== undefined || record.Id !== undefined) {
        return failed('INVALID_FIELD', 'Only external ids are supported: do not set Id', ['Id']);
      }
      const keyEntry = Object.entries(record).find(([k]) => k.toLowerCase() === field.name.toLowerCase());
      const key = keyEntry?.[1];
      if (typeof key !== 'string' || key === '') {
        return failed('REQUIRED_FIELD_MISSING', `Required fields are missing: [${field.name}]`, [field.name]);
      }
      const matches = rowsHolding(ctx, object, field, key);
      if (matches.length > 1) {
        return failed(
          'DUPLICATE_EXTERNAL_ID',
          `${field.label}: more than one record found for external id field: [${matches.map((r) => r.id).join(', ')}]`,
          [field.name],
        );
      }
      const [row] = matches;
      if (!row) {
        const checked = validateWrite(ctx, object, record, 'create');
        if (!checked.ok) return { success: false, errors: [checked.error] };
        const id = ctx.state.createRecord(object.name, checked.value);
        created.push(id);
        return { id, success: true, errors: [], created: true };
      }
      const checked = validateWrite(ctx, object, record, 'update', row.id);
      if (!checked.ok) return { success: false, errors: [checked.error] };
      const injected = injectedFailure(ctx, row.id);
      if (injected) return { success: false, errors: [injected] };
      if (!updated.includes(row)) {
        const before = restore;
        const undo = ctx.state.snapshot([row]);
        restore = () => {
          undo();
          before();
        };
        updated.push(row);
      }
      ctx.state.updateRecord(row, checked.value);
      return { id: row.id, success: true, errors: [], created: false };
    });
    if (allOrNone && results.some((r) => !r.success)) {
      restore();
      ctx.state.removeCreated(created);
      res.json(results.map((r) => (r.success ? { success: false, errors: [ROLLED_BACK] } : r)));
      return;
    }
    res.json(results);
  });

  return router;
}
