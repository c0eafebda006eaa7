import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPINGS } from '../../test/support/mapping-dir.js';
import {
  hubspotCompany,
  hubspotDeal,
  SF,
  salesforceAccount,
  salesforceOpportunity,
} from '../../test/support/raw-records.js';
import { CertificationSchema, DealSchema, PartnerSchema, PersonSchema } from '../model/index.js';
import { compileMapping } from './compile.js';
import { loadMappings } from './load.js';
import { omitPaths } from './read-plan.js';

const loaded = loadMappings(DEFAULT_MAPPINGS);
if (!loaded.salesforce || !loaded.hubspot) throw new Error('default mappings must configure both CRMs');
const salesforce = compileMapping(loaded.salesforce, loaded.taxonomy);
const hubspot = compileMapping(loaded.hubspot, loaded.taxonomy);

const sfAccount = (id: string) => `salesforce:Account:${id}`;

describe('read plans', () => {
  it('keep a path needed when a required source, the filter or the cursor also reads it', () => {
    const plan = compileMapping(
      {
        ...loaded.salesforce!,
        entities: {
          ...loaded.salesforce!.entities,
          partners: {
            ...loaded.salesforce!.entities.partners,
            filter: [{ field: 'Partner_Region__c', op: 'not_null' }],
            fields: {
              ...loaded.salesforce!.entities.partners.fields,
              legacyTier: { path: 'Partner_Tier__c', optional: true },
              partnerType: { path: 'Partner_Tier__c' },
            },
          },
        },
      },
      loaded.taxonomy,
    ).entity('partners')!.readPlan;
    expect(plan.optional).toEqual([]);
  });

  it('omitPaths leaves out record fields and collection items, dropping an emptied child read', () => {
    const plan = salesforce.entity('deals')!.readPlan;
    const without = omitPaths(plan, ['csat__c', 'OpportunityLineItems.Product2.Family']);
    expect(without.fields).not.toContain('CSAT__c');
    expect(without.fields).toContain('Amount');
    expect(without.children.map((c) => c.relationship)).toEqual(['OpportunityPartnersFrom']);
    const hs = hubspot.entity('deals')!.readPlan;
    expect(omitPaths(hs, ['line_items.product_family']).associations).toContainEqual({
      object: 'line_items',
      properties: [],
      labels: [],
    });
  });

  it('tells the Salesforce connector what to select, which subqueries, and the filter', () => {
    expect(salesforce.entity('deals')?.readPlan).toEqual({
      system: 'salesforce',
      entity: 'deals',
      object: 'Opportunity',
      fields: [
        'Id',
        'Name',
        'AccountId',
        'Account.Industry',
        'Account.BillingCountry',
        'Amount',
        'CurrencyIsoCode',
        'StageName',
        'IsWon',
        'IsClosed',
        'CloseDate',
        'Type',
        'CSAT__c',
        'SystemModstamp',
        'PartnerAccountId',
        'Delivery_Partner__c',
      ],
      children: [
        { relationship: 'OpportunityLineItems', fields: ['Product2.Family'] },
        { relationship: 'OpportunityPartnersFrom', fields: ['AccountToId', 'Role'] },
      ],
      associations: [],
      filter: [],
      modifiedField: 'SystemModstamp',
      // Read as is by the mapping, so a connector receiving text decodes them; text fields are not listed.
      valueTypes: {
        Amount: 'number',
        IsWon: 'boolean',
        IsClosed: 'boolean',
        CloseDate: 'date',
        CSAT__c: 'number',
        SystemModstamp: 'datetime',
      },
      // Fields a run may find missing and read without (marked `optional: true`).
      optional: ['CurrencyIsoCode', 'CSAT__c', 'PartnerAccountId', 'Delivery_Partner__c'],
    });
    expect(salesforce.entity('partners')?.readPlan.filter).toEqual([
      { field: 'IsPartner', op: 'eq', value: true },
    ]);
    expect(salesforce.entity('people')?.readPlan.filter).toEqual([
      { field: 'Account.IsPartner', op: 'eq', value: true },
    ]);
  });

  it('tells the HubSpot connector which properties and associations to fetch', () => {
    const plan = hubspot.entity('deals')?.readPlan;
    expect(plan?.fields).toEqual([
      'dealname',
      'amount',
      'deal_currency_code',
      'dealstage',
      'hs_is_closed_won',
      'hs_is_closed',
      'closedate',
      'dealtype',
      'csat_score',
      'hs_lastmodifieddate',
    ]);
    expect(plan?.children).toEqual([]);
    expect(plan?.associations).toEqual([
      {
        object: 'companies',
        properties: ['industry', 'country'],
        labels: ['Primary', 'Deal with Primary Company', 'Partner', 'Delivery partner', 'Influencer'],
      },
      { object: 'line_items', properties: ['product_family'], labels: [] },
    ]);
    expect(plan?.optional).toEqual(['line_items.product_family', 'csat_score']);
    expect(hubspot.entity('partners')?.readPlan.fields).toContain('salesforceaccountid');
    expect(hubspot.entity('certifications')?.readPlan.associations.map((a) => a.object)).toEqual([
      'companies',
      'contacts',
    ]);
    expect(hubspot.entity('people')?.readPlan.modifiedField).toBe('lastmodifieddate');
  });
});

