/** The raw record a connector hands to the mapping layer, and the result of mapping it. */
import { z } from 'zod';
import type { Certification, Deal, Partner, Person, RecordIssue } from '../model/index.js';

/**
 * One CRM record as the connector read it. `values` is nested JSON where a dotted path resolves:
 * Salesforce relationship objects (`Account.Industry`) and child subqueries flattened to arrays
 * (`OpportunityLineItems`); HubSpot properties at the top level and associations as arrays of
 * `{ id, labels: string[], ...properties }` under the associated object's name (`companies`).
 */
export const RawRecordSchema = z.object({
  id: z.string().min(1),
  values: z.record(z.string(), z.unknown()),
});
export type RawRecord = z.infer<typeof RawRecordSchema>;

/** The model record type of each entity. */
export interface ModelByEntity {
  partners: Partner;
  deals: Deal;
  certifications: Certification;
  people: Person;
}

/** One raw record mapped: the record (null when skipped for an error issue) and every issue found. */
export interface MapResult<T> {
  record: T | null;
  issues: RecordIssue[];
}

/** A page mapped: the kept records (deduplicated by CRM id, last wins) and the issues of the whole page. */
export interface MappedPage<T> {
  records: T[];
  issues: RecordIssue[];
}
