/**
 * Recommended partners on open deals: which deals of one CRM get them (open, the CRM's deal object, the
 * stages configured), the partners' records there, and the field values Atlas wants on each deal.
 */
import type { RecommendationSection } from '../../connectors/plugin.js';
import { cutText } from '../engine/index.js';
import type { Recommendation } from '../engine/recommend-partners.js';
import type { CrmSystem, Deal, Partner } from '../model/index.js';
import { type DiffField, figuresTextWorthWriting } from './diff-writeback.js';

/** Characters of a reason field (Salesforce Text 255; HubSpot strings hold more, one rule for both). */
export const REASON_MAX = 255;

export interface RecommendationTarget {
  system: CrmSystem;
  /** The deal object written to (`Opportunity`, `deals`). */
  object: string;
  /** The object partners have their records in (the write-back object: `Account`, `companies`). */
  partnerObject: string;
  count: number;
  /** Slot i: the i-th best partner's record id field, its name field (HubSpot), its reason field. */
  slots: { id: string; name: string | null; reason: string }[];
  recommendedAt: string;
  stages: readonly string[] | null;
  /** Every field, as the diff compares them. */
  fields: DiffField[];
}

/** The recommendation target of a write-back section, or null when it recommends nothing. */
export function recommendationTarget(
  system: CrmSystem,
  partnerObject: string,
  section: RecommendationSection | undefined,
): RecommendationTarget | null {
  if (!section) return null;
  const { fields } = section;
  const slots = fields.partners.map((id, i) => ({
    id,
    name: fields.names?.[i] ?? null,
    reason: fields.reasons[i] ?? '',
  }));
  return {
    system,
    object: section.object,
    partnerObject,
    count: section.count,
    slots,
    recommendedAt: fields.recommendedAt,
    stages: section.stages ?? null,
    fields: [
      ...slots.flatMap((s) => [
        { name: s.id, shape: 'text' as const },
        ...(s.name ? [{ name: s.name, shape: 'text' as const }] : []),
        { name: s.reason, shape: 'text' as const, worthWriting: figuresTextWorthWriting },
      ]),
      { name: fields.recommendedAt, shape: 'datetime' as const },
    ],
  };
}

/** Open deals whose source record is the target's deal object, at one of its stages when it names some. */
export function openDealsOf(deals: readonly Deal[], target: RecommendationTarget): Deal[] {
  return deals.filter(
    (d) =>
      !d.isClosed &&
      d.source.system === target.system &&
      d.source.object === target.object &&
      (target.stages === null || (d.stage !== null && target.stages.includes(d.stage))),
  );
}

/** The partner's record in the target's partner object, or null when it has none in that CRM. */
export function partnerRecordId(partner: Partner, target: RecommendationTarget): string | null {
  const ref = partner.sourceRefs.find((r) => r.system === target.system && r.object === target.partnerObject);
  return ref?.id ?? null;
}

/** Values for one deal record: `recordId` is the CRM's deal id, `partnerId` the model's deal id. */
export interface DesiredRecommendation {
  recordId: string;
  partnerId: string;
  values: Record<string, string | null>;
}

/**
 * The values each open deal should hold: slot by slot the partner's record id, name and reason, unused slots
 * empty (so fewer recommendations clear what an earlier night wrote), and the time they were worked out.
 */
export function desiredRecommendations(
  target: RecommendationTarget,
  deals: readonly Deal[],
  byDeal: ReadonlyMap<string, readonly Recommendation[]>,
  partners: readonly Partner[],
  recommendedAt: string,
): DesiredRecommendation[] {
  const recordOf = new Map(partners.map((p) => [p.id as string, partnerRecordId(p, target)]));
  return deals.map((deal) => {
    const picks = (byDeal.get(deal.id) ?? []).filter((r) => recordOf.get(r.partnerId));
    const values: Record<string, string | null> = {};
    target.slots.forEach((slot, i) => {
      const pick = picks[i];
      values[slot.id] = pick ? (recordOf.get(pick.partnerId) ?? null) : null;
      if (slot.name) values[slot.name] = pick?.name ?? null;
      values[slot.reason] = pick ? cutText(pick.reason, REASON_MAX) : null;
    });
    values[target.recommendedAt] = recommendedAt;
    return { recordId: deal.source.id, partnerId: deal.id, values };
  });
}
