/** A deal customer's country as an ISO code, and its region from taxonomy.yaml `regions:`, with issues for the unknown. */
import type { RecordScope } from './record-issues.js';
import type { TaxonomyIndex } from './taxonomy-index.js';
import { isCountryCode, normaliseCountry } from './transforms.js';

export interface CustomerGeography {
  customerCountry: string | null;
  customerRegion: string | null;
}

const FIELD = 'deals.customerCountry';

/**
 * The customer's country code (names like "Germany" are normalised, so the mapping's `transform: country`
 * is optional) and the region listing it. Text that is no country, and a country in no region, are
 * warnings like an unknown sector: the deal is kept without them.
 * @example customerGeography('Germany', scope, taxonomy) // { customerCountry: 'DE', customerRegion: 'emea' }
 */
export function customerGeography(
  raw: string | null,
  scope: RecordScope,
  taxonomy: TaxonomyIndex,
): CustomerGeography {
  if (raw === null) return { customerCountry: null, customerRegion: null };
  const code = normaliseCountry(raw);
  if (!isCountryCode(code)) {
    scope.add(
      FIELD,
      raw,
      'not a country name or ISO 3166-1 code; customer country and region left empty',
      'warning',
    );
    return { customerCountry: null, customerRegion: null };
  }
  // Without a regions table a country is all there is: nothing to report.
  if (taxonomy.regionOfCountry.size === 0) return { customerCountry: code, customerRegion: null };
  const region = taxonomy.regionOfCountry.get(code) ?? null;
  if (region === null) {
    scope.add(
      FIELD,
      raw,
      `${code} is in no region of the taxonomy: add it to a region's countries in taxonomy.yaml`,
      'warning',
    );
  }
  return { customerCountry: code, customerRegion: region };
}