describe('Salesforce → model', () => {
  it('maps a realistic Opportunity to the exact Deal', () => {
    const result = salesforce.entity('deals')?.toModel(salesforceOpportunity());
    expect(result?.issues).toEqual([]);
    expect(result?.record).toEqual({
      id: `salesforce:Opportunity:${SF.opportunity}`,
      source: { system: 'salesforce', object: 'Opportunity', id: SF.opportunity },
      name: 'Northwind Health — Data platform',
      partners: [
        { partnerId: sfAccount(SF.partner), role: 'sourced' },
        { partnerId: sfAccount(SF.delivery), role: 'delivered' },
        { partnerId: sfAccount(SF.agency), role: 'influenced' },
        { partnerId: sfAccount(SF.other), role: 'influenced' },
      ],
      customerId: sfAccount(SF.customer),
      sector: 'healthcare',
      customerCountry: null,
      customerRegion: null,
      technologies: ['data_ai', 'cloud_infrastructure'],
      amount: { amount: 125000, currency: 'EUR' },
      stage: 'Closed Won',
      isWon: true,
      isClosed: true,
      closeDate: '2024-05-02',
      signals: { renewal: true, expansion: true, satisfaction: 0.9 },
      lastModified: '2024-05-02T14:21:07.000Z',
    });
    expect(DealSchema.parse(result?.record)).toEqual(result?.record);
  });

  it('maps a partner Account with a normalised domain and country', () => {
    const { record, issues } = salesforce.entity('partners')?.toModel(salesforceAccount()) ?? {};
    expect(issues).toEqual([]);
    expect(record).toEqual({
      id: sfAccount(SF.partner),
      name: 'Fabrikam Consulting GmbH',
      domain: 'fabrikam.de',
      country: 'DE',
      region: 'EMEA',
      partnerType: 'Channel Partner / Reseller',
      legacyTier: 'gold',
      sourceRefs: [{ system: 'salesforce', object: 'Account', id: SF.partner }],
      crossRefs: [],
      lastModified: '2024-06-01T08:00:00.000Z',
    });
    expect(PartnerSchema.parse(record)).toEqual(record);
  });

  it('maps a certification with its partner and person refs', () => {
    const { record, issues } =
      salesforce.entity('certifications')?.toModel({
        id: SF.certification,
        values: {
          Name: 'Data Engineer Professional',
          Partner_Account__c: SF.partner,
          Contact__c: SF.contact,
          Technology__c: 'Data & AI',
          Industry__c: null,
          Level__c: 'Professional',
          Earned_Date__c: '2023-09-01',
          Expiry_Date__c: '2025-09-01',
          SystemModstamp: '2023-09-02T10:00:00.000+0000',
        },
      }) ?? {};
    expect(issues).toEqual([]);
    expect(record).toEqual({
      id: `salesforce:Partner_Certification__c:${SF.certification}`,
      source: { system: 'salesforce', object: 'Partner_Certification__c', id: SF.certification },
      name: 'Data Engineer Professional',
      partnerId: sfAccount(SF.partner),
      personId: `salesforce:Contact:${SF.contact}`,
      technology: 'data_ai',
      sector: null,
      level: 'professional',
      earnedDate: '2023-09-01',
      expiryDate: '2025-09-01',
      lastModified: '2023-09-02T10:00:00.000Z',
    });
    expect(CertificationSchema.parse(record)).toEqual(record);
  });

  it('maps a Contact to a Person', () => {
    const { record } =
      salesforce.entity('people')?.toModel({
        id: SF.contact,
        values: {
          Name: 'Ana Müller',
          Email: 'Ana.Mueller@Fabrikam.de',
          AccountId: SF.partner,
          SystemModstamp: '2024-01-01T00:00:00.000+0000',
        },
      }) ?? {};
    expect(record).toEqual({
      id: `salesforce:Contact:${SF.contact}`,
      source: { system: 'salesforce', object: 'Contact', id: SF.contact },
      name: 'Ana Müller',
      email: 'ana.mueller@fabrikam.de',
      partnerId: sfAccount(SF.partner),
      lastModified: '2024-01-01T00:00:00.000Z',
    });
    expect(PersonSchema.parse(record)).toEqual(record);
  });
});

