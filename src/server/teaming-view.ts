/** Teaming results of one scored view (co-delivery index, suggested teammates, skill sharing, gap fills, networks), each computed once on first use. */
import {
  buildCoDeliveryGraph,
  type CoDeliveryIndex,
  type EcosystemScores,
  fillGaps,
  indexCoDelivery,
  suggestSkillSharing,
  suggestTeammates,
} from '../engine/index.js';
import type {
  CoDeliveryGraph,
  Deal,
  GapFill,
  Partner,
  SkillSharingOfPartner,
  TeammateSuggestion,
} from '../model/index.js';
import type { ScoringConfig } from '../model/scoring.js';
import type { Taxonomy } from '../model/taxonomy.js';

export interface TeamingInput {
  scores: EcosystemScores;
  partners: readonly Partner[];
  deals: readonly Deal[];
  taxonomy: Taxonomy;
  config: ScoringConfig;
}

/**
 * Lazily computed teaming results. The view is rebuilt on every new run or mapping save, so nothing here
 * is ever stale: each result lives exactly as long as the scores it was computed from.
 */
export class TeamingView {
  readonly #input: TeamingInput;
  #coDelivery: CoDeliveryIndex | undefined;
  #teammates: Map<string, TeammateSuggestion> | undefined;
  #skillSharing: Map<string, SkillSharingOfPartner> | undefined;
  #gapFills: Map<string, GapFill> | undefined;
  /** Networks per `sector|technology` filter; keys are validated taxonomy keys, so the map stays small. */
  readonly #networks = new Map<string, CoDeliveryGraph>();

  constructor(input: TeamingInput) {
    this.#input = input;
  }

  /** Won deals shared by our partners (strangers on a deal are ignored). */
  coDelivery(): CoDeliveryIndex {
    this.#coDelivery ??= indexCoDelivery(this.#input.deals, new Set(this.#input.partners.map((p) => p.id)));
    return this.#coDelivery;
  }

  #common() {
    const { scores, partners, taxonomy, config } = this.#input;
    return { scores, partners, taxonomy, config, coDelivery: this.coDelivery() };
  }

  /** A partner's suggested teammates (suggestTeammates over the whole ecosystem, once). */
  teammatesOf(partnerId: string): TeammateSuggestion | undefined {
    this.#teammates ??= new Map(suggestTeammates(this.#common()).map((s) => [s.partnerId, s]));
    return this.#teammates.get(partnerId);
  }

  /** A partner's skill-sharing suggestions, as learner and as mentor. */
  skillSharingOf(partnerId: string): SkillSharingOfPartner | undefined {
    this.#skillSharing ??= new Map(suggestSkillSharing(this.#common()).map((s) => [s.partnerId, s]));
    return this.#skillSharing.get(partnerId);
  }

  /** The gap fill of a cell flagged `gap` on the map; undefined for any other cell. */
  gapFillOf(cell: string): GapFill | undefined {
    this.#gapFills ??= new Map(fillGaps(this.#common()).map((g) => [g.cell, g]));
    return this.#gapFills.get(cell);
  }

  /** The co-delivery network, optionally of one sector and / or technology. */
  network(filter: { sector?: string; technology?: string }): CoDeliveryGraph {
    const key = `${filter.sector ?? '*'}|${filter.technology ?? '*'}`;
    let graph = this.#networks.get(key);
    if (!graph) {
      graph = buildCoDeliveryGraph({
        deals: this.#input.deals,
        partners: this.#input.partners,
        index: this.coDelivery(),
        ...filter,
      });
      this.#networks.set(key, graph);
    }
    return graph;
  }
}
