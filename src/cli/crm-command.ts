/** Opens one CRM's connector with its compiled mapping, for `connect` and `provision`. */
import { CRM_SYSTEMS, crmPlugin } from '../../connectors/registry.js';
import type { Connector, ReadPlan } from '../../connectors/types.js';
import { mappingsDir } from '../config.js';
import { AtlasError } from '../errors.js';
import { createLogger } from '../log.js';
import { compileMapping, loadMappings } from '../mapping/index.js';
import type { CrmSystem } from '../model/index.js';
import { openConnector, selectSystems } from '../sync/open-connectors.js';
import { writebackTarget } from '../writeback/index.js';
import type { CliContext } from './context.js';

export interface CrmCommandContext {
  system: CrmSystem;
  connector: Connector;
  plans: ReadPlan[];
  writeFields: string[];
}

export async function withCrm<T>(
  context: CliContext,
  name: string,
  work: (crm: CrmCommandContext) => Promise<T>,
): Promise<T> {
  const env = context.env();
  const [system] = selectSystems(env, [name]);
  if (!system) throw new AtlasError('USAGE', `name a CRM: ${CRM_SYSTEMS.join(' or ')}`);
  const mappings = loadMappings(mappingsDir(env));
  const mapping = mappings[system];
  if (!mapping) throw new AtlasError('CONFIG_INVALID', `no ${system}.yaml mapping in ${mappingsDir(env)}`);
  const compiled = compileMapping(mapping, mappings.taxonomy);
  const plans = compiled.readPlans();
  const writeFields = mapping.writeback
    ? writebackTarget(system, mapping.writeback).fields.map((f) => f.name)
    : [];
  // Said before the first call: a host that does not answer takes a connect timeout and a retry to report.
  context.err(`Connecting to ${crmPlugin(system).label}…`);
  const connector = await openConnector(system, env, mappings, createLogger(env));
  try {
    return await work({ system, connector, plans, writeFields });
  } finally {
    await connector.close();
  }
}