describe('HubSpot → model', () => {
  it('maps a realistic deal with labelled company associations and line items to the exact Deal', () => {
    const result = hubspot.entity('deals')?.toModel(hubspotDeal());
    expect(result?.issues).toEqual([]);
    expect(result?.record).toEqual({
      id: 'hubspot:deals:9001',
      source: { system: 'hubspot', object: 'deals', id: '9001' },
      name: 'Contoso Bank — Secure cloud',
      partners: [
        { partnerId: 'hubspot:companies:601', role: 'sourced' },
        { partnerId: 'hubspot:companies:602', role: 'delivered' },
        { partnerId: 'hubspot:companies:602', role: 'influenced' },
      ],
      customerId: 'hubspot:companies:501',
      sector: 'financial_services',
      customerCountry: null,
      customerRegion: null,
      technologies: ['security', 'cloud_infrastructure', 'networking'],
      amount: { amount: 48000.5, currency: 'EUR' },
      stage: 'closedwon',
      isWon: true,
      isClosed: true,
      closeDate: '2024-03-31',
      signals: { renewal: false, expansion: null, satisfaction: 0.7 },
      lastModified: '2024-05-02T14:21:07.123Z',
    });
    expect(DealSchema.parse(result?.record)).toEqual(result?.record);
  });

  it('maps a partner company with its Salesforce cross reference', () => {
    const { record, issues } = hubspot.entity('partners')?.toModel(hubspotCompany()) ?? {};
    expect(issues).toEqual([]);
    expect(record).toEqual({
      id: 'hubspot:companies:601',
      name: 'Fabrikam Consulting',
      domain: 'fabrikam.de',
      country: 'US',
      region: 'North America',
      partnerType: 'PARTNER',
      legacyTier: 'silver',
      sourceRefs: [{ system: 'hubspot', object: 'companies', id: '601' }],
      crossRefs: [{ system: 'salesforce', object: 'Account', id: SF.partner }],
      lastModified: '2024-06-01T08:00:00.000Z',
    });
    expect(PartnerSchema.parse(record)).toEqual(record);
  });

  it('maps a certification from its company and contact associations', () => {
    const { record, issues } =
      hubspot.entity('certifications')?.toModel({
        id: '880',
        values: {
          certification_name: 'Security Expert',
          technology: 'security',
          industry: 'HOSPITAL_HEALTH_CARE',
          level: 'Expert',
          earned_date: '2024-02-01',
          expiry_date: '1774915200000',
          hs_lastmodifieddate: '2024-02-02T09:30:00Z',
          companies: [{ id: '601', labels: [] }],
          contacts: [{ id: '42', labels: [] }],
        },
      }) ?? {};
    expect(issues).toEqual([]);
    expect(record).toEqual({
      id: 'hubspot:certifications:880',
      source: { system: 'hubspot', object: 'certifications', id: '880' },
      name: 'Security Expert',
      partnerId: 'hubspot:companies:601',
      personId: 'hubspot:contacts:42',
      technology: 'security',
      sector: 'healthcare',
      level: 'expert',
      earnedDate: '2024-02-01',
      expiryDate: '2026-03-31',
      lastModified: '2024-02-02T09:30:00.000Z',
    });
    expect(CertificationSchema.parse(record)).toEqual(record);
  });

  it('maps a contact, joining first and last name', () => {
    const { record } =
      hubspot.entity('people')?.toModel({
        id: '42',
        values: {
          firstname: ' Jun ',
          lastname: null,
          email: 'JUN@EXAMPLE.COM',
          lastmodifieddate: '1704067200000',
          companies: [
            { id: '603', labels: [] },
            { id: '601', labels: ['Contact with Primary Company'] },
          ],
        },
      }) ?? {};
    expect(record).toEqual({
      id: 'hubspot:contacts:42',
      source: { system: 'hubspot', object: 'contacts', id: '42' },
      name: 'Jun',
      email: 'jun@example.com',
      partnerId: 'hubspot:companies:601',
      lastModified: '2024-01-01T00:00:00.000Z',
    });
    expect(PersonSchema.parse(record)).toEqual(record);
  });
});

