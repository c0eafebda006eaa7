/** The emulator's REST error: a status plus Salesforce's `[{ message, errorCode, fields? }]` body. */
import { VendorErrorCodeSchema } from '../../../src/error-codes.js';
import { AtlasError } from '../../../src/errors.js';

/**
 * Thrown by route handlers; the server's error middleware answers it in Salesforce's REST error format
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm).
 */
export class SalesforceApiError extends AtlasError {
  override readonly name = 'SalesforceApiError';
  readonly status: number;
  readonly errorCode: string;
  readonly fields: string[] | undefined;

  constructor(status: number, errorCode: string, message: string, fields?: string[]) {
    super(VendorErrorCodeSchema.parse(errorCode), message, {
      context: { status, fields: fields?.join(',') },
    });
    this.status = status;
    this.errorCode = errorCode;
    this.fields = fields;
  }

  /** The JSON body Salesforce answers. */
  toBody(): Array<{ message: string; errorCode: string; fields?: string[] }> {
    return [
      { message: this.message, errorCode: this.errorCode, ...(this.fields ? { fields: this.fields } : {}) },
    ];
  }
}

/** `401 INVALID_SESSION_ID`, what jsforce treats as "refresh the token and retry". */
export function invalidSession(): SalesforceApiError {
  return new SalesforceApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
}

/** `404 NOT_FOUND` for an unknown resource path. */
export function notFound(): SalesforceApiError {
  return new SalesforceApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}
