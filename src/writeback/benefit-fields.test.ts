import { describe, expect, it } from 'vitest';
import { SalesforceWritebackSchema } from '../../connectors/salesforce/writeback-schema.js';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import { background, inputOf, makeDeal, makePartner, partnerId } from '../../test/support/engine-builders.js';
import { scoreEcosystem } from '../engine/index.js';
import { BenefitSchema } from '../model/benefits.js';
import type { LastWrittenValue } from '../store/index.js';
import { desiredWriteback } from './desired-records.js';
import { diffWriteback } from './diff-writeback.js';
import { writebackTarget } from './writeback-target.js';

const programme = BenefitSchema.parse({
  key: 'programme',
  name: 'Programme tier',
  rules: [
    { when: { level: 'Specialist' }, value: 'Gold' },
    { when: { level: 'Emerging' }, value: 'Silver' },
  ],
  otherwise: 'Registered',
});

/** A Salesforce write-back with one benefit picklist, bound as the mapping loader binds it. */
function target() {
  const writeback = SalesforceWritebackSchema.parse({
    fields: [
      {
        result: 'benefit',
        benefit: 'programme',
        field: 'Atlas_Tier__c',
        label: 'Atlas Tier',
        type: 'Picklist',
      },
    ],
  });
  for (const field of writeback.fields) if (field.benefit) field.benefit.definition = programme;
  return writebackTarget('salesforce', writeback);
}

/** Partner 1 with wins of its own; partner 2 with none. */
function world() {
  const bg = background();
  const partners = [...bg.partners, makePartner(1), makePartner(2)];
  const deals = [
    ...bg.deals,
    ...Array.from({ length: 6 }, () => makeDeal({ partner: 1, satisfaction: 0.9 })),
  ];
  return {
    partners,
    scores: scoreEcosystem(inputOf({ partners, deals, certifications: bg.certifications })),
  };
}

const options = { taxonomy: SAMPLE_TAXONOMY, scoredAt: '2025-06-30T02:00:00.000Z' };

describe('benefit write-back fields', () => {
  it('are a one-value choice holding the benefit value in words, from the partner levels', () => {
    const t = target();
    expect(t.fields.map((f) => [f.name, f.shape, f.benefit?.name])).toEqual([
      ['Atlas_Tier__c', 'choice', 'Programme tier'],
    ]);
    const { partners, scores } = world();
    const [records = []] = desiredWriteback([t], scores, partners, options);
    const tierOf = (n: number) => records.find((r) => r.partnerId === partnerId(n))?.values.Atlas_Tier__c;
    const levelled = scores.partners.find((p) => p.partnerId === partnerId(1))?.segments ?? [];
    expect(levelled.length).toBeGreaterThan(0);
    expect(tierOf(1)).toBe(levelled.some((s) => s.level === 'Specialist') ? 'Gold' : 'Silver');
    expect(tierOf(2)).toBe('Registered');
  });

  it('write nothing when the value is the one last written, and only the changed value otherwise', () => {
    const t = target();
    const { partners, scores } = world();
    const [desired = []] = desiredWriteback([t], scores, partners, options);
    const ledger = (value: (recordId: string, v: unknown) => unknown): LastWrittenValue[] =>
      desired.map((r) => ({
        system: 'salesforce',
        object: 'Account',
        recordId: r.recordId,
        field: 'Atlas_Tier__c',
        value: value(r.recordId, r.values.Atlas_Tier__c),
        writtenAt: '2025-06-29T02:00:00.000Z',
      }));
    const diff = (lastWritten: LastWrittenValue[]) =>
      diffWriteback({ target: t, desired, lastWritten, crmValues: new Map(), failures: [], maxAttempts: 5 });
    expect(diff(ledger((_, v) => v)).updates).toEqual([]);
    const first = desired[0]!;
    const changed = diff(ledger((id, v) => (id === first.recordId ? 'Platinum' : v))).updates;
    expect(changed.map((u) => [u.recordId, u.values.Atlas_Tier__c])).toEqual([
      [first.recordId, first.values.Atlas_Tier__c],
    ]);
  });
});
