import { describe, expect, it } from 'vitest';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import * as build from '../../test/support/engine-builders.js';
import type { Deal } from '../model/deal.js';
import { type EcosystemCell, EcosystemMapSchema } from '../model/score-map.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import {
  type CellFlagInput,
  gapThresholdsOf,
  MAP_PRIORITIES_MAX,
  type MapOptions,
  mapFlagsOf,
  rankPriorities,
  unmetDemandOf,
} from './ecosystem-map.js';
import { scoreEcosystem } from './score-ecosystem.js';
import { herfindahl } from './stats.js';

const { background, inputOf, makeCert, makeDeal, makePartner, partnerId } = build;

const experts = (n: number, technology = 'data_ai') =>
  ['a', 'b', 'c', 'd'].map((p) => makeCert(n, `${p}${n}`, { level: 'expert', technology }));
const wins = (n: number, count: number, spec: Parameters<typeof makeDeal>[0] = {}): Deal[] =>
  Array.from({ length: count }, () => makeDeal({ partner: n, satisfaction: 0.9, ...spec }));

const REGIONS = [
  { key: 'emea', label: 'EMEA', countries: ['DE', 'FR'] },
  { key: 'north_america', label: 'North America', countries: ['US'] },
  { key: 'latam', label: 'LATAM', countries: ['BR'] },
];

function run(options: MapOptions = {}) {
  const partners = [
    makePartner(1),
    makePartner(2),
    makePartner(3, { region: 'North America' }),
    makePartner(4),
    makePartner(5, { region: 'North America' }),
  ];
  // An ordinary market (partners 900+, APAC, deals older than the demand window) for the scores to stand
  // out from: it stays out of the cells below, except energy × security, where it competes.
  const market = background(24, {
    avoid: ['healthcare|data_ai', 'retail|cloud', 'manufacturing|security'],
    competesIn: ['energy|security'],
  });
  const lostBefore = { status: 'lost', closeDate: '2024-03-15' } as const;
  // Partners 2 and 3 work mostly elsewhere (before the demand window): ten deals and a certified person in
  // Financial Services × CRM each.
  const elsewhere = { sector: 'financial_services', technologies: ['crm'], closeDate: '2024-03-15' };
  const deals = [
    // healthcare × data_ai: one Specialist (1, CSAT 1) and two partners with a single win each (CSAT 0.5) and
    // four losses before the demand window, a small part of their work: the cell's norm, which 1 stands out
    // from; 1 holds most of the proof.
    // Customers: partner 1 sells across the Atlantic twice; partners 2 and 3 at home.
    ...wins(1, 6, { satisfaction: 1, customerRegion: 'emea' }),
    ...wins(1, 2, { satisfaction: 1, customerRegion: 'north_america' }),
    ...wins(2, 1, { satisfaction: 0.5, customerRegion: 'emea' }),
    ...wins(3, 1, { satisfaction: 0.5, customerRegion: 'north_america' }),
    ...wins(2, 4, lostBefore),
    ...wins(3, 4, lostBefore),
    ...[2, 3].flatMap((n) => [...wins(n, 2, elsewhere), ...wins(n, 8, { ...elsewhere, status: 'lost' })]),
    makeDeal({ partner: 2, status: 'open', eur: 50_000, customerRegion: 'emea' }),
    // retail × cloud: thirty deals without any partner and nobody qualified → a gap, first to fill; twenty
    // of them with LATAM customers, ten with customers of no known region.
    ...Array.from({ length: 30 }, (_, i) =>
      makeDeal({ sector: 'retail', technologies: ['cloud'], ...(i < 20 ? { customerRegion: 'latam' } : {}) }),
    ),
    // manufacturing × security: six deals and nobody qualified, but little next to the rest → no gap.
    ...Array.from({ length: 6 }, () => makeDeal({ sector: 'manufacturing', technologies: ['security'] })),
    // energy × security: two Specialists, all their wins older than the 12-month demand window → saturated.
    ...wins(4, 8, { sector: 'energy', technologies: ['security'], closeDate: '2024-05-15' }),
    ...wins(5, 8, { sector: 'energy', technologies: ['security'], closeDate: '2024-05-15' }),
  ];
  return scoreEcosystem(
    inputOf({
      taxonomy: { ...SAMPLE_TAXONOMY, regions: REGIONS },
      partners: [...partners, ...market.partners],
      deals: [...deals, ...market.deals],
      certifications: [
        ...experts(1),
        ...[2, 3].map((n) => makeCert(n, `crm${n}`, { technology: 'crm' })),
        ...experts(4, 'security'),
        ...experts(5, 'security'),
        ...market.certifications,
      ],
    }),
    options,
  );
}

