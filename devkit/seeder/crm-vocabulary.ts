/** Taxonomy keys back to RAW CRM values: for each sector / technology, the values of a CRM field that mean it. */
import type { HubSpotState } from '../emulators/hubspot/index.js';
import { HUBSPOT_INDUSTRY_OPTIONS } from '../emulators/hubspot/index.js';
import type { SalesforceEmulatorState } from '../emulators/salesforce/index.js';
import { ACCOUNT_INDUSTRIES as SALESFORCE_ACCOUNT_INDUSTRIES } from '../emulators/salesforce/index.js';

const HUBSPOT_COMPANY_INDUSTRIES = HUBSPOT_INDUSTRY_OPTIONS.map(([value]) => value);

import { DEFAULT_SCORING_CONFIG } from '../../src/model/scoring.js';
import type { Taxonomy, TaxonomyEntry } from '../../src/model/taxonomy.js';
import type { SalesforceCertificationTarget } from './profiles.js';

/**
 * The raw values one CRM accepts, per taxonomy entry (index = position in the taxonomy). Every list is
 * non-empty: when the CRM's field offers nothing that maps to an entry, the entry's label (or first value)
 * is used, which the taxonomy still maps back.
 */
export interface CrmVocabulary {
  /** Customer industry values per sector (Account.Industry / company `industry`). */
  industries: string[][];
  /** Product family values per technology (Product2.Family / line item `product_family`). */
  families: string[][];
  /** Certification technology values per technology. */
  certificationTechnologies: string[][];
  /** Certification industry values per sector. */
  certificationIndustries: string[][];
  /** Currencies the CRM can book a deal in. */
  currencies: ReadonlySet<string>;
}

/** What a CRM field offers, as the emulator describes it (undefined: not known, use the default vocabulary). */
export interface CrmFieldValues {
  industries: readonly string[];
  families: readonly string[];
  certificationTechnologies: readonly string[];
  certificationIndustries: readonly string[];
  currencies: readonly string[];
}

const fold = (value: string) => value.trim().toLowerCase();

/**
 * For each entry, the allowed values (in the CRM's spelling, in the CRM's order) that the entry lists,
 * matched case-insensitively as the taxonomy matches them.
 */
export function valuesPerEntry(entries: readonly TaxonomyEntry[], allowed: readonly string[]): string[][] {
  return entries.map((entry) => {
    const wanted = new Set(entry.values.map(fold));
    const found = allowed.filter((value) => wanted.has(fold(value)));
    if (found.length > 0) return found;
    const label = entry.values.find((v) => fold(v) === fold(entry.label));
    return [label ?? entry.values[0] ?? entry.label];
  });
}

/** Builds a vocabulary from the values a CRM's fields offer. */
export function buildVocabulary(taxonomy: Taxonomy, offered: CrmFieldValues): CrmVocabulary {
  return {
    industries: valuesPerEntry(taxonomy.sectors, offered.industries),
    families: valuesPerEntry(taxonomy.technologies, offered.families),
    certificationTechnologies: valuesPerEntry(taxonomy.technologies, offered.certificationTechnologies),
    certificationIndustries: valuesPerEntry(taxonomy.sectors, offered.certificationIndustries),
    currencies: new Set(offered.currencies),
  };
}

/** Currencies of the scoring defaults (the generator books deals in these), USD first. */
export const DEAL_CURRENCIES: readonly string[] = [
  'USD',
  ...Object.keys(DEFAULT_SCORING_CONFIG.currency.rates)
    .filter((c) => c !== 'USD')
    .sort(),
];

/**
 * Product families of a vendor whose catalogue follows the taxonomy: each technology's label and one
 * more of its values (e.g. "Data & AI" and "Data"), never the snake_case key. Salesforce `Product2.Family`.
 */
export function salesforceProductFamilies(taxonomy: Taxonomy): string[] {
  const out: string[] = [];
  for (const entry of taxonomy.technologies) {
    const label = entry.values.find((v) => fold(v) === fold(entry.label)) ?? entry.values[0] ?? entry.label;
    out.push(label);
    const other = entry.values.find((v) => fold(v) !== fold(label) && fold(v) !== entry.key);
    if (other !== undefined) out.push(other);
  }
  return [...new Set(out)];
}

/**
 * `[value, label]` options of HubSpot's line item `product_family`: the technology key when the taxonomy
 * lists it (case-insensitively), else its first value in lower case.
 */
export function hubspotProductFamilies(taxonomy: Taxonomy): Array<[string, string]> {
  return taxonomy.technologies.map((entry) => {
    const keyListed = entry.values.some((v) => fold(v) === entry.key);
    return [keyListed ? entry.key : fold(entry.values[0] ?? entry.key), entry.label];
  });
}

/**
 * The values the Salesforce emulator's fields offer (picklists as described), or the brief's defaults.
 * An org without `Opportunity.CurrencyIsoCode` books every deal in its one corporate currency, USD.
 */
export function salesforceFieldValues(
  state: SalesforceEmulatorState | undefined,
  certifications: SalesforceCertificationTarget,
): CrmFieldValues {
  const picklist = (object: string, field: string, fallback: readonly string[]) => {
    const values = state
      ?.object(object)
      ?.fields.get(field)
      ?.picklistValues.map((p) => p.value);
    return values && values.length > 0 ? values : fallback;
  };
  const families = picklist('Product2', 'Family', []);
  const { object, fields } = certifications;
  const singleCurrency = state?.object('Opportunity')?.fields.has('CurrencyIsoCode') === false;
  return {
    industries: picklist('Account', 'Industry', SALESFORCE_ACCOUNT_INDUSTRIES),
    families,
    certificationTechnologies: picklist(object, fields.technology, families),
    certificationIndustries: picklist(object, fields.industry, SALESFORCE_ACCOUNT_INDUSTRIES),
    currencies: singleCurrency ? ['USD'] : picklist('Opportunity', 'CurrencyIsoCode', DEAL_CURRENCIES),
  };
}

/** The values the HubSpot emulator's enumeration properties offer, or the brief's defaults. */
export function hubspotFieldValues(state: HubSpotState | undefined): CrmFieldValues {
  const options = (objectType: string, property: string, fallback: readonly string[]) => {
    let values: string[] | undefined;
    try {
      values = state
        ?.type(objectType)
        .properties.get(property)
        ?.options.map((o) => o.value);
    } catch {
      // The portal has no such object (e.g. started without the certifications schema): use the defaults.
    }
    return values && values.length > 0 ? values : fallback;
  };
  const industries = options('companies', 'industry', HUBSPOT_COMPANY_INDUSTRIES);
  return {
    industries,
    families: options('line_items', 'product_family', []),
    certificationTechnologies: options(certificationsObjectType(state) ?? 'certifications', 'technology', []),
    // The certifications object's `industry` is free text: the company industry values are the natural choice.
    certificationIndustries: industries,
    currencies: options('deals', 'deal_currency_code', DEAL_CURRENCIES),
  };
}

/**
 * The objectTypeId of the portal's `certifications` custom object (`2-5000001`): HubSpot does not accept a
 * custom object's bare name as its API name. Undefined when the portal has no such object.
 */
export function certificationsObjectType(state: HubSpotState | undefined): string | undefined {
  return state?.schemas.customTypes().find((d) => d.name === 'certifications')?.objectTypeId;
}
