/** HTTP errors as AtlasErrors, and the one middleware that turns any thrown error into `{ error: { message, field } }`. */
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { AtlasError, type ErrorCode, MappingError } from '../errors.js';

type HttpStatus = 400 | 401 | 403 | 404 | 409 | 413;

/** The code of each 4xx the routes answer with themselves. */
const CODE_BY_STATUS = {
  400: 'HTTP_BAD_REQUEST',
  401: 'HTTP_UNAUTHORIZED',
  403: 'HTTP_FORBIDDEN',
  404: 'HTTP_NOT_FOUND',
  409: 'HTTP_CONFLICT',
  413: 'HTTP_PAYLOAD_TOO_LARGE',
} as const satisfies Record<HttpStatus, ErrorCode>;

/** AtlasError codes the server maps to a status; any other code is a 500 with a generic message. */
const STATUS_BY_CODE: ReadonlyMap<string, HttpStatus> = new Map(
  Object.entries({
    HTTP_BAD_REQUEST: 400,
    HTTP_UNAUTHORIZED: 401,
    HTTP_FORBIDDEN: 403,
    HTTP_NOT_FOUND: 404,
    HTTP_CONFLICT: 409,
    HTTP_PAYLOAD_TOO_LARGE: 413,
    MAPPING_INVALID: 400,
    RUN_LOCKED: 409,
    ENGINE_UNKNOWN_SECTOR: 400,
    ENGINE_UNKNOWN_TECHNOLOGY: 400,
    ENGINE_BAD_OPPORTUNITY: 400,
    ENGINE_UNKNOWN_PARTNER: 404,
    ENGINE_UNKNOWN_CELL: 404,
    SERVER_NO_SCORES: 409,
    // A CRM the request needs is not configured on the server: the message names the variables to set.
    CONFIG_INVALID: 409,
  } satisfies Partial<Record<ErrorCode, HttpStatus>>),
);

/** A 4xx answer; `field` names the offending query parameter or body field. */
export function httpError(status: HttpStatus, message: string, field?: string): AtlasError {
  return new AtlasError(CODE_BY_STATUS[status], message, { context: { field } });
}

/** Parses `value` with `schema` or throws a 400 naming the first offending field (dotted path). */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : where;
  throw httpError(400, `${where} ${field}: ${issue?.message ?? 'invalid'}`, field);
}

/** The JSON error body every API route answers with. */
export interface ErrorBody {
  error: { message: string; field?: string; code?: string; problems?: unknown[] };
}

/** Maps thrown errors to JSON; unknown errors are logged and answered without their message (it may hold internals). */
export function errorMiddleware(logger: Logger | undefined): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    // body-parser's errors carry `status` and `type` (entity.parse.failed, entity.too.large).
    if (error instanceof Error && 'type' in error && 'status' in error && typeof error.status === 'number') {
      res.status(error.status).json({ error: { message: `request body: ${error.message}`, field: 'body' } });
      return;
    }
    const status = error instanceof AtlasError ? STATUS_BY_CODE.get(error.code) : undefined;
    if (error instanceof AtlasError && status !== undefined) {
      const field = typeof error.context.field === 'string' ? error.context.field : undefined;
      const body: ErrorBody = { error: { message: error.message, code: error.code } };
      if (field !== undefined) body.error.field = field;
      if (error instanceof MappingError) {
        body.error.field = body.error.field ?? 'text';
        body.error.problems = error.problems;
      }
      res.status(status).json(body);
      return;
    }
    logger?.error(
      {
        err: error instanceof Error ? { name: error.name, message: error.message } : String(error),
        path: req.path,
      },
      'request failed',
    );
    res.status(500).json({ error: { message: 'internal error; see the server log', code: 'INTERNAL' } });
  };
}
