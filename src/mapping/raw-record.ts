/** The raw record a connector hands to the mapping layer (declared by the port), and the result of mapping it. */
import type { Certification, Deal, Partner, Person, RecordIssue } from '../model/index.js';

export { type RawRecord, RawRecordSchema } from '../../connectors/read-plan.js';

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
