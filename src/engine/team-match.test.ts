import { describe, expect, it } from 'vitest';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import { inputOf, makePartner, partnerId } from '../../test/support/engine-builders.js';
import * as fixtures from '../../test/support/team-fixtures.js';
import { AtlasError } from '../errors.js';
import { type Team, TeamSchema } from '../model/score-teams.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { scoreEcosystem } from './score-ecosystem.js';
import { matchOpportunity, matchTeams, neededCells } from './team-match.js';

const { certs, coDeal, evidence, healthcareEvidence, market, proven, specialist, wins } = fixtures;

const base = { taxonomy: SAMPLE_TAXONOMY, config: DEFAULT_SCORING_CONFIG };
const ids = (teams: Team[]) => teams.map((t) => t.members.map((m) => m.partnerId));
const P = partnerId;

/**
 * Healthcare: P1 Specialist in Data & AI (the strongest record: a ninth customer won and a fourth certified
 * person), P2 Specialist in Security, P3 Proven in Cloud, P4 Proven in Security (weaker than P2), P7 a
 * thinner Specialist in Cloud, in North America. An ordinary market (APAC, partners 900+) bids in those three
 * cells and sets their norms; it holds no level there.
 */
function healthcare(extra: Parameters<typeof evidence> = []) {
  const cast = [1, 2, 3, 4, 8, 9]
    .map((n) => makePartner(n))
    .concat(makePartner(7, { region: 'North America' }));
  const { others, deals, certifications } = healthcareEvidence(extra);
  const partners = [...cast, ...others.partners];
  const run = scoreEcosystem(inputOf({ partners, deals, certifications }));
  const cell = (n: number, key: string) => run.cellsOf(P(n)).find((c) => c.cell === key);
  return { partners, deals, run, cell };
}

/** Only the teams that cover every need, after checking that they come first. */
function covering(teams: Team[]): Team[] {
  const count = teams.filter((t) => t.coversAll).length;
  expect(teams.slice(0, count).every((t) => t.coversAll)).toBe(true);
  return teams.slice(0, count);
}

