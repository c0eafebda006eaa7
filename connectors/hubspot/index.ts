/** The HubSpot connector (@hubspot/api-client): create it from options or from the environment. */
import type { Connector } from '../types.js';
import { HubSpotConnector } from './connector.js';
import { type HubSpotConnectorOptions, HubSpotConnectorOptionsSchema } from './options.js';

export {
  type HubSpotAuth,
  type HubSpotConnectorOptions,
  HubSpotConnectorOptionsSchema,
  type HubSpotEnvExtras,
  type HubSpotLimits,
  hubspotConnectorOptionsFromEnv,
} from './options.js';
export { type HubSpotCursor, HubSpotCursorSchema } from './read.js';

/**
 * Creates the connector. Nothing is called until a method is.
 * @example
 * const hubspot = await createHubSpotConnector(hubspotConnectorOptionsFromEnv(loadEnv(), { writeback }));
 * for await (const page of hubspot.read(plan, { cursor: null, runStartedAt, lookbackMs: 300_000 })) store(page);
 */
export async function createHubSpotConnector(options: HubSpotConnectorOptions): Promise<Connector> {
  return new HubSpotConnector(HubSpotConnectorOptionsSchema.parse(options));
}
