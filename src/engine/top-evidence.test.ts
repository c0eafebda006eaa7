import { describe, expect, it } from 'vitest';
import { generateEcosystem } from '../../devkit/generator/generate-ecosystem.js';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import { inputOf, makeCert, makeDeal, makePartner } from '../../test/support/engine-builders.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { computeScores } from './score-core.js';
import { partnerTopEvidence } from './top-evidence.js';

describe('partnerTopEvidence', () => {
  it('lists the best deal of each customer and the best certification of each person, strongest first', () => {
    const big = makeDeal({ partner: 1, customerId: 'A', eur: 1_000_000 });
    const small = makeDeal({ partner: 1, customerId: 'A', eur: 10_000 });
    const other = makeDeal({ partner: 1, customerId: 'B', eur: 100_000 });
    const lost = makeDeal({ partner: 1, customerId: 'C', status: 'lost', eur: 9_000_000 });
    const pro = makeCert(1, 'ann');
    const expert = makeCert(1, 'ann', { level: 'expert' });
    const bob = makeCert(1, 'bob', { level: 'associate' });
    const core = computeScores(
      inputOf({
        partners: [makePartner(1)],
        deals: [small, big, other, lost],
        certifications: [pro, expert, bob],
      }),
    );
    const tops = partnerTopEvidence(core, 0, 3);
    const cell = core.grid.indexOf('healthcare|data_ai');
    const deals = Array.from(tops.deal.subarray(cell * 3, cell * 3 + 3));
    const certs = Array.from(tops.cert.subarray(cell * 3, cell * 3 + 3));
    expect(deals).toEqual([1, 2, -1]); // customer A's big deal, then B; the lost deal is no proof
    expect(certs).toEqual([1, 2, -1]); // ann's expert certification, then bob
    expect(tops.dealWeight[cell * 3]!).toBeGreaterThan(tops.dealWeight[cell * 3 + 1]!);
  });

  it('accounts for all of a partner’s proof when every customer has one deal', () => {
    const eco = generateEcosystem({
      partners: 300,
      dealsPerPartner: 8,
      certifications: 900,
      seed: 3,
      taxonomy: SAMPLE_TAXONOMY,
      now: '2025-06-30',
    });
    const core = computeScores({
      ...eco,
      taxonomy: SAMPLE_TAXONOMY,
      config: DEFAULT_SCORING_CONFIG,
      now: '2025-06-30',
    });
    let checked = 0;
    for (let p = 0; p < 300; p++) {
      const tops = partnerTopEvidence(core, p, 20);
      for (let r = core.table.rowStart[p]!; r < core.table.rowStart[p + 1]!; r++) {
        // Rows with no repeat customers and few enough wins to be listed in full.
        const wins = core.table.wonDeals[r]!;
        const c = core.table.cell[r]!;
        const listed = Array.from(tops.deal.subarray(c * 20, c * 20 + 20)).filter((d) => d >= 0).length;
        if (wins === 0 || wins > 20 || listed !== wins) continue;
        const sum = Array.from(tops.dealWeight.subarray(c * 20, c * 20 + listed)).reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(core.table.proofMass[r]!, 4);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});