describe('compiled mapping surface', () => {
  it('exposes the write-back section and refuses entities it does not read', () => {
    expect(salesforce.writeback?.object).toBe('Account');
    const partnersOnly = compileMapping(
      { ...loaded.salesforce!, entities: { partners: loaded.salesforce!.entities.partners } },
      loaded.taxonomy,
    );
    expect(partnersOnly.entity('deals')).toBeUndefined();
    expect(() => partnersOnly.mapPage('deals', [])).toThrow(/does not read deals/);
  });

  it('refuses to compile against a taxonomy missing a key the mapping names', () => {
    const taxonomy = {
      ...loaded.taxonomy,
      sectors: loaded.taxonomy.sectors.filter((s) => s.key !== 'healthcare'),
    };
    const mapping = {
      ...loaded.salesforce!,
      entities: {
        ...loaded.salesforce!.entities,
        certifications: {
          ...loaded.salesforce!.entities.certifications!,
          fields: { ...loaded.salesforce!.entities.certifications!.fields, sector: { const: 'healthcare' } },
        },
      },
    };
    expect(() => compileMapping(mapping, taxonomy)).toThrow(/"healthcare" is not a key/);
  });
});

describe("the customer's country and region", () => {
  const sfDeal = (country: unknown) => {
    const raw = salesforceOpportunity();
    const values = { ...raw.values, Account: { ...(raw.values.Account as object), BillingCountry: country } };
    return salesforce.entity('deals')?.toModel({ ...raw, values });
  };
  const hsDeal = (country: unknown) => {
    const raw = hubspotDeal();
    const companies = (raw.values.companies as Record<string, unknown>[]).map((c) =>
      c.id === '501' ? { ...c, country } : { ...c, country: 'Japan' },
    );
    return hubspot.entity('deals')?.toModel({ ...raw, values: { ...raw.values, companies } });
  };

  it("maps the Opportunity's Account.BillingCountry to an ISO code and its taxonomy region", () => {
    const result = sfDeal('Germany');
    expect(result?.issues).toEqual([]);
    expect(result?.record).toMatchObject({ customerCountry: 'DE', customerRegion: 'emea' });
    expect(sfDeal('United States')?.record).toMatchObject({
      customerCountry: 'US',
      customerRegion: 'north_america',
    });
  });

  it("maps the primary company's country, not a partner company's", () => {
    const result = hsDeal('Brazil');
    expect(result?.issues).toEqual([]);
    expect(result?.record).toMatchObject({ customerCountry: 'BR', customerRegion: 'latam' });
  });

  it('reports text that is no country, and keeps the deal without country and region', () => {
    const result = sfDeal('Atlantis');
    expect(result?.record).toMatchObject({
      customerCountry: null,
      customerRegion: null,
      sector: 'healthcare',
    });
    expect(result?.issues).toEqual([
      expect.objectContaining({
        field: 'deals.customerCountry',
        value: 'Atlantis',
        severity: 'warning',
        reason: expect.stringContaining('not a country'),
      }),
    ]);
  });

  it('reports a country in no region of the taxonomy, like an unknown sector, keeping the country', () => {
    const taxonomy = { ...loaded.taxonomy, regions: [{ key: 'emea', label: 'EMEA', countries: ['DE'] }] };
    const narrow = compileMapping(loaded.salesforce!, taxonomy);
    const raw = salesforceOpportunity();
    const values = {
      ...raw.values,
      Account: { ...(raw.values.Account as object), BillingCountry: 'France' },
    };
    const result = narrow.entity('deals')?.toModel({ ...raw, values });
    expect(result?.record).toMatchObject({ customerCountry: 'FR', customerRegion: null });
    expect(result?.issues).toEqual([
      expect.objectContaining({
        field: 'deals.customerCountry',
        value: 'FR',
        reason: expect.stringContaining('FR is in no region of the taxonomy'),
      }),
    ]);
  });
});
