/** What one deal or certification is worth as evidence, shared by the evidence pass and the explanations of it. */
import type { Certification } from '../model/certification.js';
import type { Deal } from '../model/deal.js';
import type { ScoringConfig } from '../model/scoring.js';
import { dayNumber, monthsToDays } from './day-numbers.js';
import { decayRate, decayWeight } from './decay.js';

/** Certification states: not earned yet, counting, past its expiry date. */
export const CERT_STATE = { notYet: 0, active: 1, expired: 2 } as const;

/** A role's position in `EvidenceSettings.roleWeight` and `counted`. */
export const ROLES = { sourced: 0, delivered: 1, influenced: 2 } as const;

/**
 * The scoring config as the evidence pass reads it: numbers and arrays read once per run rather than
 * property paths read per deal.
 */
export interface EvidenceSettings {
  dealRate: number;
  /** Proof weight per role, indexed by ROLES. */
  roleWeight: number[];
  /** Whether a role's won deals count towards levels, indexed by ROLES. */
  counted: boolean[];
  levelWindowStart: number;
  demandWindowStart: number;
  lookback: number;
  sizeReference: number;
  sizeWeight: number;
  repeatCustomerWeight: number;
  signalWeights: ScoringConfig['delivery']['signalWeights'];
}

export function evidenceSettings(config: ScoringConfig, today: number): EvidenceSettings {
  const roles = config.proof.roleWeights;
  const counted = [false, false, false];
  for (const role of config.levels.countedRoles) counted[ROLES[role]] = true;
  return {
    dealRate: decayRate(config.recency.dealHalfLifeDays),
    roleWeight: [roles.sourced, roles.delivered, roles.influenced],
    counted,
    levelWindowStart: today - monthsToDays(config.levels.windowMonths),
    demandWindowStart: today - monthsToDays(config.map.demandWindowMonths),
    lookback: config.needs.reengagementLookbackDays,
    sizeReference: config.proof.sizeReference,
    sizeWeight: config.proof.sizeWeight,
    repeatCustomerWeight: config.proof.repeatCustomerWeight,
    signalWeights: config.delivery.signalWeights,
  };
}

/** Day a deal counts from: its close date, else its last change; NaN with neither. */
export function dealDayOf(deal: Deal): number {
  const day = dayNumber(deal.closeDate);
  return Number.isNaN(day) ? dayNumber(deal.lastModified) : day;
}

/** Whether a certification counts today: earned (or undated) and not past its expiry date. */
export function certStateOf(cert: Certification, today: number): number {
  const earned = dayNumber(cert.earnedDate);
  if (earned > today) return CERT_STATE.notYet;
  return dayNumber(cert.expiryDate) <= today ? CERT_STATE.expired : CERT_STATE.active;
}

/**
 * Largest base-currency amount that counts toward deal size or open pipeline. Defence in depth behind the
 * mapping's own bound (DEAL_AMOUNT_MAX, 1e12): amounts are held as 32-bit floats, which overflow to
 * Infinity above about 3.4e38, and one such deal (a HubSpot amount "1e39") once made every score NaN.
 */
export const COUNTED_AMOUNT_MAX = 1e15;

/**
 * A base-currency amount as the evidence pass holds it (a 32-bit float), or NaN — no amount, so the deal
 * still counts without its size — when it is negative, not finite or above {@link COUNTED_AMOUNT_MAX}.
 */
export function countedAmount(amountBase: number): number {
  return amountBase >= 0 && amountBase <= COUNTED_AMOUNT_MAX ? Math.fround(amountBase) : Number.NaN;
}

/** Size factor of a won deal: 1 + w·log2(1 + amount / reference) — logarithmic, never linear; 1 without an amount. */
export function sizeFactor(amountBase: number, sizeWeight: number, sizeReference: number): number {
  return amountBase > 0 ? 1 + sizeWeight * Math.log2(1 + amountBase / sizeReference) : 1;
}

/**
 * The proof weight one won deal gives a partner (role × decay × size), computed exactly as the evidence
 * pass does (amounts held as 32-bit floats), for explanations.
 */
export function dealProofWeight(deal: Deal, partnerId: string, config: ScoringConfig, today: number): number {
  const role = deal.partners.find((dp) => dp.partnerId === partnerId)?.role;
  if (role === undefined) return 0;
  const day = dealDayOf(deal);
  if (Number.isNaN(day)) return 0;
  const rate = deal.amount === null ? undefined : config.currency.rates[deal.amount.currency];
  const amount =
    deal.amount === null || rate === undefined ? Number.NaN : countedAmount(deal.amount.amount * rate);
  return (
    config.proof.roleWeights[role] *
    decayWeight(today - day, decayRate(config.recency.dealHalfLifeDays)) *
    sizeFactor(amount, config.proof.sizeWeight, config.proof.sizeReference)
  );
}

/** The skill weight of one certification (level weight × decay since earned), as the evidence pass computes it. */
export function certSkillWeight(cert: Certification, config: ScoringConfig, today: number): number {
  const earned = dayNumber(cert.earnedDate);
  return (
    config.skills.levelWeights[cert.level] *
    (Number.isNaN(earned)
      ? 1
      : decayWeight(today - earned, decayRate(config.recency.certificationHalfLifeDays)))
  );
}
