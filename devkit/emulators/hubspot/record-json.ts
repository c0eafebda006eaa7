/** Records as HubSpot answers them (SimplePublicObject): string property values, ISO times, v3 associations. */

import type { ObjectTable } from './object-table.js';
import { systemPropertyNames } from './object-types.js';
import type { HubSpotState } from './state.js';

export interface RecordJsonOptions {
  /** Requested properties; empty or undefined means the type's default properties. */
  properties?: readonly string[] | undefined;
  /** Properties a write just set: returned alongside the defaults (create/update answers). */
  written?: Iterable<string>;
  /** Object types whose associated ids to include (`associations` query parameter, v3 shape). */
  associations?: readonly string[] | undefined;
}

/** The JSON of one record. Properties are sorted by name, as HubSpot answers them. */
export function recordJson(
  state: HubSpotState,
  table: ObjectTable,
  row: number,
  options: RecordJsonOptions = {},
) {
  const def = table.def;
  const names = new Set<string>(systemPropertyNames(def));
  const requested = options.properties?.filter((p) => p !== '') ?? [];
  if (requested.length === 0 && options.written === undefined) {
    for (const p of def.defaultProperties) names.add(p);
  }
  for (const p of requested) {
    const prop = def.properties.get(p);
    if (prop && !prop.archived) names.add(p);
  }
  if (options.written) {
    for (const p of def.defaultProperties) names.add(p);
    for (const p of options.written) names.add(p);
  }
  const properties: Record<string, string | null> = {};
  for (const name of [...names].sort()) {
    if (!def.properties.has(name)) continue;
    properties[name] = table.value(row, name) ?? null;
  }
  const archivedAt = table.archivedAt[row] ?? 0;
  const json: Record<string, unknown> = {
    id: String(table.ids[row]),
    properties,
    createdAt: new Date(table.created[row] ?? 0).toISOString(),
    updatedAt: new Date(table.updated[row] ?? 0).toISOString(),
    archived: archivedAt !== 0,
  };
  if (archivedAt !== 0) json.archivedAt = new Date(archivedAt).toISOString();
  const wanted = options.associations?.filter((a) => a !== '') ?? [];
  if (wanted.length > 0) {
    const associations: Record<string, { results: Array<{ id: string; type: string }> }> = {};
    for (const name of wanted) {
      const to = state.schemas.find(name);
      if (!to || !state.associations.hasPair(def.objectTypeId, to.objectTypeId)) continue;
      const targets = state.table(to);
      const results: Array<{ id: string; type: string }> = [];
      for (const a of state.associations.read(def.objectTypeId, table.ids[row] ?? 0, to.objectTypeId)) {
        const r = targets.rowOf(a.toId);
        if (r === undefined || !targets.isLive(r)) continue;
        for (const t of a.types) results.push({ id: String(a.toId), type: t.name });
      }
      if (results.length > 0) associations[to.custom ? to.fullyQualifiedName : to.name] = { results };
    }
    if (Object.keys(associations).length > 0) json.associations = associations;
  }
  return json;
}
