import { describe, expect, it } from 'vitest';
import * as build from '../../test/support/engine-builders.js';
import { computeScores, type ScoreCore } from './score-core.js';

const { configWith, inputOf, makeCert, makeDeal, makePartner, partnerId } = build;

/** Decay of a deal closed on 2025-05-31 seen on 2025-06-30 (30 days, one-year half-life). */
const DECAY_30 = 2 ** (-30 / 365);
/** Size factor of a 25 000 EUR deal: 1 + 0.25 × log2(1 + 1). */
const SIZE_25K = 1.25;

/** The evidence columns the tests read. */
const COLUMNS = [
  'proofMass',
  'skillsMass',
  'wonDeals',
  'closedDeals',
  'openDeals',
  'openAmount',
  'wonCustomers',
  'certifiedPeople',
  'activeCerts',
  'expiredCerts',
  'closedWeight',
  'wonWeight',
] as const;

/** The evidence row of partner `n` in `cell`, as plain figures. */
function figures(core: ScoreCore, n: number, cell: string) {
  const { table, grid } = core;
  const p = table.partnerIds.indexOf(partnerId(n));
  const c = grid.indexOf(cell);
  for (let r = table.rowStart[p]!; r < table.rowStart[p + 1]!; r++) {
    if (table.cell[r] !== c) continue;
    // fromEntries loses the keys' names; they are exactly COLUMNS.
    return Object.fromEntries(COLUMNS.map((k) => [k, table[k][r]!])) as Record<
      (typeof COLUMNS)[number],
      number
    >;
  }
  return null;
}

function cellsOf(core: ScoreCore, n: number): string[] {
  const { table, grid } = core;
  const p = table.partnerIds.indexOf(partnerId(n));
  const out: string[] = [];
  for (let r = table.rowStart[p]!; r < table.rowStart[p + 1]!; r++) out.push(grid.key(table.cell[r]!));
  return out;
}

