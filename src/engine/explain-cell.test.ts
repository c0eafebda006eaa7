import { describe, expect, it } from 'vitest';
import { AtlasError } from '../errors.js';
import { explainCell } from './explain-cell.js';
import { scoreEcosystem } from './score-ecosystem.js';
import { inputOf, makeCert, makeDeal, makePartner, partnerId } from './test-builders.js';

function run() {
  return scoreEcosystem(
    inputOf({
      partners: [makePartner(1), makePartner(2)],
      deals: [
        ...Array.from({ length: 6 }, () => makeDeal({ partner: 1, satisfaction: 0.8 })),
        makeDeal({ partner: 1, customerId: 'C-repeat' }),
        makeDeal({ partner: 1, customerId: 'C-repeat' }),
        makeDeal({ partner: 2, status: 'lost' }),
        makeDeal({ partner: 2 }),
      ],
      certifications: [makeCert(1, 'ann'), makeCert(1, 'bob', { level: 'associate' })],
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

  it('says in words what the next level lacks', () => {
    const explanation = explainCell(run(), partnerId(2), 'healthcare|data_ai')!;
    expect(explanation.score.level).toBe('Emerging');
    expect(explanation.nextLevel).toMatch(
      /^Proven in Healthcare × Data & AI needs [\d.]+ more score points \(recent wins, win rate, delivery\); 2 more won customers in Healthcare × Data & AI \(within the level window\); 1 more certified person in Data & AI$/,
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
