import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPINGS } from '../../test/support/mapping-dir.js';
import {
  hubspotDeal,
  SF,
  salesforceAccount,
  salesforceOpportunity,
  sfId,
} from '../../test/support/raw-records.js';
import { DealSchema, PartnerSchema, RecordIssueSchema } from '../model/index.js';
import { groupRecordIssues } from './bad-records.js';
import { compileMapping } from './compile.js';
import { loadMappings } from './load.js';
import type { RawRecord } from './raw-record.js';

const loaded = loadMappings(DEFAULT_MAPPINGS);
if (!loaded.salesforce || !loaded.hubspot) throw new Error('default mappings must configure both CRMs');
const salesforce = compileMapping(loaded.salesforce, loaded.taxonomy);
const hubspot = compileMapping(loaded.hubspot, loaded.taxonomy);
const sfDeals = salesforce.entity('deals')!;
const sfPartners = salesforce.entity('partners')!;
const hsDeals = hubspot.entity('deals')!;

function opportunity(values: Record<string, unknown>): RawRecord {
  const base = salesforceOpportunity();
  return { id: base.id, values: { ...base.values, ...values } };
}

function account(values: Record<string, unknown>): RawRecord {
  const base = salesforceAccount();
  return { id: base.id, values: { ...base.values, ...values } };
}

describe('records with nulls', () => {
  it('keeps a deal whose optional fields, relationships and subqueries are all null', () => {
    const { record, issues } = sfDeals.toModel(
      opportunity({
        Name: null,
        AccountId: null,
        Account: null,
        PartnerAccountId: null,
        Delivery_Partner__c: null,
        StageName: null,
        Amount: null,
        CurrencyIsoCode: null,
        CloseDate: null,
        Type: null,
        CSAT__c: null,
        OpportunityLineItems: null,
        OpportunityPartnersFrom: null,
      }),
    );
    expect(issues).toEqual([]);
    expect(record).toMatchObject({
      name: null,
      partners: [],
      customerId: null,
      sector: null,
      technologies: [],
      amount: null,
      stage: null,
      closeDate: null,
      signals: { renewal: null, expansion: null, satisfaction: null },
    });
    expect(DealSchema.safeParse(record).success).toBe(true);
  });

  it('skips a record whose required field is null, with an error issue naming record and field', () => {
    const { record, issues } = sfDeals.toModel(opportunity({ IsWon: null }));
    expect(record).toBeNull();
    expect(issues).toEqual([
      {
        system: 'salesforce',
        object: 'Opportunity',
        recordId: SF.opportunity,
        field: 'deals.isWon',
        value: null,
        reason: 'required value is empty',
        severity: 'error',
      },
    ]);
  });

  it('skips a partner without a name (blank counts as missing)', () => {
    const { record, issues } = sfPartners.toModel(account({ Name: '   ' }));
    expect(record).toBeNull();
    expect(issues).toEqual([expect.objectContaining({ field: 'partners.name', severity: 'error' })]);
  });
});

describe('unicode and very long text', () => {
  it('keeps unicode text as it is, only trimmed', () => {
    const name = 'Ångström Daten 数据 شريك 🚀 Ünïcödé';
    const { record, issues } = sfPartners.toModel(
      account({ Name: `\u00a0 ${name}\n`, Website: 'https://www.Bücher-Beispiel.de/' }),
    );
    expect(issues).toEqual([]);
    expect(record?.name).toBe(name);
    expect(record?.domain).toBe(new URL('http://bücher-beispiel.de').hostname);
  });

  it('cuts a 100 KB name at 255 characters with a warning, and keeps other long text whole', () => {
    const huge = `${'Δ'.repeat(50_000)}${'x'.repeat(50_000)}`;
    const stage = `Stage ${'s'.repeat(100_000)}`;
    const { record, issues } = sfDeals.toModel(opportunity({ Name: huge, StageName: ` ${stage} ` }));
    expect(record?.name).toBe('Δ'.repeat(255));
    expect(record?.stage).toBe(stage);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      field: 'deals.name',
      severity: 'warning',
      reason: 'longer than 255 characters; cut',
    });
    // The offending value is cut to a readable length in the issue.
    expect(issues[0]?.value?.length).toBeLessThanOrEqual(201);
    expect(DealSchema.safeParse(record).success).toBe(true);
  });

  it('never splits a surrogate pair when cutting', () => {
    const { record } = sfPartners.toModel(account({ Name: '🚀'.repeat(300) }));
    expect(record?.name).toBe('🚀'.repeat(255));
    expect(PartnerSchema.safeParse(record).success).toBe(true);
  });
});

