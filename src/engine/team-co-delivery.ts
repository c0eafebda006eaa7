/** Co-delivery: which partners shared won deals, as a pair index for ranking teams and as a graph for the web app. */
import type { Deal } from '../model/deal.js';
import type { Partner, PartnerId } from '../model/partner.js';
import type { CoDeliveryGraph } from '../model/score-teams.js';
import { compareIds } from './team-cells.js';

/** What two partners delivered together. */
export interface CoDeliveryPair {
  a: PartnerId;
  b: PartnerId;
  wonDeals: number;
  /** Won deals per cell (sector|technology, or the sector or technology alone when the deal lacks the other). */
  cells: Map<string, number>;
  lastWonDate: string | null;
}

export interface CoDeliveryIndex {
  /** Keyed by pairKey(a, b). */
  pairs: Map<string, CoDeliveryPair>;
  /** Per partner: distinct won deals it shared with at least one other partner. */
  dealsOf: Map<PartnerId, number>;
  /** Per partner: the partners it shared won deals with. */
  teammatesOf: Map<PartnerId, Set<PartnerId>>;
}

/** The key of an unordered pair of partners. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** Won deals two partners shared (0 when they never did). */
export function sharedWonDeals(index: CoDeliveryIndex, a: string, b: string): number {
  return a === b ? 0 : (index.pairs.get(pairKey(a, b))?.wonDeals ?? 0);
}

/** Won deals shared over every pair of a team's members, and the share of pairs that shared any. */
export function teamCoDelivery(index: CoDeliveryIndex, members: readonly string[]) {
  let wonDeals = 0;
  let pairsWith = 0;
  let pairs = 0;
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const n = sharedWonDeals(index, members[i]!, members[j]!);
      pairs++;
      wonDeals += n;
      if (n > 0) pairsWith++;
    }
  }
  return { wonDeals, share: pairs === 0 ? 0 : pairsWith / pairs };
}

function cellsOfDeal(deal: Deal): string[] {
  if (deal.sector !== null && deal.technologies.length > 0)
    return deal.technologies.map((t) => `${deal.sector}|${t}`);
  if (deal.sector !== null) return [`${deal.sector}|*`];
  return deal.technologies.map((t) => `*|${t}`);
}

/**
 * Indexes co-involved deals: won deals listing two or more distinct partners (any role — influencing a
 * deal someone else delivered is still working together). With `known`, partners outside it are ignored
 * (a deal naming one of ours and a stranger is not co-delivery between ours).
 */
export function indexCoDelivery(deals: readonly Deal[], known?: ReadonlySet<string>): CoDeliveryIndex {
  const pairs = new Map<string, CoDeliveryPair>();
  const dealsOf = new Map<PartnerId, number>();
  const teammatesOf = new Map<PartnerId, Set<PartnerId>>();
  for (const deal of deals) {
    if (!deal.isWon || deal.partners.length < 2) continue;
    const ids = [...new Set(deal.partners.map((p) => p.partnerId))]
      .filter((id) => known === undefined || known.has(id))
      .sort(compareIds);
    if (ids.length < 2) continue;
    const cells = cellsOfDeal(deal);
    for (const id of ids) dealsOf.set(id, (dealsOf.get(id) ?? 0) + 1);
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const a = ids[i]!;
        const b = ids[j]!;
        const key = pairKey(a, b);
        let pair = pairs.get(key);
        if (!pair) {
          pair = { a, b, wonDeals: 0, cells: new Map(), lastWonDate: null };
          pairs.set(key, pair);
          for (const [x, y] of [
            [a, b],
            [b, a],
          ] as const) {
            let set = teammatesOf.get(x);
            if (!set) {
              set = new Set();
              teammatesOf.set(x, set);
            }
            set.add(y);
          }
        }
        pair.wonDeals++;
        for (const cell of cells) pair.cells.set(cell, (pair.cells.get(cell) ?? 0) + 1);
        if (deal.closeDate !== null && (pair.lastWonDate === null || deal.closeDate > pair.lastWonDate))
          pair.lastWonDate = deal.closeDate;
      }
    }
  }
  return { pairs, dealsOf, teammatesOf };
}

/**
 * The co-delivery graph of our partners: one node per partner that shared at least one won deal, one
 * edge per pair that did, weighted by the won deals they share (`wonDeals`, also as `weight`), with the
 * cells of those deals. Nodes carry the per-partner counts the partner page shows. With `sector` and/or
 * `technology`, only won deals of that sector / listing that technology count (the network of one market).
 * The shape (`nodes[].id`, `edges[].source/target`) is what d3-force and graphology's `import` read as is;
 * Cytoscape wraps each item in `{ data }`, vis-network renames source/target to from/to.
 *
 * @example
 * const graph = buildCoDeliveryGraph({ deals, partners, sector: 'retail' });
 * graph.edges[0]; // { id: 'A|B', source: 'A', target: 'B', wonDeals: 3, weight: 3, cells: [{ cell: 'retail|crm', deals: 2 }, ...], ... }
 */
export function buildCoDeliveryGraph(input: {
  deals: readonly Deal[];
  partners: readonly Partner[];
  sector?: string;
  technology?: string;
  /** A prebuilt index over the same deals and partners (ignored with a sector or technology filter). */
  index?: CoDeliveryIndex;
}): CoDeliveryGraph {
  const filtered = input.sector !== undefined || input.technology !== undefined;
  const deals = filtered
    ? input.deals.filter(
        (d) =>
          (input.sector === undefined || d.sector === input.sector) &&
          (input.technology === undefined || d.technologies.includes(input.technology)),
      )
    : input.deals;
  const partnerById = new Map(input.partners.map((p) => [p.id, p]));
  const index = (filtered ? undefined : input.index) ?? indexCoDelivery(deals, new Set(partnerById.keys()));
  const nodes = [...index.dealsOf.entries()]
    .sort((x, y) => compareIds(x[0], y[0]))
    .map(([id, wonDeals]) => {
      const partner = partnerById.get(id);
      return {
        id,
        label: partner?.name ?? id,
        region: partner?.region ?? null,
        coDeliveredWonDeals: wonDeals,
        teammates: index.teammatesOf.get(id)?.size ?? 0,
      };
    });
  const edges = [...index.pairs.entries()]
    .sort((x, y) => compareIds(x[0], y[0]))
    .map(([id, pair]) => ({
      id,
      source: pair.a,
      target: pair.b,
      wonDeals: pair.wonDeals,
      weight: pair.wonDeals,
      cells: [...pair.cells.entries()]
        .sort((x, y) => y[1] - x[1] || compareIds(x[0], y[0]))
        .map(([cell, deals]) => ({ cell, deals })),
      lastWonDate: pair.lastWonDate,
    }));
  return { nodes, edges };
}

/**
 * A partner's co-delivery figures for its page: shared won deals and its co-delivery partners, most
 * shared deals first.
 */
export function coDeliveryOf(index: CoDeliveryIndex, partnerId: PartnerId, partners: readonly Partner[]) {
  const names = new Map<string, string>(partners.map((p) => [p.id, p.name]));
  const teammates = [...(index.teammatesOf.get(partnerId) ?? [])]
    .map((other) => ({
      partnerId: other,
      name: names.get(other) ?? null,
      wonDeals: sharedWonDeals(index, partnerId, other),
    }))
    .sort((x, y) => y.wonDeals - x.wonDeals || compareIds(x.partnerId, y.partnerId));
  return { coDeliveredWonDeals: index.dealsOf.get(partnerId) ?? 0, teammates };
}
