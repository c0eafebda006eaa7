/** Model records → raw Salesforce rows of the default org's fields, as `SalesforceEmulatorState.insertMany` seeds them (keepOrgFields drops what a plain org lacks). */
import type { Certification } from '../../src/model/certification.js';
import type { Deal, DealRole } from '../../src/model/deal.js';
import type { Partner } from '../../src/model/partner.js';
import type { Person } from '../../src/model/person.js';
import { keyedHash, keyedUnit, pickBy } from '../seeded-random.js';
import type { CrmVocabulary } from './crm-vocabulary.js';
import { type CustomerDetails, type CustomerProfile, customerIndustry } from './customer-directory.js';
import { bookedAmount, csatOf, daysBefore, drawLineItems, splitAmount } from './deal-values.js';
import { SALT } from './draw-salts.js';
import type { SalesforceCertificationTarget } from './profiles.js';

/** What every Salesforce row builder needs besides the record. */
export interface SalesforceRowContext {
  seed: number;
  vocabulary: CrmVocabulary;
  /** Product2 Id per product family value (one product per family). */
  productIds: ReadonlyMap<string, string>;
  /** Unmapped product families for dirty line items, and their share of deals. */
  unmappedFamilies: readonly string[];
  unmappedFamilyRate: number;
  /** Share of deals that name their partners on the Opportunity Partners related list instead of the lookups. */
  junctionShare: number;
  /** The org's certification object and its field names. */
  certifications: SalesforceCertificationTarget;
  /** Account.Type of customers buying direct or through the channel. */
  customerTypes: { direct: string; channel: string };
  /** Epoch ms of an interned ISO datetime. */
  time(iso: string): number;
}

// Field order is fixed per object: insertMany plans each distinct key list once. Types (not interfaces), so
// the rows are plain field records for insertMany. Dates as epoch ms: the emulator then skips parsing them.

/** An Account: a partner (IsPartner) or a customer. */
export type SalesforceAccountRow = {
  Id: string;
  Name: string;
  Website: string | null;
  BillingCountry: string | null;
  Industry: string | null;
  Type: string | null;
  IsPartner: boolean;
  Partner_Tier__c: string | null;
  Partner_Region__c: string | null;
  CreatedDate: number;
  LastModifiedDate: number;
  SystemModstamp: number;
};

/** A Contact at a partner Account. */
export type SalesforceContactRow = {
  Id: string;
  FirstName: string | null;
  LastName: string;
  Email: string | null;
  AccountId: string;
  CreatedDate: number;
  LastModifiedDate: number;
  SystemModstamp: number;
};

/** An Opportunity: the customer's Account, the partner lookups, outcome, amount, CSAT. */
export type SalesforceOpportunityRow = {
  Id: string;
  Name: string;
  AccountId: string;
  PartnerAccountId: string | null;
  Delivery_Partner__c: string | null;
  StageName: string;
  Amount: number | null;
  CurrencyIsoCode: string;
  CloseDate: string | null;
  IsWon: boolean;
  IsClosed: boolean;
  Type: string | null;
  CSAT__c: number | null;
  CreatedDate: number;
  LastModifiedDate: number;
  SystemModstamp: number;
};

/** A row of the Opportunity Partners related list. */
export type SalesforceOpportunityPartnerRow = {
  OpportunityId: string;
  AccountToId: string;
  Role: string;
  IsPrimary: boolean;
  CreatedDate: number;
  LastModifiedDate: number;
  SystemModstamp: number;
};

/** An OpportunityLineItem: the product (and with it the family) sold. */
export type SalesforceLineItemRow = {
  OpportunityId: string;
  Product2Id: string;
  Quantity: number;
  TotalPrice: number | null;
  CreatedDate: number;
  LastModifiedDate: number;
  SystemModstamp: number;
};

/** A Product2 of one product family. */
export type SalesforceProductRow = {
  Name: string;
  Family: string;
  IsActive: boolean;
  CreatedDate: number;
  LastModifiedDate: number;
  SystemModstamp: number;
};

/** A record of the org's certification object; its field names are the org's (see SalesforceCertificationTarget). */
export type SalesforceCertificationRow = Record<string, string | number | null>;

/** The rows one chunk of deals becomes. */
export interface SalesforceDealRows {
  opportunities: SalesforceOpportunityRow[];
  opportunityPartners: SalesforceOpportunityPartnerRow[];
  lineItems: SalesforceLineItemRow[];
}

/** A partner of a deal as Salesforce knows it: its Account id and role. */
export interface SalesforcePartnerLink {
  accountId: string;
  role: DealRole;
}

