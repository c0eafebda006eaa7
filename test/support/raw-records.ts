/** Test support: realistic raw records, shaped as the connectors hand them to the mapping layer. */
import type { RawRecord } from '../../src/mapping/index.js';

/** An 18-character Salesforce id with a readable tag, e.g. sfId('001', 'PARTNER1'). */
export function sfId(prefix: string, tag: string): string {
  return `${prefix}Dn${tag}`.padEnd(18, '0').slice(0, 18);
}

export const SF = {
  customer: sfId('001', 'CUST0001'),
  partner: sfId('001', 'PART0001'),
  delivery: sfId('001', 'DELV0001'),
  agency: sfId('001', 'AGCY0001'),
  other: sfId('001', 'OTHR0001'),
  opportunity: sfId('006', 'OPPT0001'),
  contact: sfId('003', 'CONT0001'),
  certification: sfId('a01', 'CERT0001'),
};

/**
 * A Salesforce Opportunity as jsforce returns it for the default read plan: typed JSON, `attributes`,
 * the Account parent, and the two child subqueries flattened to arrays.
 */
export function salesforceOpportunity(): RawRecord {
  return {
    id: SF.opportunity,
    values: {
      attributes: { type: 'Opportunity', url: `/services/data/v62.0/sobjects/Opportunity/${SF.opportunity}` },
      Id: SF.opportunity,
      Name: 'Northwind Health — Data platform',
      AccountId: SF.customer,
      Account: { attributes: { type: 'Account' }, Industry: 'Healthcare' },
      PartnerAccountId: SF.partner,
      Delivery_Partner__c: SF.delivery,
      StageName: 'Closed Won',
      Amount: 125000,
      CurrencyIsoCode: 'EUR',
      CloseDate: '2024-05-02',
      IsWon: true,
      IsClosed: true,
      Type: 'Existing Customer - Upgrade',
      CSAT__c: 9,
      SystemModstamp: '2024-05-02T14:21:07.000+0000',
      OpportunityLineItems: [
        { attributes: { type: 'OpportunityLineItem' }, Product2: { Family: 'Data & AI' } },
        { attributes: { type: 'OpportunityLineItem' }, Product2: { Family: 'Cloud Infrastructure' } },
        { attributes: { type: 'OpportunityLineItem' }, Product2: { Family: 'data & ai' } },
      ],
      OpportunityPartnersFrom: [
        { attributes: { type: 'OpportunityPartner' }, AccountToId: SF.partner, Role: 'VAR/Reseller' },
        { attributes: { type: 'OpportunityPartner' }, AccountToId: SF.agency, Role: 'Agency' },
        { attributes: { type: 'OpportunityPartner' }, AccountToId: SF.other, Role: null },
      ],
    },
  };
}

/** A HubSpot deal: every property a string, associations with v4 labels and the associated records' properties. */
export function hubspotDeal(): RawRecord {
  return {
    id: '9001',
    values: {
      hs_object_id: '9001',
      dealname: 'Contoso Bank — Secure cloud',
      amount: '48000.50',
      deal_currency_code: 'EUR',
      dealstage: 'closedwon',
      pipeline: 'default',
      closedate: '2024-03-31T00:00:00Z',
      hs_is_closed_won: 'true',
      hs_is_closed: 'true',
      dealtype: 'newbusiness',
      csat_score: '7',
      hs_lastmodifieddate: '1714659667123',
      companies: [
        { id: '501', labels: ['Deal with Primary Company'], industry: 'BANKING' },
        { id: '601', labels: ['Partner'], industry: 'COMPUTER_SOFTWARE' },
        { id: '602', labels: ['Delivery partner', 'Influencer'], industry: null },
        { id: '603', labels: [], industry: 'RETAIL' },
      ],
      line_items: [
        { id: '7001', labels: [], product_family: 'security' },
        { id: '7002', labels: [], product_family: 'cloud_infrastructure;networking' },
      ],
    },
  };
}

export function salesforceAccount(): RawRecord {
  return {
    id: SF.partner,
    values: {
      Id: SF.partner,
      Name: '  Fabrikam Consulting GmbH ',
      Website: 'https://www.Fabrikam.de/partners?x=1',
      BillingCountry: 'Germany',
      Partner_Region__c: 'EMEA',
      Type: 'Channel Partner / Reseller',
      Partner_Tier__c: 'Gold',
      IsPartner: true,
      SystemModstamp: '2024-06-01T08:00:00.000+0000',
    },
  };
}

export function hubspotCompany(): RawRecord {
  return {
    id: '601',
    values: {
      name: 'Fabrikam Consulting',
      domain: 'fabrikam.de',
      country: 'United States',
      partner_region: 'north_america',
      type: 'PARTNER',
      partner_tier: 'silver',
      salesforceaccountid: SF.partner,
      hs_lastmodifieddate: '2024-06-01T08:00:00.000Z',
    },
  };
}
