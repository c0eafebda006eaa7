/** The seed's working state: places partners, people, certifications and deals in the CRMs and writes their raw records. */

import type { CrmSystem } from '../../src/model/source-ref.js';
import type { HubSpotState, SeedAssociation, SeedRecord } from '../emulators/hubspot/index.js';
import type { SalesforceEmulatorState } from '../emulators/salesforce/index.js';
import type { GeneratedEcosystem } from '../generator/generate-ecosystem.js';
import { generatedRef } from '../generator/record-ids.js';
import { keyedHash, keyedUnit } from '../seeded-random.js';
import { dealHome, IN_BOTH, IN_HUBSPOT, IN_SALESFORCE, peopleHome, placePartners } from './crm-placement.js';
import {
  buildVocabulary,
  type CrmVocabulary,
  certificationsObjectType,
  hubspotFieldValues,
  salesforceFieldValues,
} from './crm-vocabulary.js';
import { CustomerDirectory, type CustomerProfile } from './customer-directory.js';
import { countryName } from './customer-names.js';
import { createTimeParser } from './deal-values.js';
import { domainVariant, unicodeVariant, unmappedValues } from './dirty-data.js';
import { SALT } from './draw-salts.js';
import type { PartnerIdentity } from './ground-truth-file.js';
import { keepOrgFields } from './org-fields.js';
import { EMULATOR_PROFILES } from './profiles.js';
import type { ResolvedSeedOptions, SeedFigures, SeedProgress } from './seed-options.js';
import {
  appendHubSpotDeal,
  type HubSpotDealRecords,
  type HubSpotPartnerLink,
  type HubSpotRecordContext,
  roleLabelLists,
  toHubSpotCertification,
  toHubSpotContact,
  toHubSpotCustomerCompany,
  toHubSpotPartnerCompany,
} from './to-hubspot-records.js';
import {
  appendSalesforceDeal,
  type SalesforceAccountRow,
  type SalesforceDealRows,
  type SalesforcePartnerLink,
  type SalesforceRowContext,
  toSalesforceCertification,
  toSalesforceContact,
  toSalesforceCustomerAccount,
  toSalesforcePartnerAccount,
  toSalesforceProducts,
} from './to-salesforce-rows.js';

/** How long before the seed's `now` the product catalogue was set up (before any deal it appears on). */
const CATALOGUE_AGE_MS = 10 * 365 * 86_400_000;

/** Serial offsets for ids the generator never hands out: duplicate Accounts, and Accounts that do not exist. */
const DUPLICATE_SERIAL = 20_000_000;
const DANGLING_SERIAL = 30_000_000;

const idOfKey = (key: string) => key.slice(key.lastIndexOf(':') + 1);
/** Seconds since a `performance.now()` reading. */
export const elapsed = (since: number) => (performance.now() - since) / 1000;
/**
 * Lets the event loop run (timers, signals, the emulators' servers) at most every this many ms. Not after
 * every chunk: each turn also runs V8's deferred GC tasks, measured to add ~10% to a benchmark seed.
 */
const YIELD_EVERY_MS = 1_000;

/** Seconds spent building rows or inserting them, per CRM. */
export class Stopwatch {
  /** Deciding each deal's CRM and customer. */
  placement = 0;
  salesforceRows = 0;
  salesforceInsert = 0;
  hubspotRows = 0;
  hubspotInsert = 0;
}

/**
 * One seed's working state: CRM placement, ids per CRM, customers, counts and timings. `run()` writes the
 * partners, people, certifications and deals of the CRMs it was given; one instance per seed.
 */
