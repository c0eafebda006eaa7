import { describe, expect, it, vi } from 'vitest';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import { background, inputOf, makeDeal, makePartner, partnerId } from '../../test/support/engine-builders.js';
import { scoreEcosystem } from '../engine/index.js';
import { desiredWriteback } from './desired-records.js';
import type { WritebackTarget } from './writeback-target.js';

const salesforce: WritebackTarget = {
  system: 'salesforce',
  object: 'Account',
  fields: [
    { name: 'Summary__c', result: 'expertiseSummary', benefit: null, shape: 'longText', maxLength: null },
    { name: 'Top__c', result: 'topScore', benefit: null, shape: 'number', maxLength: null },
    { name: 'Scored__c', result: 'scoredAt', benefit: null, shape: 'datetime', maxLength: null },
  ],
  lists: [],
  cellLevels: null,
};
const hubspot: WritebackTarget = {
  system: 'hubspot',
  object: 'companies',
  fields: [
    { name: 'atlas_summary', result: 'expertiseSummary', benefit: null, shape: 'longText', maxLength: 40 },
    { name: 'atlas_segments', result: 'segments', benefit: null, shape: 'list', maxLength: null },
  ],
  lists: [],
  cellLevels: null,
};

/** A market, two partners with wins of their own, the first also a HubSpot company. */
function world() {
  const bg = background();
  const partners = [
    ...bg.partners,
    makePartner(1, {
      sourceRefs: [
        { system: 'salesforce', object: 'Account', id: 'P1' },
        { system: 'hubspot', object: 'companies', id: '9001' },
      ],
    }),
    makePartner(2),
  ];
  const deals = [
    ...bg.deals,
    ...Array.from({ length: 6 }, () => makeDeal({ partner: 1, satisfaction: 0.9 })),
    ...Array.from({ length: 3 }, () => makeDeal({ partner: 2, satisfaction: 0.8 })),
  ];
  const scores = scoreEcosystem(inputOf({ partners, deals, certifications: bg.certifications }));
  return { partners, scores };
}

const options = { taxonomy: SAMPLE_TAXONOMY, scoredAt: '2025-06-30T02:00:00.000Z' };

describe('desired write-back values', () => {
  it("are computed once per partner for every CRM, each record cut to its target's field", () => {
    const { partners, scores } = world();
    const cellsOf = vi.spyOn(scores, 'cellsOf');
    const [inSalesforceRecords, inHubspotRecords] = desiredWriteback(
      [salesforce, hubspot],
      scores,
      partners,
      options,
    );
    expect(inSalesforceRecords).toHaveLength(partners.length);
    expect(inHubspotRecords?.map((r) => r.recordId)).toEqual(['9001']);
    expect(cellsOf).toHaveBeenCalledTimes(partners.length);
    const [inSalesforce] = inSalesforceRecords?.filter((r) => r.partnerId === partnerId(1)) ?? [];
    const [inHubspot] = inHubspotRecords ?? [];
    const summary = String(inSalesforce?.values.Summary__c);
    expect(summary.length).toBeGreaterThan(40);
    expect(inHubspot?.values.atlas_summary).toBe(`${summary.slice(0, 39)}…`);
    expect(inSalesforce?.values.Scored__c).toBe(options.scoredAt);
  });
});

describe('desired per-cell records', () => {
  it('holds one record per levelled sector × technology cell of the target levels, keyed by the CRM record and cell', () => {
    const { partners, scores } = world();
    const target: WritebackTarget = {
      ...salesforce,
      fields: [],
      cellLevels: ['Specialist', 'Proven', 'Emerging'],
    };
    const [records] = desiredWriteback([target], scores, partners, options);
    const [p1] = records?.filter((r) => r.partnerId === partnerId(1)) ?? [];
    const levelled = scores
      .cellsOf(partnerId(1))
      .filter((c) => c.kind === 'pair' && c.level !== null)
      .map((c) => c.cell);
    expect(levelled.length).toBeGreaterThan(0);
    expect(p1?.cells.map((c) => c.key).sort()).toEqual(levelled.map((cell) => `P1|${cell}`).sort());
    for (const c of p1?.cells ?? []) {
      expect(c).toMatchObject({ parentId: 'P1', scoredAt: options.scoredAt });
      expect(c.name).toBe(`${c.sector} × ${c.technology}`);
      expect(Number.isInteger(c.score) && Number.isInteger(c.confidence)).toBe(true);
    }
    // Without per-cell records the target gets none.
    const [plain] = desiredWriteback([salesforce], scores, partners, options);
    expect(plain?.every((r) => r.cells.length === 0)).toBe(true);
  });
});
