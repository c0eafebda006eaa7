import { describe, expect, it } from 'vitest';
import { generateEcosystem } from '../../devkit/generator/generate-ecosystem.js';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import {
  background,
  configWith,
  inputOf,
  makeCert,
  makeDeal,
  makePartner,
  NOW,
  partnerId,
} from '../../test/support/engine-builders.js';
import type { ActiveOverride } from '../model/programme.js';
import type { PreviousLevel } from '../model/score-levels.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { matchPartners } from './match.js';
import { recommendPartners } from './recommend-partners.js';
import type { ScoreInput } from './score-core.js';
import { scoreEcosystem } from './score-ecosystem.js';
import { simulateLevels } from './simulate.js';
import { readTeamCells, readTeamRows } from './team-cells.js';

const wins = (n: number, count: number, technology = 'data_ai') =>
  Array.from({ length: count }, () =>
    makeDeal({ partner: n, sector: 'healthcare', technologies: [technology], satisfaction: 0.9 }),
  );

const losses = (n: number, count: number) =>
  Array.from({ length: count }, () => makeDeal({ partner: n, sector: 'healthcare', status: 'lost' }));

/**
 * Partner 1: Specialist in Healthcare × Data & AI and Healthcare × Cloud, hence in Healthcare as a whole.
 * Partner 2: Proven in Healthcare × Data & AI. Partner 3: two deals lost there, no level. An ordinary market around them.
 */
function world(parts: Partial<ScoreInput> = {}) {
  const bg = background(24, { competesIn: ['healthcare|data_ai', 'healthcare|cloud'] });
  return inputOf({
    partners: [...bg.partners, makePartner(1), makePartner(2), makePartner(3)],
    deals: [...bg.deals, ...wins(1, 6), ...wins(1, 6, 'cloud'), ...wins(2, 2), ...losses(3, 2)],
    certifications: [...bg.certifications, makeCert(1, 'p1'), makeCert(1, 'p2', { technology: 'cloud' })],
    ...parts,
  });
}

const pin = (
  n: number,
  cell: string,
  level: string,
  extra: Partial<ActiveOverride> = {},
): ActiveOverride => ({
  partnerId: partnerId(n),
  cell,
  kind: 'pin',
  level,
  reason: 'audited in October',
  author: 'Ana Souza',
  expiresAt: '2027-03-01T00:00:00.000Z',
  ...extra,
});
const exclude = (n: number, cell: string): ActiveOverride => ({
  partnerId: partnerId(n),
  cell,
  kind: 'exclude',
  level: null,
  reason: 'reseller only',
  author: 'Ana Souza',
  expiresAt: null,
});
const was = (n: number, cell: string, level: string): PreviousLevel => ({
  partnerId: partnerId(n),
  cell,
  level,
});
const reviewOn = configWith((c) => {
  c.review.demotions.enabled = true;
});

const cellOf = (run: ReturnType<typeof scoreEcosystem>, n: number, cell: string) =>
  run.cellsOf(partnerId(n)).find((c) => c.cell === cell);
const levelOf = (run: ReturnType<typeof scoreEcosystem>, n: number, cell: string) =>
  cellOf(run, n, cell)?.level ?? null;
const segmentCells = (run: ReturnType<typeof scoreEcosystem>, n: number) =>
  run.partners.find((p) => p.partnerId === partnerId(n))?.segments.map((s) => s.cell) ?? [];

