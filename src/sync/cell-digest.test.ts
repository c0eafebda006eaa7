import { describe, expect, it } from 'vitest';
import { PartnerIdSchema } from '../model/partner.js';
import type { CellScore } from '../model/score-cell.js';
import { CellDigest } from './cell-digest.js';

const cell: CellScore = {
  partnerId: PartnerIdSchema.parse('salesforce:Account:001000000000001AAA'),
  cell: 'healthcare|data_ai',
  kind: 'pair',
  score: 61.8,
  confidence: 0.19,
  level: 'Emerging',
  previousLevel: null,
  components: { proof: 22.7, skills: 7.5, winRate: 21.7, delivery: 9.8 },
  figures: {
    wonDeals: 1,
    closedDeals: 1,
    openDeals: 0,
    openAmount: 0,
    wonCustomers: 1,
    certifiedPeople: 0,
    activeCertifications: 0,
    expiredCertifications: 0,
    winRate: 1,
    proofMass: 0.17,
    skillsMass: 0,
  },
  top: [
    {
      kind: 'won-deal',
      source: { system: 'salesforce', object: 'Opportunity', id: '0065g0000000001AAA' },
      points: 22.75,
      date: '2024-08-01',
    },
  ],
  next: { level: 'Proven', missing: [{ requirement: 'pairCells', have: 0, need: 2 }] },
};

describe('CellDigest', () => {
  const digest = new CellDigest();

  it('gives equal values the same digest, whatever object holds them', () => {
    expect(digest.of(structuredClone(cell))).toBe(digest.of(cell));
    // Neither the row's key nor the previous level is stored with the values.
    expect(digest.of({ ...cell, previousLevel: 'Proven', kind: 'sector' })).toBe(digest.of(cell));
  });

  it('tells apart cells that differ in any stored value', () => {
    const variants: CellScore[] = [
      { ...cell, score: 61.9 },
      { ...cell, level: null },
      { ...cell, confidence: 0.2 },
      { ...cell, components: { ...cell.components, delivery: 9.9 } },
      { ...cell, figures: { ...cell.figures, winRate: null } },
      { ...cell, figures: { ...cell.figures, skillsMass: 0.01 } },
      { ...cell, top: [] },
      { ...cell, top: [{ ...cell.top[0]!, points: 22.76 }] },
      { ...cell, top: [{ ...cell.top[0]!, date: null }] },
      { ...cell, top: [{ ...cell.top[0]!, kind: 'certification' }] },
      { ...cell, top: [{ ...cell.top[0]!, source: { ...cell.top[0]!.source, id: '0065g0000000002AAA' } }] },
      { ...cell, next: null },
      { ...cell, next: { level: 'Proven', missing: [] } },
      { ...cell, next: { level: 'Proven', missing: [{ requirement: 'pairCells', have: 1, need: 2 }] } },
    ];
    const digests = new Set([cell, ...variants].map((c) => digest.of(c)));
    expect(digests.size).toBe(variants.length + 1);
  });
});
