/** Range guards: a bad number or date in one CRM record is a record issue naming record, field and value, never a failed run. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPINGS } from '../../test/support/mapping-dir.js';
import { hubspotDeal, SF, salesforceOpportunity } from '../../test/support/raw-records.js';
import { DealSchema } from '../model/index.js';
import { compileMapping } from './compile.js';
import { loadMappings } from './load.js';
import type { RawRecord } from './raw-record.js';
import { DEAL_AMOUNT_MAX } from './to-deal.js';

const loaded = loadMappings(DEFAULT_MAPPINGS);
if (!loaded.salesforce || !loaded.hubspot) throw new Error('default mappings must configure both CRMs');
// Compiled with scoring.yaml's currencies, as runs do, so deals in a currency without a rate are reported.
const salesforce = compileMapping(loaded.salesforce, loaded.taxonomy, loaded.scoring.currency);
const hubspot = compileMapping(loaded.hubspot, loaded.taxonomy, loaded.scoring.currency);
const sfDeals = salesforce.entity('deals')!;
const sfCertifications = salesforce.entity('certifications')!;
const hsDeals = hubspot.entity('deals')!;

/** `base` with some of its values replaced. */
function withValues(base: RawRecord, values: Record<string, unknown>): RawRecord {
  return { id: base.id, values: { ...base.values, ...values } };
}
const hsDeal = (values: Record<string, unknown>) => withValues(hubspotDeal(), values);
const opportunity = (values: Record<string, unknown>) => withValues(salesforceOpportunity(), values);

function certification(values: Record<string, unknown>): RawRecord {
  return {
    id: SF.certification,
    values: {
      Name: 'Cloud Professional',
      Partner_Account__c: SF.partner,
      Contact__c: SF.contact,
      Technology__c: 'Cloud',
      Industry__c: null,
      Level__c: 'Professional',
      Earned_Date__c: '2024-01-15',
      Expiry_Date__c: '2027-01-15',
      SystemModstamp: '2024-05-02T14:21:07.000+0000',
      ...values,
    },
  };
}

describe('deal amounts', () => {
  it('keeps a HubSpot deal with amount "1e39" as a win without its size, naming record, field and value', () => {
    const { record, issues } = hsDeals.toModel(hsDeal({ amount: '1e39' }));
    expect(record?.isWon).toBe(true);
    expect(record?.amount).toBeNull();
    expect(DealSchema.safeParse(record).success).toBe(true);
    expect(issues).toEqual([
      {
        system: 'hubspot',
        object: 'deals',
        recordId: '9001',
        field: 'deals.amount',
        value: '1e+39',
        reason: `above ${DEAL_AMOUNT_MAX.toLocaleString('en-US')}, the largest amount believed; the deal counts without its size`,
        severity: 'warning',
      },
    ]);
  });

  it('keeps an amount of exactly the maximum', () => {
    const { record, issues } = hsDeals.toModel(hsDeal({ amount: String(DEAL_AMOUNT_MAX) }));
    expect(issues).toEqual([]);
    expect(record?.amount).toEqual({ amount: DEAL_AMOUNT_MAX, currency: 'EUR' });
  });

  it('reports a negative amount and keeps the deal without its size', () => {
    const { record, issues } = sfDeals.toModel(opportunity({ Amount: -25_000 }));
    expect(record?.amount).toBeNull();
    expect(record?.isWon).toBe(true);
    expect(issues).toEqual([
      expect.objectContaining({
        recordId: SF.opportunity,
        field: 'deals.amount',
        value: '-25000',
        reason: 'a negative amount; the deal counts without its size',
        severity: 'warning',
      }),
    ]);
  });

  it('reports an amount that is not finite as not a number', () => {
    const { record, issues } = hsDeals.toModel(hsDeal({ amount: '1e400' }));
    expect(record?.amount).toBeNull();
    expect(issues).toEqual([
      expect.objectContaining({ field: 'deals.amount', value: '1e400', reason: 'not a number' }),
    ]);
  });

  it('reports a currency scoring.yaml has no rate for, and keeps the amount for when a rate is added', () => {
    const { record, issues } = sfDeals.toModel(opportunity({ CurrencyIsoCode: 'XAU' }));
    expect(record?.amount?.currency).toBe('XAU');
    expect(issues).toEqual([
      expect.objectContaining({
        recordId: SF.opportunity,
        field: 'deals.currency',
        value: 'XAU',
        reason: expect.stringContaining('no rate for XAU in scoring.yaml'),
        severity: 'warning',
      }),
    ]);
  });

  it('does not check currencies when compiled without scoring.yaml', () => {
    const plain = compileMapping(loaded.salesforce!, loaded.taxonomy).entity('deals')!;
    expect(plain.toModel(opportunity({ CurrencyIsoCode: 'XAU' })).issues).toEqual([]);
  });
});