describe('values in the wrong format', () => {
  it('keeps a deal with an unreadable close date, the field empty and a warning', () => {
    const { record, issues } = sfDeals.toModel(opportunity({ CloseDate: '02/05/2024' }));
    expect(record?.closeDate).toBeNull();
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'deals.closeDate',
        value: '02/05/2024',
        severity: 'warning',
        reason: expect.stringContaining('not a date'),
      }),
    ]);
  });

  it('skips a record whose lastModified cannot be read', () => {
    const { record, issues } = sfDeals.toModel(
      opportunity({ SystemModstamp: '2024-02-30T10:00:00.000+0000' }),
    );
    expect(record).toBeNull();
    expect(issues).toEqual([expect.objectContaining({ field: 'deals.lastModified', severity: 'error' })]);
  });

  it('reports HubSpot booleans and numbers it cannot read', () => {
    const base = hubspotDeal();
    const { record, issues } = hsDeals.toModel({
      id: base.id,
      values: { ...base.values, hs_is_closed_won: 'maybe', amount: '12,5' },
    });
    expect(record).toBeNull();
    expect(issues.map((i) => [i.field, i.severity])).toEqual([
      ['deals.isWon', 'error'],
      ['deals.amount', 'warning'],
    ]);
  });

  it('reports a CSAT outside its scale, an unknown currency and a structured value', () => {
    const { record, issues } = sfDeals.toModel(
      opportunity({ CSAT__c: 11, CurrencyIsoCode: 'Euro', StageName: { label: 'Won' } }),
    );
    expect(record?.signals.satisfaction).toBeNull();
    expect(record?.amount).toBeNull();
    expect(record?.stage).toBeNull();
    expect(issues.map((i) => [i.field, i.reason])).toEqual([
      ['deals.currency', 'not an ISO 4217 currency code; amount left empty'],
      ['deals.stage', 'expected text, got a structured value'],
      ['deals.satisfaction', 'outside the rescale range 0–10'],
    ]);
    expect(issues[1]?.value).toBe('{"label":"Won"}');
  });
});

describe('taxonomy and value maps', () => {
  it('warns about an industry missing from the taxonomy and stays quiet about unmapped ones', () => {
    const unknown = sfDeals.toModel(opportunity({ Account: { Industry: 'Space Tourism' } }));
    expect(unknown.record?.sector).toBeNull();
    expect(unknown.issues).toEqual([
      expect.objectContaining({
        field: 'deals.sector',
        value: 'Space Tourism',
        severity: 'warning',
        reason: expect.stringContaining('taxonomy'),
      }),
    ]);
    const other = sfDeals.toModel(opportunity({ Account: { Industry: 'Other' } }));
    expect(other.record?.sector).toBeNull();
    expect(other.issues).toEqual([]);
  });

  it('keeps the known technologies of a deal and warns about the unknown product family', () => {
    const { record, issues } = sfDeals.toModel(
      opportunity({
        OpportunityLineItems: [
          { Product2: { Family: 'Quantum' } },
          { Product2: { Family: 'SECURITY' } },
          { Product2: null },
        ],
      }),
    );
    expect(record?.technologies).toEqual(['security']);
    expect(issues).toEqual([
      expect.objectContaining({ field: 'deals.technologies', value: 'Quantum', severity: 'warning' }),
    ]);
  });

  it('warns about opportunity types missing from the value map', () => {
    const { record, issues } = sfDeals.toModel(opportunity({ Type: 'Renewal Special' }));
    expect(record?.signals).toEqual({ renewal: null, expansion: null, satisfaction: 0.9 });
    expect(issues.map((i) => i.field)).toEqual(['deals.renewal', 'deals.expansion']);
  });
});

describe('partner linkage on bad data', () => {
  it('ignores a lookup that is not a record id, with a warning, and keeps the other partners', () => {
    const { record, issues } = sfDeals.toModel(
      opportunity({ PartnerAccountId: 'not-an-id', OpportunityPartnersFrom: [] }),
    );
    expect(record?.partners).toEqual([{ partnerId: `salesforce:Account:${SF.delivery}`, role: 'delivered' }]);
    expect(issues).toEqual([
      expect.objectContaining({ field: 'deals.partners[0]', value: 'not-an-id', severity: 'warning' }),
    ]);
  });

  it('gives junction records with a custom role the default role', () => {
    const partner = sfId('001', 'CUSTOMRL');
    const { record, issues } = sfDeals.toModel(
      opportunity({ OpportunityPartnersFrom: [{ AccountToId: partner, Role: 'Strategic Alliance' }] }),
    );
    expect(issues).toEqual([]);
    expect(record?.partners).toContainEqual({
      partnerId: `salesforce:Account:${partner}`,
      role: 'influenced',
    });
  });
});

