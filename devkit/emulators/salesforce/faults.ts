/** Salesforce-flavoured fault answers for the kit's injector: error bodies and per-record failure codes. */
import type { FaultAnswer } from '../kit/index.js';

/** Route key of the OAuth token endpoint: exempt from request faults, reached only by token endpoint outages. */
export const SALESFORCE_TOKEN_ROUTE = 'POST /oauth2/token';

/** Codes a rate-based record failure picks from, each a documented StatusCode. */
export const SALESFORCE_RECORD_FAILURE_CODES = [
  'UNABLE_TO_LOCK_ROW',
  'FIELD_CUSTOM_VALIDATION_EXCEPTION',
] as const;

/** Message Salesforce gives for a record failure code (lock timeouts name the record). */
export function recordFailureMessage(code: string, recordId: string): string {
  switch (code) {
    case 'UNABLE_TO_LOCK_ROW':
      return `unable to obtain exclusive access to this record or 1 records: ${recordId}`;
    case 'FIELD_CUSTOM_VALIDATION_EXCEPTION':
      return 'Record rejected by a validation rule (Partner Atlas emulator fault injection)';
    default:
      return `Record rejected with ${code} (Partner Atlas emulator fault injection)`;
  }
}

/**
 * Body of an injected 429 or 5xx in the REST error format. The 429 reuses REQUEST_LIMIT_EXCEEDED, the
 * code Salesforce gives for concurrency limits; the status (429, not 403) tells it apart from a spent
 * daily quota. The token endpoint answers in OAuth's format instead, with `unknown_error`, the code
 * Salesforce documents as "retry your request"
 * (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_flow_errors.htm).
 */
export function salesforceFaultAnswer(
  kind: 'too-many-requests' | 'server-error',
  status: number,
  route: string,
): FaultAnswer {
  if (route === SALESFORCE_TOKEN_ROUTE) {
    return {
      contentType: 'application/json;charset=UTF-8',
      body: JSON.stringify({ error: 'unknown_error', error_description: 'retry your request' }),
    };
  }
  const body =
    kind === 'too-many-requests'
      ? [
          {
            message: 'Too many requests: retry later (Partner Atlas emulator fault injection)',
            errorCode: 'REQUEST_LIMIT_EXCEEDED',
          },
        ]
      : status === 503
        ? [
            {
              message: 'Server temporarily unavailable (Partner Atlas emulator fault injection)',
              errorCode: 'SERVER_UNAVAILABLE',
            },
          ]
        : [
            {
              message: 'An unexpected error occurred (Partner Atlas emulator fault injection)',
              errorCode: 'UNKNOWN_EXCEPTION',
            },
          ];
  return { contentType: 'application/json;charset=UTF-8', body: JSON.stringify(body) };
}
