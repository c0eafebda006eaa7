/** Model records → raw HubSpot records (string properties) and v4 associations, as `HubSpotState.insertMany` seeds them. */

import type { Certification } from '../../src/model/certification.js';
import type { Deal, DealRole } from '../../src/model/deal.js';
import type { Partner } from '../../src/model/partner.js';
import type { Person } from '../../src/model/person.js';
import type { SeedAssociation, SeedRecord } from '../emulators/hubspot/index.js';
import { keyedHash, pickBy } from '../seeded-random.js';
import type { CrmVocabulary } from './crm-vocabulary.js';
import { type CustomerDetails, type CustomerProfile, customerIndustry } from './customer-directory.js';
import { bookedAmount, csatOf, daysBefore, drawLineItems, splitAmount } from './deal-values.js';
import { SALT } from './draw-salts.js';

/** What every HubSpot record builder needs besides the record. */
export interface HubSpotRecordContext {
  seed: number;
  vocabulary: CrmVocabulary;
  /** The label list of each partner role's deal → company associations (see roleLabelLists). */
  roleLabels: Record<DealRole, string[]>;
  /** Reserves the next record id of an object type (ids are needed before insert, for associations). */
  nextId(objectType: 'line_items'): number;
  unmappedFamilies: readonly string[];
  unmappedFamilyRate: number;
  time(iso: string): number;
}

/** The records one chunk of deals becomes, with the associations from each. */
export interface HubSpotDealRecords {
  deals: SeedRecord[];
  dealAssociations: SeedAssociation[];
  lineItems: SeedRecord[];
  lineItemAssociations: SeedAssociation[];
}

/** A partner of a deal as HubSpot knows it: its company id and role. */
export interface HubSpotPartnerLink {
  companyId: number;
  role: DealRole;
}

/** The deal→company label of the customer: HubSpot's Primary (typeId 5). */
export const HUBSPOT_PRIMARY_LABEL = 'Primary';
// Label lists shared by every association (millions at benchmark scale; insertMany only reads them).
const PRIMARY_LABELS = [HUBSPOT_PRIMARY_LABEL];

/** One shared label list per partner role, from the portal's USER_DEFINED deal → company labels. */
export function roleLabelLists(labels: Record<DealRole, string>): Record<DealRole, string[]> {
  return {
    sourced: [labels.sourced],
    delivered: [labels.delivered],
    influenced: [labels.influenced],
  };
}
const QUANTITIES = Array.from({ length: 26 }, (_, n) => String(n));
const CSAT_TEXT = new Map<number, string>();
/** CSAT as HubSpot text; its hundred-odd values are shared strings. */
function csatText(csat: number): string {
  let text = CSAT_TEXT.get(csat);
  if (text === undefined) {
    text = String(csat);
    CSAT_TEXT.set(csat, text);
  }
  return text;
}

const AMOUNT_TEXT = new Map<number, string>();
/** Cached amount strings stop here: deal amounts have three significant digits, so few are distinct. */
const AMOUNT_TEXT_MAX = 100_000;
/**
 * An amount as HubSpot text. Deal amounts repeat (three significant digits), so their strings are shared:
 * two million deals then hold a few thousand strings instead of two million.
 */
function amountText(amount: number | null): string | undefined {
  if (amount === null) return undefined;
  let text = AMOUNT_TEXT.get(amount);
  if (text === undefined) {
    text = String(amount);
    if (AMOUNT_TEXT.size < AMOUNT_TEXT_MAX) AMOUNT_TEXT.set(amount, text);
  }
  return text;
}

const REGIONS: Record<string, string> = {
  EMEA: 'emea',
  'North America': 'north_america',
  APAC: 'apac',
  LATAM: 'latam',
};
const PARTNER_INDUSTRIES = ['INFORMATION_TECHNOLOGY_AND_SERVICES', 'MANAGEMENT_CONSULTING'];
/** HubSpot's default pipeline stages for the generator's open Salesforce-style stages. */
const OPEN_STAGES: Record<string, string> = {
  Prospecting: 'appointmentscheduled',
  Qualification: 'qualifiedtobuy',
  'Needs Analysis': 'presentationscheduled',
  'Proposal/Price Quote': 'decisionmakerboughtin',
  'Negotiation/Review': 'contractsent',
};