export class EcosystemSeeder {
  readonly watch = new Stopwatch();
  readonly customers: CustomerDirectory;
  readonly identities: PartnerIdentity[] = [];
  readonly salesforceCounts: Record<string, number>;
  readonly hubspotCounts: Record<string, number> = {
    companies: 0,
    contacts: 0,
    deals: 0,
    line_items: 0,
    certifications: 0,
    associations: 0,
  };
  droppedPartnerLinks = 0;
  readonly #dirty: SeedFigures['dirty'] = {
    unmappedIndustries: 0,
    missingIndustries: 0,
    unmappedFamilies: 0,
    duplicatePartners: 0,
    unicodeNames: 0,
    danglingCrossRefs: 0,
    domainVariants: 0,
  };

  readonly #o: ResolvedSeedOptions;
  readonly #eco: GeneratedEcosystem;
  readonly #sf: SalesforceEmulatorState | undefined;
  readonly #hs: HubSpotState | undefined;
  readonly #progress: (p: SeedProgress) => void;
  readonly #membership: Uint8Array;
  readonly #partnerIndex = new Map<string, number>();
  #lastPartnerKey = '';
  #lastPartner: number | undefined;
  /** Salesforce Account Id per partner (generation order). */
  readonly #sfPartner: string[];
  readonly #sectorIndex = new Map<string, number>();
  readonly #techIndex = new Map<string, number>();
  readonly #techLists = new Map<readonly string[], number[]>();
  /** Company id per partner (0: not in HubSpot). */
  readonly #hsPartner: Float64Array;
  readonly #hsPerson = new Map<string, number>();
  /** Per customer ordinal: Account inserted in Salesforce; company id in HubSpot (0: none). */
  readonly #sfCustomer: boolean[] = [];
  readonly #hsCustomer: number[] = [];
  readonly #sfContext: SalesforceRowContext | undefined;
  readonly #hsContext: HubSpotRecordContext | undefined;
  /** The org's certification object (Partner_Certification__c, or a plain org's own). */
  readonly #sfCertifications: string;
  #lastYield = performance.now();

  constructor(
    o: ResolvedSeedOptions,
    eco: GeneratedEcosystem,
    systems: ReadonlySet<CrmSystem>,
    sf: SalesforceEmulatorState | undefined,
    hs: HubSpotState | undefined,
    progress: (p: SeedProgress) => void,
  ) {
    this.#o = o;
    this.#eco = eco;
    this.#sf = sf;
    this.#hs = hs;
    this.#progress = progress;
    const profile = EMULATOR_PROFILES[o.profile];
    this.#sfCertifications = profile.salesforce.certifications.object;
    this.salesforceCounts = {
      Account: 0,
      Contact: 0,
      Opportunity: 0,
      OpportunityPartner: 0,
      OpportunityLineItem: 0,
      Product2: 0,
      [this.#sfCertifications]: 0,
    };
    const P = eco.partners.length;
    this.#membership = placePartners(P, systems, o.split, o.seed);
    this.#hsPartner = new Float64Array(P);
    this.#sfPartner = eco.partners.map((p) => idOfKey(p.id));
    for (const [i, p] of eco.partners.entries()) this.#partnerIndex.set(p.id, i);
    for (const [i, e] of o.taxonomy.sectors.entries()) this.#sectorIndex.set(e.key, i);
    for (const [i, e] of o.taxonomy.technologies.entries()) this.#techIndex.set(e.key, i);
    const unmapped = unmappedValues(o.taxonomy);
    const nowMs = Date.parse(o.now);
    this.customers = new CustomerDirectory({
      seed: o.seed,
      nowMs,
      sectorKeys: o.taxonomy.sectors.map((e) => e.key),
      unmappedIndustries: unmapped.industries,
      unmappedRate: o.dirty.unmappedValues,
      missingRate: o.dirty.missingIndustries,
    });
    const time = createTimeParser();
    if (sf) {
      const certifications = profile.salesforce.certifications;
      const vocabulary = buildVocabulary(o.taxonomy, salesforceFieldValues(sf, certifications));
      this.#sfContext = {
        seed: o.seed,
        vocabulary,
        productIds: this.#insertProducts(sf, vocabulary, unmapped.families, nowMs - CATALOGUE_AGE_MS),
        unmappedFamilies: unmapped.families,
        unmappedFamilyRate: o.dirty.unmappedValues,
        junctionShare: o.junctionShare ?? profile.salesforce.junctionShare,
        certifications,
        customerTypes: profile.salesforce.customerTypes,
        time,
      };
    }
    if (hs) {
      const lineItems = hs.table('line_items');
      this.#hsContext = {
        seed: o.seed,
        vocabulary: buildVocabulary(o.taxonomy, hubspotFieldValues(hs)),
        roleLabels: roleLabelLists(profile.hubspot.roleLabels),
        nextId: () => lineItems.allocateId(),
        unmappedFamilies: unmapped.families.map((f) => f.toLowerCase().replace(/[^a-z0-9]+/g, '_')),
        unmappedFamilyRate: o.dirty.unmappedValues,
        time,
      };
    }
  }

  /** Yields to the event loop when the last turn is more than YIELD_EVERY_MS ago. */
  async #breathe(): Promise<void> {
    if (performance.now() - this.#lastYield < YIELD_EVERY_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#lastYield = performance.now();
  }

  async run(): Promise<void> {
    this.#seedPartners();
    await this.#breathe();
    this.#seedPeople();
    await this.#breathe();
    await this.#seedCertifications();
    await this.#seedDeals();
  }

  membershipCounts(): SeedFigures['partners'] {
    const counts = { salesforceOnly: 0, hubspotOnly: 0, both: 0 };
    for (const m of this.#membership) {
      if (m === IN_BOTH) counts.both++;
      else if (m === IN_SALESFORCE) counts.salesforceOnly++;
      else counts.hubspotOnly++;
    }
    return counts;
  }

  dirtyCounts(): SeedFigures['dirty'] {
    return { ...this.#dirty };
  }

  /** Counts a customer record written with a dirty industry. */
  #countCustomerDirt(customer: CustomerProfile): void {
    if (customer.industry.kind === 'unmapped') this.#dirty.unmappedIndustries++;
    else if (customer.industry.kind === 'missing') this.#dirty.missingIndustries++;
  }

  #insertProducts(
    sf: SalesforceEmulatorState,
    vocabulary: CrmVocabulary,
    unmapped: readonly string[],
    createdMs: number,
  ): Map<string, string> {
    const families = [...new Set([...vocabulary.families.flat(), ...unmapped])];
    const t = performance.now();
    const rows = toSalesforceProducts(families, createdMs);
    this.watch.salesforceRows += elapsed(t);
    const i = performance.now();
    const ids = sf.insertMany('Product2', rows);
    this.watch.salesforceInsert += elapsed(i);
    this.salesforceCounts.Product2! += ids.length;
    return new Map(families.map((f, k) => [f, ids[k]!]));
  }

  // ---- partners: Accounts / companies, their duplicates, unicode names, cross references ----------

  #seedPartners(): void {
    const o = this.#o;
    const partners = this.#eco.partners;
    const sfRows: SalesforceAccountRow[] = [];
    const hsRecords: SeedRecord[] = [];
    const companies = this.#hs?.table('companies');
    this.#progress({ phase: 'partners', done: 0, total: partners.length });
    for (let p = 0; p < partners.length; p++) {
      const partner = partners[p]!;
      const m = this.#membership[p]!;
      const unicode = keyedUnit(o.seed, SALT.unicodeName, p) < o.dirty.unicodeNames;
      const name = unicode
        ? unicodeVariant(partner.name, keyedHash(o.seed, SALT.unicodeName, p))
        : partner.name;
      const country = partner.country === null ? null : countryName(partner.country);
      const duplicate = keyedUnit(o.seed, SALT.duplicate, p) < o.dirty.duplicatePartners;
      const identity: PartnerIdentity = {
        salesforceId: null,
        hubspotId: null,
        legacyTier: partner.legacyTier,
        duplicates: [],
      };
      const t = performance.now();
      if (m & IN_SALESFORCE && this.#sfContext) {
        const id = this.#sfPartner[p]!;
        identity.salesforceId = id;
        sfRows.push(toSalesforcePartnerAccount(partner, p, id, name, country, this.#sfContext));
        if (unicode) this.#dirty.unicodeNames++;
        if (duplicate) {
          const dup = generatedRef('salesforce', 'partner', DUPLICATE_SERIAL + p).ref.id;
          sfRows.push(toSalesforcePartnerAccount(partner, p, dup, name, country, this.#sfContext));
          identity.duplicates.push(`salesforce:Account:${dup}`);
          this.#dirty.duplicatePartners++;
        }
      }
      this.watch.salesforceRows += elapsed(t);
      const h = performance.now();
      if (m & IN_HUBSPOT && this.#hsContext && companies) {
        const id = companies.allocateId();
        this.#hsPartner[p] = id;
        identity.hubspotId = String(id);
        let domain = partner.domain;
        if (
          m === IN_BOTH &&
          domain !== null &&
          keyedUnit(o.seed, SALT.domainVariant, p) < o.dirty.domainVariants
        ) {
          domain = domainVariant(domain);
          this.#dirty.domainVariants++;
        }
        // The Account id is the generator's, known whether or not this call writes Salesforce.
        let crossRef = m === IN_BOTH ? this.#sfPartner[p]! : null;
        if (m === IN_HUBSPOT && keyedUnit(o.seed, SALT.danglingRef, p) < o.dirty.danglingCrossRefs) {
          crossRef = generatedRef('salesforce', 'partner', DANGLING_SERIAL + p).ref.id;
          this.#dirty.danglingCrossRefs++;
        }
        hsRecords.push(
          toHubSpotPartnerCompany(partner, p, id, name, domain, country, crossRef, this.#hsContext),
        );
        if (unicode) this.#dirty.unicodeNames++;
        if (duplicate && m === IN_HUBSPOT) {
          const dup = companies.allocateId();
          hsRecords.push(
            toHubSpotPartnerCompany(partner, p, dup, name, domain, country, null, this.#hsContext),
          );
          identity.duplicates.push(`hubspot:companies:${dup}`);
          this.#dirty.duplicatePartners++;
        }
      }
      this.watch.hubspotRows += elapsed(h);
      this.identities.push(identity);
    }
    this.#insertSalesforce('Account', sfRows);
    this.#insertHubSpot('companies', hsRecords, []);
    this.#progress({ phase: 'partners', done: partners.length, total: partners.length });
  }

  // ---- people: Contacts / contacts, in the CRM their partner keeps people in ----------------------

  #seedPeople(): void {
    const people = this.#eco.people;
    const sfRows: ReturnType<typeof toSalesforceContact>[] = [];
    const hsRecords: SeedRecord[] = [];
    const hsAssociations: SeedAssociation[] = [];
    const contacts = this.#hs?.table('contacts');
    this.#progress({ phase: 'people', done: 0, total: people.length });
    for (const person of people) {
      const p = person.partnerId === null ? undefined : this.#partnerIndex.get(person.partnerId);
      if (p === undefined) continue;
      const home = peopleHome(this.#membership[p]!, this.#o.seed, p);
      if (home === IN_SALESFORCE && this.#sfContext) {
        const t = performance.now();
        sfRows.push(
          toSalesforceContact(person, person.source.id, idOfKey(person.partnerId!), this.#sfContext),
        );
        this.watch.salesforceRows += elapsed(t);
      } else if (home === IN_HUBSPOT && this.#hsContext && contacts) {
        const t = performance.now();
        const id = contacts.allocateId();
        this.#hsPerson.set(person.id, id);
        const { record, association } = toHubSpotContact(person, id, this.#hsPartner[p]!, this.#hsContext);
        hsRecords.push(record);
        hsAssociations.push(association);
        this.watch.hubspotRows += elapsed(t);
      }
    }
    this.#insertSalesforce('Contact', sfRows);
    this.#insertHubSpot('contacts', hsRecords, hsAssociations);
    this.#progress({ phase: 'people', done: people.length, total: people.length });
  }

  // ---- certifications: with their holders -----------------------------------------------------------

  async #seedCertifications(): Promise<void> {
    const certs = this.#eco.certifications;
    const chunk = this.#o.chunkSize;
    const certificationsType = certificationsObjectType(this.#hs);
    const table = certificationsType === undefined ? undefined : this.#hs?.table(certificationsType);
    this.#progress({ phase: 'certifications', done: 0, total: certs.length });
    for (let start = 0; start < certs.length; start += chunk) {
      const end = Math.min(certs.length, start + chunk);
      const sfRows: ReturnType<typeof toSalesforceCertification>[] = [];
      const hsRecords: SeedRecord[] = [];
      const hsAssociations: SeedAssociation[] = [];
      for (let i = start; i < end; i++) {
        const cert = certs[i]!;
        const p = this.#partnerIndex.get(cert.partnerId);
        if (p === undefined) continue;
        const home = peopleHome(this.#membership[p]!, this.#o.seed, p);
        const technology = cert.technology === null ? -1 : (this.#techIndex.get(cert.technology) ?? -1);
        const sector = cert.sector === null ? -1 : (this.#sectorIndex.get(cert.sector) ?? -1);
        if (home === IN_SALESFORCE && this.#sfContext) {
          const t = performance.now();
          const contact = cert.personId === null ? null : idOfKey(cert.personId);
          sfRows.push(
            toSalesforceCertification(
              cert,
              i,
              idOfKey(cert.partnerId),
              contact,
              this.#sfContext,
              technology,
              sector,
            ),
          );
          this.watch.salesforceRows += elapsed(t);
        } else if (home === IN_HUBSPOT && this.#hsContext && table) {
          const t = performance.now();
          const contact = cert.personId === null ? null : (this.#hsPerson.get(cert.personId) ?? null);
          const { record, associations } = toHubSpotCertification(
            cert,
            i,
            table.allocateId(),
            this.#hsPartner[p]!,
            contact,
            this.#hsContext,
            technology,
            sector,
          );
          hsRecords.push(record);
          for (const a of associations) hsAssociations.push(a);
          this.watch.hubspotRows += elapsed(t);
        }
      }
      this.#insertSalesforce(this.#sfCertifications, sfRows);
      if (certificationsType !== undefined) {
        this.#insertHubSpot(certificationsType, hsRecords, hsAssociations, 'certifications');
      }
      this.#progress({ phase: 'certifications', done: end, total: certs.length });
      await this.#breathe();
    }
  }

  // ---- deals: customers first seen, then the deals with their line items and partner links --------

  async #seedDeals(): Promise<void> {
    const deals = this.#eco.deals;
    const chunk = this.#o.chunkSize;
    const seed = this.#o.seed;
    const sfIndexes: number[] = [];
    const sfCustomers: CustomerProfile[] = [];
    const hsIndexes: number[] = [];
    const hsCustomers: CustomerProfile[] = [];
    this.#progress({ phase: 'deals', done: 0, total: deals.length });
    for (let start = 0; start < deals.length; start += chunk) {
      const end = Math.min(deals.length, start + chunk);
      // Placement first (which CRM, which customer), so building each CRM's rows is timed on its own.
      const t = performance.now();
      sfIndexes.length = 0;
      sfCustomers.length = 0;
      hsIndexes.length = 0;
      hsCustomers.length = 0;
      for (let i = start; i < end; i++) {
        const deal = deals[i]!;
        const first = deal.partners[0];
        const p = first === undefined ? undefined : this.#partnerOf(first.partnerId);
        if (p === undefined) continue;
        const second = deal.partners[1];
        const q = second === undefined ? undefined : this.#partnerIndex.get(second.partnerId);
        const home = dealHome(this.#membership[p]!, q === undefined ? 0 : this.#membership[q]!, seed, i);
        const sector = deal.sector === null ? -1 : (this.#sectorIndex.get(deal.sector) ?? -1);
        const region = this.#eco.partners[p]?.region ?? null;
        const customer = this.customers.profile(deal.customerId ?? `none:${deal.id}`, sector, region);
        if (home === IN_SALESFORCE) {
          sfIndexes.push(i);
          sfCustomers.push(customer);
        } else {
          hsIndexes.push(i);
          hsCustomers.push(customer);
        }
      }
      this.watch.placement += elapsed(t);
      this.#salesforceDeals(sfIndexes, sfCustomers);
      this.#hubspotDeals(hsIndexes, hsCustomers);
      this.#progress({ phase: 'deals', done: end, total: deals.length });
      await this.#breathe();
    }
  }

  #salesforceDeals(indexes: readonly number[], customers: readonly CustomerProfile[]): void {
    const ctx = this.#sfContext;
    if (!ctx || indexes.length === 0) return;
    const t = performance.now();
    const accounts: SalesforceAccountRow[] = [];
    const out: SalesforceDealRows = { opportunities: [], opportunityPartners: [], lineItems: [] };
    const links: SalesforcePartnerLink[] = [];
    for (let k = 0; k < indexes.length; k++) {
      const i = indexes[k]!;
      const deal = this.#eco.deals[i]!;
      const customer = customers[k]!;
      const customerId = customer.recordId;
      if (this.#sfCustomer[customer.ordinal] !== true) {
        this.#sfCustomer[customer.ordinal] = true;
        accounts.push(toSalesforceCustomerAccount(customer, this.customers.details(customer), ctx));
        this.#countCustomerDirt(customer);
      }
      links.length = 0;
      for (const link of deal.partners) {
        const p = this.#partnerOf(link.partnerId);
        if (p !== undefined && this.#membership[p]! & IN_SALESFORCE) {
          links.push({ accountId: this.#sfPartner[p]!, role: link.role });
        } else this.droppedPartnerLinks++;
      }
      const technologies = this.#technologyIndexes(deal.technologies);
      this.#dirty.unmappedFamilies += appendSalesforceDeal(
        out,
        deal,
        i,
        customerId,
        links,
        ctx,
        technologies,
      );
    }
    this.watch.salesforceRows += elapsed(t);
    this.#insertSalesforce('Account', accounts);
    this.#insertSalesforce('Opportunity', out.opportunities);
    this.#insertSalesforce('OpportunityPartner', out.opportunityPartners);
    this.#insertSalesforce('OpportunityLineItem', out.lineItems);
  }

  #hubspotDeals(indexes: readonly number[], customers: readonly CustomerProfile[]): void {
    const ctx = this.#hsContext;
    const hs = this.#hs;
    if (!ctx || !hs || indexes.length === 0) return;
    const t = performance.now();
    const companies = hs.table('companies');
    const dealTable = hs.table('deals');
    const customerRecords: SeedRecord[] = [];
    const out: HubSpotDealRecords = {
      deals: [],
      dealAssociations: [],
      lineItems: [],
      lineItemAssociations: [],
    };
    const links: HubSpotPartnerLink[] = [];
    for (let k = 0; k < indexes.length; k++) {
      const i = indexes[k]!;
      const deal = this.#eco.deals[i]!;
      const customer = customers[k]!;
      let customerId = this.#hsCustomer[customer.ordinal] ?? 0;
      if (customerId === 0) {
        customerId = companies.allocateId();
        this.#hsCustomer[customer.ordinal] = customerId;
        customerRecords.push(
          toHubSpotCustomerCompany(customer, this.customers.details(customer), customerId, ctx),
        );
        this.#countCustomerDirt(customer);
      }
      links.length = 0;
      for (const link of deal.partners) {
        const p = this.#partnerOf(link.partnerId);
        const company = p === undefined ? 0 : this.#hsPartner[p]!;
        if (company !== 0) links.push({ companyId: company, role: link.role });
        else this.droppedPartnerLinks++;
      }
      const technologies = this.#technologyIndexes(deal.technologies);
      const id = dealTable.allocateId();
      this.#dirty.unmappedFamilies += appendHubSpotDeal(
        out,
        deal,
        i,
        id,
        customerId,
        links,
        ctx,
        technologies,
      );
    }
    this.watch.hubspotRows += elapsed(t);
    this.#insertHubSpot('companies', customerRecords, []);
    this.#insertHubSpot('deals', out.deals, out.dealAssociations);
    this.#insertHubSpot('line_items', out.lineItems, out.lineItemAssociations);
  }

  /** Taxonomy indexes of a deal's technologies; the generator shares its lists, so this is cached by list. */
  /**
   * A partner's generation index by id. Deals come partner by partner and share the id strings, so the
   * last answer is usually the right one: a comparison instead of a lookup in a 100k-entry map.
   */
  #partnerOf(id: string): number | undefined {
    if (id === this.#lastPartnerKey) return this.#lastPartner;
    const p = this.#partnerIndex.get(id);
    this.#lastPartnerKey = id;
    this.#lastPartner = p;
    return p;
  }

  #technologyIndexes(keys: readonly string[]): number[] {
    let indexes = this.#techLists.get(keys);
    if (indexes === undefined) {
      indexes = [];
      for (const key of keys) {
        const t = this.#techIndex.get(key);
        if (t !== undefined) indexes.push(t);
      }
      this.#techLists.set(keys, indexes);
    }
    return indexes;
  }

  #insertSalesforce(object: string, rows: ReadonlyArray<Record<string, unknown>>): void {
    if (!this.#sf || rows.length === 0) return;
    const t = performance.now();
    const def = this.#sf.object(object);
    // An object the org lacks is left to insertMany, which names it in its error.
    this.#sf.insertMany(object, def ? keepOrgFields(def, rows) : rows);
    this.watch.salesforceInsert += elapsed(t);
    this.salesforceCounts[object] = (this.salesforceCounts[object] ?? 0) + rows.length;
  }

  #insertHubSpot(
    objectType: string,
    records: readonly SeedRecord[],
    associations: readonly SeedAssociation[],
    name = objectType,
  ): void {
    if (!this.#hs || records.length === 0) return;
    const t = performance.now();
    this.#hs.insertMany(objectType, records, associations);
    this.watch.hubspotInsert += elapsed(t);
    this.hubspotCounts[name] = (this.hubspotCounts[name] ?? 0) + records.length;
    this.hubspotCounts.associations! += associations.length;
  }
}
