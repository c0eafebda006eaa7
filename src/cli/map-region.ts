/** The `--region` option of `atlas map` and `atlas match`: a region people can name, or a usage error listing them. */
import { knownRegions, regionNameOf } from '../engine/index.js';
import { AtlasError } from '../errors.js';
import type { Partner } from '../model/partner.js';
import type { Taxonomy } from '../model/taxonomy.js';

/**
 * The region's display name ("emea" → "EMEA"); throws a usage error naming the regions there are when
 * neither the taxonomy nor any partner has it.
 */
export function regionOption(region: string, taxonomy: Taxonomy, partners: readonly Partner[]): string {
  const known = knownRegions(taxonomy, partners);
  const name = regionNameOf(taxonomy)(region);
  const found = known.find((k) => k.toLowerCase() === name?.toLowerCase());
  if (found !== undefined) return found;
  throw new AtlasError(
    'USAGE',
    `No region "${region}": ${known.length === 0 ? 'no partner has a region and taxonomy.yaml lists none' : `use one of ${known.join(', ')}`}.`,
    { context: { region } },
  );
}
