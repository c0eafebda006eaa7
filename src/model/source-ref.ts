/** Where a model record came from: which CRM, which object, which record id. */
import { z } from 'zod';
import { CRM_SYSTEM_NAMES } from './crm-systems.js';

export const CrmSystemSchema = z.enum(CRM_SYSTEM_NAMES);
export type CrmSystem = z.infer<typeof CrmSystemSchema>;

/** A Salesforce record id: 15 or 18 case-sensitive alphanumerics. */
export const SalesforceIdSchema = z
  .string()
  .regex(/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/, 'a Salesforce id has 15 or 18 letters and digits')
  .brand<'SalesforceId'>();
export type SalesforceId = z.infer<typeof SalesforceIdSchema>;

/** A HubSpot object id (`hs_object_id`): a decimal number sent as a string. */
export const HubSpotIdSchema = z
  .string()
  .regex(/^\d+$/, 'a HubSpot object id is a decimal number')
  .brand<'HubSpotId'>();
export type HubSpotId = z.infer<typeof HubSpotIdSchema>;

export const SourceRefSchema = z.object({
  system: CrmSystemSchema,
  /** The CRM object name: `Account`, `Opportunity`, `companies`, `deals`, a custom object name. */
  object: z.string().min(1),
  id: z.string().min(1),
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

/** A stable string key for a source ref, e.g. `salesforce:Account:001000000000001AAA`. */
export function refKey(ref: SourceRef): string {
  return `${ref.system}:${ref.object}:${ref.id}`;
}

/** Parses a key made by {@link refKey}; the id may itself contain colons. */
export function parseRefKey(key: string): SourceRef {
  const [system, object, ...rest] = key.split(':');
  return SourceRefSchema.parse({ system, object, id: rest.join(':') });
}