describe('matchTeams', () => {
  it('returns the covering teams, weakest need first, without passengers', () => {
    const { partners, run, cell } = healthcare();
    // The premises, read from the run: who holds what.
    expect(cell(1, 'healthcare|data_ai')?.level).toBe('Specialist');
    expect(cell(2, 'healthcare|security')?.level).toBe('Specialist');
    expect(cell(3, 'healthcare|cloud')?.level).toBe('Proven');
    expect(cell(4, 'healthcare|security')?.level).toBe('Proven');
    expect(cell(7, 'healthcare|cloud')?.level).toBe('Specialist');
    expect(cell(7, 'healthcare|cloud')!.score).toBeLessThan(cell(2, 'healthcare|security')!.score - 5);
    expect(cell(7, 'healthcare|cloud')!.score).toBeGreaterThan(cell(3, 'healthcare|cloud')!.score + 5);
    expect(cell(3, 'healthcare|cloud')!.score).toBeGreaterThan(cell(4, 'healthcare|security')!.score + 5);

    const opportunity = { sector: 'healthcare', technologies: ['data_ai', 'security', 'cloud'] };
    const emea = matchTeams({
      ...base,
      scores: run,
      partners,
      opportunity: { ...opportunity, region: 'EMEA' },
    });
    // P7 is out of region; a pair cannot cover three cells that three different partners hold.
    expect(ids(emea)).toEqual([
      [P(1), P(2), P(3)],
      [P(1), P(3), P(4)],
    ]);

    const anywhere = matchTeams({ ...base, scores: run, partners, opportunity });
    // Anywhere, the market's partners (Emerging at best in these cells) make teams too, which cover less.
    expect(ids(covering(anywhere))).toEqual([
      [P(1), P(2), P(7)], // weakest: P7's cloud, a Specialist
      [P(1), P(2), P(3)], // weakest: P3's cloud (Proven)
      [P(1), P(4), P(7)], // weakest: P4's security; next weakest P7's cloud beats P3's
      [P(1), P(3), P(4)],
    ]);
    for (const team of anywhere) expect(TeamSchema.parse(team)).toEqual(team);
    const [first] = anywhere;
    expect(first?.rank).toBe(1);
    expect(first?.coversAll).toBe(true);
    expect(first?.coDelivered).toBe(false);
    expect(first?.weakestScore).toBe(cell(7, 'healthcare|cloud')!.score);
    expect(first?.needs.map((n) => [n.cell, n.partnerId, n.level, n.covered])).toEqual([
      ['healthcare|data_ai', P(1), 'Specialist', true],
      ['healthcare|security', P(2), 'Specialist', true],
      ['healthcare|cloud', P(7), 'Specialist', true],
    ]);
    const p2 = first?.members.find((m) => m.partnerId === P(2));
    expect(p2?.brings).toEqual([
      {
        cell: 'healthcare|security',
        label: 'Healthcare × Security',
        score: cell(2, 'healthcare|security')!.score,
        confidence: cell(2, 'healthcare|security')!.confidence,
        level: 'Specialist',
      },
    ]);
    expect(p2?.reason).toMatch(
      /^brings Healthcare × Security — Specialist: score [\d.]+ \(confidence 0\.\d+\)$/,
    );
    expect(first?.reason).toMatch(
      /^weakest need Healthcare × Cloud Infrastructure at [\d.]+ \(Specialist\) by Partner 7; every need at Proven or above$/,
    );
  });

  it('ranks teams that already co-delivered won deals first among teams the scores cannot tell apart', () => {
    const twin = specialist(8, 'healthcare', 'security');
    const opportunity = { sector: 'healthcare', technologies: ['data_ai', 'security'] };
    const plain = healthcare([twin]);
    expect(plain.cell(8, 'healthcare|security')?.score).toBe(plain.cell(2, 'healthcare|security')?.score);
    expect(
      ids(covering(matchTeams({ ...base, scores: plain.run, partners: plain.partners, opportunity }))),
    ).toEqual([
      [P(1), P(2)],
      [P(1), P(8)],
      [P(1), P(4)],
    ]);

    // P8 co-delivered a won deal with P1; P2 won one of its own in the same cell, so the twins stay twins.
    const together = healthcare([twin, { deals: [coDeal([1, 8]), coDeal([2])], certifications: [] }]);
    expect(together.cell(8, 'healthcare|security')?.score).toBe(
      together.cell(2, 'healthcare|security')?.score,
    );
    const teams = covering(
      matchTeams({ ...base, scores: together.run, partners: together.partners, opportunity }),
    );
    expect(ids(teams)).toEqual([
      [P(1), P(8)],
      [P(1), P(2)],
      [P(1), P(4)],
    ]);
    expect(teams[0]?.coDelivered).toBe(true);
    expect(teams[0]?.coDeliveredWonDeals).toBe(1);
    expect(teams[0]?.reason).toMatch(/; already co-delivered 1 won deal$/);
    expect(teams[1]?.coDelivered).toBe(false);
  });

  it('never lets co-delivery buy a clearly weaker member', () => {
    // P1 and P4 co-delivered, but P4's security is far below P2's: P2 stays first.
    const { partners, run } = healthcare([{ deals: [coDeal([1, 4])], certifications: [] }]);
    const teams = covering(
      matchTeams({
        ...base,
        scores: run,
        partners,
        opportunity: { sector: 'healthcare', technologies: ['data_ai', 'security'] },
      }),
    );
    expect(ids(teams)).toEqual([
      [P(1), P(2)],
      [P(1), P(4)],
    ]);
    expect(teams[1]?.coDelivered).toBe(true);
  });

  it('puts teams that cover every need at the cover level before teams with a higher but uncovered score', () => {
    const others = market(['retail|crm', 'retail|data_ai']);
    const partners = [6, 10, 11].map((n) => makePartner(n)).concat(others.partners);
    // P6: a strong record in Retail × CRM, but every win older than the level window (36 months): a
    // higher score than P11's, and no level.
    const stale = { closeDate: '2022-01-31' };
    const { deals, certifications } = evidence(
      { deals: wins(6, 8, 'retail', 'crm', 0, stale), certifications: certs(6, 2, 'crm') },
      proven(10, 'retail', 'data_ai'),
      proven(11, 'retail', 'crm'),
      others,
    );
    const run = scoreEcosystem(inputOf({ partners, deals, certifications }));
    const crm = (n: number) => run.cellsOf(P(n)).find((c) => c.cell === 'retail|crm')!;
    expect(crm(6).level).toBeNull();
    expect(crm(6).figures.wonCustomers).toBe(0);
    expect(crm(11).level).toBe('Proven');
    expect(crm(6).score).toBeGreaterThan(crm(11).score);
    // In EMEA: the market (APAC) stays out of the teams.
    const teams = matchTeams({
      ...base,
      scores: run,
      partners,
      opportunity: { sector: 'retail', technologies: ['crm', 'data_ai'], region: 'EMEA' },
    });
    // Members are listed in id order ("P10" sorts before "P6").
    expect(ids(teams)).toEqual([
      [P(10), P(11)],
      [P(10), P(6)],
    ]);
    expect(teams.map((t) => t.coversAll)).toEqual([true, false]);
    expect(teams[1]?.needs.find((n) => n.cell === 'retail|crm')).toMatchObject({
      partnerId: P(6),
      level: null,
      covered: false,
    });
    expect(teams[1]?.reason).toContain('below Proven in Retail × CRM & Customer Experience');
  });

  it('reads a stored snapshot the same way as a fresh run', () => {
    const { partners, deals, run } = healthcare([{ deals: [coDeal([1, 2])], certifications: [] }]);
    const opportunity = { sector: 'healthcare', technologies: ['data_ai', 'security', 'cloud'] };
    const fresh = matchTeams({ ...base, scores: run, partners, opportunity });
    const stored = matchTeams({ ...base, scores: run.toSnapshot(), partners, deals, opportunity });
    expect(stored).toEqual(fresh);
    expect(fresh[0]?.coDeliveredWonDeals).toBe(1);
  });

  it('returns no team for a single need, and rejects unknown keys and levels', () => {
    const { partners, run } = healthcare();
    expect(
      matchTeams({
        ...base,
        scores: run,
        partners,
        opportunity: { sector: 'healthcare', technologies: ['cloud'] },
      }),
    ).toEqual([]);
    expect(() =>
      matchTeams({
        ...base,
        scores: run,
        partners,
        opportunity: { sector: 'mining', technologies: ['cloud'] },
      }),
    ).toThrow(AtlasError);
    expect(() =>
      matchTeams({
        ...base,
        scores: run,
        partners,
        opportunity: { sector: 'healthcare', technologies: ['cloud', 'data_ai'] },
        options: { coverLevel: 'Gold' },
      }),
    ).toThrow(/unknown level "Gold"/);
  });
});

