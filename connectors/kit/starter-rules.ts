/** The guesses a starter mapping makes from a CRM survey: which fields, values and labels mean what. */
import { CertificationLevelSchema, type DealRole } from '../../src/model/index.js';
import type { CrmSurvey, SurveyField, SurveyObject } from '../types.js';

/** Custom objects that may hold certifications (name or label). */
export const CERTIFICATION_OBJECT = /certif/i;
/** Account types, company types and lookups that name a partner. */
export const PARTNER_WORDS = /partner|resell|distribut|integrator|\bvar\b|channel/i;
/** Types that name a customer or a prospect, though they may mention the channel ("Customer - Channel"). */
const CUSTOMER_WORDS = /customer|prospect|client/i;

/** Whether an account or company type names partners (and not customers bought through them). */
export function namesPartnerType(text: string): boolean {
  return PARTNER_WORDS.test(text) && !CUSTOMER_WORDS.test(text);
}
export const REGION_FIELD = /region|territor/i;
export const TIER_FIELD = /tier/i;
export const SATISFACTION_FIELD = /csat|satisf|\bnps\b/i;
/** Line item / product fields that name what was sold. */
export const PRODUCT_FAMILY_FIELD = /family|product.?line|technolog/i;
export const TECHNOLOGY_FIELD = /technolog|family|product|track|specialt/i;
export const INDUSTRY_FIELD = /industr|sector|vertical/i;
/** A certification object's level field ("Tier" there is the certification's level, not a partner tier). */
export const LEVEL_FIELD = /level|grade|tier/i;
export const EARNED_FIELD = /earn|issue|achiev|award|complet|certified.?(on|date)/i;
export const EXPIRY_FIELD = /expir|valid.?until|valid.?to/i;

/** The CRM types whose values read as numbers (Salesforce describe types, HubSpot `number`). */
const NUMBER_TYPES = new Set(['double', 'int', 'percent', 'currency', 'number']);
const DATE_TYPES = new Set(['date', 'datetime']);

/** One object of the survey (case-insensitive), or undefined when the CRM lacks it. */
export function surveyObject(survey: CrmSurvey, name: string): SurveyObject | undefined {
  return survey.objects.find((o) => o.name.toLowerCase() === name.toLowerCase());
}

/** One field by API name (case-insensitive). */
export function fieldNamed(object: SurveyObject | undefined, name: string): SurveyField | undefined {
  return object?.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
}

/** The first field whose name or label matches and that `accept`s, custom fields first (an admin added them for this). */
export function findField(
  object: SurveyObject | undefined,
  pattern: RegExp,
  accept: (field: SurveyField) => boolean = () => true,
): SurveyField | undefined {
  const matches = (object?.fields ?? []).filter(
    (f) => (pattern.test(f.name) || pattern.test(f.label)) && accept(f),
  );
  return matches.find((f) => f.custom) ?? matches[0];
}

export const isNumber = (f: SurveyField): boolean => NUMBER_TYPES.has(f.type);
export const isDate = (f: SurveyField): boolean => DATE_TYPES.has(f.type);
export const hasValues = (f: SurveyField): boolean => f.values.length > 0;

/**
 * The deal role a partner label, role picklist value or lookup name suggests: implementation and delivery
 * words first ("Delivery partner" delivers), then resale and partnering ("Partner", "VAR/Reseller"), else
 * influenced. A guess, always written with a comment to review.
 */
export function guessRole(text: string): DealRole {
  if (/deliver|implement|integrat|consult|contractor|developer|servic/i.test(text)) return 'delivered';
  if (/resell|partner|\bvar\b|distribut|dealer|broker|sourc|referr/i.test(text)) return 'sourced';
  return 'influenced';
}

/** Picklist values that name a certification level → that level; values naming none are left out. */
export function levelValueMap(values: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const value of values) {
    const level = CertificationLevelSchema.options.find((l) => value.toLowerCase().includes(l));
    if (level) map[value] = level;
  }
  return map;
}

/** The satisfaction scale a number field suggests: percentages 0–100, anything else 0–10 (the usual CSAT). */
export function satisfactionScale(field: SurveyField): [number, number] {
  return field.type === 'percent' ? [0, 100] : [0, 10];
}

/** "a, b and c", for comments and the review list. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
