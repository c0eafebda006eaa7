/**
 * A won deal's delivery signals (satisfaction, renewal, expansion) packed into one byte per deal, and what
 * they add to delivery quality: the byte keeps the per-partner pass off the deal objects.
 */
import type { DeliverySignals } from '../model/deal.js';
import type { ScoringConfig } from '../model/scoring.js';

const HAS_SATISFACTION = 1;
const HAS_RENEWAL = 2;
const RENEWED = 4;
const HAS_EXPANSION = 8;
const EXPANDED = 16;

type SignalWeights = ScoringConfig['delivery']['signalWeights'];

/** The signal bits of a deal's delivery signals (0 when it has none). */
export function signalBits(signals: DeliverySignals): number {
  const { satisfaction, renewal, expansion } = signals;
  let bits = 0;
  if (satisfaction !== null) bits |= HAS_SATISFACTION;
  if (renewal !== null) bits |= HAS_RENEWAL | (renewal ? RENEWED : 0);
  if (expansion !== null) bits |= HAS_EXPANSION | (expansion ? EXPANDED : 0);
  return bits;
}

/**
 * Weighted positive signals of a deal. The satisfaction figure is not in the bits: the caller reads it
 * from the deal itself, and only when the bits say there is one (rare enough not to cost a column).
 */
export function deliveryValue(bits: number, satisfaction: number, weights: SignalWeights): number {
  let value = 0;
  if (bits & HAS_SATISFACTION) value += weights.satisfaction * satisfaction;
  if (bits & HAS_RENEWAL) value += bits & RENEWED ? weights.renewal : 0;
  if (bits & HAS_EXPANSION) value += bits & EXPANDED ? weights.expansion : 0;
  return value;
}

/** Total weight of the signals a deal has: what `deliveryValue` is out of. */
export function deliveryWeight(bits: number, weights: SignalWeights): number {
  let weight = 0;
  if (bits & HAS_SATISFACTION) weight += weights.satisfaction;
  if (bits & HAS_RENEWAL) weight += weights.renewal;
  if (bits & HAS_EXPANSION) weight += weights.expansion;
  return weight;
}

/** Whether the bits include a satisfaction figure (to be read from the deal). */
export function hasSatisfaction(bits: number): boolean {
  return (bits & HAS_SATISFACTION) !== 0;
}