describe('CSAT', () => {
  it('reports a CSAT above its scale and keeps the deal without it', () => {
    const { record, issues } = hsDeals.toModel(hsDeal({ csat_score: '42' }));
    expect(record?.signals.satisfaction).toBeNull();
    expect(issues).toEqual([
      expect.objectContaining({ field: 'deals.satisfaction', value: '42', severity: 'warning' }),
    ]);
  });

  it('reports a negative CSAT', () => {
    const { record, issues } = sfDeals.toModel(opportunity({ CSAT__c: -1 }));
    expect(record?.signals.satisfaction).toBeNull();
    expect(issues.map((i) => i.field)).toEqual(['deals.satisfaction']);
  });
});

describe('dates', () => {
  it.each([
    ['1899-12-31', 'before 1970'],
    ['2999-01-01', 'after 2100'],
  ])('keeps a deal closing on %s (%s) without its close date', (closeDate) => {
    const { record, issues } = sfDeals.toModel(opportunity({ CloseDate: closeDate }));
    expect(record?.closeDate).toBeNull();
    expect(issues).toEqual([
      expect.objectContaining({
        recordId: SF.opportunity,
        field: 'deals.closeDate',
        value: closeDate,
        reason: 'not between the years 1970 and 2100',
        severity: 'warning',
      }),
    ]);
  });

  it('skips a record last modified in 2999, which would hold the sync cursor', () => {
    const { record, issues } = sfDeals.toModel(
      opportunity({ SystemModstamp: '2999-01-01T00:00:00.000+0000' }),
    );
    expect(record).toBeNull();
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'deals.lastModified',
        value: '2999-01-01T00:00:00.000Z',
        severity: 'error',
      }),
    ]);
  });

  it('treats a "never expires" sentinel as no expiry, with a warning', () => {
    const { record, issues } = sfCertifications.toModel(certification({ Expiry_Date__c: '4000-12-31' }));
    expect(record?.expiryDate).toBeNull();
    expect(issues.map((i) => [i.field, i.value])).toEqual([['certifications.expiryDate', '4000-12-31']]);
  });
});

describe('certifications', () => {
  it('reports a certification without a person', () => {
    const { record, issues } = sfCertifications.toModel(certification({ Contact__c: null }));
    expect(record?.personId).toBeNull();
    expect(issues).toEqual([
      expect.objectContaining({
        object: 'Partner_Certification__c',
        recordId: SF.certification,
        field: 'certifications.personId',
        reason: 'no certified person; it counts as a person of its own',
        severity: 'warning',
      }),
    ]);
  });

  it('reports a bad person id once', () => {
    const { issues } = sfCertifications.toModel(certification({ Contact__c: 'nobody' }));
    expect(issues.map((i) => [i.field, i.value])).toEqual([['certifications.personId', 'nobody']]);
  });

  it('keeps a good certification without issues', () => {
    const { record, issues } = sfCertifications.toModel(certification({}));
    expect(issues).toEqual([]);
    expect(record?.personId).toBe(`salesforce:Contact:${SF.contact}`);
  });
});