describe('buildEcosystemMap', () => {
  it('lists every cell of the taxonomy: pairs, then sector and technology totals', () => {
    const map = run().map;
    expect(map.cells).toHaveLength(6 * 5 + 6 + 5);
    expect(map.cells[0]?.cell).toBe('healthcare|data_ai');
    expect(map.cells[30]?.cell).toBe('healthcare|*');
    expect(map.cells[36]?.cell).toBe('*|data_ai');
    expect(map.regions).toEqual([]);
  });

  it('measures levels, concentration, bus factor, demand and coverage of a cell', () => {
    const result = run();
    const cell = result.map.cells.find((c) => c.cell === 'healthcare|data_ai')!;
    // Levels as the scores say (partner 1 is the Specialist); capacity adds up their ladder capacities.
    const ladder = DEFAULT_SCORING_CONFIG.levels.ladder;
    const levels = [1, 2, 3].map(
      (n) => result.cellsOf(partnerId(n)).find((c) => c.cell === 'healthcare|data_ai')!.level,
    );
    expect(levels[0]).toBe('Specialist');
    expect(cell.partnersByLevel).toEqual(
      Object.fromEntries(ladder.map((l) => [l.name, levels.filter((x) => x === l.name).length])),
    );
    const capacity = levels.reduce(
      (sum, name) => sum + (ladder.find((l) => l.name === name)?.capacity ?? 0),
      0,
    );
    expect(cell.partnersWithEvidence).toBe(3);
    const masses = [1, 2, 3].map(
      (n) => result.cellsOf(partnerId(n)).find((c) => c.cell === 'healthcare|data_ai')!.figures.proofMass,
    );
    expect(cell.concentration).toBeCloseTo(herfindahl(masses), 3);
    expect(cell.busFactor).toBe(1);
    expect(cell.closedDeals).toBe(10);
    expect(cell.openDeals).toBe(1);
    expect(cell.openAmount).toBe(50_000);
    expect(cell.demand).toBe(11);
    expect(cell.capacity).toBeCloseTo(capacity, 3); // e.g. 1: the Specialist (the other two hold no level)
    expect(cell.coverage).toBeCloseTo((capacity * 20) / 11, 3);
    expect(cell.unmetDemand).toBe(0);
    // Partner 1 holds most of the proof; enough capacity for the demand, so no gap.
    expect(cell.flags).toContain('single-point-of-failure');
    expect(cell.flags).not.toContain('gap');
  });

  it('measures unmet demand and what one more Specialist would serve of it', () => {
    const cells = run().map.cells;
    const covered = cells.find((c) => c.cell === 'healthcare|data_ai')!;
    expect(covered.unmetDemand).toBe(0); // e.g. 1 × 20 = 20 deals of capacity for 11
    expect(covered.oneMoreSpecialistCovers).toBe(0);
    const empty = cells.find((c) => c.cell === 'retail|cloud')!;
    expect(empty.unmetDemand).toBe(30);
    expect(empty.oneMoreSpecialistCovers).toBe(20); // one Specialist serves 20 deals
    expect(unmetDemandOf(55, 0.5, 20)).toBe(45);
    expect(unmetDemandOf(5, 1, 20)).toBe(0);
  });

  it('a cell with big demand and no qualified partner is a gap and ranks first', () => {
    const map = run().map;
    const cell = map.cells.find((c) => c.cell === 'retail|cloud')!;
    expect(cell.demand).toBe(30);
    expect(cell.capacity).toBe(0);
    expect(cell.coverage).toBe(0);
    expect(cell.flags).toEqual(['gap']);
    // The threshold: mean demand of the pair cells with any, (11 + 30 + 6) / 3.
    expect(map.gapThresholds?.pair).toBe(15.7);
    expect(map.priorities[0]).toEqual({
      cell: 'retail|cloud',
      demand: 30,
      capacity: 0,
      unmetDemand: 30,
      covers: 20,
    });
  });

  it('a cell with small unmet demand is not a gap', () => {
    const map = run().map;
    const cell = map.cells.find((c) => c.cell === 'manufacturing|security')!;
    expect(cell.demand).toBe(6);
    expect(cell.coverage).toBe(0);
    expect(cell.unmetDemand).toBe(6);
    expect(cell.flags).not.toContain('gap');
    // Still on the priority list, after the cell where a Specialist serves more.
    expect(map.priorities.map((p) => p.cell)).toEqual(['retail|cloud', 'manufacturing|security']);
    expect(map.cells.filter((c) => c.kind === 'pair' && c.flags.includes('gap')).map((c) => c.cell)).toEqual([
      'retail|cloud',
    ]);
  });

  it('flags saturation where several Specialists share little demand', () => {
    const cell = run().map.cells.find((c) => c.cell === 'energy|security')!;
    expect(cell.partnersByLevel.Specialist).toBe(2);
    expect(cell.demand).toBe(0);
    expect(cell.coverage).toBeNull();
    expect(cell.flags).toEqual(['saturated']);
  });

  it('reads back maps stored before unmet demand and priorities existed', () => {
    const map = run().map;
    const old = {
      cells: map.cells.map(({ unmetDemand: _u, oneMoreSpecialistCovers: _o, ...rest }) => rest),
      regions: [],
    };
    const parsed = EcosystemMapSchema.parse(JSON.parse(JSON.stringify(old)));
    expect(parsed.priorities).toEqual([]);
    expect(parsed.gapThresholds).toBeNull();
    expect(parsed.cells[0]?.unmetDemand).toBe(0);
    expect(EcosystemMapSchema.parse(JSON.parse(JSON.stringify(map)))).toEqual(map);
  });

  it("breaks cells down by region on request: its partners' levels next to its customers' demand", () => {
    const regions = run({ byRegion: true }).map.regions;
    const at = (region: string, cell = 'healthcare|data_ai') =>
      regions.find((r) => r.region === region && r.cell === cell)!;
    expect(at('EMEA').partnersByLevel.Specialist).toBe(1);
    expect(at('EMEA').demand).toBe(8); // six of partner 1's wins, partner 2's win and open deal
    expect(at('North America').partnersByLevel.Specialist).toBe(0);
    expect(at('North America').demand).toBe(3); // partner 1's two wins there, partner 3's win
    // A region with customers and no partner: all demand, no capacity.
    expect(at('LATAM', 'retail|cloud')).toMatchObject({ demand: 20, capacity: 0, coverage: 0 });
    expect(at('Unknown', 'retail|cloud').demand).toBe(10);
  });

  it("counts regional demand by the map's own rule: the regions add up to every cell's demand", () => {
    const { map } = run({ byRegion: true });
    for (const cell of map.cells) {
      const regional = map.regions.filter((r) => r.cell === cell.cell).reduce((sum, r) => sum + r.demand, 0);
      expect(regional, cell.cell).toBe(cell.demand);
    }
  });

  it("maps one region: its customers' demand, served by its partners, with its own gaps and priorities", () => {
    const latam = run({ region: 'latam' }).map;
    const retail = latam.cells.find((c) => c.cell === 'retail|cloud')!;
    expect(retail).toMatchObject({ demand: 20, capacity: 0, partnersWithEvidence: 0 });
    expect(retail.flags).toContain('gap');
    expect(latam.priorities[0]?.cell).toBe('retail|cloud');
    // By label or key alike; partner 3 (North America) is not EMEA's capacity.
    const emea = run({ region: 'EMEA' }).map.cells.find((c) => c.cell === 'healthcare|data_ai')!;
    expect(emea).toMatchObject({ demand: 8, partnersWithEvidence: 2 });
    expect(emea.partnersByLevel.Specialist).toBe(1);
  });
});