describe('level overrides', () => {
  it('the fixture: levels as the evidence gives them', () => {
    const run = scoreEcosystem(world());
    expect(levelOf(run, 1, 'healthcare|data_ai')).toBe('Specialist');
    expect(levelOf(run, 1, 'healthcare|*')).toBe('Specialist');
    expect(levelOf(run, 2, 'healthcare|data_ai')).toBe('Proven');
    expect(cellOf(run, 3, 'healthcare|data_ai')?.level).toBeNull();
    expect(run.overridden()).toEqual([]);
  });

  it('a pin raises a level, says what the evidence gives, and the segment follows', () => {
    const run = scoreEcosystem(world({ overrides: [pin(2, 'healthcare|data_ai', 'Specialist')] }));
    const cell = cellOf(run, 2, 'healthcare|data_ai');
    expect(cell?.level).toBe('Specialist');
    expect(cell?.override).toEqual({
      kind: 'pin',
      computedLevel: 'Proven',
      reason: 'audited in October',
      author: 'Ana Souza',
      expiresAt: '2027-03-01T00:00:00.000Z',
    });
    expect(run.partners.find((p) => p.partnerId === partnerId(2))?.primarySegment?.label).toBe(
      'Healthcare × Data & AI — Specialist',
    );
    expect(run.overridden()).toEqual([
      {
        partnerId: partnerId(2),
        cell: 'healthcare|data_ai',
        kind: 'pin',
        level: 'Specialist',
        computedLevel: 'Proven',
      },
    ]);
  });

  it('a pin lowers a level, and the whole sector derived from the pair cells follows it', () => {
    const run = scoreEcosystem(world({ overrides: [pin(1, 'healthcare|cloud', 'Proven')] }));
    expect(levelOf(run, 1, 'healthcare|cloud')).toBe('Proven');
    // Two pair cells at Proven or higher: the sector is Proven, no longer Specialist.
    expect(levelOf(run, 1, 'healthcare|*')).toBe('Proven');
    expect(cellOf(run, 1, 'healthcare|*')?.override).toBeUndefined();
  });

  it('a pin on a whole sector applies after the sector level is derived', () => {
    const run = scoreEcosystem(world({ overrides: [pin(2, 'healthcare|*', 'Emerging')] }));
    expect(levelOf(run, 2, 'healthcare|*')).toBe('Emerging');
    expect(cellOf(run, 2, 'healthcare|*')?.override?.computedLevel).toBeNull();
    expect(levelOf(run, 2, 'healthcare|data_ai')).toBe('Proven');
  });

  it('an exclusion takes the cell out of levels, segments, the sector level, matches and recommendations', () => {
    const run = scoreEcosystem(world({ overrides: [exclude(1, 'healthcare|data_ai')] }));
    const cell = cellOf(run, 1, 'healthcare|data_ai');
    expect(cell?.level).toBeNull();
    expect(cell?.override?.kind).toBe('exclude');
    expect(cell?.override?.computedLevel).toBe('Specialist');
    expect(cell?.next).toBeNull();
    expect(segmentCells(run, 1)).toEqual(['healthcare|cloud']);
    expect(levelOf(run, 1, 'healthcare|*')).toBeNull();

    const opportunity = { sector: 'healthcare', technologies: ['data_ai'] };
    const base = { partners: world().partners, taxonomy: SAMPLE_TAXONOMY, config: DEFAULT_SCORING_CONFIG };
    const fresh = matchPartners({ ...base, scores: run, opportunity, limit: 100 });
    expect(fresh.map((m) => m.partnerId)).toContain(partnerId(2));
    // Its sector-wide evidence may still stand in as adjacent, but never the excluded cell itself.
    for (const m of fresh.filter((m) => m.partnerId === partnerId(1)))
      expect(m.cells.map((c) => c.cell)).not.toContain('healthcare|data_ai');
    const stored = matchPartners({ ...base, scores: { cells: [...run.cells()] }, opportunity, limit: 100 });
    expect(stored).toEqual(fresh);

    const open = makeDeal({ status: 'open' });
    const recommended = recommendPartners({ ...base, scores: run, deals: [open], count: 3 });
    const first = recommended.byDeal.get(open.id)?.[0];
    expect(first?.partnerId).not.toBe(partnerId(1));
    const withoutExclusion = recommendPartners({
      ...base,
      scores: scoreEcosystem(world()),
      deals: [open],
      count: 3,
    });
    expect(withoutExclusion.byDeal.get(open.id)?.[0]?.partnerId).toBe(partnerId(1));

    // Teams read neither the level nor the score of an excluded cell, from a fresh run or stored cells.
    for (const scores of [run, { cells: [...run.cells()] }]) {
      const team = readTeamCells(scores, DEFAULT_SCORING_CONFIG);
      expect(team.byPartner.get(partnerId(1))?.has('healthcare|data_ai')).toBe(false);
      expect(team.byPartner.get(partnerId(1))?.has('healthcare|cloud')).toBe(true);
      const rows = readTeamRows(scores, DEFAULT_SCORING_CONFIG, SAMPLE_TAXONOMY);
      const p = rows.partnerIndex.get(partnerId(1))!;
      const excluded = rows.grid.indexOf('healthcare|data_ai');
      for (let r = rows.rowStart[p]!; r < rows.rowStart[p + 1]!; r++)
        if (rows.cell[r] === excluded) expect(rows.score[r]).toBe(0);
    }
  });

  it('takes an excluded cell out of the top score and the map; a pinned cell says no next level', () => {
    const base = scoreEcosystem(world());
    const top = (run: ReturnType<typeof scoreEcosystem>, n: number) =>
      run.partners.find((p) => p.partnerId === partnerId(n))?.topScore;
    const scoreIn = (run: ReturnType<typeof scoreEcosystem>, cell: string) =>
      cellOf(run, 2, cell)?.score ?? 0;
    const onlyCell = 'healthcare|data_ai';
    expect(top(base, 2)).toBeGreaterThan(0);
    const run = scoreEcosystem(world({ overrides: [exclude(2, onlyCell)] }));
    // Partner 2's other cells (its sector and technology) still count; the excluded one does not.
    const others = run.cellsOf(partnerId(2)).filter((c) => c.cell !== onlyCell);
    expect(top(run, 2)).toBe(Math.max(0, ...others.map((c) => c.score)));
    expect(top(run, 2)).toBeLessThanOrEqual(scoreIn(base, onlyCell));
    const mapCell = (r: ReturnType<typeof scoreEcosystem>) => r.map.cells.find((c) => c.cell === onlyCell);
    expect(mapCell(run)?.partnersWithEvidence).toBe((mapCell(base)?.partnersWithEvidence ?? 0) - 1);

    const pinned = scoreEcosystem(world({ overrides: [pin(2, onlyCell, 'Emerging')] }));
    expect(cellOf(pinned, 2, onlyCell)?.next).toBeNull();
  });

  it('offers no support need in an excluded cell', () => {
    const market = generateEcosystem({
      partners: 60,
      dealsPerPartner: 20,
      certifications: 600,
      seed: 11,
      taxonomy: SAMPLE_TAXONOMY,
      now: NOW,
    });
    const input = inputOf({
      partners: market.partners,
      deals: market.deals,
      certifications: market.certifications,
    });
    const partner = scoreEcosystem(input).partners.find((p) => p.needs.some((n) => n.cell !== null))!;
    const cell = partner.needs.find((n) => n.cell !== null)!.cell!;
    const excluded = scoreEcosystem({
      ...input,
      overrides: [{ ...exclude(0, cell), partnerId: partner.partnerId }],
    });
    const needs = excluded.partners.find((p) => p.partnerId === partner.partnerId)!.needs;
    expect(needs.map((n) => n.cell)).not.toContain(cell);
  });

  it('has no effect without evidence in the cell, for an unknown partner or an unknown level name', () => {
    const run = scoreEcosystem(
      world({
        overrides: [
          pin(2, 'energy|security', 'Specialist'),
          pin(99, 'healthcare|data_ai', 'Specialist'),
          pin(2, 'healthcare|data_ai', 'Platinum'),
          pin(2, 'not|a_cell', 'Specialist'),
        ],
      }),
    );
    expect(run.overridden()).toEqual([]);
    expect(levelOf(run, 2, 'healthcare|data_ai')).toBe('Proven');
  });

  it('lets the newest override of a cell decide (the store lists them newest first)', () => {
    const run = scoreEcosystem(
      world({
        overrides: [pin(2, 'healthcare|data_ai', 'Emerging'), pin(2, 'healthcare|data_ai', 'Specialist')],
      }),
    );
    expect(levelOf(run, 2, 'healthcare|data_ai')).toBe('Emerging');
  });
});

