/** The Salesforce connector (jsforce 3): `createSalesforceConnector(options)` implements the connector port. */
import type {
  Connector,
  DeletedOptions,
  DesiredList,
  FieldOptions,
  FieldUpdate,
  ListPlan,
  ProvisionOptions,
  ProvisionPlan,
  ReadOptions,
  ReadPlan,
  SurveyOptions,
} from '../types.js';
import { openConnection, retiringFlowWarning } from './auth.js';
import { writeBulkIngest } from './bulk2-ingest.js';
import { salesforceCellRecords } from './cell-records.js';
import { checkConnection } from './check.js';
import { SalesforceClient } from './client.js';
import { DescribeSession, describeObjectFields } from './describe.js';
import { ensurePicklistValues } from './field-options.js';
import { applyListViews, planListViews } from './list-views.js';
import { type SalesforceConnectorOptions, SalesforceConnectorOptionsSchema } from './options.js';
import { applyProvisioning, planProvisioning } from './provision.js';
import { listPlanIds, type ReadContext, readDeletedIds, readPlan } from './read.js';
import { checkPlansSchema } from './schema-check.js';
import { surveySalesforceSchema } from './survey.js';
import { type WriteContext, writeCollections } from './write.js';

export {
  type SalesforceAuth,
  SalesforceAuthSchema,
  type SalesforceConnectorOptions,
  SalesforceConnectorOptionsSchema,
  type SalesforceEnvExtras,
  salesforceConnectorOptionsFromEnv,
} from './options.js';

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Authenticates and returns the connector.
 * @example
 * const connector = await createSalesforceConnector(salesforceConnectorOptionsFromEnv(loadEnv(), { writeback }));
 * for await (const page of connector.read(plan, { cursor: null, runStartedAt, lookbackMs: 0 })) store(page);
 */
export async function createSalesforceConnector(options: SalesforceConnectorOptions): Promise<Connector> {
  const settings = SalesforceConnectorOptionsSchema.parse(options);
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? defaultSleep;
  const { conn, identity } = await openConnection({
    auth: settings.auth,
    loginUrl: settings.loginUrl,
    instanceUrl: settings.instanceUrl,
    apiVersion: settings.apiVersion,
    timeoutMs: settings.timeoutMs,
    retry: settings.retry,
    sleep,
    logger: options.logger,
    now,
  });
  const client = new SalesforceClient({
    conn,
    apiVersion: settings.apiVersion,
    identity,
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    budget: settings.budget,
    logger: options.logger,
    sleep,
  });
  const readCtx: ReadContext = {
    client,
    logger: options.logger,
    bulkQueryThreshold: settings.bulkQueryThreshold,
    bulkResultsPage: settings.bulkResultsPage,
    downloadTimeoutMs: settings.downloadTimeoutMs,
    poll: {
      intervalMs: settings.bulkPollIntervalMs,
      timeoutMs: settings.bulkPollTimeoutMs,
      sleep,
      now: () => Date.now(),
    },
    now,
  };
  const writeCtx: WriteContext = { client, logger: options.logger, retry: settings.retry, sleep };
  const writeback = settings.writeback;
  const lists = { client, writeback, prefix: settings.listViewPrefix, logger: options.logger };

  return {
    system: 'salesforce',
    check: (plans: readonly ReadPlan[], writeFields: readonly string[]) =>
      checkConnection(
        client,
        plans,
        writeback?.object ?? 'Account',
        writeFields,
        [retiringFlowWarning(settings.auth, settings.apiVersion) ?? []].flat(),
      ),
    describeFields: (object: string) => describeObjectFields(client, object),
    checkSchema: (plans: readonly ReadPlan[]) => {
      // Fresh describes for the check; the reads that follow type Bulk CSV columns from the same ones.
      readCtx.describes = new DescribeSession(client);
      return checkPlansSchema(client, plans, readCtx.describes);
    },
    read: (plan: ReadPlan, readOptions: ReadOptions) => readPlan(readCtx, plan, readOptions),
    readDeleted: (plan: ReadPlan, deletedOptions: DeletedOptions) =>
      readDeletedIds(readCtx, plan, deletedOptions),
    listIds: (plan: ReadPlan, listOptions: { signal?: AbortSignal }) =>
      listPlanIds(readCtx, plan, listOptions),
    ensureFieldOptions: (object: string, fieldOptions: readonly FieldOptions[]) =>
      ensurePicklistValues(client, object, fieldOptions, readCtx.describes),
    writeFields: (object: string, updates: readonly FieldUpdate[]) =>
      updates.length > settings.bulkIngestThreshold
        ? writeBulkIngest(
            { ...writeCtx, poll: readCtx.poll, transferTimeoutMs: settings.downloadTimeoutMs },
            object,
            updates,
          )
        : writeCollections(writeCtx, object, updates),
    planLists: (desired: readonly DesiredList[]) => planListViews(lists, desired),
    applyLists: (plan: ListPlan, desired: readonly DesiredList[]) => applyListViews(lists, plan, desired),
    planProvision: (provisionOptions?: ProvisionOptions) =>
      planProvisioning(client, writeback, provisionOptions),
    applyProvision: (plan: ProvisionPlan, provisionOptions?: ProvisionOptions) =>
      applyProvisioning(client, writeback, plan, provisionOptions),
    surveySchema: (surveyOptions: SurveyOptions) => surveySalesforceSchema(client, surveyOptions),
    ...(writeback?.cellRecords
      ? { cellRecords: salesforceCellRecords(readCtx, writeback.cellRecords.object) }
      : {}),
    usage: () => client.usage(),
    resetUsage: () => client.resetUsage(),
    close: async () => {
      // Sessions are left to expire: logging out would revoke a token other processes may share.
    },
  };
}
