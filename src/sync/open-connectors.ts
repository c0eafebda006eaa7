/** Opens the connectors of the CRMs the environment configures, through the plugin registry, with each mapping's write-back. */
import { CRM_PLUGINS, CRM_SYSTEMS, crmPlugin, findCrmSystem } from '../../connectors/registry.js';
import type { Connector } from '../../connectors/types.js';
import type { AtlasEnv } from '../config.js';
import { AtlasError } from '../errors.js';
import type { Logger } from '../log.js';
import { ENTITY_NAMES, type LoadedMappings } from '../mapping/index.js';
import type { CrmSystem } from '../model/index.js';
import { possibleValues } from '../writeback/index.js';

/** The CRMs whose credentials are in the environment. */
export function configuredSystems(env: AtlasEnv): CrmSystem[] {
  return CRM_PLUGINS.filter((plugin) => plugin.configured(env)).map((plugin) => plugin.system);
}

/** The systems a command works on: those asked for (each must be configured), or every configured one. */
export function selectSystems(env: AtlasEnv, asked: readonly string[] | undefined): CrmSystem[] {
  const configured = configuredSystems(env);
  if (!asked || asked.length === 0) {
    if (configured.length === 0) {
      const variables = CRM_PLUGINS.map((plugin) => plugin.envVariables).join(' or ');
      throw new AtlasError(
        'CONFIG_INVALID',
        `no CRM is configured: set the ${variables} variables (see .env.example), or try \`npm run demo\``,
      );
    }
    return configured;
  }
  return asked.map((name) => {
    const system = findCrmSystem(name);
    if (!system) throw new AtlasError('USAGE', `--system ${name}: expected ${CRM_SYSTEMS.join(' or ')}`);
    if (!configured.includes(system)) {
      throw new AtlasError(
        'CONFIG_INVALID',
        `${system} is not configured: set its variables in the environment (see .env.example)`,
      );
    }
    return system;
  });
}

/** Opens one CRM's connector with its mapping's write-back section and the objects it reads. */
export async function openConnector(
  system: CrmSystem,
  env: AtlasEnv,
  mappings: LoadedMappings,
  logger?: Logger,
): Promise<Connector> {
  const mapping = mappings[system];
  const readObjects = mapping
    ? ENTITY_NAMES.flatMap((name) => {
        const entity = mapping.entities[name];
        return entity ? [entity.object] : [];
      })
    : [];
  return crmPlugin(system).open(env, {
    writeback: mapping?.writeback,
    readObjects,
    possibleValues: (result) => possibleValues(result, mappings.taxonomy, mappings.scoring),
    ...(logger ? { logger } : {}),
  });
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

/** How to open each system's connector, for the pipeline to call inside the run (a failure is on its record). */
export function connectorOpeners(
  systems: readonly CrmSystem[],
  env: AtlasEnv,
  mappings: LoadedMappings,
  logger?: Logger,
): Partial<Record<CrmSystem, () => Promise<Connector>>> {
  return Object.fromEntries(
    systems.map((system) => [system, () => openConnector(system, env, mappings, logger)]),
  );
}
