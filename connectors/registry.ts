/**
 * The CRM plugins Partner Atlas knows, one line each. Code in src/ reaches a CRM through this registry and
 * the port (types.ts), never by naming it: a new CRM is a connector folder, a mapping file and a line here.
 */
import type { CrmSystem } from '../src/model/index.js';
import { hubspotPlugin } from './hubspot/plugin.js';
import type { CrmPlugin } from './plugin.js';
import { salesforcePlugin } from './salesforce/plugin.js';

/** Every system of the model has its plugin (the type makes a missing one a compile error). */
const PLUGINS = {
  salesforce: salesforcePlugin,
  hubspot: hubspotPlugin,
} as const satisfies { readonly [S in CrmSystem]: CrmPlugin };

/** The write-back section type of a system, as its plugin's schema parses it. */
export type WritebackOf<S extends CrmSystem> = (typeof PLUGINS)[S] extends CrmPlugin<infer W> ? W : never;

/** The plugins, in the order commands list and run them. */
export const CRM_PLUGINS: readonly CrmPlugin[] = Object.values(PLUGINS);

/** The system names, in the same order (`salesforce`, `hubspot`). */
export const CRM_SYSTEMS: readonly CrmSystem[] = CRM_PLUGINS.map((p) => p.system);

/** The plugin of a system. */
export function crmPlugin(system: CrmSystem): CrmPlugin {
  return PLUGINS[system];
}

/** The system a user typed (`--system`, `atlas connect <crm>`), or undefined when no plugin has that name. */
export function findCrmSystem(name: string): CrmSystem | undefined {
  return CRM_SYSTEMS.find((s) => s === name);
}

/**
 * One value per system, built from each plugin (mapping files, sources, parsed mappings).
 * @example
 * const files = perCrm((plugin) => plugin.mapping.file); // { salesforce: 'salesforce.yaml', hubspot: … }
 */
export function perCrm<T>(value: (plugin: CrmPlugin) => T): Record<CrmSystem, T> {
  const out: Partial<Record<CrmSystem, T>> = {};
  for (const plugin of CRM_PLUGINS) out[plugin.system] = value(plugin);
  // Complete: PLUGINS has a plugin for every system (its type says so).
  return out as Record<CrmSystem, T>;
}
