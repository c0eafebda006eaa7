/** Write-back of field sets: sObject Collections PATCH in chunks of 200 (allOrNone false), per-record outcomes. */

import type { Logger } from 'pino';
import { AtlasError, CrmApiError, errorMessage } from '../../src/errors.js';
import { backoffMs } from '../kit/backoff.js';
import { chunk } from '../kit/chunk.js';
import type { FieldUpdate, WriteOutcome, WriteValue } from '../types.js';
import { CONNECTOR_ERRORS } from '../types.js';
import type { SalesforceClient } from './client.js';
import { SF_COLLECTION_MAX, SF_MULTISELECT_SEPARATOR } from './limits.js';
import { type SalesforceSaveResult, SalesforceSaveResultsSchema } from './raw.js';
import { soqlPath } from './soql.js';

/** Record-level codes that may pass on a later try without anything changing. */
const TRANSIENT_RECORD_CODES = new Set([
  'UNABLE_TO_LOCK_ROW',
  'SERVER_UNAVAILABLE',
  'REQUEST_RUNNING_TOO_LONG',
]);
const SALESFORCE_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

export interface WriteContext {
  client: SalesforceClient;
  logger?: Logger | undefined;
  retry: { maxRetries: number; baseMs: number; maxMs: number };
  sleep: (ms: number) => Promise<void>;
}

/** A value as Salesforce takes it: multi-select lists joined with `;`, everything else as is (dates are ISO). */
export function toSalesforceValue(value: WriteValue): string | number | boolean | null {
  if (Array.isArray(value)) return value.length === 0 ? null : value.join(SF_MULTISELECT_SEPARATOR);
  return value as string | number | boolean | null;
}

/** The body record of one update. */
export function toCollectionRecord(object: string, update: FieldUpdate): Record<string, unknown> {
  const record: Record<string, unknown> = { attributes: { type: object }, id: update.recordId };
  for (const [field, value] of Object.entries(update.values))
    record[soqlPath(field)] = toSalesforceValue(value);
  return record;
}

/** The outcome of one Collections item (SaveResult or UpsertResult); no item at all is a transient failure. */
export function saveOutcome(recordId: string, result: SalesforceSaveResult | undefined): WriteOutcome {
  if (result?.success) return { recordId, ok: true };
  const error = result?.errors[0];
  const code = error?.statusCode ?? 'NO_RESULT';
  return {
    recordId,
    ok: false,
    code,
    message: error?.message ?? 'Salesforce returned no result for this record',
    transient: TRANSIENT_RECORD_CODES.has(code) || !result,
    fields: error?.fields ?? [],
  };
}

/** The outcome of a record whose whole call failed (after the client's retries). */
export function callFailed(recordId: string, error: unknown): WriteOutcome {
  const code =
    error instanceof CrmApiError
      ? (error.details.vendorCode ?? 'CRM_API_ERROR')
      : error instanceof AtlasError
        ? error.code
        : 'CRM_API_ERROR';
  const transient =
    error instanceof CrmApiError
      ? error.details.retryable
      : error instanceof AtlasError && error.code === CONNECTOR_ERRORS.budget;
  return { recordId, ok: false, code, message: errorMessage(error), transient, fields: [] };
}

/** One Collections call. https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_update.htm */
async function patchCollection(
  ctx: WriteContext,
  object: string,
  updates: readonly FieldUpdate[],
): Promise<WriteOutcome[]> {
  const res = await ctx.client.rest('composite', {
    method: 'PATCH',
    path: '/composite/sobjects',
    body: { allOrNone: false, records: updates.map((u) => toCollectionRecord(object, u)) },
  });
  const results = SalesforceSaveResultsSchema.parse(res.body);
  // Results come back in request order (documented), one per record.
  return updates.map((u, i) => saveOutcome(u.recordId, results[i]));
}

/**
 * Sets fields on records in chunks of 200 (jsforce would send them all in one call). Records failing with a
 * lock are sent again after a pause, up to the retry limit; permanent errors come back as outcomes. A spent
 * budget leaves the rest unsent with a transient outcome; only an auth failure throws.
 */
export async function writeCollections(
  ctx: WriteContext,
  object: string,
  updates: readonly FieldUpdate[],
): Promise<WriteOutcome[]> {
  soqlPath(object);
  const outcomes = new Map<FieldUpdate, WriteOutcome>();
  const valid: FieldUpdate[] = [];
  for (const u of updates) {
    if (SALESFORCE_ID.test(u.recordId)) valid.push(u);
    else
      outcomes.set(u, {
        recordId: u.recordId,
        ok: false,
        code: 'MALFORMED_ID',
        message: `${u.recordId} is not a Salesforce record id`,
        transient: false,
        fields: ['Id'],
      });
  }
  let pending = valid;
  for (let round = 0; pending.length > 0; round++) {
    const again: FieldUpdate[] = [];
    for (const part of chunk(pending, SF_COLLECTION_MAX)) {
      let results: WriteOutcome[];
      try {
        ctx.client.assertBudget({ object, operation: 'composite' });
        results = await patchCollection(ctx, object, part);
      } catch (error) {
        if (error instanceof AtlasError && error.code === CONNECTOR_ERRORS.auth) throw error;
        results = part.map((u) => callFailed(u.recordId, error));
      }
      part.forEach((u, i) => {
        const o = results[i] as WriteOutcome;
        outcomes.set(u, o);
        // Only record-level transient codes are resent here; whole-call failures were retried by the client.
        if (!o.ok && TRANSIENT_RECORD_CODES.has(o.code) && round < ctx.retry.maxRetries) again.push(u);
      });
    }
    if (again.length > 0) {
      ctx.logger?.warn(
        { object, records: again.length, round: round + 1 },
        'salesforce records locked, writing them again',
      );
      await ctx.sleep(backoffMs(round, ctx.retry));
    }
    pending = again;
  }
  return updates.map((u) => outcomes.get(u) as WriteOutcome);
}
