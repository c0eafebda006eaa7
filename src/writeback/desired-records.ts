/** The values Atlas wants on each CRM record of partners, from the engine's result and the write-back mapping. */
import { type EcosystemScores, writtenSegments } from '../engine/index.js';
import type { Partner, PartnerId, PartnerScore, Segment, Taxonomy } from '../model/index.js';
import { type ResultValue, resultValue } from './result-values.js';
import type { WritebackTarget } from './writeback-target.js';

export interface DesiredRecord {
  /** The CRM record id (Account / company) the values go to. */
  recordId: string;
  partnerId: PartnerId;
  /** By field name: every field of the target. */
  values: Record<string, ResultValue>;
  /** The partner's result. */
  score: PartnerScore;
  /** The segments written to the record and its lists (engine `writtenSegments`). */
  segments: readonly Segment[];
}

export interface DesiredOptions {
  taxonomy: Taxonomy;
  /** The instant the scores were computed for. */
  scoredAt: string;
  /** Suggested teammates' names per partner, best first. */
  teammates?: ReadonlyMap<PartnerId, readonly string[]>;
}

function cut(value: ResultValue, maxLength: number | null): ResultValue {
  if (maxLength === null || typeof value !== 'string' || value.length <= maxLength) return value;
  return `${value.slice(0, maxLength - 1)}…`;
}

/**
 * One desired record per partner record in the target's CRM object (a partner present in both CRMs gets
 * one in each). Partners without a record there are skipped.
 */
export function desiredRecords(
  target: WritebackTarget,
  scores: EcosystemScores,
  partners: readonly Partner[],
  options: DesiredOptions,
): DesiredRecord[] {
  const byId = new Map(scores.partners.map((s) => [s.partnerId, s]));
  const records: DesiredRecord[] = [];
  for (const partner of partners) {
    const score = byId.get(partner.id);
    if (!score) continue;
    const cells = scores.cellsOf(partner.id);
    const segments = writtenSegments(score.segments, scores.core.config);
    const context = {
      taxonomy: options.taxonomy,
      scoredAt: options.scoredAt,
      cells,
      segments,
      teammates: options.teammates?.get(partner.id) ?? [],
    };
    for (const ref of partner.sourceRefs) {
      if (ref.system !== target.system || ref.object !== target.object) continue;
      const values: Record<string, ResultValue> = {};
      for (const field of target.fields) {
        values[field.name] = cut(resultValue(field.result, score, context), field.maxLength);
      }
      records.push({ recordId: ref.id, partnerId: partner.id, values, score, segments });
    }
  }
  return records;
}
