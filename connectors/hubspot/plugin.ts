/** The HubSpot plugin: its mapping dialect, write-back section and credentials, how to open it, and its starter mapping. */
import type { CrmPlugin } from '../plugin.js';
import { HS_STRING_MAX_LENGTH } from './limits.js';
import { hubspotMappingSchema } from './mapping-schema.js';
import { HUBSPOT_SURVEY, hubspotStarter } from './starter-mapping.js';
import { type HubSpotWriteback, HubSpotWritebackSchema } from './writeback-schema.js';

export const hubspotPlugin: CrmPlugin<HubSpotWriteback> = {
  system: 'hubspot',
  label: 'HubSpot',
  envVariables: 'HUBSPOT_*',
  mapping: hubspotMappingSchema,
  writebackSchema: HubSpotWritebackSchema,
  writebackField: (f) => ({
    name: f.property,
    type: `${f.type}/${f.fieldType}`,
    maxLength: f.type === 'string' ? HS_STRING_MAX_LENGTH : null,
  }),
  labelProblem: () => undefined,
  configured: (env) => Boolean(env.HUBSPOT_ACCESS_TOKEN || env.HUBSPOT_CLIENT_ID),
  async open(env, { writeback, readObjects, possibleValues, logger }) {
    // Loaded here, so that the mapping layer and `atlas --version` never load @hubspot/api-client.
    const { createHubSpotConnector, hubspotConnectorOptionsFromEnv } = await import('./index.js');
    // Enumeration properties need their options when they are created: every segment and need label.
    const fieldOptions = (writeback?.fields ?? []).flatMap((field) => {
      const values = field.type === 'enumeration' ? possibleValues(field.result) : null;
      return values ? [{ field: field.property, values: [...values] }] : [];
    });
    return createHubSpotConnector(
      hubspotConnectorOptionsFromEnv(env, {
        writeback: writeback ?? null,
        readObjects: [...readObjects],
        fieldOptions,
        ...(logger ? { logger } : {}),
      }),
    );
  },
  starterSurvey: HUBSPOT_SURVEY,
  starterMapping: (survey, writeback) => hubspotStarter(hubspotPlugin, survey, writeback),
};