describe('neededCells', () => {
  it('makes one cell per technology, or the sector or technology alone', () => {
    expect(neededCells({ sector: 'retail', technologies: ['crm', 'erp', 'crm'] }, SAMPLE_TAXONOMY)).toEqual([
      'retail|crm',
      'retail|erp',
    ]);
    expect(neededCells({ sector: null, technologies: ['crm'] }, SAMPLE_TAXONOMY)).toEqual(['*|crm']);
    expect(neededCells({ sector: 'retail', technologies: [] }, SAMPLE_TAXONOMY)).toEqual(['retail|*']);
  });
});

describe('matchOpportunity', () => {
  it('returns single partners and teams when nobody holds the top level everywhere', () => {
    const { partners, run } = healthcare();
    const result = matchOpportunity({
      ...base,
      scores: run,
      partners,
      opportunity: { sector: 'healthcare', technologies: ['data_ai', 'security'], region: 'EMEA' },
    });
    expect(result.coveredBySingle).toBe(false);
    expect(result.topLevel).toBe('Specialist');
    expect(result.needs).toEqual(['healthcare|data_ai', 'healthcare|security']);
    expect(result.partners.map((m) => m.partnerId).slice(0, 2)).toEqual([P(1), P(2)]);
    expect(ids(result.teams)).toEqual([
      [P(1), P(2)],
      [P(1), P(4)],
    ]);
  });

  it('computes no teams when one partner holds the top level in every needed cell', () => {
    const both = evidence(specialist(9, 'healthcare', 'data_ai'), specialist(9, 'healthcare', 'security'));
    const { partners, run } = healthcare([both]);
    const result = matchOpportunity({
      ...base,
      scores: run,
      partners,
      opportunity: { sector: 'healthcare', technologies: ['data_ai', 'security'] },
    });
    expect(result.coveredBySingle).toBe(true);
    expect(result.teams).toEqual([]);
    expect(result.partners[0]?.partnerId).toBe(P(9));
    // In a region where that partner is not, teams come back.
    const elsewhere = matchOpportunity({
      ...base,
      scores: run,
      partners: partners.map((p) => (p.id === P(9) ? { ...p, region: 'APAC' } : p)),
      opportunity: { sector: 'healthcare', technologies: ['data_ai', 'security'], region: 'EMEA' },
    });
    expect(elsewhere.coveredBySingle).toBe(false);
    expect(ids(elsewhere.teams)[0]).toEqual([P(1), P(2)]);
  });
});
