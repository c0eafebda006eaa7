/** HubSpot-shaped answers for the kit's injected faults (429 bursts, 5xx) and the record-failure codes. */
import type { FaultAnswer } from '../kit/index.js';
import { rateLimitBody } from './errors.js';

/**
 * Body of an injected fault. A 429 burst answers like HubSpot's ten-second policy (the kit adds
 * `Retry-After`); a 5xx answers HubSpot's generic error body.
 */
export function hubSpotFaultAnswer(
  kind: 'too-many-requests' | 'server-error',
  status: number,
  correlationId: string,
): FaultAnswer {
  const body =
    kind === 'too-many-requests'
      ? { ...rateLimitBody('TEN_SECONDLY_ROLLING'), correlationId }
      : {
          status: 'error',
          message: `An internal error occurred (injected ${status}).`,
          correlationId,
          category: 'INTERNAL_ERROR',
        };
  return { contentType: 'application/json;charset=utf-8', body: JSON.stringify(body) };
}
