/** Small helpers shared by the route files: zod-checked bodies and query parameters, HubSpot batch envelopes. */
import type { Request, Response } from 'express';
import { type ZodType, z } from 'zod';
import { validationError } from './errors.js';

/** Parses a JSON body; a mismatch answers HubSpot's 400 VALIDATION_ERROR naming the bad fields. */
export function parseBody<T>(schema: ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const detail = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
  throw validationError(`Invalid input JSON: ${detail}`);
}

const QueryValue = z.union([z.string(), z.array(z.string())]).optional();

/** A repeated or comma-separated query parameter as a list (`properties=a,b&properties=c`). */
export function queryList(req: Request, name: string): string[] {
  const parsed = QueryValue.safeParse(req.query[name]);
  if (!parsed.success || parsed.data === undefined) return [];
  const raw = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  return raw
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** A single query parameter (the first when repeated). */
export function queryString(req: Request, name: string): string | undefined {
  return queryList(req, name)[0];
}

/** `true`/`false` query parameter. */
export function queryBool(req: Request, name: string): boolean {
  return queryString(req, name)?.toLowerCase() === 'true';
}

/** Integer query parameter; 400 when not an integer. */
export function queryInt(req: Request, name: string, fallback: number): number {
  const raw = queryString(req, name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw)) throw validationError(`Invalid input: ${name}=${raw} is not an integer`);
  return Number(raw);
}

/** A path parameter (Express 5 types them as string | string[]). */
export function param(req: Request, name: string): string {
  const v = req.params[name];
  return Array.isArray(v) ? v.join('/') : (v ?? '');
}

/**
 * Envelope of a batch answer: `{ status: "COMPLETE", results, startedAt, completedAt }` plus `numErrors` and
 * `errors` on 207 (BatchResponse, e.g.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/objects/companies/batch/update-companies).
 * BatchResponse's `requestedAt` and `links` are optional and left out, as live answers leave them out.
 */
function batchEnvelope(
  startedAt: number,
  completedAt: number,
  results: unknown[],
  errors: Array<Record<string, unknown>> = [],
): Record<string, unknown> {
  return {
    status: 'COMPLETE',
    results,
    ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
    startedAt: new Date(startedAt).toISOString(),
    completedAt: new Date(completedAt).toISOString(),
  };
}

/** Sends a batch answer: `okStatus` (200, or 201 for creates), or 207 Multi-Status when some inputs failed. */
export function sendBatch(
  res: Response,
  startedAt: number,
  completedAt: number,
  results: unknown[],
  errors: Array<Record<string, unknown>> = [],
  okStatus = 200,
): void {
  res.status(errors.length > 0 ? 207 : okStatus).json(batchEnvelope(startedAt, completedAt, results, errors));
}