const PARTNER_INDUSTRIES = ['Consulting', 'Technology'];
const LEVEL_LABELS = {
  foundational: 'Foundational',
  associate: 'Associate',
  professional: 'Professional',
  expert: 'Expert',
};
/** Standard Partner Role picklist values per role, most common first (the default mapping reads them back). */
const JUNCTION_ROLES: Record<DealRole, readonly string[]> = {
  sourced: ['VAR/Reseller', 'VAR/Reseller', 'Distributor'],
  delivered: ['System Integrator', 'System Integrator', 'Consultant'],
  influenced: ['Agency', 'Advertiser', 'Supplier'],
};

/** `Website` as users type it: with or without scheme and `www.`. */
function websiteOf(domain: string | null, hash: number): string | null {
  if (domain === null) return null;
  const style = hash % 10;
  return style < 4 ? `https://www.${domain}` : style < 5 ? `http://${domain}` : domain;
}

/**
 * A partner Account: `IsPartner` set, type, tier and region from the model; `name` and `website`
 * may be dirty variants chosen by the caller.
 */
export function toSalesforcePartnerAccount(
  partner: Partner,
  index: number,
  id: string,
  name: string,
  country: string | null,
  ctx: SalesforceRowContext,
): SalesforceAccountRow {
  const modified = ctx.time(partner.lastModified);
  return {
    Id: id,
    Name: name,
    Website: websiteOf(partner.domain, keyedHash(ctx.seed, SALT.website, index)),
    BillingCountry: country,
    Industry: pickBy(PARTNER_INDUSTRIES, keyedHash(ctx.seed, SALT.partnerIndustry, index)),
    Type: partner.partnerType,
    IsPartner: true,
    Partner_Tier__c: partner.legacyTier,
    Partner_Region__c: partner.region,
    CreatedDate: daysBefore(modified, 365 + (index % 1000)),
    LastModifiedDate: modified,
    SystemModstamp: modified,
  };
}

/** A customer Account: the industry is the raw value of its sector (or the customer's dirty value). */
export function toSalesforceCustomerAccount(
  customer: CustomerProfile,
  details: CustomerDetails,
  ctx: SalesforceRowContext,
): SalesforceAccountRow {
  return {
    Id: customer.recordId,
    Name: details.name,
    Website: details.domain,
    BillingCountry: details.country,
    Industry: customerIndustry(customer, ctx.vocabulary),
    Type: customer.channel ? ctx.customerTypes.channel : ctx.customerTypes.direct,
    IsPartner: false,
    Partner_Tier__c: null,
    Partner_Region__c: null,
    CreatedDate: details.createdMs,
    LastModifiedDate: details.modifiedMs,
    SystemModstamp: details.modifiedMs,
  };
}

/** A Contact at a partner Account; the model's full name is split at the first space. */
export function toSalesforceContact(
  person: Person,
  id: string,
  accountId: string,
  ctx: SalesforceRowContext,
): SalesforceContactRow {
  const name = person.name ?? '';
  const space = name.indexOf(' ');
  const modified = ctx.time(person.lastModified);
  return {
    Id: id,
    FirstName: space > 0 ? name.slice(0, space) : null,
    LastName: space > 0 ? name.slice(space + 1) : name || 'Unknown',
    Email: person.email,
    AccountId: accountId,
    CreatedDate: daysBefore(modified, 200),
    LastModifiedDate: modified,
    SystemModstamp: modified,
  };
}

/**
 * `Type` from the delivery signals, as the default mapping reads it back: New Customer (no renewal),
 * Upgrade (renewal and expansion), Replacement (renewal without expansion).
 */
export function salesforceOpportunityType(deal: Deal): string | null {
  const { renewal, expansion } = deal.signals;
  if (renewal === false) return 'New Customer';
  if (expansion === true) return 'Existing Customer - Upgrade';
  if (renewal === true) return 'Existing Customer - Replacement';
  return null;
}

/**
 * Appends one deal's rows: the Opportunity (customer, partner lookups, stage, amount, CSAT), its line
 * items (one per technology, product family values from the vocabulary; a few deals get one more of an
 * unmapped family) and, for a share of deals, OpportunityPartner rows instead of the two lookups.
 * Influencers are always on the related list: the Opportunity has no lookup for them. Returns the number
 * of line items of an unmapped family (0 or 1).
 */
