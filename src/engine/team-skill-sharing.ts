/** Skill sharing: top-level partners paired with partners that win in the same cell but need technical enablement there. */
import type { Deal } from '../model/deal.js';
import type { Partner, PartnerId } from '../model/partner.js';
import type { SkillShare, SkillSharingOfPartner } from '../model/score-gaps.js';
import type { PartnerScore } from '../model/score-snapshot.js';
import type { ScoringConfig } from '../model/scoring.js';
import type { Taxonomy } from '../model/taxonomy.js';
import { cellLabel } from './explain.js';
import {
  compareIds,
  holds,
  levelName,
  readTeamCells,
  type TeamEntry,
  type TeamScores,
} from './team-cells.js';
import { type CoDeliveryIndex, sharedWonDeals } from './team-co-delivery.js';
import { coDeliveryFor } from './team-match.js';
import { count } from './words.js';

/** Mentors suggested per technical-enablement need. */
export const MENTORS_PER_NEED = 3;

export interface SkillSharingInput {
  /** A fresh run, or a snapshot's cells and partner scores (for the needs). */
  scores: TeamScores & { partners: readonly PartnerScore[] };
  partners: readonly Partner[];
  taxonomy: Taxonomy;
  config: ScoringConfig;
  deals?: readonly Deal[];
  coDelivery?: CoDeliveryIndex;
  options?: { mentorsPerNeed?: number };
}

/**
 * Skill-sharing suggestions, listed per partner (as learner and as mentor; partners without any are
 * left out), sorted by partner id. For every technical-enablement need (diagnoseNeeds: the partner wins
 * in the cell but has few certified people there), the mentors are partners holding the ladder's top level:
 * first in the need's own cell, then — for a sector × technology cell — in its technology alone (technical
 * skill travels across sectors). Among those, partners that already co-delivered with the learner, then
 * partners of the learner's region, then the highest score. The mode says what to propose:
 * `joint-delivery` when they already shared won deals, `subcontracting` when the learner has open deals
 * in the cell (work to deliver now), `mentoring` otherwise.
 */
export function suggestSkillSharing(input: SkillSharingInput): SkillSharingOfPartner[] {
  const { taxonomy, config } = input;
  const perNeed = input.options?.mentorsPerNeed ?? MENTORS_PER_NEED;
  const needs = input.scores.partners.flatMap((p) =>
    p.needs
      .filter((n) => n.need === 'technical-enablement' && n.cell !== null)
      .map((n) => ({ partnerId: p.partnerId, cell: n.cell!, summary: n.summary })),
  );
  if (needs.length === 0) return [];
  const wanted = new Set<string>();
  for (const n of needs) {
    wanted.add(n.cell);
    const [s = '*', t = '*'] = n.cell.split('|');
    if (s !== '*' && t !== '*') wanted.add(`*|${t}`);
  }
  const index = readTeamCells(input.scores, config, wanted);
  const partnerById = new Map<string, Partner>(input.partners.map((p) => [p.id, p]));
  const co = coDeliveryFor(input.scores, input.partners, input.deals, input.coDelivery);

  const suggestions: SkillShare[] = [];
  for (const need of needs) {
    const learner = index.byPartner.get(need.partnerId)?.get(need.cell);
    // No mentor for a partner without evidence to build on (needs stored by older runs may still name one).
    if (!learner || learner.wonCustomers === 0) continue;
    const learnerPartner = partnerById.get(need.partnerId);
    const [, t = '*'] = need.cell.split('|');
    const cells = need.cell.startsWith('*|') ? [need.cell] : [need.cell, `*|${t}`];
    const seen = new Set<string>();
    const mentors: { e: TeamEntry; tier: number; co: number; sameRegion: boolean }[] = [];
    cells.forEach((cell, tier) => {
      for (const e of index.byCell.get(cell) ?? []) {
        if (!holds(e, 0) || e.partnerId === need.partnerId || seen.has(e.partnerId)) continue;
        seen.add(e.partnerId);
        const region = partnerById.get(e.partnerId)?.region ?? null;
        mentors.push({
          e,
          tier,
          co: sharedWonDeals(co, e.partnerId, need.partnerId),
          sameRegion: region !== null && region === (learnerPartner?.region ?? null),
        });
      }
    });
    mentors.sort(
      (x, y) =>
        x.tier - y.tier ||
        Number(y.co > 0) - Number(x.co > 0) ||
        Number(y.sameRegion) - Number(x.sameRegion) ||
        y.e.score - x.e.score ||
        compareIds(x.e.partnerId, y.e.partnerId),
    );
    for (const m of mentors.slice(0, perNeed)) {
      const mentorPartner = partnerById.get(m.e.partnerId);
      const mode = m.co > 0 ? 'joint-delivery' : learner.openDeals > 0 ? 'subcontracting' : 'mentoring';
      const mentorName = mentorPartner?.name ?? m.e.partnerId;
      const learnerName = learnerPartner?.name ?? need.partnerId;
      const why =
        mode === 'joint-delivery'
          ? `they already co-delivered ${count(m.co, 'won deal', 'won deals')}`
          : mode === 'subcontracting'
            ? `${learnerName} has ${count(learner.openDeals, 'open deal', 'open deals')} there to deliver`
            : 'no shared deals or open pipeline yet';
      suggestions.push({
        cell: need.cell,
        label: cellLabel(need.cell, taxonomy),
        mode,
        mentor: {
          partnerId: m.e.partnerId,
          name: mentorPartner?.name ?? null,
          region: mentorPartner?.region ?? null,
          cell: m.e.cell,
          level: levelName(index, m.e) ?? '',
          score: m.e.score,
          wonCustomers: m.e.wonCustomers,
          certifiedPeople: m.e.certifiedPeople,
        },
        learner: {
          partnerId: need.partnerId,
          name: learnerPartner?.name ?? null,
          region: learnerPartner?.region ?? null,
          score: learner.score,
          wonCustomers: learner.wonCustomers,
          certifiedPeople: learner.certifiedPeople,
          openDeals: learner.openDeals,
          need: need.summary,
        },
        coDeliveredWonDeals: m.co,
        reason:
          `${mentorName} is ${levelName(index, m.e)} in ${cellLabel(m.e.cell, taxonomy)} (${count(m.e.certifiedPeople, 'certified person', 'certified people')}, ` +
          `${count(m.e.wonCustomers, 'won customer', 'won customers')}); ${learnerName} wins in ${cellLabel(need.cell, taxonomy)} ` +
          `(${count(learner.wonCustomers, 'won customer', 'won customers')}) with ${count(learner.certifiedPeople, 'certified person', 'certified people')}: ${mode} (${why})`,
      });
    }
  }

  const byPartner = new Map<PartnerId, SkillSharingOfPartner>();
  const entry = (id: PartnerId) => {
    let e = byPartner.get(id);
    if (!e) {
      e = { partnerId: id, name: partnerById.get(id)?.name ?? null, learnFrom: [], teach: [] };
      byPartner.set(id, e);
    }
    return e;
  };
  for (const s of suggestions) {
    entry(s.learner.partnerId).learnFrom.push(s);
    entry(s.mentor.partnerId).teach.push(s);
  }
  return [...byPartner.values()].sort((a, b) => compareIds(a.partnerId, b.partnerId));
}
