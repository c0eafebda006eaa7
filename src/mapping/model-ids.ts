/**
 * Brands refKeys as model ids without a per-record zod parse (the mapping hot path): the only rule the id
 * schemas add to a string is a minimum length of 1, which a refKey always meets.
 */
import type { CertificationId, DealId, PartnerId } from '../model/index.js';

/** Narrows a refKey to a PartnerId. */
export function isPartnerId(key: string): key is PartnerId {
  return key.length > 0;
}

/** Narrows a refKey to a DealId. */
export function isDealId(key: string): key is DealId {
  return key.length > 0;
}

/** Narrows a refKey to a CertificationId. */
export function isCertificationId(key: string): key is CertificationId {
  return key.length > 0;
}

function brand<T extends string>(key: string, is: (key: string) => key is T, what: string): T {
  if (is(key)) return key;
  throw new Error(`empty ${what} id`);
}

/** The refKey as a PartnerId; throws on an empty key (mapRecord turns that into an error issue). */
export const toPartnerId = (key: string): PartnerId => brand(key, isPartnerId, 'partner');
/** The refKey as a DealId. */
export const toDealId = (key: string): DealId => brand(key, isDealId, 'deal');
/** The refKey as a CertificationId. */
export const toCertificationId = (key: string): CertificationId =>
  brand(key, isCertificationId, 'certification');
