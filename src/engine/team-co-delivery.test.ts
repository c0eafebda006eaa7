import { describe, expect, it } from 'vitest';
import { makeDeal, makePartner, partnerId } from '../../test/support/engine-builders.js';
import { CoDeliveryGraphSchema } from '../model/score-teams.js';
import {
  buildCoDeliveryGraph,
  coDeliveryOf,
  indexCoDelivery,
  pairKey,
  sharedWonDeals,
  teamCoDelivery,
} from './team-co-delivery.js';

const P = partnerId;
const on = (...ns: (number | string)[]) =>
  ns.map((n, i) => ({ partnerId: P(n), role: i === 0 ? ('sourced' as const) : ('delivered' as const) }));

function world() {
  const partners = [1, 2, 3, 4].map((n) => makePartner(n));
  const deals = [
    makeDeal({
      partners: on(1, 2),
      sector: 'healthcare',
      technologies: ['data_ai', 'security'],
      closeDate: '2025-03-01',
    }),
    makeDeal({ partners: on(2, 1, 3), sector: 'retail', technologies: ['crm'], closeDate: '2025-05-01' }),
    makeDeal({ partners: on(1, 3), status: 'lost' }), // lost: not co-delivery
    makeDeal({ partners: on(1, 3), status: 'open' }), // open: not yet
    makeDeal({ partner: 4 }), // one partner
    makeDeal({ partners: [...on(1), { partnerId: P(1), role: 'delivered' }] }), // the same partner twice
    makeDeal({ partners: on(1, 99) }), // P99 is not one of our partners
  ];
  return { partners, deals };
}

describe('co-delivery', () => {
  it('builds the graph of shared won deals with their cells and per-partner counts', () => {
    const { partners, deals } = world();
    const graph = buildCoDeliveryGraph({ deals, partners });
    expect(CoDeliveryGraphSchema.parse(graph)).toEqual(graph);
    // Every shared deal here was won on 2025-05-01, and an edge weighs its won deals.
    const edge = (a: number, b: number, wonDeals: number, cells: string[]) => ({
      id: pairKey(P(a), P(b)),
      source: P(a),
      target: P(b),
      wonDeals,
      weight: wonDeals,
      cells: cells.map((cell) => ({ cell, deals: 1 })),
      lastWonDate: '2025-05-01',
    });
    expect(graph.edges).toEqual([
      edge(1, 2, 2, ['healthcare|data_ai', 'healthcare|security', 'retail|crm']),
      edge(1, 3, 1, ['retail|crm']),
      edge(2, 3, 1, ['retail|crm']),
    ]);
    expect(graph.nodes).toEqual([
      { id: P(1), label: 'Partner 1', region: 'EMEA', coDeliveredWonDeals: 2, teammates: 2 },
      { id: P(2), label: 'Partner 2', region: 'EMEA', coDeliveredWonDeals: 2, teammates: 2 },
      { id: P(3), label: 'Partner 3', region: 'EMEA', coDeliveredWonDeals: 1, teammates: 2 },
    ]);
  });

  it('narrows the graph to one sector or technology', () => {
    const { partners, deals } = world();
    const healthcare = buildCoDeliveryGraph({ deals, partners, sector: 'healthcare' });
    expect(healthcare.edges.map((e) => [e.source, e.target, e.wonDeals])).toEqual([[P(1), P(2), 1]]);
    expect(healthcare.nodes.map((n) => [n.id, n.coDeliveredWonDeals, n.teammates])).toEqual([
      [P(1), 1, 1],
      [P(2), 1, 1],
    ]);
    const crm = buildCoDeliveryGraph({ deals, partners, technology: 'crm' });
    expect(crm.edges.map((e) => e.id)).toEqual([
      pairKey(P(1), P(2)),
      pairKey(P(1), P(3)),
      pairKey(P(2), P(3)),
    ]);
    expect(buildCoDeliveryGraph({ deals, partners, sector: 'retail', technology: 'erp' })).toEqual({
      nodes: [],
      edges: [],
    });
  });

  it('counts pairs both ways and per team', () => {
    const { partners, deals } = world();
    const index = indexCoDelivery(deals, new Set(partners.map((p) => p.id)));
    expect(sharedWonDeals(index, P(2), P(1))).toBe(2);
    expect(sharedWonDeals(index, P(1), P(1))).toBe(0);
    expect(sharedWonDeals(index, P(1), P(4))).toBe(0);
    expect(teamCoDelivery(index, [P(1), P(2), P(4)])).toEqual({ wonDeals: 2, share: 1 / 3 });
    expect(coDeliveryOf(index, P(1), partners)).toEqual({
      coDeliveredWonDeals: 2,
      teammates: [
        { partnerId: P(2), name: 'Partner 2', wonDeals: 2 },
        { partnerId: P(3), name: 'Partner 3', wonDeals: 1 },
      ],
    });
    // Without the list of our partners, any two partners on a won deal count.
    expect(sharedWonDeals(indexCoDelivery(deals), P(1), P(99))).toBe(1);
  });
});
