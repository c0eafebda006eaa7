import { describe, expect, it } from 'vitest';
import { inputOf, makeCert, makeDeal, makePartner, partnerId } from '../../test/support/engine-builders.js';
import type { Need } from '../model/score-needs.js';
import { scoreEcosystem } from './score-ecosystem.js';

/**
 * Peers 10–15 in healthcare × data_ai: one win, one loss and two certified people each.
 * Peers 20–25 in retail × cloud: four wins and two losses each.
 */
function ecosystem() {
  const partners = [1, 2, 3, 4, 10, 11, 12, 13, 14, 15, 20, 21, 22, 23, 24, 25].map((n) => makePartner(n));
  const deals = [
    ...[10, 11, 12, 13, 14, 15].flatMap((n) => [
      makeDeal({ partner: n }),
      makeDeal({ partner: n, status: 'lost' }),
    ]),
    ...[20, 21, 22, 23, 24, 25].flatMap((n) => [
      ...Array.from({ length: 4 }, () => makeDeal({ partner: n, sector: 'retail', technologies: ['cloud'] })),
      ...Array.from({ length: 2 }, () =>
        makeDeal({ partner: n, sector: 'retail', technologies: ['cloud'], status: 'lost' }),
      ),
    ]),
    // 1: six won customers, nobody certified → technical enablement.
    ...Array.from({ length: 6 }, () => makeDeal({ partner: 1 })),
    // 3: many deals but a poor win rate in retail × cloud → sales enablement.
    ...Array.from({ length: 2 }, () => makeDeal({ partner: 3, sector: 'retail', technologies: ['cloud'] })),
    ...Array.from({ length: 10 }, () =>
      makeDeal({ partner: 3, sector: 'retail', technologies: ['cloud'], status: 'lost' }),
    ),
    ...Array.from({ length: 3 }, () =>
      makeDeal({ partner: 3, sector: 'retail', technologies: ['cloud'], status: 'open' }),
    ),
    // 4: wins from fourteen months ago and nothing since → re-engagement.
    makeDeal({ partner: 4, closeDate: '2024-05-01' }),
    makeDeal({ partner: 4, closeDate: '2024-05-01' }),
  ];
  const certifications = [
    ...[10, 11, 12, 13, 14, 15].flatMap((n) => [makeCert(n, `a${n}`), makeCert(n, `b${n}`)]),
    // 2: a certified team and no wins at all → sales and marketing support.
    ...['x', 'y', 'z', 'w'].map((p) => makeCert(2, p, { level: 'expert' })),
    makeCert(4, 'solo'),
  ];
  return scoreEcosystem(inputOf({ partners, deals, certifications }));
}

const needsOf = (n: number): Need[] => ecosystem().partners.find((p) => p.partnerId === partnerId(n))!.needs;

describe('diagnoseNeeds', () => {
  it('asks for technical enablement where a partner wins but has few certified people', () => {
    const needs = needsOf(1);
    expect(needs.map((n) => [n.need, n.cell])).toEqual([
      ['technical-enablement', '*|data_ai'],
      ['technical-enablement', 'healthcare|data_ai'],
    ]);
    const pair = needs[1]!;
    expect(pair.figures).toMatchObject({ wonCustomers: 6, certifiedPeople: 0, peers: 8 });
    expect(pair.figures.proofPercentile).toBe(94); // above all seven peers: (7 + 0.5) / 8
    expect(pair.summary).toBe(
      'Wins in Healthcare × Data & AI (6 won customers, 94th percentile of 8 peers) but 0 certified people (6th percentile): technical enablement.',
    );
  });

  it('asks for sales and marketing support where skills do not turn into wins or pipeline', () => {
    const needs = needsOf(2);
    expect(needs.map((n) => [n.need, n.cell])).toEqual([['sales-marketing-support', '*|data_ai']]);
    expect(needs[0]!.figures).toMatchObject({ certifiedPeople: 4, wonCustomers: 0, openDeals: 0 });
  });

  it('asks for sales enablement where deal flow is high but the win rate poor', () => {
    const needs = needsOf(3);
    expect(needs.map((n) => n.need)).toEqual(['sales-enablement', 'sales-enablement']);
    expect(needs.map((n) => n.cell).sort()).toEqual(['*|cloud', 'retail|cloud']);
    expect(needs[0]!.figures).toMatchObject({ deals: 15, closedDeals: 12, openDeals: 3, winRate: 0.167 });
  });

  it('asks for re-engagement when a partner’s evidence decays with nothing new', () => {
    const needs = needsOf(4);
    const reengage = needs.find((n) => n.need === 're-engagement')!;
    expect(reengage.cell).toBeNull();
    expect(reengage.figures).toMatchObject({ declinePercent: 50, daysSinceLastWin: 425 });
    expect(reengage.summary).toBe(
      'Won-deal evidence down 50% over the last 365 days; last win 2024-05-01: re-engagement.',
    );
  });

  it('leaves balanced partners alone', () => {
    expect(needsOf(10)).toEqual([]);
    expect(needsOf(20)).toEqual([]);
  });
});
