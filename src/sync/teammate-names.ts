/** The suggested teammates written back per partner: display names, best first (what `suggestedTeammates` fields hold). */
import { type EcosystemScores, suggestTeammates } from '../engine/index.js';
import type { LoadedMappings } from '../mapping/index.js';
import type { Deal, Partner, PartnerId } from '../model/index.js';

/** Suggested teammates' names per partner for a run's result, as the write-back writes them. */
export function teammateNames(
  scores: EcosystemScores,
  model: { partners: readonly Partner[]; deals: readonly Deal[] },
  mappings: Pick<LoadedMappings, 'taxonomy' | 'scoring'>,
): Map<PartnerId, string[]> {
  const suggestions = suggestTeammates({
    scores,
    partners: model.partners,
    taxonomy: mappings.taxonomy,
    config: mappings.scoring,
    deals: model.deals,
  });
  return new Map(suggestions.map((s) => [s.partnerId, s.teammates.map((t) => t.name ?? t.partnerId)]));
}
