/** The vendor's end customers: one profile per distinct deal customer, the same in both CRMs (name, industry, dirt). */

import { keyedHash, keyedUnit, pickBy } from '../seeded-random.js';
import type { CrmVocabulary } from './crm-vocabulary.js';
import { customerCountry, customerIdentity } from './customer-names.js';
import { daysBefore } from './deal-values.js';
import { SALT } from './draw-salts.js';

/** A customer's industry: a sector (index into the taxonomy), an unmapped raw value, or nothing. */
export type CustomerIndustry =
  | { kind: 'sector'; sector: number }
  | { kind: 'unmapped'; value: string }
  | { kind: 'missing' };

/**
 * What is decided once per customer so both CRMs agree. Kept small: half a million of these live through a
 * benchmark seed, so names and dates are derived on demand (`CustomerDirectory.details`).
 */
export interface CustomerProfile {
  /** The generator's customer id (`salesforce:Account:001…`). */
  key: string;
  /** Its record id part (`001…`): the customer's Salesforce Account Id. */
  recordId: string;
  /** First-seen order over all deals. */
  ordinal: number;
  hash: number;
  /** Key of the customer's sector (names sound like it), or null. */
  sectorKey: string | null;
  industry: CustomerIndustry;
  /** Bought through the channel (Account Type `Customer - Channel`) rather than direct. */
  channel: boolean;
  /** Region of the partner on the customer's first deal: where the customer mostly is (see customerCountry). */
  homeRegion: string | null;
}

/** A customer's record details, derived from its profile when a CRM record is written. */
export interface CustomerDetails {
  name: string;
  domain: string;
  country: string;
  createdMs: number;
  modifiedMs: number;
}

/** The seed, clock, taxonomy sector keys and industry dirt a directory needs. */
export interface CustomerDirectoryOptions {
  seed: number;
  nowMs: number;
  sectorKeys: readonly string[];
  unmappedIndustries: readonly string[];
  unmappedRate: number;
  missingRate: number;
}

const MISSING: CustomerIndustry = { kind: 'missing' };

/** Hands out customer profiles by the generator's customer id, in first-seen order. */
export class CustomerDirectory {
  readonly #options: CustomerDirectoryOptions;
  readonly #ordinals = new Map<string, number>();
  readonly #profiles: CustomerProfile[] = [];
  // Shared industry values: one object per sector / unmapped value, not one per customer.
  readonly #sectors: CustomerIndustry[];
  readonly #unmapped: CustomerIndustry[];

  constructor(options: CustomerDirectoryOptions) {
    this.#options = options;
    this.#sectors = options.sectorKeys.map((_, sector) => ({ kind: 'sector', sector }));
    this.#unmapped = options.unmappedIndustries.map((value) => ({ kind: 'unmapped', value }));
  }

  /** Number of distinct customers seen. */
  get size(): number {
    return this.#profiles.length;
  }

  /**
   * The profile of a deal's customer (created on first sight; `sector` is the deal's sector index or -1,
   * `homeRegion` its first partner's region).
   */
  profile(key: string, sector: number, homeRegion: string | null): CustomerProfile {
    const known = this.#ordinals.get(key);
    if (known !== undefined) return this.#profiles[known]!;
    const o = this.#options;
    const ordinal = this.#profiles.length;
    const hash = keyedHash(o.seed, SALT.customerName, ordinal);
    const dirt = keyedUnit(o.seed, SALT.dirtyIndustry, ordinal);
    let industry: CustomerIndustry;
    if (sector < 0 || dirt < o.missingRate) {
      industry = MISSING;
    } else if (dirt < o.missingRate + o.unmappedRate) {
      industry = pickBy(this.#unmapped, hash >>> 3);
    } else {
      industry = this.#sectors[sector] ?? MISSING;
    }
    const profile: CustomerProfile = {
      key,
      recordId: key.slice(key.lastIndexOf(':') + 1),
      ordinal,
      hash,
      sectorKey: sector < 0 ? null : (o.sectorKeys[sector] ?? null),
      industry,
      channel: hash % 4 !== 0,
      homeRegion,
    };
    this.#ordinals.set(key, ordinal);
    this.#profiles.push(profile);
    return profile;
  }

  /** Name, domain, country and record dates of a customer (the same every time). */
  details(customer: CustomerProfile): CustomerDetails {
    const o = this.#options;
    const identity = customerIdentity(customer.sectorKey, customer.ordinal, customer.hash);
    const dates = keyedHash(o.seed, SALT.customerDates, customer.ordinal);
    const createdMs = daysBefore(o.nowMs, 400 + (dates % 1500));
    return {
      name: identity.name,
      domain: identity.domain,
      country: customerCountry(
        keyedHash(o.seed, SALT.customerCountry, customer.ordinal),
        customer.homeRegion,
      ),
      createdMs,
      modifiedMs: Math.min(o.nowMs, createdMs + ((dates >>> 12) % 300) * 86_400_000),
    };
  }
}

/** The raw industry value of a customer in a CRM's vocabulary: mapped, unmapped (dirty) or missing. */
export function customerIndustry(customer: CustomerProfile, vocabulary: CrmVocabulary): string | null {
  if (customer.industry.kind === 'missing') return null;
  if (customer.industry.kind === 'unmapped') return customer.industry.value;
  const values = vocabulary.industries[customer.industry.sector];
  return values ? pickBy(values, customer.hash) : null;
}