const lowerOrUndefined = (value: string | null) => (value === null ? undefined : value.toLowerCase());

/** A partner company: type PARTNER or RESELLER, tier and region as the custom enums spell them. */
export function toHubSpotPartnerCompany(
  partner: Partner,
  index: number,
  id: number,
  name: string,
  domain: string | null,
  country: string | null,
  salesforceAccountId: string | null,
  ctx: HubSpotRecordContext,
): SeedRecord {
  const modified = ctx.time(partner.lastModified);
  return {
    id,
    properties: {
      name,
      domain: domain ?? undefined,
      country: country ?? undefined,
      industry: pickBy(PARTNER_INDUSTRIES, keyedHash(ctx.seed, SALT.partnerIndustry, index)),
      type: partner.partnerType === 'Channel Partner / Reseller' ? 'RESELLER' : 'PARTNER',
      partner_tier: lowerOrUndefined(partner.legacyTier),
      partner_region: partner.region === null ? undefined : REGIONS[partner.region],
      salesforceaccountid: salesforceAccountId ?? undefined,
    },
    createdAt: daysBefore(modified, 365 + (index % 1000)),
    updatedAt: modified,
  };
}

/** A customer company: no `type` (HubSpot's enum has no customer value), the industry of its sector. */
export function toHubSpotCustomerCompany(
  customer: CustomerProfile,
  details: CustomerDetails,
  id: number,
  ctx: HubSpotRecordContext,
): SeedRecord {
  const industry = customerIndustry(customer, ctx.vocabulary);
  return {
    id,
    properties: {
      name: details.name,
      domain: details.domain,
      country: details.country,
      industry: industry ?? undefined,
      type: undefined,
      partner_tier: undefined,
      partner_region: undefined,
      salesforceaccountid: undefined,
    },
    createdAt: details.createdMs,
    updatedAt: details.modifiedMs,
  };
}

/** A contact and its Primary association to the partner company. */
export function toHubSpotContact(
  person: Person,
  id: number,
  companyId: number,
  ctx: HubSpotRecordContext,
): { record: SeedRecord; association: SeedAssociation } {
  const name = person.name ?? '';
  const space = name.indexOf(' ');
  const modified = ctx.time(person.lastModified);
  return {
    record: {
      id,
      properties: {
        firstname: space > 0 ? name.slice(0, space) : undefined,
        lastname: space > 0 ? name.slice(space + 1) : name,
        email: person.email ?? undefined,
      },
      createdAt: daysBefore(modified, 200),
      updatedAt: modified,
    },
    association: { from: id, toObjectType: 'companies', to: companyId, labels: PRIMARY_LABELS },
  };
}

/** `dealtype` from the renewal signal: existing business when the customer came back. */
export function hubspotDealType(deal: Deal): string | undefined {
  const { renewal, expansion } = deal.signals;
  if (renewal === false) return 'newbusiness';
  if (renewal === true || expansion === true) return 'existingbusiness';
  return undefined;
}

/** HubSpot's stage id for the model's stage. */
export function hubspotDealStage(deal: Deal): string {
  if (deal.isWon) return 'closedwon';
  if (deal.isClosed) return 'closedlost';
  return OPEN_STAGES[deal.stage ?? ''] ?? 'appointmentscheduled';
}

const closeDates = new Map<string, string>();
/** `closedate` is a datetime property: midnight UTC of the close day, as HubSpot's date picker stores it. */
function closeDateTime(date: string | null): string | undefined {
  if (date === null) return undefined;
  let value = closeDates.get(date);
  if (value === undefined) {
    value = `${date}T00:00:00.000Z`;
    closeDates.set(date, value);
  }
  return value;
}

