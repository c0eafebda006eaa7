/** HubSpot's error bodies, and the error the emulator's routes throw so one middleware can answer them. */
import { AtlasError } from '../../../src/errors.js';

/** Error categories HubSpot answers with (https://developers.hubspot.com/docs/api-reference/error-handling). */
export type HubSpotErrorCategory =
  | 'VALIDATION_ERROR'
  | 'OBJECT_NOT_FOUND'
  | 'CONFLICT'
  | 'OBJECT_ALREADY_EXISTS'
  | 'INVALID_AUTHENTICATION'
  | 'EXPIRED_AUTHENTICATION'
  | 'MISSING_SCOPES'
  | 'FORBIDDEN'
  | 'RATE_LIMITS'
  | 'INTERNAL_ERROR';

/**
 * HubSpot's standard error body without its `correlationId`, which the error middleware adds.
 * Rate-limit answers use a different body (see `rateLimitBody`), so the body is an open record.
 */
export type HubSpotErrorBody = Record<string, unknown>;

/** A request the emulator refuses: the HTTP status, HubSpot's body and any extra headers. */
export class HubSpotHttpError extends AtlasError {
  override readonly name = 'HubSpotHttpError';
  readonly status: number;
  readonly body: HubSpotErrorBody;
  readonly headers: Record<string, string>;

  constructor(status: number, body: HubSpotErrorBody, headers: Record<string, string> = {}) {
    const message = typeof body.message === 'string' ? body.message : `HubSpot emulator answered ${status}`;
    super('HUBSPOT_EMULATOR_REFUSED', message, { context: { status } });
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** The standard body: `{ status: "error", message, category, ...extra }` (correlationId added on answer). */
export function hubSpotError(
  status: number,
  category: HubSpotErrorCategory,
  message: string,
  extra: Record<string, unknown> = {},
): HubSpotHttpError {
  return new HubSpotHttpError(status, { status: 'error', message, category, ...extra });
}

/** 400 VALIDATION_ERROR, the answer to any malformed input. */
export function validationError(message: string, extra: Record<string, unknown> = {}): HubSpotHttpError {
  return hubSpotError(400, 'VALIDATION_ERROR', message, extra);
}

/**
 * 409 OBJECT_ALREADY_EXISTS: creating a property, property group or object schema under a taken name. HubSpot's
 * answer names the category of the clash, not the HTTP status (`CONFLICT` is not what these endpoints send).
 */
export function alreadyExists(message: string): HubSpotHttpError {
  return hubSpotError(409, 'OBJECT_ALREADY_EXISTS', message);
}

/**
 * 403: the portal may not use the feature. HubSpot documents the status ("the authentication provided does not
 * have the proper permissions", https://developers.hubspot.com/docs/api-reference/error-handling) but not a body
 * for a subscription that lacks a feature, so the standard body is answered.
 */
export function forbidden(message: string): HubSpotHttpError {
  return hubSpotError(403, 'FORBIDDEN', message);
}

/** 404 OBJECT_NOT_FOUND. */
export function notFound(message = 'resource not found'): HubSpotHttpError {
  return hubSpotError(404, 'OBJECT_NOT_FOUND', message);
}

/**
 * HubSpot's 429 body (usage guidelines): `errorType: "RATE_LIMIT"` and the policy that was hit.
 * Example from the docs: `{ status, message: "You have reached your daily limit.", errorType, correlationId, policyName: "DAILY" }`.
 */
export function rateLimitBody(policyName: 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY'): HubSpotErrorBody {
  const message =
    policyName === 'DAILY'
      ? 'You have reached your daily limit.'
      : policyName === 'SECONDLY'
        ? 'You have reached your secondly limit.'
        : 'You have reached your ten_secondly_rolling limit.';
  return { status: 'error', message, errorType: 'RATE_LIMIT', policyName };
}
