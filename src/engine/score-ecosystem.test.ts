import { describe, expect, it } from 'vitest';
import { inputOf, makeCert, makeDeal, makePartner, partnerId } from '../../test/support/engine-builders.js';
import type { Deal } from '../model/deal.js';
import { ScoreSnapshotSchema } from '../model/score-snapshot.js';
import { computeScores, rowScore } from './score-core.js';
import { scoreEcosystem } from './score-ecosystem.js';

/**
 * Partners 100..119: an ordinary market around the partners under test (it sets the priors): each works
 * three technologies in Healthcare, a third to a half of its deals won, middling CSAT; half have two
 * certified people.
 */
function background(): {
  partners: ReturnType<typeof makePartner>[];
  deals: Deal[];
  certifications: ReturnType<typeof makeCert>[];
} {
  const partners = Array.from({ length: 20 }, (_, i) => makePartner(100 + i));
  const technologies = ['data_ai', 'cloud', 'security', 'erp'];
  const deals = partners.flatMap((_, i) =>
    [0, 1, 2].flatMap((k) => {
      const technology = [technologies[(i + k) % 4]!];
      return [
        ...Array.from({ length: 1 + ((i + k) % 2) }, () =>
          makeDeal({ partner: 100 + i, technologies: technology, satisfaction: 0.5 + (i % 4) * 0.1 }),
        ),
        ...Array.from({ length: 1 + ((i + k) % 3) }, () =>
          makeDeal({ partner: 100 + i, technologies: technology, status: 'lost' }),
        ),
      ];
    }),
  );
  const certifications = Array.from({ length: 10 }, (_, i) =>
    [0, 1].map((k) =>
      makeCert(100 + 2 * i, `associate-${i}-${k}`, {
        level: 'associate',
        technology: technologies[(2 * i + k) % 4]!,
      }),
    ),
  ).flat();
  return { partners, deals, certifications };
}

/** `n` won deals with `n` distinct customers, all alike. */
function wins(partner: number, n: number, spec: Parameters<typeof makeDeal>[0] = {}): Deal[] {
  return Array.from({ length: n }, () => makeDeal({ partner, satisfaction: 0.9, ...spec }));
}

const scoreIn = (run: ReturnType<typeof scoreEcosystem>, n: number, cell = 'healthcare|data_ai') =>
  run.cellsOf(partnerId(n)).find((c) => c.cell === cell)?.score ?? 0;

describe('scoreEcosystem: small samples', () => {
  it('never lets a partner with one deal outrank one with many proven deals of equal quality', () => {
    const bg = background();
    const partners = [...bg.partners, ...Array.from({ length: 40 }, (_, i) => makePartner(i + 1))];
    const deals = [...bg.deals, ...Array.from({ length: 40 }, (_, i) => wins(i + 1, i + 1)).flat()];
    const run = scoreEcosystem(inputOf({ partners, deals }));
    const scores = Array.from({ length: 40 }, (_, i) => scoreIn(run, i + 1));
    for (let n = 1; n < 40; n++) {
      expect(scores[n]!).toBeGreaterThanOrEqual(scores[n - 1]!); // shown to one decimal, so ties near the top
      expect(scores[n]!).toBeGreaterThan(scores[0]!);
    }
    // Unrounded, every extra proven deal adds something.
    const core = run.core;
    const exact = Array.from({ length: 40 }, (_, i) => {
      const p = core.table.partnerIds.indexOf(partnerId(i + 1));
      const c = core.grid.indexOf('healthcare|data_ai');
      let value = 0;
      for (let r = core.table.rowStart[p]!; r < core.table.rowStart[p + 1]!; r++) {
        if (core.table.cell[r] === c) value = core.score[r]!;
      }
      return value;
    });
    for (let n = 1; n < 40; n++) expect(exact[n]!).toBeGreaterThan(exact[n - 1]!);
  });

  it('never lets one lucky, huge, perfect deal outrank forty proven ones', () => {
    const bg = background();
    const run = scoreEcosystem(
      inputOf({
        partners: [...bg.partners, makePartner(1), makePartner(2)],
        deals: [
          ...bg.deals,
          makeDeal({
            partner: 1,
            eur: 10_000_000,
            satisfaction: 1,
            signals: { renewal: true, expansion: true, satisfaction: 1 },
          }),
          ...wins(2, 40, { satisfaction: 0.8 }),
        ],
      }),
    );
    expect(scoreIn(run, 2)).toBeGreaterThan(scoreIn(run, 1) + 20);
    const lucky = run.cellsOf(partnerId(1)).find((c) => c.cell === 'healthcare|data_ai')!;
    const proven = run.cellsOf(partnerId(2)).find((c) => c.cell === 'healthcare|data_ai')!;
    expect(lucky.confidence).toBeLessThan(proven.confidence);
  });

  it('does not score a partner ten times larger with the same quality ten times higher', () => {
    const bg = background();
    const small = [...wins(1, 4), makeDeal({ partner: 1, status: 'lost' })];
    const big = [
      ...wins(2, 40),
      ...Array.from({ length: 10 }, () => makeDeal({ partner: 2, status: 'lost' })),
    ];
    const certs = [
      ...['a', 'b'].map((person) => makeCert(1, person)),
      ...Array.from({ length: 20 }, (_, i) => makeCert(2, `p${i}`)),
    ];
    const run = scoreEcosystem(
      inputOf({
        partners: [...bg.partners, makePartner(1), makePartner(2)],
        deals: [...bg.deals, ...small, ...big],
        certifications: certs,
      }),
    );
    const ratio = scoreIn(run, 2) / scoreIn(run, 1);
    expect(ratio).toBeGreaterThan(1); // more evidence still counts for something
    expect(ratio).toBeLessThan(1.5); // but nowhere near ten times
  });
});

