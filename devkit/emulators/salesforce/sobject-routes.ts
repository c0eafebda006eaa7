/** sObject resources: describe (global and per object), create, retrieve, update, delete, updated and deleted. */
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { SalesforceApiError } from './api-error.js';
import { apiVersionOf, type EmulatorContext } from './context.js';
import { describeBasic, describeGlobal, describeSObject } from './describe.js';
import { readQueryParam } from './query-routes.js';
import { injectedFailure, type SaveError, targetRow, validateWrite } from './record-writes.js';
import type { FieldDef, ObjectDef } from './schema.js';
import { fieldValue } from './soql.js';
import { formatSalesforceDateTime, parseSalesforceDateTime } from './wire-values.js';

const DAY = 86_400_000;
/** getUpdated reaches 30 days back, getDeleted 15 (REST API Developer Guide, sObject Get Updated / Get Deleted). */
const UPDATED_WINDOW_DAYS = 30;
const DELETED_WINDOW_DAYS = 15;
/** getDeleted wants start before end "by more than one minute"; getUpdated only wants start before end. */
const DELETED_MIN_SPAN_MS = 60_000;

/** The object's visible fields with these names (any case), in the order asked; 400 INVALID_FIELD names a missing one. */
export function fieldsNamed(ctx: EmulatorContext, o: ObjectDef, names: readonly string[]): FieldDef[] {
  const visible = ctx.state.visibleFields(o);
  return names.map((name) => {
    const f = visible.find((v) => v.name.toLowerCase() === name.toLowerCase());
    if (!f)
      throw new SalesforceApiError(
        400,
        'INVALID_FIELD',
        `No such column '${name}' on sobject of type ${o.name}`,
      );
    return f;
  });
}

/** The sObject named in the URL, or 404 NOT_FOUND as Salesforce answers an unknown type. */
export function objectOf(ctx: EmulatorContext, name: unknown): ObjectDef {
  const o = typeof name === 'string' ? ctx.state.object(name) : undefined;
  if (!o) throw new SalesforceApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return o;
}

const RecordBodySchema = z.record(z.string(), z.unknown());

/** A create/update body: one JSON object of field values. */
function recordBody(body: unknown): Record<string, unknown> {
  const parsed = RecordBodySchema.safeParse(body);
  if (!parsed.success)
    throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
  return parsed.data;
}

function saveErrorToApi(error: SaveError, status = 400): SalesforceApiError {
  return new SalesforceApiError(status, error.statusCode, error.message, error.fields);
}

function replicationWindow(
  req: Request,
  ctx: EmulatorContext,
  days: number,
  minSpanMs = 0,
): { start: number; end: number } {
  const startText = readQueryParam(req.originalUrl, 'start');
  const endText = readQueryParam(req.originalUrl, 'end');
  if (!startText || !endText)
    throw new SalesforceApiError(400, 'MISSING_ARGUMENT', 'start and end are required');
  const start = parseSalesforceDateTime(startText);
  const end = parseSalesforceDateTime(endText);
  if (Number.isNaN(start) || Number.isNaN(end)) {
    throw new SalesforceApiError(
      400,
      'INVALID_REPLICATION_DATE',
      `invalid date: ${Number.isNaN(start) ? startText : endText}`,
    );
  }
  const now = ctx.state.clock.now();
  if (start < now - days * DAY) {
    throw new SalesforceApiError(
      400,
      'INVALID_REPLICATION_DATE',
      `startDate cannot be more than ${days} days ago`,
    );
  }
  // getDeleted: "The specified startDate must chronologically precede the specified endDate value by more
  // than one minute" (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_getdeleted.htm,
  // the rules REST Get Deleted refers to). getUpdated only needs start < end (sforce_api_calls_getupdated.htm).
  if (end - start <= minSpanMs)
    throw new SalesforceApiError(
      400,
      'INVALID_REPLICATION_DATE',
      minSpanMs > 0
        ? 'endDate must be more than one minute after startDate'
        : 'endDate must be after startDate',
    );
  // Salesforce ignores seconds and never covers the future.
  const covered = Math.floor(Math.min(end, now) / 60_000) * 60_000;
  return { start: Math.floor(start / 60_000) * 60_000, end: covered };
}