/**
 * Appends one deal's records: the deal (string properties; the closed flags follow the stage), its
 * associations (customer as Primary, partners by role label), and its line items (one per technology,
 * `product_family` from the vocabulary; a few deals get one more of an unmapped family) with theirs.
 * Returns the number of line items of an unmapped family (0 or 1).
 */
export function appendHubSpotDeal(
  out: HubSpotDealRecords,
  deal: Deal,
  index: number,
  dealId: number,
  customerCompanyId: number,
  partners: readonly HubSpotPartnerLink[],
  ctx: HubSpotRecordContext,
  technologyIndexes: readonly number[],
): number {
  const modified = ctx.time(deal.lastModified);
  const created = daysBefore(modified, 20 + (keyedHash(ctx.seed, SALT.dealDates, index) % 160));
  const currency = deal.amount?.currency ?? 'USD';
  const booked = bookedAmount(deal.amount, currency, ctx.vocabulary.currencies, 'USD');
  const csat = csatOf(deal.signals);
  out.deals.push({
    id: dealId,
    properties: {
      dealname: deal.name ?? undefined,
      amount: amountText(booked.amount),
      deal_currency_code: booked.currency,
      dealstage: hubspotDealStage(deal),
      pipeline: 'default',
      closedate: closeDateTime(deal.closeDate),
      dealtype: hubspotDealType(deal),
      csat_score: csat === null ? undefined : csatText(csat),
    },
    createdAt: created,
    updatedAt: modified,
  });
  out.dealAssociations.push({
    from: dealId,
    toObjectType: 'companies',
    to: customerCompanyId,
    labels: PRIMARY_LABELS,
  });
  for (const link of partners) {
    out.dealAssociations.push({
      from: dealId,
      toObjectType: 'companies',
      to: link.companyId,
      labels: ctx.roleLabels[link.role],
    });
  }
  const { lines, dirty } = drawLineItems(ctx, index, technologyIndexes);
  lines.forEach(({ family, quantityHash }, k) => {
    const lineId = ctx.nextId('line_items');
    out.lineItems.push({
      id: lineId,
      properties: {
        name: `${family} Subscription`,
        quantity: QUANTITIES[1 + (quantityHash % 25)],
        amount: amountText(splitAmount(booked.amount, lines.length, k)),
        product_family: family,
      },
      createdAt: created,
      updatedAt: modified,
    });
    out.lineItemAssociations.push({ from: lineId, toObjectType: 'deals', to: dealId });
  });
  return dirty ? 1 : 0;
}

const LEVELS = {
  foundational: 'foundational',
  associate: 'associate',
  professional: 'professional',
  expert: 'expert',
};

/** A certification record and its associations: the partner company, and the contact holding it. */
export function toHubSpotCertification(
  cert: Certification,
  index: number,
  id: number,
  companyId: number,
  contactId: number | null,
  ctx: HubSpotRecordContext,
  technology: number,
  sector: number,
): { record: SeedRecord; associations: SeedAssociation[] } {
  const modified = ctx.time(cert.lastModified);
  const hash = keyedHash(ctx.seed, SALT.certValues, index);
  const technologies = technology >= 0 ? ctx.vocabulary.certificationTechnologies[technology] : undefined;
  const industries = sector >= 0 ? ctx.vocabulary.certificationIndustries[sector] : undefined;
  const associations: SeedAssociation[] = [{ from: id, toObjectType: 'companies', to: companyId }];
  if (contactId !== null) associations.push({ from: id, toObjectType: 'contacts', to: contactId });
  return {
    record: {
      id,
      properties: {
        certification_name: cert.name ?? undefined,
        technology: technologies ? pickBy(technologies, hash) : undefined,
        industry: industries ? pickBy(industries, hash >>> 4) : undefined,
        level: LEVELS[cert.level],
        earned_date: cert.earnedDate ?? undefined,
        expiry_date: cert.expiryDate ?? undefined,
      },
      createdAt: modified,
      updatedAt: modified,
    },
    associations,
  };
}