describe('scoreEcosystem: stable output', () => {
  const build = () => {
    const bg = background();
    return inputOf({
      partners: [...bg.partners, makePartner(1), makePartner(2)],
      deals: [
        ...bg.deals,
        ...wins(1, 6),
        makeDeal({ partner: 2, sector: 'retail', technologies: ['cloud', 'crm'] }),
      ],
      certifications: [makeCert(1, 'ann'), makeCert(1, 'bob'), makeCert(1, 'cid', { level: 'expert' })],
    });
  };

  it('gives identical results run after run on unchanged data', () => {
    const input = build();
    const first = JSON.stringify(scoreEcosystem(input).toSnapshot());
    const second = JSON.stringify(scoreEcosystem(input).toSnapshot());
    expect(second).toBe(first);
  });

  it('sorts output by partner id and cell key whatever the input order', () => {
    const input = build();
    const reversed = { ...input, partners: [...input.partners].reverse() };
    expect(JSON.stringify(scoreEcosystem(reversed).toSnapshot())).toBe(
      JSON.stringify(scoreEcosystem(input).toSnapshot()),
    );
    const cells = scoreEcosystem(input).toSnapshot().cells;
    const keys = cells.map((c) => `${c.partnerId} ${c.cell}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('produces output that satisfies its published schema and round-trips through JSON', () => {
    const snapshot = scoreEcosystem(build()).toSnapshot();
    const parsed = ScoreSnapshotSchema.parse(JSON.parse(JSON.stringify(snapshot)));
    expect(parsed.cells.length).toBe(snapshot.cells.length);
    expect(parsed.partners.length).toBe(22);
  });

  it('computes the same numbers in the batch loop as rowScore does per row', () => {
    const core = computeScores(build());
    for (let r = 0; r < core.table.rows; r++) expect(rowScore(core, r).score).toBe(core.score[r]);
  });
});

describe('scoreEcosystem: levels, segments and explanations', () => {
  const bg = background();
  // Partner 1: twenty won customers, all delighted, and five expert-certified people in Healthcare ×
  // Data & AI, and the same in Healthcare × Security.
  const input = inputOf({
    partners: [...bg.partners, makePartner(1)],
    deals: [
      ...bg.deals,
      ...wins(1, 20, { satisfaction: 1 }),
      ...wins(1, 20, { technologies: ['security'], satisfaction: 1 }),
    ],
    certifications: [
      ...bg.certifications,
      ...['ann', 'bob', 'cid', 'dee', 'eve'].map((p) => makeCert(1, p, { level: 'expert' })),
      ...['fay', 'gus', 'hal', 'ida', 'jo'].map((p) =>
        makeCert(1, p, { level: 'expert', technology: 'security' }),
      ),
    ],
  });

  it('labels segments, derives whole-sector levels from the pair cells and picks the most specific as primary', () => {
    const run = scoreEcosystem(input);
    const partner = run.partners.find((p) => p.partnerId === partnerId(1))!;
    // Two Specialist pair cells in Healthcare make a Healthcare Specialist; one pair cell per technology
    // makes no whole-technology level, however many deals are behind it.
    expect(partner.segments.map((s) => s.label).sort()).toEqual([
      'Healthcare × Data & AI — Specialist',
      'Healthcare × Security — Specialist',
      'Healthcare — Specialist',
    ]);
    // The primary segment: the highest level, the most specific cell, then the best estimate.
    const pairs = partner.segments.filter((s) => s.kind === 'pair');
    const best = pairs.reduce((a, b) => (b.score > a.score ? b : a));
    expect(partner.primarySegment).toEqual(best);
    expect(partner.segments[2]?.kind).toBe('sector');
    const dataAi = run.cellsOf(partnerId(1)).find((c) => c.cell === '*|data_ai')!;
    expect(dataAi.level).toBeNull();
    expect(dataAi.score).toBeGreaterThan(0);
    expect(partner.topScore).toBe(Math.max(...run.cellsOf(partnerId(1)).map((c) => c.score)));
  });

  it('explains each score with its evidence, traceable to CRM record ids', () => {
    // Twelve won deals and five certified people: every item fits in the 20 listed.
    const twelve = inputOf({
      partners: [...bg.partners, makePartner(1)],
      deals: [...bg.deals, ...wins(1, 12)],
      certifications: [
        ...bg.certifications,
        ...['ann', 'bob', 'cid', 'dee', 'eve'].map((p) => makeCert(1, p, { level: 'expert' })),
      ],
    });
    const run = scoreEcosystem({ ...twelve, config: { ...twelve.config, explain: { topEvidence: 20 } } });
    const cell = run.cellsOf(partnerId(1)).find((c) => c.cell === 'healthcare|data_ai')!;
    const deals = cell.top.filter((i) => i.kind === 'won-deal');
    const certs = cell.top.filter((i) => i.kind === 'certification');
    expect(deals).toHaveLength(12);
    expect(certs).toHaveLength(5);
    expect(deals[0]?.source.object).toBe('Opportunity');
    expect(certs[0]?.source.object).toBe('Partner_Certification__c');
    // With every item listed, the items of a component add up to that component.
    // (Items are shown to two decimals, components to one: allow their rounding.)
    expect(Math.abs(deals.reduce((s, i) => s + i.points, 0) - cell.components.proof)).toBeLessThan(0.1);
    expect(Math.abs(certs.reduce((s, i) => s + i.points, 0) - cell.components.skills)).toBeLessThan(0.1);
    const points = cell.top.map((i) => i.points);
    expect(points).toEqual([...points].sort((a, b) => b - a));
  });

  it('keeps a level through a dip when the previous run held it (hysteresis)', () => {
    // Thirty won deals but with two customers only: below Specialist's promote minimum (3), at its keep one.
    const dip = inputOf({
      partners: [...bg.partners, makePartner(1)],
      deals: [
        ...bg.deals,
        ...wins(1, 15, { customerId: 'customer-a', satisfaction: 1 }),
        ...wins(1, 15, { customerId: 'customer-b', satisfaction: 1 }),
      ],
      certifications: [
        ...bg.certifications,
        ...['ann', 'bob', 'cid', 'dee', 'eve'].map((p) => makeCert(1, p, { level: 'expert' })),
      ],
    });
    const fresh = scoreEcosystem(dip)
      .cellsOf(partnerId(1))
      .find((c) => c.cell === 'healthcare|data_ai')!;
    expect(fresh.level).toBe('Proven');
    expect(fresh.next?.missing).toEqual([{ requirement: 'wonCustomers', have: 2, need: 3 }]);
    const held = scoreEcosystem({
      ...dip,
      previous: [{ partnerId: partnerId(1), cell: 'healthcare|data_ai', level: 'Specialist' }],
    })
      .cellsOf(partnerId(1))
      .find((c) => c.cell === 'healthcare|data_ai')!;
    expect(held.level).toBe('Specialist');
    expect(held.previousLevel).toBe('Specialist');
  });

  it('hands back the levels held, ready to be the next run’s previous levels', () => {
    const run = scoreEcosystem(input);
    const levels = run.levels();
    expect(levels).toContainEqual({
      partnerId: partnerId(1),
      cell: 'healthcare|data_ai',
      level: 'Specialist',
    });
    expect(levels.every((l) => l.level !== null)).toBe(true);
    expect(run.toSnapshot().cells.length).toBe(run.cellCount);
  });

  it('leaves delivery out of the score when no deal in the ecosystem has a delivery signal', () => {
    const run = scoreEcosystem(
      inputOf({
        partners: [makePartner(1)],
        deals: [makeDeal({ partner: 1 }), makeDeal({ partner: 1, status: 'lost' })],
      }),
    );
    // Neither delivery signals nor certifications anywhere: proof and win rate share the score.
    expect(run.weights.delivery).toBe(0);
    expect(run.weights.skills).toBe(0);
    expect(run.weights.proof).toBeCloseTo(0.35 / 0.65, 2);
    expect(run.cellsOf(partnerId(1))[0]?.components.delivery).toBe(0);
  });
});