describe('demotion review', () => {
  const previous = [was(2, 'healthcare|data_ai', 'Specialist'), was(3, 'healthcare|data_ai', 'Emerging')];

  it('applies demotions while the review is off (the default)', () => {
    const run = scoreEcosystem(world({ previous }));
    expect(levelOf(run, 2, 'healthcare|data_ai')).toBe('Proven');
    expect(run.heldDemotions()).toEqual([]);
  });

  it('holds every pair-cell demotion, to a lower level or to none, at last run’s level', () => {
    const run = scoreEcosystem(world({ previous, config: reviewOn }));
    const cell = cellOf(run, 2, 'healthcare|data_ai');
    expect(cell?.level).toBe('Specialist');
    expect(cell?.override).toEqual({
      kind: 'hold',
      computedLevel: 'Proven',
      reason: 'Demotion from Specialist to Proven waits for review',
      author: 'Review queue',
      expiresAt: null,
    });
    expect(run.heldDemotions()).toEqual([
      { partnerId: partnerId(2), cell: 'healthcare|data_ai', fromLevel: 'Specialist', toLevel: 'Proven' },
      { partnerId: partnerId(3), cell: 'healthcare|data_ai', fromLevel: 'Emerging', toLevel: null },
    ]);
    expect(cellOf(run, 3, 'healthcare|data_ai')?.override?.reason).toBe(
      'Demotion from Emerging to no level waits for review',
    );
  });

  it('applies a demotion once the review lets it through', () => {
    const run = scoreEcosystem(
      world({
        previous,
        config: reviewOn,
        letDemotions: [{ partnerId: partnerId(2), cell: 'healthcare|data_ai' }],
      }),
    );
    expect(levelOf(run, 2, 'healthcare|data_ai')).toBe('Proven');
    expect(cellOf(run, 2, 'healthcare|data_ai')?.override).toBeUndefined();
    expect(run.heldDemotions().map((h) => h.partnerId)).toEqual([partnerId(3)]);
  });

  it('never holds a promotion or an unchanged level', () => {
    const run = scoreEcosystem(
      world({
        previous: [was(2, 'healthcare|data_ai', 'Emerging'), was(1, 'healthcare|data_ai', 'Specialist')],
        config: reviewOn,
      }),
    );
    expect(levelOf(run, 2, 'healthcare|data_ai')).toBe('Proven');
    expect(run.heldDemotions()).toEqual([]);
  });

  it('lets a pin win over a hold, still saying what the evidence gives', () => {
    const run = scoreEcosystem(
      world({ previous, config: reviewOn, overrides: [pin(2, 'healthcare|data_ai', 'Emerging')] }),
    );
    const cell = cellOf(run, 2, 'healthcare|data_ai');
    expect(cell?.level).toBe('Emerging');
    expect(cell?.override?.kind).toBe('pin');
    expect(cell?.override?.computedLevel).toBe('Proven');
    expect(run.heldDemotions().map((h) => h.partnerId)).toEqual([partnerId(3)]);
  });
});

describe('simulateLevels with overrides and holds', () => {
  it('keeps a pinned cell and a held demotion at their level under both configurations', () => {
    const {
      config: _config,
      now,
      ...model
    } = world({
      previous: [was(3, 'healthcare|data_ai', 'Emerging')],
      overrides: [pin(1, 'healthcare|data_ai', 'Specialist')],
    });
    const stricter = configWith((c) => {
      c.review.demotions.enabled = true;
      for (const level of c.levels.ladder) level.keep.minScore = level.promote.minScore = 95;
    });
    const report = simulateLevels(model, reviewOn, stricter, now);
    const cell = report.byCell.find((c) => c.cell === 'healthcare|data_ai');
    // Partner 2 loses Proven (no pin, no previous level to hold); partners 1 (pinned) and 3 (held) do not move.
    expect(cell?.demoted).toBe(1);
  });
});
