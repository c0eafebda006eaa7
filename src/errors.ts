/** The error family every layer throws: a code, the context (ids and paths, never secrets) and the cause. */
import { type ErrorCode, type VendorErrorCode, VendorErrorCodeSchema } from './error-codes.js';
import type { CrmSystem } from './model/source-ref.js';

export type { ErrorCode, VendorErrorCode } from './error-codes.js';

export type ErrorContext = Record<string, string | number | boolean | null | undefined>;

/**
 * Base error of Partner Atlas. `code` is one of ERROR_CODES (src/error-codes.ts), or a CRM's own code on a
 * CrmApiError. `context` holds ids, files and paths only: never tokens or headers.
 */
export class AtlasError extends Error {
  override readonly name: string = 'AtlasError';
  readonly code: ErrorCode | VendorErrorCode;
  readonly context: ErrorContext;

  constructor(
    code: ErrorCode | VendorErrorCode,
    message: string,
    options: { context?: ErrorContext; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.context = options.context ?? {};
  }
}

/** A problem in an admin's mapping file, located to the line and column of the offending key. */
export interface MappingProblem {
  file: string;
  line: number;
  column: number;
  keyPath: string;
  message: string;
  hint?: string;
}

/** Formats one problem as `file:line:column key.path: message (hint)`, the way editors and CI logs link it. */
export function formatMappingProblem(p: MappingProblem): string {
  const where = `${p.file}:${p.line}:${p.column}`;
  const key = p.keyPath ? ` ${p.keyPath}:` : '';
  return `${where}${key} ${p.message}${p.hint ? ` (${p.hint})` : ''}`;
}

/** One or more problems in mapping files; `problems` holds every one found, not just the first. */
export class MappingError extends AtlasError {
  override readonly name = 'MappingError';
  readonly problems: MappingProblem[];

  constructor(problems: MappingProblem[], options: { cause?: unknown } = {}) {
    const first = problems[0];
    const head = first ? formatMappingProblem(first) : 'invalid mapping';
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super('MAPPING_INVALID', `${head}${more}`, {
      context: first
        ? { file: first.file, line: first.line, column: first.column, keyPath: first.keyPath }
        : {},
      cause: options.cause,
    });
    this.problems = problems;
  }
}

export interface CrmApiErrorDetails {
  system: CrmSystem;
  operation: string;
  method: string;
  path: string;
  status?: number;
  vendorCode?: string;
  requestId?: string;
  /** True when the same call may succeed later (rate limit, lock, 5xx, dropped connection). */
  retryable: boolean;
}

/** A failed call to a CRM API, wrapped once in the connector's client so no layer above parses vendor bodies. */
export class CrmApiError extends AtlasError {
  override readonly name = 'CrmApiError';
  readonly details: CrmApiErrorDetails;

  constructor(message: string, details: CrmApiErrorDetails, options: { cause?: unknown } = {}) {
    const code =
      details.vendorCode === undefined ? 'CRM_API_ERROR' : VendorErrorCodeSchema.parse(details.vendorCode);
    super(code, message, {
      context: {
        system: details.system,
        operation: details.operation,
        method: details.method,
        path: details.path,
        status: details.status,
        vendorCode: details.vendorCode,
        requestId: details.requestId,
      },
      cause: options.cause,
    });
    this.details = details;
  }
}

/** Message of any thrown value, for logs and run records. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
