import { describe, expect, it } from 'vitest';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import { inputOf, makeDeal, makePartner, partnerId } from '../../test/support/engine-builders.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { recommendationReason, recommendPartners } from './recommend-partners.js';
import { scoreEcosystem } from './score-ecosystem.js';

const wins = (n: number, count: number, sector = 'healthcare', technology = 'data_ai') =>
  Array.from({ length: count }, () =>
    makeDeal({ partner: n, sector, technologies: [technology], satisfaction: 0.9 }),
  );

function setup() {
  const partners = [1, 2, 3, 4].map((n) => makePartner(n));
  const deals = [...wins(1, 9), ...wins(2, 6), ...wins(3, 4), ...wins(4, 8, 'energy', 'security')];
  return { partners, run: scoreEcosystem(inputOf({ partners, deals })) };
}

const open = (overrides: Parameters<typeof makeDeal>[0] = {}) => makeDeal({ status: 'open', ...overrides });

describe('recommendPartners', () => {
  const base = { taxonomy: SAMPLE_TAXONOMY, config: DEFAULT_SCORING_CONFIG, count: 3 };

  it('recommends the best partners not already on the deal, matching each distinct need once', () => {
    const { partners, run } = setup();
    const plain = open();
    const withOne = open({ partners: [{ partnerId: partnerId(1), role: 'sourced' }] });
    const same = open();
    const energy = open({ sector: 'energy', technologies: ['security'] });
    const result = recommendPartners({
      ...base,
      scores: run,
      partners,
      deals: [plain, withOne, same, energy],
    });
    expect(result.needsMatched).toBe(2);
    const ids = (id: string) => result.byDeal.get(id)?.map((r) => r.partnerId);
    expect(ids(plain.id)?.slice(0, 3)).toEqual([partnerId(1), partnerId(2), partnerId(3)]);
    expect(ids(same.id)).toEqual(ids(plain.id));
    // Partner 1 is on the deal already: the next one moves up.
    expect(ids(withOne.id)?.[0]).toBe(partnerId(2));
    expect(ids(withOne.id)).not.toContain(partnerId(1));
    expect(ids(energy.id)?.[0]).toBe(partnerId(4));
  });

  it('gives fewer than asked when fewer fit, and none to a deal without a need', () => {
    const { partners, run } = setup();
    const fewer = open({ sector: 'energy', technologies: ['security'] });
    const none = open({ sector: null, technologies: [] });
    // Values the taxonomy lacks are record issues, not needs: matched as if absent, never an error.
    const unknown = open({ sector: 'widgets', technologies: ['legacy_support'] });
    const result = recommendPartners({
      ...base,
      scores: run,
      partners,
      deals: [fewer, none, unknown],
      // Only partners with a record in the CRM written to may be recommended.
      eligible: (p) => p.id !== partnerId(1) && p.id !== partnerId(2) && p.id !== partnerId(3),
    });
    expect(result.byDeal.get(fewer.id)?.map((r) => r.partnerId)).toEqual([partnerId(4)]);
    expect(result.byDeal.get(none.id)).toEqual([]);
    expect(result.byDeal.get(unknown.id)).toEqual([]);
    expect(result.needsMatched).toBe(1);
  });

  it('explains each partner in one line: level, score, confidence, won customers in the cell', () => {
    const { partners, run } = setup();
    const deal = open();
    const [best] = recommendPartners({ ...base, scores: run, partners, deals: [deal] }).byDeal.get(deal.id)!;
    const cell = run.cellsOf(partnerId(1)).find((c) => c.cell === 'healthcare|data_ai')!;
    expect(best?.cell).toBe('healthcare|data_ai');
    expect(best?.wonCustomers).toBe(cell.figures.wonCustomers);
    expect(best?.reason).toBe(
      `${cell.level ? `${cell.level} · ` : ''}score ${best?.score} · ${best?.confidence}% confidence · ${cell.figures.wonCustomers} won customers in Healthcare × Data & AI`,
    );
  });

  it('words the reason as the contract says, plurals right, level left out when none', () => {
    const facts = {
      level: 'Specialist',
      score: 86,
      confidence: 72,
      wonCustomers: 5,
      cell: 'healthcare|data_ai',
    };
    expect(recommendationReason(facts, SAMPLE_TAXONOMY)).toBe(
      'Specialist · score 86 · 72% confidence · 5 won customers in Healthcare × Data & AI',
    );
    expect(recommendationReason({ ...facts, level: null, wonCustomers: 1 }, SAMPLE_TAXONOMY)).toBe(
      'score 86 · 72% confidence · 1 won customer in Healthcare × Data & AI',
    );
  });

  it('proposes only partners of the customer region when the deal has one', () => {
    const { run } = setup();
    const partners = [1, 2, 3, 4].map((n) => makePartner(n, { region: n === 2 ? 'apac' : 'emea' }));
    const deal = open({ customerRegion: 'apac' });
    const result = recommendPartners({ ...base, scores: run, partners, deals: [deal] });
    expect(result.byDeal.get(deal.id)?.map((r) => r.partnerId)).toEqual([partnerId(2)]);
  });
});
