/** The model entities a CRM mapping fills and a connector reads. */
export const ENTITY_NAMES = ['partners', 'deals', 'certifications', 'people'] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];
