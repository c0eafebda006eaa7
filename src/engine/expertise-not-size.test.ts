import { describe, expect, it } from 'vitest';
import { generateEcosystem } from '../../devkit/generator/generate-ecosystem.js';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import {
  inputOf,
  makeCert,
  makeDeal,
  makePartner,
  NOW,
  partnerId,
} from '../../test/support/engine-builders.js';
import type { Certification } from '../model/certification.js';
import type { Deal } from '../model/deal.js';
import type { Partner } from '../model/partner.js';
import { scoreEcosystem } from './score-ecosystem.js';

/**
 * The engine's promise — expertise, not size — as named cases. The partners under test join a generated
 * market of 200 partners (the generator's ground-truth ecosystem), so the priors are fitted from a
 * realistic spread of records, as in a real programme.
 */
const market = generateEcosystem({
  partners: 200,
  dealsPerPartner: 20,
  certifications: 2000,
  seed: 11,
  taxonomy: SAMPLE_TAXONOMY,
  now: NOW,
});

function scoreWith(extra: { partners: Partner[]; deals: Deal[]; certifications?: Certification[] }) {
  return scoreEcosystem(
    inputOf({
      partners: [...market.partners, ...extra.partners],
      deals: [...market.deals, ...extra.deals],
      certifications: [...market.certifications, ...(extra.certifications ?? [])],
    }),
  );
}

const cellOf = (run: ReturnType<typeof scoreEcosystem>, n: number, cell: string) =>
  run.cellsOf(partnerId(n)).find((c) => c.cell === cell);

const sectors = SAMPLE_TAXONOMY.sectors.map((s) => s.key);
const technologies = SAMPLE_TAXONOMY.technologies.map((t) => t.key);

/** `won` won and `lost` lost deals of partner `n` in one cell, each with its own customer, within the last year. */
function record(
  n: number,
  sector: string,
  technology: string,
  won: number,
  lost = 0,
  role: Deal['partners'][number]['role'] = 'sourced',
): Deal[] {
  return Array.from({ length: won + lost }, (_, i) =>
    makeDeal({
      partner: n,
      role,
      sector,
      technologies: [technology],
      status: i < won ? 'won' : 'lost',
      closeDate: `2025-0${1 + (i % 5)}-15`,
    }),
  );
}

const people = (
  n: number,
  count: number,
  technology: string,
  level: Certification['level'] = 'professional',
) => Array.from({ length: count }, (_, i) => makeCert(n, `p${n}-${technology}-${i}`, { technology, level }));

describe('expertise, not size', () => {
  it('ranks a small partner with 5 of 5 won and 3 certified people above a large one with 30 of 70 there', () => {
    // Partner 1: small, all its work in Healthcare × Data & AI. Partner 2: ten times the sales force,
    // 30 of 70 won in the cell and 300 more deals everywhere else, 20 certified people.
    const large = [
      ...record(2, 'healthcare', 'data_ai', 30, 40),
      ...sectors.flatMap((s) =>
        technologies.filter((t) => t !== 'data_ai').flatMap((t) => record(2, s, t, 4, 8)),
      ),
    ];
    const run = scoreWith({
      partners: [makePartner(1), makePartner(2)],
      deals: [...record(1, 'healthcare', 'data_ai', 5), ...large],
      certifications: [...people(1, 3, 'data_ai'), ...people(2, 20, 'data_ai')],
    });
    const small = cellOf(run, 1, 'healthcare|data_ai')!;
    const big = cellOf(run, 2, 'healthcare|data_ai')!;
    expect(small.score).toBeGreaterThan(big.score);
    // Size shows where it belongs: the large partner's estimate rests more on its own evidence.
    expect(big.confidence).toBeGreaterThan(small.confidence);
  });

  it('gives a generalist with volume spread over many cells no whole-technology Specialist without Proven pair cells', () => {
    // 12 deals in every sector × technology cell (360 in all), one in six won, and 25 expert-certified
    // people, five per technology: a lot of volume, and a weak record everywhere.
    const deals = sectors.flatMap((s) => technologies.flatMap((t) => record(3, s, t, 2, 10)));
    const run = scoreWith({
      partners: [makePartner(3)],
      deals,
      certifications: technologies.flatMap((t) => people(3, 5, t, 'expert')),
    });
    const pairs = run.cellsOf(partnerId(3)).filter((c) => c.cell.endsWith('|data_ai') && c.kind === 'pair');
    expect(pairs.length).toBe(sectors.length);
    expect(pairs.filter((c) => c.level === 'Specialist' || c.level === 'Proven')).toEqual([]);
    // The whole technology pools 72 deals and 5 experts, yet holds no level above its pair cells'.
    const technology = cellOf(run, 3, '*|data_ai')!;
    expect(technology.figures.closedDeals).toBe(72);
    expect(technology.level === 'Specialist' || technology.level === 'Proven').toBe(false);
    expect(technology.next?.missing.map((m) => m.requirement)).toEqual(['pairCells']);
  });

  it('gives a certification-only partner a score but no level', () => {
    const run = scoreWith({
      partners: [makePartner(4)],
      deals: [],
      certifications: people(4, 4, 'security', 'expert'),
    });
    const cells = run.cellsOf(partnerId(4));
    expect(cells.map((c) => c.cell)).toEqual(['*|security']);
    expect(cells[0]!.score).toBeGreaterThan(0);
    expect(cells[0]!.level).toBeNull();
    expect(run.partners.find((p) => p.partnerId === partnerId(4))!.segments).toEqual([]);
  });

  it('counts customers a small partner won by influence toward its level, as its sourced wins would', () => {
    const [sector, technology] = [sectors[2]!, technologies[2]!];
    const cell = `${sector}|${technology}`;
    const levelOf = (role: Deal['partners'][number]['role']) =>
      cellOf(
        scoreWith({
          partners: [makePartner(6)],
          deals: record(6, sector, technology, 5, 0, role),
          certifications: people(6, 2, technology),
        }),
        6,
        cell,
      );
    const influenced = levelOf('influenced');
    expect(influenced?.figures.wonCustomers).toBe(5);
    expect(influenced?.level).not.toBeNull();
    expect(influenced?.level).toBe(levelOf('sourced')?.level);
  });

  it('never lets one huge deal supply most of a partner’s proof, nor move its score', () => {
    // Partners 5 and 6: the same five wins, but partner 5's first one is worth 50 million euros.
    const deals = (n: number, first: number) => [
      makeDeal({ partner: n, sector: 'retail', technologies: ['erp'], eur: first, closeDate: '2025-03-01' }),
      ...Array.from({ length: 4 }, (_, i) =>
        makeDeal({
          partner: n,
          sector: 'retail',
          technologies: ['erp'],
          eur: 25_000,
          closeDate: `2025-0${i + 1}-10`,
        }),
      ),
    ];
    const run = scoreEcosystem(
      inputOf({
        partners: [...market.partners, makePartner(5), makePartner(6)],
        deals: [...market.deals, ...deals(5, 50_000_000), ...deals(6, 25_000)],
        certifications: market.certifications,
        config: { ...inputOf({}).config, explain: { topEvidence: 10 } },
      }),
    );
    const huge = cellOf(run, 5, 'retail|erp')!;
    expect(huge.score).toBe(cellOf(run, 6, 'retail|erp')!.score);
    const proofItems = huge.top.filter((i) => i.kind === 'won-deal');
    const biggest = Math.max(...proofItems.map((i) => i.points));
    expect(biggest).toBeLessThan(huge.components.proof / 2);
  });
});
