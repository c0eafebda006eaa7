/** Lookup tables of a taxonomy: raw value → key per axis, the unmapped values, and the keys. */
import type { Taxonomy } from '../model/index.js';
import type { TaxonomyAxis } from './field-source-schema.js';
import { TextLookup } from './text-lookup.js';

export interface TaxonomyIndex {
  /** Raw value (any case) → key, per axis. */
  readonly values: Record<TaxonomyAxis, TextLookup<string>>;
  readonly keys: Record<TaxonomyAxis, readonly string[]>;
  /** Raw values deliberately left unmapped. */
  readonly unmapped: TextLookup<true>;
  /** ISO country code → region key (empty when the taxonomy has no regions). */
  readonly regionOfCountry: ReadonlyMap<string, string>;
}

/** Builds the lookup tables; the first entry claiming a value wins (the loader rejects duplicates anyway). */
export function indexTaxonomy(taxonomy: Taxonomy): TaxonomyIndex {
  const axis = (entries: Taxonomy['sectors']) =>
    new TextLookup(entries.flatMap((entry) => entry.values.map((value) => [value, entry.key] as const)));
  return {
    values: { sectors: axis(taxonomy.sectors), technologies: axis(taxonomy.technologies) },
    keys: {
      sectors: taxonomy.sectors.map((e) => e.key),
      technologies: taxonomy.technologies.map((e) => e.key),
    },
    unmapped: new TextLookup(taxonomy.unmapped.map((value) => [value, true] as const)),
    regionOfCountry: new Map(
      (taxonomy.regions ?? []).flatMap((region) => region.countries.map((c) => [c, region.key] as const)),
    ),
  };
}
