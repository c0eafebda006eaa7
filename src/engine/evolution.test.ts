import { describe, expect, it } from 'vitest';
import * as build from '../../test/support/engine-builders.js';
import { AtlasError } from '../errors.js';
import type { CellScore } from '../model/score-cell.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { changeReasons, compareSnapshots, levelNames } from './evolution.js';
import { scoreEcosystem } from './score-ecosystem.js';

const { background, inputOf, makeCert, makeDeal, makePartner, partnerId } = build;

/** An ordinary market (partners 900+, unchanged between the runs) competing in the cells of partners 1 and 2. */
const market = background(24, { competesIn: ['healthcare|data_ai', 'retail|data_ai'] });

/**
 * Partner 1: two wins and a certified person in Healthcare × Data & AI (Proven: a Specialist needs three
 * won customers). Partner 2: five wins in Retail × Data & AI, its one certified person there (bob)
 * expiring in September, another (cid) in Cloud. Partner 3: one deal in Energy × Cloud.
 */
const base = () => ({
  partners: [...[1, 2, 3].map((n) => makePartner(n)), ...market.partners],
  deals: [
    ...Array.from({ length: 2 }, () => makeDeal({ partner: 1, satisfaction: 0.9 })),
    ...Array.from({ length: 5 }, () => makeDeal({ partner: 2, satisfaction: 0.9, sector: 'retail' })),
    makeDeal({ partner: 3, sector: 'energy', technologies: ['cloud'] }),
    ...market.deals,
  ],
  certifications: [
    makeCert(1, 'ann', { level: 'expert' }),
    makeCert(2, 'bob', { level: 'expert', expiryDate: '2025-09-01' }),
    makeCert(2, 'cid', { level: 'expert', technology: 'cloud' }),
    ...market.certifications,
  ],
});

function runs() {
  const before = base();
  const after = base();
  // Partner 1 wins three more customers and certifies two more people.
  after.deals.push(
    ...Array.from({ length: 3 }, () => makeDeal({ partner: 1, satisfaction: 0.9, closeDate: '2025-09-15' })),
  );
  after.certifications.push(makeCert(1, 'dee', { level: 'expert' }), makeCert(1, 'eve', { level: 'expert' }));
  // Partner 3's only deal is gone from the CRM; partner 4 appears.
  after.deals = after.deals.filter((d) => d.partners[0]?.partnerId !== partnerId(3));
  after.partners.push(makePartner(4));
  after.deals.push(makeDeal({ partner: 4, closeDate: '2025-09-15' }));
  return {
    older: scoreEcosystem(inputOf({ ...before, now: '2025-06-30' })),
    newer: scoreEcosystem(inputOf({ ...after, now: '2025-10-01' })),
  };
}

describe('compareSnapshots', () => {
  it('tells for each changed cell how score and level moved and why', () => {
    const { older, newer } = runs();
    const evolution = compareSnapshots(older, newer, { levels: levelNames(DEFAULT_SCORING_CONFIG) });
    expect(evolution.from).toBe('2025-06-30');
    expect(evolution.to).toBe('2025-10-01');
    const one = evolution.cells.find((c) => c.partnerId === partnerId(1) && c.cell === 'healthcare|data_ai')!;
    expect(one.change).toBe('promoted');
    expect(one.levelBefore).toBe('Proven');
    expect(one.levelAfter).toBe('Specialist');
    expect(one.delta).toBeGreaterThan(0);
    expect(one.reasons.map((r) => [r.kind, r.count])).toEqual([
      ['won-deals-added', 3],
      ['certifications-added', 2],
    ]);
    // Partner 2's only certified person in the cell lapsed: no longer a Specialist there, and a lower score.
    const two = evolution.cells.find((c) => c.partnerId === partnerId(2) && c.cell === 'retail|data_ai')!;
    expect([two.change, two.levelBefore, two.levelAfter]).toEqual(['demoted', 'Specialist', 'Proven']);
    expect(two.delta).toBeLessThan(0);
    expect(two.reasons.map((r) => r.kind)).toEqual(['certifications-expired', 'evidence-decayed']);
    expect(two.reasons[0]?.detail).toBe('1 certification expired');
  });

  it('reports cells that appeared and disappeared', () => {
    const { older, newer } = runs();
    const evolution = compareSnapshots(older, newer);
    const gone = evolution.cells.filter((c) => c.partnerId === partnerId(3));
    expect(gone.map((c) => c.change)).toEqual(['disappeared', 'disappeared', 'disappeared']);
    expect(gone[0]?.reasons[0]?.kind).toBe('cell-gone');
    const fresh = evolution.cells.filter((c) => c.partnerId === partnerId(4));
    expect(fresh.every((c) => c.change === 'appeared' && c.scoreBefore === null)).toBe(true);
    // Every partner with a listed cell: the four above, and the market's, whose scores moved with the
    // ecosystem (its norms and priors).
    const changed = new Set(evolution.cells.map((c) => c.partnerId));
    expect([1, 2, 3, 4].every((n) => changed.has(partnerId(n)))).toBe(true);
    expect(evolution.summary).toMatchObject({
      appeared: 3,
      disappeared: 3,
      partnersWithChanges: changed.size,
    });
  });

  it('reports changes in coverage per cell', () => {
    const { older, newer } = runs();
    const coverage = compareSnapshots(older, newer).coverage;
    const cell = coverage.find((c) => c.cell === 'energy|cloud')!;
    expect(cell.demandBefore).toBe(1);
    expect(cell.demandAfter).toBe(0);
  });

  it('compares a stored snapshot with a fresh run', () => {
    const { older, newer } = runs();
    const stored = JSON.parse(JSON.stringify(older.toSnapshot()));
    expect(compareSnapshots(stored, newer)).toEqual(compareSnapshots(older, newer));
  });

  it('refuses unsorted cells with a clear error', () => {
    const { older } = runs();
    const snapshot = older.toSnapshot();
    const shuffled = { ...snapshot, cells: [...snapshot.cells].reverse() };
    expect(() => compareSnapshots(shuffled, snapshot)).toThrow(AtlasError);
  });
});

describe('changeReasons', () => {
  const cell = (figures: Partial<CellScore['figures']>, score = 50): CellScore => ({
    partnerId: partnerId(1),
    cell: 'healthcare|data_ai',
    kind: 'pair',
    score,
    confidence: 0.5,
    level: null,
    previousLevel: null,
    components: { proof: 0, skills: 0, winRate: 0, delivery: 0 },
    figures: {
      wonDeals: 5,
      closedDeals: 8,
      openDeals: 0,
      openAmount: 0,
      wonCustomers: 4,
      certifiedPeople: 2,
      activeCertifications: 2,
      expiredCertifications: 0,
      winRate: 0.625,
      proofMass: 4,
      skillsMass: 2,
      ...figures,
    },
    top: [],
    next: null,
  });

  it('names lost deals, customers leaving the window, removed certifications and ecosystem shifts', () => {
    expect(changeReasons(cell({}), cell({ closedDeals: 10 })).map((r) => r.detail)).toEqual([
      '2 new lost deals',
    ]);
    expect(changeReasons(cell({}), cell({ wonCustomers: 3, proofMass: 3.5 })).map((r) => r.kind)).toEqual([
      'customers-left-window',
      'evidence-decayed',
    ]);
    expect(changeReasons(cell({}), cell({ activeCertifications: 1 })).map((r) => r.kind)).toEqual([
      'certifications-removed',
    ]);
    expect(changeReasons(cell({}, 50), cell({}, 49)).map((r) => r.kind)).toEqual(['ecosystem-shift']);
  });
});
