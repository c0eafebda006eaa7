import { describe, expect, it } from 'vitest';
import { makeDeal, makePartner, partnerId } from '../../test/support/engine-builders.js';
import type { Recommendation } from '../engine/recommend-partners.js';
import type { LastWrittenValue } from '../store/index.js';
import { desiredRecommendations, openDealsOf, recommendationTarget } from './desired-recommendations.js';
import { diffWriteback, writtenValues } from './diff-writeback.js';

const SF = recommendationTarget('salesforce', 'Account', {
  object: 'Opportunity',
  count: 3,
  fields: {
    partners: ['P1__c', 'P2__c', 'P3__c'],
    reasons: ['R1__c', 'R2__c', 'R3__c'],
    recommendedAt: 'At__c',
  },
})!;
const HS = recommendationTarget('hubspot', 'companies', {
  object: 'deals',
  count: 2,
  fields: {
    partners: ['id_1', 'id_2'],
    names: ['name_1', 'name_2'],
    reasons: ['why_1', 'why_2'],
    recommendedAt: 'at',
  },
})!;

const pick = (n: number, reason = `Specialist · score ${90 - n} · 70% confidence · 3 won customers in X`) =>
  ({
    partnerId: partnerId(n),
    name: `Partner ${n}`,
    level: 'Specialist',
    score: 90 - n,
    confidence: 70,
    cell: 'a|b',
    wonCustomers: 3,
    reason,
  }) satisfies Recommendation;

const partners = [1, 2, 3, 4].map((n) =>
  makePartner(n, {
    sourceRefs:
      n === 4
        ? [{ system: 'hubspot', object: 'companies', id: '40' }]
        : [
            { system: 'salesforce', object: 'Account', id: `001P${n}` },
            { system: 'hubspot', object: 'companies', id: `${n}0` },
          ],
  }),
);

function ledgerOf(updates: ReturnType<typeof diffWriteback>['updates'], target = SF): LastWrittenValue[] {
  return updates.flatMap((u) => writtenValues(target, u, '2026-06-30T02:00:00.000Z'));
}

const diffOf = (
  target: typeof SF,
  desired: ReturnType<typeof desiredRecommendations>,
  lastWritten: LastWrittenValue[] = [],
) => diffWriteback({ target, desired, lastWritten, crmValues: new Map(), failures: [], maxAttempts: 3 });

describe('recommendations write-back', () => {
  it('takes only the open deals of the CRM deal object, at the stages configured', () => {
    const open = makeDeal({ status: 'open', stage: 'Prospecting' });
    const won = makeDeal({ status: 'won' });
    const elsewhere = makeDeal({ status: 'open', source: { system: 'hubspot', object: 'deals', id: '7' } });
    expect(openDealsOf([open, won, elsewhere], SF)).toEqual([open]);
    expect(openDealsOf([open], { ...SF, stages: ['Negotiation'] })).toEqual([]);
    expect(openDealsOf([open, elsewhere], HS)).toEqual([elsewhere]);
  });

  it('fills the slots best first with the partner records, clears unused ones, names partners where asked', () => {
    const deal = makeDeal({ status: 'open' });
    const byDeal = new Map([[deal.id as string, [pick(1), pick(2)]]]);
    const [sf] = desiredRecommendations(SF, [deal], byDeal, partners, '2026-06-30T02:00:00.000Z');
    expect(sf?.recordId).toBe(deal.source.id);
    expect(sf?.values).toEqual({
      P1__c: '001P1',
      R1__c: pick(1).reason,
      P2__c: '001P2',
      R2__c: pick(2).reason,
      P3__c: null,
      R3__c: null,
      At__c: '2026-06-30T02:00:00.000Z',
    });
    const [hs] = desiredRecommendations(HS, [deal], new Map([[deal.id as string, [pick(4)]]]), partners, 'T');
    expect(hs?.values).toMatchObject({ id_1: '40', name_1: 'Partner 4', why_1: pick(4).reason, id_2: null });
  });

  it('writes only what changed: nothing the second time, a cleared slot when fewer partners fit', () => {
    const deal = makeDeal({ status: 'open' });
    const desired = (picks: Recommendation[], at: string) =>
      desiredRecommendations(SF, [deal], new Map([[deal.id as string, picks]]), partners, at);
    const first = diffOf(SF, desired([pick(1), pick(2), pick(3)], '2026-06-30T02:00:00.000Z'));
    expect(first.updates).toHaveLength(1);
    const ledger = ledgerOf(first.updates);

    // The next night, the same partners and reasons: nothing is written, though the time moved on.
    const again = diffOf(SF, desired([pick(1), pick(2), pick(3)], '2026-07-01T02:00:00.000Z'), ledger);
    expect(again.updates).toEqual([]);
    expect(again.unchangedRecords).toBe(1);

    // Partner 3 no longer fits: its slot is cleared, the time goes with the change.
    const fewer = diffOf(SF, desired([pick(1), pick(2)], '2026-07-02T02:00:00.000Z'), ledger);
    expect(fewer.updates[0]?.values).toEqual({ P3__c: null, R3__c: null, At__c: '2026-07-02T02:00:00.000Z' });
    expect(fewer.updates[0]?.partnerId).toBe(deal.id);
  });

  it('leaves a reason alone when only its figures drift a little as evidence ages', () => {
    const deal = makeDeal({ status: 'open' });
    const reason = (score: number, level = 'Specialist') =>
      `${level} · score ${score} · 70% confidence · 3 won customers in X`;
    const desired = (score: number, level?: string) =>
      desiredRecommendations(
        SF,
        [deal],
        new Map([[deal.id as string, [pick(1, reason(score, level))]]]),
        partners,
        'T',
      );
    const ledger = ledgerOf(diffOf(SF, desired(80)).updates);
    expect(diffOf(SF, desired(78), ledger).updates).toEqual([]);
    expect(diffOf(SF, desired(75), ledger).updates[0]?.values.R1__c).toBe(reason(75));
    expect(diffOf(SF, desired(79, 'Proven'), ledger).updates[0]?.values.R1__c).toBe(reason(79, 'Proven'));
  });

  it('never writes a deal that had and still has no recommendation', () => {
    const deal = makeDeal({ status: 'open' });
    const desired = desiredRecommendations(SF, [deal], new Map(), partners, 'T');
    expect(diffOf(SF, desired).updates).toEqual([]);
  });

  it('skips partners without a record in the CRM (they cannot be looked up)', () => {
    const deal = makeDeal({ status: 'open' });
    const [sf] = desiredRecommendations(
      SF,
      [deal],
      new Map([[deal.id as string, [pick(4), pick(1)]]]),
      partners,
      'T',
    );
    expect(sf?.values.P1__c).toBe('001P1');
    expect(sf?.values.P2__c).toBeNull();
  });
});
