/** The Salesforce plugin: its mapping dialect, write-back section and credentials, how to open it, and its starter mapping. */
import type { CrmPlugin } from '../plugin.js';
import { SF_TEXT_AREA_MAX_LENGTH } from './limits.js';
import { salesforceMappingSchema } from './mapping-schema.js';
import { SALESFORCE_SURVEY, salesforceStarter } from './starter-mapping.js';
import { type SalesforceWriteback, SalesforceWritebackSchema } from './writeback-schema.js';

export const salesforcePlugin: CrmPlugin<SalesforceWriteback> = {
  system: 'salesforce',
  label: 'Salesforce',
  envVariables: 'SALESFORCE_*',
  mapping: salesforceMappingSchema,
  writebackSchema: SalesforceWritebackSchema,
  writebackField: (f) => ({
    name: f.field,
    type: f.type,
    maxLength:
      f.type === 'Text' || f.type === 'LongTextArea'
        ? (f.length ?? null)
        : f.type === 'TextArea'
          ? SF_TEXT_AREA_MAX_LENGTH
          : null,
  }),
  // List view filters separate values with commas: a segment named after such a label could never be filtered on.
  labelProblem: (label, writeback) =>
    label.includes(',') && writeback.lists.some((l) => l.per === 'segment')
      ? {
          message: `"${label}" holds a comma, which Salesforce list view filters read as two values`,
          hint: 'write the label without commas, e.g. with "&" (salesforce.yaml keeps list views per segment)',
        }
      : undefined,
  configured: (env) => Boolean(env.SALESFORCE_USERNAME || env.SALESFORCE_CLIENT_ID),
  async open(env, { writeback, logger }) {
    // Loaded here, so that the mapping layer and `atlas --version` never load jsforce.
    const { createSalesforceConnector, salesforceConnectorOptionsFromEnv } = await import('./index.js');
    return createSalesforceConnector(
      salesforceConnectorOptionsFromEnv(env, {
        ...(writeback ? { writeback } : {}),
        ...(logger ? { logger } : {}),
      }),
    );
  },
  starterSurvey: SALESFORCE_SURVEY,
  starterMapping: (survey, writeback) => salesforceStarter(salesforcePlugin, survey, writeback),
};