/** Routes under /services/data/:version/sobjects. */
export function createSObjectRouter(ctx: EmulatorContext): Router {
  const router = Router({ mergeParams: true });
  const started = ctx.state.clock.now();

  router.get('/sobjects', (_req, res) => {
    res.json(describeGlobal(ctx, apiVersionOf(res, ctx)));
  });

  router.get('/sobjects/:type', (req, res) => {
    res.json(describeBasic(objectOf(ctx, req.params.type), apiVersionOf(res, ctx)));
  });

  router.get('/sobjects/:type/describe', (req, res) => {
    res.json(describeSObject(ctx, objectOf(ctx, req.params.type), apiVersionOf(res, ctx)));
  });

  router.get('/sobjects/:type/updated', (req, res) => {
    const o = objectOf(ctx, req.params.type);
    const { start, end } = replicationWindow(req, ctx, UPDATED_WINDOW_DAYS);
    const ids: string[] = [];
    for (const row of ctx.state.rows(o.name))
      if (!row.deleted && row.modstamp >= start && row.modstamp < end) ids.push(row.id);
    res.json({ ids, latestDateCovered: formatSalesforceDateTime(end) });
  });

  router.get('/sobjects/:type/deleted', (req, res) => {
    const o = objectOf(ctx, req.params.type);
    const { start, end } = replicationWindow(req, ctx, DELETED_WINDOW_DAYS, DELETED_MIN_SPAN_MS);
    const deletedRecords: Array<{ id: string; deletedDate: string }> = [];
    for (const row of ctx.state.rows(o.name)) {
      if (row.deleted && row.modstamp >= start && row.modstamp < end) {
        deletedRecords.push({ id: row.id, deletedDate: formatSalesforceDateTime(row.modstamp) });
      }
    }
    // Hard-deleted records are listed too: they are what only this resource can still tell about.
    for (const p of ctx.state.purged) {
      if (p.type === o.name && p.deletedAt >= start && p.deletedAt < end) {
        deletedRecords.push({ id: p.id, deletedDate: formatSalesforceDateTime(p.deletedAt) });
      }
    }
    res.json({
      deletedRecords,
      earliestDateAvailable: formatSalesforceDateTime(
        Math.floor((started - DELETED_WINDOW_DAYS * DAY) / 60_000) * 60_000,
      ),
      latestDateCovered: formatSalesforceDateTime(end),
    });
  });

  router.post('/sobjects/:type', (req: Request, res: Response) => {
    const o = objectOf(ctx, req.params.type);
    const checked = validateWrite(ctx, o, recordBody(req.body), 'create');
    if (!checked.ok) throw saveErrorToApi(checked.error);
    const id = ctx.state.createRecord(o.name, checked.value);
    res.status(201).json({ id, success: true, errors: [] });
  });

  router.get('/sobjects/:type/:id', (req, res) => {
    const o = objectOf(ctx, req.params.type);
    const row = ctx.state.row(String(req.params.id));
    if (!row || row.deleted || row.type !== o.name) {
      throw new SalesforceApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    }
    const wanted = readQueryParam(req.originalUrl, 'fields');
    const fields = wanted
      ? fieldsNamed(
          ctx,
          o,
          wanted.split(',').map((name) => name.trim()),
        )
      : ctx.state.visibleFields(o);
    const version = apiVersionOf(res, ctx);
    const out: Record<string, unknown> = {
      attributes: { type: o.name, url: `/services/data/v${version}/sobjects/${o.name}/${row.id}` },
    };
    for (const f of fields) out[f.name] = fieldValue(row, f);
    res.json(out);
  });

  router.patch('/sobjects/:type/:id', (req, res) => {
    const o = objectOf(ctx, req.params.type);
    const target = targetRow(ctx, o, req.params.id);
    if (!target.ok)
      throw saveErrorToApi(target.error, target.error.statusCode === 'MALFORMED_ID' ? 404 : 400);
    const checked = validateWrite(ctx, o, recordBody(req.body), 'update', target.value.id);
    if (!checked.ok) throw saveErrorToApi(checked.error);
    const injected = injectedFailure(ctx, target.value.id);
    if (injected) throw saveErrorToApi(injected);
    ctx.state.updateRecord(target.value, checked.value);
    res.status(204).end();
  });

  router.delete('/sobjects/:type/:id', (req, res) => {
    const o = objectOf(ctx, req.params.type);
    const target = targetRow(ctx, o, req.params.id);
    if (!target.ok) throw saveErrorToApi(target.error, 404);
    const injected = injectedFailure(ctx, target.value.id);
    if (injected) throw saveErrorToApi(injected);
    ctx.state.deleteRecord(target.value);
    res.status(204).end();
  });

  return router;
}