describe('map flags and priorities', () => {
  const config = DEFAULT_SCORING_CONFIG.map;
  const cell = (over: Partial<CellFlagInput>): CellFlagInput => ({
    demand: 40,
    coverage: 0,
    unmetDemand: 40,
    qualified: 0,
    busFactor: 0,
    ...over,
  });

  it('a cell with big demand and no qualified partner is always a gap', () => {
    expect(mapFlagsOf(cell({}), 30, config)).toEqual(['gap']);
    // Its unmet demand is its demand, so a cell with at least the average demand clears the threshold.
    const thresholds = gapThresholdsOf(
      [
        { kind: 'pair', demand: 40 },
        { kind: 'pair', demand: 20 },
        { kind: 'pair', demand: 0 },
        { kind: 'sector', demand: 60 },
      ],
      5,
    );
    expect(thresholds).toEqual({ pair: 30, sector: 60, technology: 5 });
  });

  it('a cell with small unmet demand is not a gap, and gapBelow can ask for mostly unserved cells', () => {
    expect(mapFlagsOf(cell({ demand: 12, unmetDemand: 12 }), 30, config)).toEqual([]);
    // 80 deals unmet of 200: by default (gapBelow 1) unmet demand that large is a gap…
    const mostlyServed = cell({ demand: 200, coverage: 0.6, unmetDemand: 80, qualified: 9 });
    expect(mapFlagsOf(mostlyServed, 30, config)).toEqual(['gap']);
    // …and an admin who only wants cells mostly unserved sets gapBelow to ½.
    expect(mapFlagsOf(mostlyServed, 30, { ...config, gapBelow: 0.5 })).toEqual([]);
    // minDemand is a floor even where the ecosystem is tiny.
    expect(gapThresholdsOf([{ kind: 'pair', demand: 2 }], 5).pair).toBe(5);
  });

  it('a cell whose capacity far exceeds demand with 2+ qualified partners is saturated, whatever their level', () => {
    // Three Proven partners (capacity 1.5 → 30 deals) for 4 deals: coverage 7.5.
    const proven = cell({ demand: 4, coverage: 7.5, unmetDemand: 0, qualified: 3, busFactor: 2 });
    expect(mapFlagsOf(proven, 30, config)).toEqual(['saturated']);
    expect(mapFlagsOf({ ...proven, qualified: 1 }, 30, config)).toEqual([]);
    expect(mapFlagsOf({ ...proven, coverage: 2.5 }, 30, config)).toEqual([]);
    expect(mapFlagsOf(cell({ demand: 0, coverage: null, unmetDemand: 0, qualified: 2 }), 30, config)).toEqual(
      ['saturated'],
    );
  });

  it('the priorities list is sorted by what one more Specialist covers and has at most 10 entries', () => {
    const mapCell = (i: number, kind: EcosystemCell['kind'], unmet: number): EcosystemCell => ({
      cell: kind === 'pair' ? `s${i}|t${i}` : `s${i}|*`,
      kind,
      partnersByLevel: {},
      partnersWithEvidence: 0,
      concentration: 0,
      busFactor: 0,
      closedDeals: unmet,
      openDeals: 0,
      openAmount: 0,
      demand: unmet,
      capacity: 0,
      coverage: unmet > 0 ? 0 : null,
      unmetDemand: unmet,
      oneMoreSpecialistCovers: Math.min(unmet, 20),
      flags: [],
    });
    const cells = [
      ...Array.from({ length: 15 }, (_, i) => mapCell(i, 'pair', (i * 7) % 31)),
      mapCell(99, 'sector', 500),
    ];
    const priorities = rankPriorities(cells);
    expect(priorities).toHaveLength(MAP_PRIORITIES_MAX);
    expect(priorities.some((p) => p.cell.endsWith('|*'))).toBe(false);
    for (let i = 1; i < priorities.length; i++) {
      const [a, b] = [priorities[i - 1]!, priorities[i]!];
      expect(a.covers > b.covers || (a.covers === b.covers && a.unmetDemand >= b.unmetDemand)).toBe(true);
    }
    // Ties at a full Specialist's 20 deals are broken by the unmet demand left.
    expect(priorities.slice(0, 3).map((p) => p.unmetDemand)).toEqual([29, 28, 25]);
    expect(rankPriorities(cells.map((c) => ({ ...c, unmetDemand: 0, oneMoreSpecialistCovers: 0 })))).toEqual(
      [],
    );
  });
});