describe('gathering evidence from deals', () => {
  it('counts distinct customers more than repeat deals with one customer', () => {
    const core = computeScores(
      inputOf({
        partners: [makePartner(1), makePartner(2)],
        deals: [
          makeDeal({ partner: 1, customerId: 'A' }),
          makeDeal({ partner: 1, customerId: 'B' }),
          makeDeal({ partner: 1, customerId: 'C' }),
          makeDeal({ partner: 2, customerId: 'A' }),
          makeDeal({ partner: 2, customerId: 'A' }),
          makeDeal({ partner: 2, customerId: 'A' }),
        ],
      }),
    );
    const w = SIZE_25K * DECAY_30;
    const three = figures(core, 1, 'healthcare|data_ai')!;
    const repeat = figures(core, 2, 'healthcare|data_ai')!;
    expect(three.proofMass).toBeCloseTo(3 * w, 5);
    expect(repeat.proofMass).toBeCloseTo(w * (1 + 2 * 0.25), 5);
    expect(three.wonCustomers).toBe(3);
    expect(repeat.wonCustomers).toBe(1);
    expect(repeat.wonDeals).toBe(3);
  });

  it('weights deals by role and sizes them logarithmically, after currency conversion', () => {
    const core = computeScores(
      inputOf({
        partners: [makePartner(1), makePartner(2), makePartner(3), makePartner(4)],
        deals: [
          makeDeal({ partner: 1, role: 'influenced' }),
          makeDeal({ partner: 2, eur: 250_000 }),
          makeDeal({ partner: 3, amount: { amount: 25_000, currency: 'USD' } }),
          makeDeal({ partner: 4, amount: null }),
        ],
      }),
    );
    expect(figures(core, 1, 'healthcare|data_ai')!.proofMass).toBeCloseTo(0.3 * SIZE_25K * DECAY_30, 5);
    expect(figures(core, 2, 'healthcare|data_ai')!.proofMass).toBeCloseTo(
      (1 + 0.25 * Math.log2(11)) * DECAY_30,
      5,
    );
    expect(figures(core, 3, 'healthcare|data_ai')!.proofMass).toBeCloseTo(
      (1 + 0.25 * Math.log2(1 + 23_000 / 25_000)) * DECAY_30,
      5,
    );
    // No amount: the win still counts, with the smallest size factor.
    expect(figures(core, 4, 'healthcare|data_ai')!.proofMass).toBeCloseTo(DECAY_30, 5);
  });

  it('never counts size linearly: a deal a hundred times larger is not a hundred times the proof', () => {
    const core = computeScores(
      inputOf({
        partners: [makePartner(1), makePartner(2)],
        deals: [makeDeal({ partner: 1, eur: 25_000 }), makeDeal({ partner: 2, eur: 2_500_000 })],
      }),
    );
    const ratio =
      figures(core, 2, 'healthcare|data_ai')!.proofMass / figures(core, 1, 'healthcare|data_ai')!.proofMass;
    expect(ratio).toBeLessThan(2.2);
    expect(ratio).toBeGreaterThan(2);
  });

  it('decays evidence with age and keeps old wins out of the level window', () => {
    const core = computeScores(
      inputOf({
        partners: [makePartner(1)],
        deals: [
          makeDeal({ partner: 1, closeDate: '2024-06-30' }), // 365 days: half weight
          makeDeal({ partner: 1, closeDate: '2021-12-30' }), // 1278 days: outside the 36-month window
        ],
      }),
    );
    const row = figures(core, 1, 'healthcare|data_ai')!;
    expect(row.proofMass).toBeCloseTo(SIZE_25K * (0.5 + 2 ** (-1278 / 365)), 5);
    expect(row.wonCustomers).toBe(1);
    expect(row.wonDeals).toBe(2);
  });

  it('scores the sector, each technology and each pair of a deal', () => {
    const core = computeScores(
      inputOf({
        partners: [makePartner(1)],
        deals: [makeDeal({ partner: 1, sector: 'retail', technologies: ['cloud', 'security'] })],
      }),
    );
    expect(cellsOf(core, 1).sort()).toEqual([
      '*|cloud',
      '*|security',
      'retail|*',
      'retail|cloud',
      'retail|security',
    ]);
  });

  it('counts lost deals in the win rate and open deals as pipeline', () => {
    const core = computeScores(
      inputOf({
        partners: [makePartner(1)],
        deals: [
          makeDeal({ partner: 1 }),
          makeDeal({ partner: 1, status: 'lost' }),
          makeDeal({ partner: 1, status: 'lost' }),
          makeDeal({ partner: 1, status: 'open', eur: 40_000 }),
        ],
      }),
    );
    const row = figures(core, 1, 'healthcare|data_ai')!;
    expect(row.closedDeals).toBe(3);
    expect(row.wonDeals).toBe(1);
    expect(row.closedWeight).toBeCloseTo(3 * DECAY_30, 5);
    expect(row.wonWeight).toBeCloseTo(DECAY_30, 5);
    expect(row.openDeals).toBe(1);
    expect(row.openAmount).toBe(40_000);
  });

  it('handles deals with many partners and technologies (lists grow past their first estimate)', () => {
    const partners = Array.from({ length: 20 }, (_, i) => makePartner(i + 1));
    const all = ['data_ai', 'cloud', 'security', 'crm', 'erp'];
    const deals = Array.from({ length: 5 }, () =>
      makeDeal({
        technologies: all,
        partners: partners.map((p) => ({ partnerId: p.id, role: 'delivered' as const })),
      }),
    );
    const core = computeScores(inputOf({ partners, deals }));
    // Every partner: 1 sector + 5 technologies + 5 pairs, each with the five deals.
    expect(core.table.rows).toBe(20 * 11);
    expect(figures(core, 20, 'healthcare|erp')!.wonDeals).toBe(5);
  });

  it('reports records it cannot use instead of dropping them silently', () => {
    const core = computeScores(
      inputOf({
        partners: [makePartner(1)],
        deals: [
          makeDeal({ partner: 1, sector: 'space_mining' }),
          makeDeal({ partner: 1, technologies: ['quantum'], sector: null }),
          makeDeal({ partner: 1, amount: { amount: 5, currency: 'XAU' } }),
          makeDeal({ partner: 99 }),
        ],
        certifications: [makeCert(99, 'x')],
      }),
    );
    const d = core.table.diagnostics;
    expect(Object.fromEntries(d.unknownSectors)).toEqual({ space_mining: 1 });
    expect(Object.fromEntries(d.unknownTechnologies)).toEqual({ quantum: 1 });
    expect(Object.fromEntries(d.unknownCurrencies)).toEqual({ XAU: 1 });
    expect(d.dealsWithoutCell).toBe(1);
    expect(d.dealsWithoutKnownPartner).toBe(1);
    expect(d.certificationsWithoutKnownPartner).toBe(1);
  });
});

