/**
 * Write-back of properties: batch update, 100 records per call; a 207 multi-status answer is parsed and
 * every failed record becomes an outcome with its error. A 400 refuses the whole batch for one bad value,
 * so the batch is split until the bad records stand alone and the others are written.
 * https://developers.hubspot.com/docs/api-reference/crm-companies-v3/batch/update-companies
 */
import { CrmApiError } from '../../src/errors.js';
import { CONNECTOR_ERRORS, type FieldUpdate, type WriteOutcome, type WriteValue } from '../types.js';
import type { HubSpotClient } from './client.js';
import { HS_BATCH_MAX } from './limits.js';
import { type HubSpotBatchError, HubSpotBatchObjectsSchema, HubSpotErrorBodySchema } from './raw.js';

/** Error categories a later run may get past without anything changing. */
const TRANSIENT_CATEGORIES = new Set([
  'RATE_LIMITS',
  'INTERNAL_ERROR',
  'LOCKED',
  'TIMEOUT',
  'SERVICE_UNAVAILABLE',
]);

/** A value as HubSpot stores it: text; multi-value properties (checkboxes) joined with `;`; null clears. */
export function toHubSpotValue(value: WriteValue): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(';');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** Property names a HubSpot error message or context names, among those written. */
function blamedFields(
  error: { message: string; context?: Record<string, string[]> },
  written: string[],
): string[] {
  const fromContext = error.context?.propertyName ?? [];
  const fromMessage = written.filter((p) => error.message.includes(p));
  return [...new Set([...fromContext, ...fromMessage])];
}

function failed(
  recordId: string,
  code: string,
  message: string,
  transient: boolean,
  fields: string[],
): WriteOutcome {
  return { recordId, ok: false, code, message, transient, fields };
}

async function sendBatch(
  client: HubSpotClient,
  apiName: string,
  batch: readonly FieldUpdate[],
): Promise<WriteOutcome[]> {
  const written = [...new Set(batch.flatMap((u) => Object.keys(u.values)))];
  let answer: Awaited<ReturnType<HubSpotClient['request']>>;
  try {
    answer = await client.request({
      operation: 'batch/update',
      method: 'POST',
      path: `/crm/v3/objects/${apiName}/batch/update`,
      body: {
        inputs: batch.map((u) => ({
          id: u.recordId,
          properties: Object.fromEntries(Object.entries(u.values).map(([k, v]) => [k, toHubSpotValue(v)])),
        })),
      },
      accept: [400],
    });
  } catch (error) {
    return callFailedOutcomes(
      batch.map((u) => u.recordId),
      error,
    );
  }
  if (answer.status === 400) {
    if (batch.length > 1) {
      const half = Math.ceil(batch.length / 2);
      return [
        ...(await sendBatch(client, apiName, batch.slice(0, half))),
        ...(await sendBatch(client, apiName, batch.slice(half))),
      ];
    }
    const only = batch[0];
    return only ? [refusedOutcome(only.recordId, answer.body, written)] : [];
  }
  const page = HubSpotBatchObjectsSchema.parse(answer.body);
  const outcomes = new Map<string, WriteOutcome>();
  for (const r of page.results) outcomes.set(r.id, { recordId: r.id, ok: true });
  for (const e of page.errors) {
    for (const outcome of batchErrorOutcomes(e, written)) outcomes.set(outcome.recordId, outcome);
  }
  // A record HubSpot neither updated nor blamed is not assumed written: it fails, to be retried.
  return batch.map(
    (u) =>
      outcomes.get(u.recordId) ??
      failed(
        u.recordId,
        'NO_OUTCOME',
        `HubSpot's answer did not mention record ${u.recordId}; not counted as written.`,
        true,
        [],
      ),
  );
}

/** Ids an error of a batch answer concerns (`context.ids`, or `context.id`). */
function errorIds(e: HubSpotBatchError): string[] {
  return [...(e.context.ids ?? []), ...(e.context.id ?? [])];
}

/** One failed outcome per id an error of a batch answer (207) names; `written` are the properties sent. */
export function batchErrorOutcomes(e: HubSpotBatchError, written: string[]): WriteOutcome[] {
  return errorIds(e).map((id) =>
    failed(
      id,
      e.category,
      e.message || `HubSpot did not write record ${id}`,
      TRANSIENT_CATEGORIES.has(e.category),
      blamedFields(e, written),
    ),
  );
}

/** The outcome of the one record of a batch HubSpot refused whole (400): its message, never transient. */
export function refusedOutcome(recordId: string, body: unknown, written: string[]): WriteOutcome {
  const parsed = HubSpotErrorBodySchema.safeParse(body);
  const message = (parsed.success ? parsed.data.message : undefined) ?? 'HubSpot refused the value (400)';
  const code = (parsed.success ? parsed.data.category : undefined) ?? 'VALIDATION_ERROR';
  return failed(recordId, code, message, false, blamedFields({ message }, written));
}

/**
 * Outcomes of records whose whole call failed (after the client's retries): a later run retries them. Auth
 * and budget failures are thrown instead, since they stop the write-back.
 */
export function callFailedOutcomes(recordIds: readonly string[], error: unknown): WriteOutcome[] {
  if (!(error instanceof CrmApiError)) throw error;
  if (error.code === CONNECTOR_ERRORS.auth || error.code === CONNECTOR_ERRORS.budget) throw error;
  return recordIds.map((id) => failed(id, error.code, error.message, error.details.retryable, []));
}

/** Writes the updates, 100 per call, and returns one outcome per update. */
export async function writeUpdates(
  client: HubSpotClient,
  apiName: string,
  updates: readonly FieldUpdate[],
): Promise<WriteOutcome[]> {
  const batches: FieldUpdate[][] = [];
  for (let i = 0; i < updates.length; i += HS_BATCH_MAX) batches.push(updates.slice(i, i + HS_BATCH_MAX));
  // Batches go out together: the portal limiter paces them.
  return (await Promise.all(batches.map((b) => sendBatch(client, apiName, b)))).flat();
}