export function appendSalesforceDeal(
  out: SalesforceDealRows,
  deal: Deal,
  index: number,
  customerId: string,
  partners: readonly SalesforcePartnerLink[],
  ctx: SalesforceRowContext,
  technologyIndexes: readonly number[],
): number {
  const id = deal.source.id;
  const modified = ctx.time(deal.lastModified);
  const created = daysBefore(modified, 20 + (keyedHash(ctx.seed, SALT.dealDates, index) % 160));
  const viaJunction = keyedUnit(ctx.seed, SALT.junction, index) < ctx.junctionShare;
  let sourced: string | null = null;
  let delivered: string | null = null;
  let primary = true;
  for (let k = 0; k < partners.length; k++) {
    const link = partners[k]!;
    if (!viaJunction && link.role === 'sourced' && sourced === null) sourced = link.accountId;
    else if (!viaJunction && link.role === 'delivered' && delivered === null) delivered = link.accountId;
    else {
      out.opportunityPartners.push({
        OpportunityId: id,
        AccountToId: link.accountId,
        Role: pickBy(JUNCTION_ROLES[link.role], keyedHash(ctx.seed, SALT.partnerRole, index * 4 + k)),
        IsPrimary: primary,
        CreatedDate: created,
        LastModifiedDate: created,
        SystemModstamp: created,
      });
      primary = false;
    }
  }
  const currency = deal.amount?.currency ?? 'USD';
  const booked = bookedAmount(deal.amount, currency, ctx.vocabulary.currencies, 'USD');
  out.opportunities.push({
    Id: id,
    Name: deal.name ?? 'Opportunity',
    AccountId: customerId,
    PartnerAccountId: sourced,
    Delivery_Partner__c: delivered,
    StageName: deal.stage ?? (deal.isWon ? 'Closed Won' : deal.isClosed ? 'Closed Lost' : 'Prospecting'),
    Amount: booked.amount,
    CurrencyIsoCode: booked.currency,
    CloseDate: deal.closeDate,
    IsWon: deal.isWon,
    IsClosed: deal.isClosed,
    Type: salesforceOpportunityType(deal),
    CSAT__c: csatOf(deal.signals),
    CreatedDate: created,
    LastModifiedDate: modified,
    SystemModstamp: modified,
  });
  const { lines, dirty } = drawLineItems(ctx, index, technologyIndexes);
  lines.forEach(({ family, quantityHash }, k) => {
    out.lineItems.push({
      OpportunityId: id,
      Product2Id: ctx.productIds.get(family) ?? '',
      Quantity: 1 + (quantityHash % 25),
      TotalPrice: splitAmount(booked.amount, lines.length, k),
      CreatedDate: created,
      LastModifiedDate: modified,
      SystemModstamp: modified,
    });
  });
  return dirty ? 1 : 0;
}

/** One Product2 per product family value (`Data & AI` → "Data & AI Subscription"). */
/**
 * One product per family, set up with the catalogue at `createdMs`, long before any deal: a price book that
 * changed at seeding time would look like a change of every line item's product to an incremental read.
 */
export function toSalesforceProducts(families: readonly string[], createdMs: number): SalesforceProductRow[] {
  return families.map((family) => ({
    Name: `${family} Subscription`,
    Family: family,
    IsActive: true,
    CreatedDate: createdMs,
    LastModifiedDate: createdMs,
    SystemModstamp: createdMs,
  }));
}

/** A certification held by a Contact (or by nobody known) at a partner Account, in the org's certification object. */
export function toSalesforceCertification(
  cert: Certification,
  index: number,
  accountId: string,
  contactId: string | null,
  ctx: SalesforceRowContext,
  technology: number,
  sector: number,
): SalesforceCertificationRow {
  const modified = ctx.time(cert.lastModified);
  const hash = keyedHash(ctx.seed, SALT.certValues, index);
  const technologies = technology >= 0 ? ctx.vocabulary.certificationTechnologies[technology] : undefined;
  const industries = sector >= 0 ? ctx.vocabulary.certificationIndustries[sector] : undefined;
  const f = ctx.certifications.fields;
  return {
    Name: cert.name,
    [f.partner]: accountId,
    [f.holder]: contactId,
    [f.technology]: technologies ? pickBy(technologies, hash) : null,
    [f.industry]: industries ? pickBy(industries, hash >>> 4) : null,
    [f.level]: LEVEL_LABELS[cert.level],
    [f.earned]: cert.earnedDate,
    [f.expiry]: cert.expiryDate,
    CreatedDate: modified,
    LastModifiedDate: modified,
    SystemModstamp: modified,
  };
}
