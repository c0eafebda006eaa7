/** Cross-file check: every taxonomy key a connector mapping names (value-map targets, constants, defaults) exists. */
import type { Taxonomy } from '../model/index.js';
import type { ConnectorMapping } from './connector-mapping.js';
import { didYouMean } from './did-you-mean.js';
import type { FieldSource, TaxonomyAxis } from './field-source-schema.js';
import { ENTITY_NAMES, fieldSpec } from './model-fields.js';
import type { KeyPath } from './yaml-positions.js';

/** An unknown taxonomy key found in a mapping, with where it is. */
export interface UnknownTaxonomyKey {
  path: KeyPath;
  key: string;
  axis: TaxonomyAxis;
  message: string;
  hint?: string;
}

function targets(source: FieldSource): { path: KeyPath; value: unknown }[] {
  const found: { path: KeyPath; value: unknown }[] = [];
  for (const [raw, target] of Object.entries(source.valueMap ?? {}))
    found.push({ path: ['valueMap', raw], value: target });
  if (source.const !== undefined) found.push({ path: ['const'], value: source.const });
  if (source.default !== undefined) found.push({ path: ['default'], value: source.default });
  return found;
}

/** Every taxonomy key the mapping names that the taxonomy does not define. */
export function findUnknownTaxonomyKeys(mapping: ConnectorMapping, taxonomy: Taxonomy): UnknownTaxonomyKey[] {
  const keys: Record<TaxonomyAxis, string[]> = {
    sectors: taxonomy.sectors.map((e) => e.key),
    technologies: taxonomy.technologies.map((e) => e.key),
  };
  const unknown: UnknownTaxonomyKey[] = [];
  for (const entity of ENTITY_NAMES) {
    const fields = mapping.entities[entity]?.fields ?? {};
    for (const [field, source] of Object.entries(fields)) {
      const spec = fieldSpec(entity, field);
      if (!source || !spec || (spec.kind !== 'sector' && spec.kind !== 'technology')) continue;
      const axis: TaxonomyAxis = spec.kind === 'sector' ? 'sectors' : 'technologies';
      for (const { path, value } of targets(source)) {
        if (typeof value !== 'string' || keys[axis].includes(value)) continue;
        unknown.push({
          path: ['entities', entity, 'fields', field, ...path],
          key: value,
          axis,
          message: `"${value}" is not a key of the taxonomy's ${axis}`,
          hint: didYouMean(value, keys[axis]),
        });
      }
    }
  }
  return unknown;
}