describe('pages', () => {
  it('dedupes the same CRM id twice in one page: the last one wins, with a warning', () => {
    const first = opportunity({ Name: 'first version' });
    const second = opportunity({ Name: 'second version' });
    const other = opportunity({});
    other.id = sfId('006', 'OTHER001');
    const { records, issues } = salesforce.mapPage('deals', [first, other, second]);
    expect(records.map((r) => r.name)).toEqual(['Northwind Health — Data platform', 'second version']);
    expect(issues).toEqual([
      {
        system: 'salesforce',
        object: 'Opportunity',
        recordId: SF.opportunity,
        field: 'deals.id',
        value: SF.opportunity,
        reason: 'the same record id appears twice in one page; the last one is kept',
        severity: 'warning',
      },
    ]);
  });

  it('never throws on malformed raw records, and reports each one', () => {
    const garbage = [
      { id: '', values: {} },
      { id: '9002', values: null },
      { id: '9003', values: [] },
      { id: 9004, values: {} },
      null,
      {
        id: '9005',
        values: { hs_lastmodifieddate: 'soon', hs_is_closed: 'true', hs_is_closed_won: 'false' },
      },
    ] as unknown as RawRecord[];
    const { records, issues } = hubspot.mapPage('deals', garbage);
    expect(records).toEqual([]);
    expect(issues.filter((i) => i.severity === 'error')).toHaveLength(6);
    for (const issue of issues) expect(RecordIssueSchema.safeParse(issue).success).toBe(true);
  });

  it('maps a mixed page, keeping good records and reporting bad ones', () => {
    const good = hubspotDeal();
    const bad = { id: '9010', values: { ...good.values, hs_lastmodifieddate: null } };
    const { records, issues } = hubspot.mapPage('deals', [good, bad]);
    expect(records.map((r) => r.id)).toEqual(['hubspot:deals:9001']);
    expect(issues).toEqual([
      expect.objectContaining({ recordId: '9010', field: 'deals.lastModified', severity: 'error' }),
    ]);
  });
});

describe('record issues grouped for an admin', () => {
  const withIndustry = (industry: string, n: number) =>
    sfDeals.toModel({ ...opportunity({ Account: { Industry: industry } }), id: sfId('006', `OPP${n}`) })
      .issues;

  it('groups records by field and value, with a count, an example and the taxonomy line to add', () => {
    const issues = [
      ...Array.from({ length: 5 }, (_, i) => withIndustry('Health Care', i + 1)).flat(),
      ...withIndustry('Space Tourism', 9),
      ...withIndustry('Health Care', 10),
    ];
    expect(issues).toHaveLength(7);
    const groups = groupRecordIssues(issues, loaded.taxonomy);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({
      system: 'salesforce',
      object: 'Opportunity',
      field: 'deals.sector',
      value: 'Health Care',
      records: 6,
      exampleRecordId: sfId('006', 'OPP1'),
      severity: 'warning',
    });
    // A near spelling of an entry goes into that entry's values.
    expect(groups[0]?.suggestion).toBe(
      'taxonomy.yaml, sectors → healthcare (Healthcare & Life Sciences): add it to the values, values: [Healthcare, Biotechnology, …, Health Care]',
    );
    // A value like nothing known: a new entry, or unmapped if it means no sector.
    expect(groups[1]).toMatchObject({ value: 'Space Tourism', records: 1 });
    expect(groups[1]?.suggestion).toBe(
      'taxonomy.yaml, sectors: add an entry, - { key: space_tourism, label: Space Tourism, values: [Space Tourism] }; or, if it means no sector, unmapped: [Other, Space Tourism]',
    );
  });

  it('quotes values YAML would misread, and suggests nothing where no line would help', () => {
    const groups = groupRecordIssues(
      [
        ...withIndustry('Travel, Leisure: Cruises', 1),
        ...sfDeals.toModel(opportunity({ CloseDate: 'soon' })).issues,
      ],
      loaded.taxonomy,
    );
    const travel = groups.find((g) => g.field === 'deals.sector');
    expect(travel?.suggestion).toContain('values: ["Travel, Leisure: Cruises"]');
    const date = groups.find((g) => g.field !== 'deals.sector');
    expect(date?.value).toBe('soon');
    expect(date?.suggestion).toBeNull();
  });
});
