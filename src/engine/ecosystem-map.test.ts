import { describe, expect, it } from 'vitest';
import type { Deal } from '../model/deal.js';
import { scoreEcosystem } from './score-ecosystem.js';
import { herfindahl } from './stats.js';
import { inputOf, makeCert, makeDeal, makePartner, partnerId } from './test-builders.js';

const experts = (n: number, technology = 'data_ai') =>
  ['a', 'b', 'c', 'd'].map((p) => makeCert(n, `${p}${n}`, { level: 'expert', technology }));
const wins = (n: number, count: number, spec: Parameters<typeof makeDeal>[0] = {}): Deal[] =>
  Array.from({ length: count }, () => makeDeal({ partner: n, satisfaction: 0.9, ...spec }));

function run(byRegion = false) {
  const partners = [
    makePartner(1),
    makePartner(2),
    makePartner(3, { region: 'North America' }),
    makePartner(4),
    makePartner(5, { region: 'North America' }),
  ];
  const deals = [
    // healthcare × data_ai: one Specialist (1) and two partners with a single win each (Emerging: in this
    // small ecosystem every closed deal is won, so the win-rate prior is high); 1 holds most of the proof.
    ...wins(1, 8),
    ...wins(2, 1),
    ...wins(3, 1),
    makeDeal({ partner: 2, status: 'open', eur: 50_000 }),
    // retail × cloud: six deals without any partner and nobody qualified → a gap.
    ...Array.from({ length: 6 }, () => makeDeal({ sector: 'retail', technologies: ['cloud'] })),
    // energy × security: two Specialists, all their wins older than the 12-month demand window → saturated.
    ...wins(4, 8, { sector: 'energy', technologies: ['security'], closeDate: '2024-05-15' }),
    ...wins(5, 8, { sector: 'energy', technologies: ['security'], closeDate: '2024-05-15' }),
  ];
  return scoreEcosystem(
    inputOf({
      partners,
      deals,
      certifications: [...experts(1), ...experts(4, 'security'), ...experts(5, 'security')],
    }),
    { byRegion },
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
    expect(cell.partnersByLevel).toEqual({ Specialist: 1, Proven: 0, Emerging: 2 });
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
    expect(cell.capacity).toBe(1.2); // 1 + 0.1 + 0.1
    expect(cell.coverage).toBeCloseTo((1.2 * 20) / 11, 3);
    expect(cell.flags).toEqual(['single-point-of-failure']);
  });

  it('flags gaps where there is demand and too few qualified partners', () => {
    const cell = run().map.cells.find((c) => c.cell === 'retail|cloud')!;
    expect(cell.demand).toBe(6);
    expect(cell.capacity).toBe(0);
    expect(cell.coverage).toBe(0);
    expect(cell.flags).toEqual(['gap']);
  });

  it('flags saturation where several Specialists share little demand', () => {
    const cell = run().map.cells.find((c) => c.cell === 'energy|security')!;
    expect(cell.partnersByLevel.Specialist).toBe(2);
    expect(cell.demand).toBe(0);
    expect(cell.coverage).toBeNull();
    expect(cell.flags).toEqual(['saturated']);
  });

  it('breaks cells down by partner region on request', () => {
    const regions = run(true).map.regions;
    const emea = regions.find((r) => r.region === 'EMEA' && r.cell === 'healthcare|data_ai')!;
    const na = regions.find((r) => r.region === 'North America' && r.cell === 'healthcare|data_ai')!;
    expect(emea.partnersByLevel.Specialist).toBe(1);
    expect(emea.demand).toBe(10); // partner 1's eight wins, partner 2's win and open deal
    expect(na.partnersByLevel.Specialist).toBe(0);
    expect(na.demand).toBe(1);
  });
});
