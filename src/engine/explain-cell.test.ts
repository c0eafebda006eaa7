import { describe, expect, it } from 'vitest';
import * as build from '../../test/support/engine-builders.js';
import { AtlasError } from '../errors.js';
import { explainCell } from './explain-cell.js';
import { scoreEcosystem } from './score-ecosystem.js';

const { background, inputOf, makeCert, makeDeal, makePartner, partnerId } = build;

/**
 * Healthcare × Data & AI: partner 1 with seven customers won and two certified people; partner 2 with two
 * customers won of three closed deals and nobody certified. An ordinary market (partners 900+) competes
 * there and sets the cell's norm.
 */
function run() {
  const market = background(24, { competesIn: ['healthcare|data_ai'] });
  return scoreEcosystem(
    inputOf({
      partners: [makePartner(1), makePartner(2), ...market.partners],
      deals: [
        ...Array.from({ length: 6 }, () => makeDeal({ partner: 1, satisfaction: 0.8 })),
        makeDeal({ partner: 1, customerId: 'C-repeat' }),
        makeDeal({ partner: 1, customerId: 'C-repeat' }),
        makeDeal({ partner: 2, status: 'lost' }),
        makeDeal({ partner: 2 }),
        makeDeal({ partner: 2 }),
        ...market.deals,
      ],
      certifications: [
        makeCert(1, 'ann'),
        makeCert(1, 'bob', { level: 'associate' }),
        ...market.certifications,
      ],
    }),
  );
}

describe('explainCell', () => {
  it('lists more evidence than the run keeps, with exactly the run’s figures', () => {
    const result = run();
    const explanation = explainCell(result, partnerId(1), 'healthcare|data_ai', { limit: 10 })!;
    const stored = result.cellsOf(partnerId(1)).find((c) => c.cell === 'healthcare|data_ai')!;
    expect({ ...explanation.score, top: [] }).toEqual({ ...stored, top: [] });
    expect(stored.top).toHaveLength(3);
    // Seven customers (one with two deals: its best deal is listed) and two certified people.
    expect(explanation.score.top.filter((i) => i.kind === 'won-deal')).toHaveLength(7);
    expect(explanation.score.top.filter((i) => i.kind === 'certification')).toHaveLength(2);
    expect(explanation.score.top.slice(0, 3)).toEqual(stored.top);
  });

  it('never asks a partner that won every deal in the cell for a better win rate', () => {
    const market = background(24, { competesIn: ['healthcare|data_ai'] });
    const result = scoreEcosystem(
      inputOf({
        partners: [makePartner(2), makePartner(3), ...market.partners],
        deals: [
          makeDeal({ partner: 2, status: 'lost' }),
          makeDeal({ partner: 2 }),
          makeDeal({ partner: 2 }),
          makeDeal({ partner: 3 }),
          makeDeal({ partner: 3 }),
          ...market.deals,
        ],
        certifications: market.certifications,
      }),
    );
    const scoreLevers = (n: number) => {
      const cell = result.cellsOf(partnerId(n)).find((c) => c.cell === 'healthcare|data_ai')!;
      return { cell, levers: cell.next?.missing.find((m) => m.requirement === 'score')?.levers };
    };
    // Two of two won: a perfect but young win rate is firmed up by more wins, not bettered.
    const perfect = scoreLevers(3);
    expect(perfect.cell.figures.winRate).toBe(1);
    expect(perfect.levers).toContain('moreWins');
    expect(perfect.levers).not.toContain('winRate');
    // One of three lost: a better win rate is advice it can take.
    expect(scoreLevers(2).levers).toContain('winRate');
  });

  it('says in words what the next level lacks', () => {
    const explanation = explainCell(run(), partnerId(2), 'healthcare|data_ai')!;
    // Proven; Specialist asks a higher score, three won customers, a certified person, and a score that
    // rests at least half on the partner's own evidence (three closed deals weigh less than the prior).
    expect(explanation.score.level).toBe('Proven');
    expect(explanation.nextLevel).toMatch(
      /^Specialist in Healthcare × Data & AI needs [\d.]+ more score points \((?:a better win rate|more won deals in Healthcare × Data & AI)[^)]*\); 1 more won customer in Healthcare × Data & AI \(within the level window\); 1 more certified person in Data & AI; more closed deals or certified people in Healthcare × Data & AI: the score rests \d+% on the partner's own evidence, 50% needed$/,
    );
  });

  it('returns null without evidence and rejects unknown partners or cells', () => {
    const result = run();
    expect(explainCell(result, partnerId(2), 'retail|cloud')).toBeNull();
    expect(() => explainCell(result, partnerId(9), 'retail|cloud')).toThrow(AtlasError);
    expect(() => explainCell(result, partnerId(1), 'retail|warp')).toThrow(
      'no cell retail|warp in this taxonomy',
    );
  });
});
