import { describe, expect, it } from 'vitest';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import { inputOf, makePartner, partnerId } from '../../test/support/engine-builders.js';
import { coDeal, type evidence, healthcareEvidence } from '../../test/support/team-fixtures.js';
import { TeammateSuggestionSchema } from '../model/score-teams.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { scoreEcosystem } from './score-ecosystem.js';
import { suggestTeammates } from './team-suggest.js';

const base = { taxonomy: SAMPLE_TAXONOMY, config: DEFAULT_SCORING_CONFIG };
const P = partnerId;

/**
 * Healthcare: P1 Specialist in Data & AI (the strongest record: a ninth customer won and a fourth certified
 * person), P2 in Security, P7 in Cloud; P3 Proven in Cloud, P4 in Security; P8 has nothing. An ordinary
 * market (partners 900+, other sectors) bids in those three cells: it sets their norms and holds no level
 * there.
 */
function world(extra: Parameters<typeof evidence> = []) {
  const partners = [1, 2, 3, 4, 7, 8].map((n) => makePartner(n));
  const { others, deals, certifications } = healthcareEvidence(extra);
  // Suggestions are asked for the cast; the market is scored with it.
  const run = scoreEcosystem(inputOf({ partners: [...partners, ...others.partners], deals, certifications }));
  const score = (n: number, cell: string) => run.cellsOf(P(n)).find((c) => c.cell === cell)!.score;
  return { partners, deals, run, score };
}

const lists = (suggestions: ReturnType<typeof suggestTeammates>) =>
  Object.fromEntries(suggestions.map((s) => [s.partnerId, s.teammates.map((t) => t.partnerId)]));

describe('suggestTeammates', () => {
  it('suggests, per partner, the best holders of the cells it lacks in its sectors', () => {
    const { partners, run, score } = world();
    // Premises: the scores are at least a 5-point step apart, so the order is the scores' order.
    expect(score(1, 'healthcare|data_ai')).toBeGreaterThan(score(2, 'healthcare|security'));
    expect(score(2, 'healthcare|security')).toBeGreaterThan(score(7, 'healthcare|cloud') + 5);
    expect(score(7, 'healthcare|cloud')).toBeGreaterThan(score(3, 'healthcare|cloud') + 5);
    expect(score(3, 'healthcare|cloud')).toBeGreaterThan(score(4, 'healthcare|security') + 5);

    const suggestions = suggestTeammates({ ...base, scores: run, partners });
    for (const s of suggestions) expect(TeammateSuggestionSchema.parse(s)).toEqual(s);
    expect(suggestions.map((s) => s.partnerId)).toEqual(partners.map((p) => p.id));
    expect(lists(suggestions)).toEqual({
      [P(1)]: [P(2), P(7), P(3)], // security and cloud, best first; P4 is fourth
      [P(2)]: [P(1), P(7), P(3)], // data & AI and cloud; it has security itself
      [P(3)]: [P(1), P(2), P(4)], // data & AI and security
      [P(4)]: [P(1), P(7), P(3)], // Proven in security counts as having it
      [P(7)]: [P(1), P(2), P(4)],
      [P(8)]: [], // no level anywhere
    });
    expect(suggestions[0]?.teammates[0]).toEqual({
      partnerId: P(2),
      name: 'Partner 2',
      cells: ['healthcare|security'],
      score: score(2, 'healthcare|security'),
      coDeliveredWonDeals: 0,
    });
  });

  it('bounds the list and puts partners that already co-delivered first within a score step', () => {
    const { partners, run, score } = world([{ deals: [coDeal([3, 2])], certifications: [] }]);
    // P1 (Data & AI) scores above P2 (Security); in steps of 20 points they are equal.
    expect(score(1, 'healthcare|data_ai')).toBeGreaterThan(score(2, 'healthcare|security'));
    expect(Math.floor(score(1, 'healthcare|data_ai') / 20)).toBe(
      Math.floor(score(2, 'healthcare|security') / 20),
    );
    const teammatesOf3 = (scoreStep: number) =>
      suggestTeammates({ ...base, scores: run, partners, options: { limit: 2, scoreStep } })
        .find((s) => s.partnerId === P(3))!
        .teammates.map((t) => [t.partnerId, t.coDeliveredWonDeals]);
    expect(teammatesOf3(20)).toEqual([
      [P(2), 1],
      [P(1), 0],
    ]);
    expect(teammatesOf3(0)).toEqual([
      [P(1), 0],
      [P(2), 1],
    ]);
  });

  it('reads a stored snapshot the same way as a fresh run', () => {
    const { partners, deals, run } = world([{ deals: [coDeal([3, 2])], certifications: [] }]);
    expect(suggestTeammates({ ...base, scores: run.toSnapshot(), partners, deals })).toEqual(
      suggestTeammates({ ...base, scores: run, partners }),
    );
  });
});
