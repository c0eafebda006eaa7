/** Builds the connectors of the CRMs the environment configures, with the write-back section of each mapping. */
import { createHubSpotConnector, hubspotConnectorOptionsFromEnv } from '../../connectors/hubspot/index.js';
import {
  createSalesforceConnector,
  salesforceConnectorOptionsFromEnv,
} from '../../connectors/salesforce/index.js';
import type { Connector } from '../../connectors/types.js';
import type { AtlasEnv } from '../config.js';
import { AtlasError } from '../errors.js';
import type { Logger } from '../log.js';
import { ENTITY_NAMES, type LoadedMappings } from '../mapping/index.js';
import type { CrmSystem } from '../model/index.js';
import { possibleValues } from '../writeback/index.js';

export const CRM_SYSTEMS: readonly CrmSystem[] = ['salesforce', 'hubspot'];

/** The CRMs whose credentials are in the environment. */
export function configuredSystems(env: AtlasEnv): CrmSystem[] {
  const systems: CrmSystem[] = [];
  if (env.SALESFORCE_USERNAME || env.SALESFORCE_CLIENT_ID) systems.push('salesforce');
  if (env.HUBSPOT_ACCESS_TOKEN || env.HUBSPOT_CLIENT_ID) systems.push('hubspot');
  return systems;
}

/** The systems a command works on: those asked for (each must be configured), or every configured one. */
export function selectSystems(env: AtlasEnv, asked: readonly string[] | undefined): CrmSystem[] {
  const configured = configuredSystems(env);
  if (!asked || asked.length === 0) {
    if (configured.length === 0) {
      throw new AtlasError(
        'CONFIG_INVALID',
        'no CRM is configured: set the SALESFORCE_* or HUBSPOT_* variables (see .env.example), or try `npm run demo`',
      );
    }
    return configured;
  }
  return asked.map((name) => {
    const system = CRM_SYSTEMS.find((s) => s === name);
    if (!system) throw new AtlasError('USAGE', `--system ${name}: expected salesforce or hubspot`);
    if (!configured.includes(system)) {
      throw new AtlasError(
        'CONFIG_INVALID',
        `${system} is not configured: set its variables in the environment (see .env.example)`,
      );
    }
    return system;
  });
}

export async function openConnector(
  system: CrmSystem,
  env: AtlasEnv,
  mappings: LoadedMappings,
  logger?: Logger,
): Promise<Connector> {
  if (system === 'salesforce') {
    const writeback = mappings.salesforce?.writeback;
    return createSalesforceConnector(
      salesforceConnectorOptionsFromEnv(env, {
        ...(writeback ? { writeback } : {}),
        ...(logger ? { logger } : {}),
      }),
    );
  }
  const mapping = mappings.hubspot;
  const readObjects = mapping
    ? ENTITY_NAMES.flatMap((name) => {
        const entity = mapping.entities[name];
        return entity ? [entity.object] : [];
      })
    : [];
  // Enumeration properties need their options when they are created: every segment and need label.
  const fieldOptions = (mapping?.writeback?.fields ?? []).flatMap((field) => {
    const values =
      field.type === 'enumeration' ? possibleValues(field.result, mappings.taxonomy, mappings.scoring) : null;
    return values ? [{ field: field.property, values }] : [];
  });
  return createHubSpotConnector(
    hubspotConnectorOptionsFromEnv(env, {
      writeback: mapping?.writeback ?? null,
      readObjects,
      fieldOptions,
      ...(logger ? { logger } : {}),
    }),
  );
}

export async function openConnectors(
  systems: readonly CrmSystem[],
  env: AtlasEnv,
  mappings: LoadedMappings,
  logger?: Logger,
): Promise<Partial<Record<CrmSystem, Connector>>> {
  const connectors: Partial<Record<CrmSystem, Connector>> = {};
  for (const system of systems) connectors[system] = await openConnector(system, env, mappings, logger);
  return connectors;
}
