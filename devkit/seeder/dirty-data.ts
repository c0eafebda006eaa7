/** The dirty data a real CRM holds, injected at low seeded rates: unmapped and missing values, duplicates, unicode names, broken cross references. */
import { z } from 'zod';
import type { Taxonomy } from '../../src/model/taxonomy.js';
import { pickBy } from '../seeded-random.js';

/** Share of records (0–1) that get each kind of dirt. Defaults: a few percent each. */
export const DirtyRatesSchema = z.object({
  /** Customers whose industry is a value no sector lists (Salesforce "Widgets"); deals with an extra line item of an unknown product family. */
  unmappedValues: z.number().min(0).max(1).default(0.025),
  /** Customers with no industry at all. */
  missingIndustries: z.number().min(0).max(1).default(0.025),
  /** Partners entered twice: a second Account / company with the same name and domain. */
  duplicatePartners: z.number().min(0).max(1).default(0.02),
  /** Partners whose name has accents, CJK characters or an emoji. */
  unicodeNames: z.number().min(0).max(1).default(0.03),
  /** HubSpot-only partners whose `salesforceaccountid` names an Account that does not exist. */
  danglingCrossRefs: z.number().min(0).max(1).default(0.02),
  /** Partners in both CRMs whose HubSpot domain is spelled differently from the Salesforce website. */
  domainVariants: z.number().min(0).max(1).default(0.1),
});
export type DirtyRates = z.infer<typeof DirtyRatesSchema>;

/** Every dirty rate at zero: the clean ecosystem, where every raw value maps back to its taxonomy key. */
export const CLEAN: DirtyRates = {
  unmappedValues: 0,
  missingIndustries: 0,
  duplicatePartners: 0,
  unicodeNames: 0,
  danglingCrossRefs: 0,
  domainVariants: 0,
};

// Candidates; any the taxonomy happens to list is dropped (see unmappedValues), so they stay unmapped.
const UNMAPPED_INDUSTRIES = ['Widgets', 'Conglomerate', 'Aerospace & Defence', 'Miscellaneous'];
const UNMAPPED_FAMILIES = ['Legacy Support', 'Integration', 'Hardware Refresh', 'Training Credits'];

/** Raw values that no taxonomy entry lists (nor `unmapped`), for industries and for product families. */
export function unmappedValues(taxonomy: Taxonomy): { industries: string[]; families: string[] } {
  const known = new Set(
    [...taxonomy.sectors, ...taxonomy.technologies]
      .flatMap((e) => e.values)
      .concat(taxonomy.unmapped)
      .map((v) => v.trim().toLowerCase()),
  );
  const free = (values: string[]) => values.filter((v) => !known.has(v.toLowerCase()));
  const industries = free(UNMAPPED_INDUSTRIES);
  const families = free(UNMAPPED_FAMILIES);
  return {
    industries: industries.length > 0 ? industries : ['Unclassified Industry 7f3'],
    families: families.length > 0 ? families : ['Unclassified Family 7f3'],
  };
}

const ACCENTED_PREFIXES = ['Société', 'Ingeniería', 'Lösungen', 'Conseil Numérique', 'Tecnologia São Paulo'];
const CJK_SUFFIXES = [' 株式会社', '（上海）有限公司', ' 주식회사', ' 合同会社'];
const EMOJI = [' 🚀', ' ✨', ' 🇩🇪', ' ☁️', ' 💡'];

/**
 * The partner's name as a CRM user typed it, with accents, CJK characters or an emoji
 * (`Société Northstone Consulting`, `Northstone Consulting 株式会社`, `Northstone Consulting 🚀`).
 */
export function unicodeVariant(name: string, hash: number): string {
  switch (hash % 3) {
    case 0:
      return `${pickBy(ACCENTED_PREFIXES, hash >>> 2)} ${name}`;
    case 1:
      return `${name}${pickBy(CJK_SUFFIXES, hash >>> 2)}`;
    default:
      return `${name}${pickBy(EMOJI, hash >>> 2)}`;
  }
}

/**
 * Another spelling of a domain that normalising does not undo: hyphens dropped
 * (`north-stone.example` → `northstone.example`), or `the` in front when there is none.
 */
export function domainVariant(domain: string): string {
  const dot = domain.indexOf('.');
  const host = dot < 0 ? domain : domain.slice(0, dot);
  const rest = dot < 0 ? '' : domain.slice(dot);
  return host.includes('-') ? `${host.replaceAll('-', '')}${rest}` : `the${host}${rest}`;
}