describe('gathering evidence from certifications', () => {
  /** Weight of a professional certification earned a year before NOW (three-year half-life). */
  const PRO = 2 ** (-365 / 1095);

  it('counts distinct certified people, each by their best active certification', () => {
    const core = computeScores(
      inputOf({
        partners: [makePartner(1)],
        deals: [makeDeal({ partner: 1 })],
        certifications: [
          makeCert(1, 'ann'),
          makeCert(1, 'ann', { level: 'expert' }),
          makeCert(1, 'bob', { level: 'foundational' }),
          makeCert(1, 'cid', { expiryDate: '2025-01-01' }), // expired: does not count
          makeCert(1, 'dan', { earnedDate: '2025-09-01', expiryDate: '2028-09-01' }), // not earned yet
          makeCert(1, null), // no holder: counts as its own person
        ],
      }),
    );
    const row = figures(core, 1, '*|data_ai')!;
    expect(row.certifiedPeople).toBe(3);
    expect(row.activeCerts).toBe(4);
    expect(row.expiredCerts).toBe(1);
    expect(row.skillsMass).toBeCloseTo((2 + 0.1 + 1) * PRO, 5);
  });

  it('applies a technology certification to its technology and, with work in a sector, to that sector × technology', () => {
    const core = computeScores(
      inputOf({
        partners: [makePartner(1)],
        deals: [makeDeal({ partner: 1, sector: 'retail', technologies: ['data_ai'] })],
        certifications: [makeCert(1, 'ann'), makeCert(1, 'bob', { technology: 'security' })],
      }),
    );
    // Evidence for a pair comes from both axes: work in Retail and people certified in Security make a
    // Retail × Security cell, with skills but no deal (a score, and no level without a won customer).
    expect(cellsOf(core, 1).sort()).toEqual([
      '*|data_ai',
      '*|security',
      'retail|*',
      'retail|data_ai',
      'retail|security',
    ]);
    expect(figures(core, 1, 'retail|data_ai')!.certifiedPeople).toBe(1);
    expect(figures(core, 1, 'retail|security')).toMatchObject({ certifiedPeople: 1, closedDeals: 0 });
    // The sector cell counts the people certified in the technologies of its pair cells: both of them.
    expect(figures(core, 1, 'retail|*')!.certifiedPeople).toBe(2);
    expect(figures(core, 1, '*|security')!.certifiedPeople).toBe(1);
  });

  it('counts industry certifications in the sector and its pairs', () => {
    const core = computeScores(
      inputOf({
        partners: [makePartner(1)],
        deals: [makeDeal({ partner: 1, sector: 'healthcare', technologies: ['cloud'] })],
        certifications: [makeCert(1, 'ann', { technology: null, sector: 'healthcare' })],
      }),
    );
    expect(figures(core, 1, 'healthcare|*')!.certifiedPeople).toBe(1);
    expect(figures(core, 1, 'healthcare|cloud')!.certifiedPeople).toBe(1);
    expect(figures(core, 1, '*|cloud')!.certifiedPeople).toBe(0);
  });

  it('ignores the certification half-life when configured very long', () => {
    const core = computeScores(
      inputOf({
        config: configWith((c) => {
          c.recency.certificationHalfLifeDays = 1e12;
        }),
        partners: [makePartner(1)],
        certifications: [makeCert(1, 'ann')],
      }),
    );
    expect(figures(core, 1, '*|data_ai')!.skillsMass).toBeCloseTo(1, 6);
  });
});
