/** Property and property-group definitions as HubSpot describes them (`/crm/v3/properties`), with zod schemas. */
import { z } from 'zod';

/** Property types HubSpot accepts: https://developers.hubspot.com/docs/api-reference/legacy/crm/properties/guide */
export const PropertyTypeSchema = z.enum([
  'string',
  'number',
  'date',
  'datetime',
  'enumeration',
  'bool',
  'phone_number',
]);
export type PropertyType = z.infer<typeof PropertyTypeSchema>;

export const FieldTypeSchema = z.enum([
  'text',
  'textarea',
  'html',
  'number',
  'date',
  'select',
  'radio',
  'checkbox',
  'booleancheckbox',
  'phonenumber',
  'file',
  'calculation_equation',
  'calculation_rollup',
  'calculation_score',
  'calculation_read_time',
]);
export type FieldType = z.infer<typeof FieldTypeSchema>;

/** Which field types each property type may use (the properties guide's table). */
export const FIELD_TYPES_BY_TYPE: Record<PropertyType, readonly FieldType[]> = {
  string: ['text', 'textarea', 'html', 'file', 'phonenumber'],
  number: [
    'number',
    'calculation_equation',
    'calculation_rollup',
    'calculation_score',
    'calculation_read_time',
  ],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox'],
  bool: ['booleancheckbox'],
  phone_number: ['phonenumber', 'text'],
};

export const PropertyOptionSchema = z.object({
  label: z.string(),
  value: z.string(),
  description: z.string().optional(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().default(false),
});
export type PropertyOption = z.infer<typeof PropertyOptionSchema>;

/** An internal property name: lower case letters, digits and underscores, starting with a letter. */
export const PropertyNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lower case letters, digits or _');

/** Body of `POST /crm/v3/properties/{objectType}` (PropertyCreate in @hubspot/api-client). */
export const PropertyCreateSchema = z.object({
  name: PropertyNameSchema,
  label: z.string().min(1),
  type: PropertyTypeSchema,
  fieldType: FieldTypeSchema,
  groupName: z.string().min(1),
  description: z.string().default(''),
  options: z.array(PropertyOptionSchema).default([]),
  displayOrder: z.number().int().default(-1),
  hasUniqueValue: z.boolean().default(false),
  hidden: z.boolean().default(false),
  formField: z.boolean().default(false),
  calculationFormula: z.string().optional(),
  externalOptions: z.boolean().optional(),
  referencedObjectType: z.string().optional(),
  showCurrencySymbol: z.boolean().optional(),
});
export type PropertyCreate = z.infer<typeof PropertyCreateSchema>;

/** Body of `PATCH /crm/v3/properties/{objectType}/{propertyName}` (PropertyUpdate). */
export const PropertyUpdateSchema = z
  .object({
    label: z.string().min(1),
    type: PropertyTypeSchema,
    fieldType: FieldTypeSchema,
    groupName: z.string().min(1),
    description: z.string(),
    options: z.array(PropertyOptionSchema),
    displayOrder: z.number().int(),
    hidden: z.boolean(),
    formField: z.boolean(),
    calculationFormula: z.string(),
  })
  .partial();
export type PropertyUpdate = z.infer<typeof PropertyUpdateSchema>;

/** A stored property: the create fields plus HubSpot's bookkeeping. */
export interface PropertyDefinition extends PropertyCreate {
  hubspotDefined: boolean;
  calculated: boolean;
  /** Values the API may not write (hs_object_id, hs_lastmodifieddate, calculated deal flags). */
  readOnlyValue: boolean;
  readOnlyDefinition: boolean;
  archivable: boolean;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt?: number;
}

/** Body of `POST /crm/v3/properties/{objectType}/groups`. */
export const PropertyGroupCreateSchema = z.object({
  name: PropertyNameSchema,
  label: z.string().min(1),
  displayOrder: z.number().int().default(-1),
});
export type PropertyGroupCreate = z.infer<typeof PropertyGroupCreateSchema>;

export const PropertyGroupUpdateSchema = z
  .object({ label: z.string().min(1), displayOrder: z.number().int() })
  .partial();

export interface PropertyGroupDefinition extends PropertyGroupCreate {
  archived: boolean;
}

/** Shorthand used by the default schema: a HubSpot-defined property. */
export function hubspotProperty(
  p: Pick<PropertyCreate, 'name' | 'label' | 'type' | 'fieldType' | 'groupName'> &
    Partial<PropertyCreate> & { readOnlyValue?: boolean; calculated?: boolean },
  at: number,
): PropertyDefinition {
  const { readOnlyValue = false, calculated = false, ...rest } = p;
  return {
    ...PropertyCreateSchema.parse(rest),
    hubspotDefined: true,
    calculated,
    readOnlyValue,
    readOnlyDefinition: true,
    archivable: false,
    createdAt: at,
    updatedAt: at,
    archived: false,
  };
}

/** Shorthand for a portal's custom property (created by the vendor's admins before Atlas arrived). */
export function customProperty(
  p: Pick<PropertyCreate, 'name' | 'label' | 'type' | 'fieldType' | 'groupName'> & Partial<PropertyCreate>,
  at: number,
): PropertyDefinition {
  return userDefinedProperty(PropertyCreateSchema.parse(p), at);
}

/** The definition HubSpot keeps for a property created through the API (or by an admin) at `at`. */
export function userDefinedProperty(create: PropertyCreate, at: number): PropertyDefinition {
  return {
    ...create,
    hubspotDefined: false,
    calculated: false,
    readOnlyValue: false,
    readOnlyDefinition: false,
    archivable: true,
    createdAt: at,
    updatedAt: at,
    archived: false,
  };
}

/** `[value, label]` pairs to HubSpot options with display order. */
export function optionsOf(pairs: ReadonlyArray<readonly [string, string]>): PropertyOption[] {
  return pairs.map(([value, label], i) => ({ value, label, displayOrder: i, hidden: false }));
}
