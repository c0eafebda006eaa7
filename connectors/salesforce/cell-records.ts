/**
 * Per-cell records in Salesforce: the `Atlas_Expertise__c` object (a child of Account, one record per
 * levelled partner × sector × technology cell), its fields as provisioning and the DX folder create them,
 * and the port that reads them once per run, upserts them by `Atlas_Key__c` and deletes the gone ones.
 */
import { z } from 'zod';
import { AtlasError, CrmApiError } from '../../src/errors.js';
import { chunk } from '../kit/chunk.js';
import { parseAnswer } from '../kit/parse-answer.js';
import type { CellRecord, CellRecordPort, HeldCellRecord, WriteOutcome } from '../types.js';
import { CONNECTOR_ERRORS } from '../types.js';
import { createQueryJob, fetchResultsPage, waitForQueryJob } from './bulk2-query.js';
import { SF_COLLECTION_MAX } from './limits.js';
import type { MetadataRecord } from './metadata.js';
import { queryFirst, queryMore } from './query-pages.js';
import { SalesforceSaveResultsSchema } from './raw.js';
import type { ReadContext } from './read.js';
import { chooseAfterFirstPage } from './read-choice.js';
import { soqlString } from './soql.js';
import { csvDecoder, toIsoDateTime } from './values.js';
import { callFailed, saveOutcome } from './write.js';

/** The object's API name the in-record components read (contract of issue #17). */
export const SF_CELL_OBJECT = 'Atlas_Expertise__c';
/** The external id records are upserted by. */
export const SF_CELL_KEY_FIELD = 'Atlas_Key__c';
/** The Lookup to Account, and its child relationship (`Atlas_Expertise__r` in SOQL and related lists). */
export const SF_CELL_PARENT_FIELD = 'Account__c';
export const SF_CELL_RELATIONSHIP = 'Atlas_Expertise';
/** Characters of the Name field (Text 80), which holds the cell in words. */
export const SF_CELL_NAME_MAX = 80;

/** One custom field of the object: its metadata, and the model value it holds (none for the parent lookup). */
interface CellField {
  field: string;
  label: string;
  /** The describe type, for decoding Bulk CSV. */
  describeType: 'string' | 'reference' | 'double' | 'percent' | 'datetime';
  metadata: MetadataRecord;
  value: keyof CellRecord;
}

const text = (length: number) => ({ type: 'Text', length });
const number = (precision: number, scale: number) => ({ type: 'Number', precision, scale });

/** Every custom field, in the contract's order. */
export const SF_CELL_FIELDS: readonly CellField[] = [
  {
    field: SF_CELL_KEY_FIELD,
    label: 'Atlas Key',
    describeType: 'string',
    metadata: { ...text(80), externalId: true, unique: true, caseSensitive: false },
    value: 'key',
  },
  {
    field: SF_CELL_PARENT_FIELD,
    label: 'Account',
    describeType: 'reference',
    metadata: {
      type: 'Lookup',
      referenceTo: 'Account',
      relationshipName: SF_CELL_RELATIONSHIP,
      relationshipLabel: 'Atlas Expertise',
      // A lookup must say what happens when the Account goes: the cells are cleared, then deleted next run.
      deleteConstraint: 'SetNull',
    },
    value: 'parentId',
  },
  { field: 'Sector__c', label: 'Sector', describeType: 'string', metadata: text(80), value: 'sector' },
  {
    field: 'Technology__c',
    label: 'Technology',
    describeType: 'string',
    metadata: text(80),
    value: 'technology',
  },
  { field: 'Level__c', label: 'Level', describeType: 'string', metadata: text(40), value: 'level' },
  { field: 'Score__c', label: 'Score', describeType: 'double', metadata: number(5, 1), value: 'score' },
  {
    field: 'Confidence__c',
    label: 'Confidence',
    describeType: 'percent',
    metadata: { type: 'Percent', precision: 3, scale: 0 },
    value: 'confidence',
  },
  {
    field: 'Won_Customers__c',
    label: 'Won Customers',
    describeType: 'double',
    metadata: number(6, 0),
    value: 'wonCustomers',
  },
  {
    field: 'Certified_People__c',
    label: 'Certified People',
    describeType: 'double',
    metadata: number(6, 0),
    value: 'certifiedPeople',
  },
  {
    field: 'Next_Level__c',
    label: 'Next Level',
    describeType: 'string',
    metadata: text(255),
    value: 'nextLevel',
  },
  {
    field: 'Scored_At__c',
    label: 'Scored At',
    describeType: 'datetime',
    metadata: { type: 'DateTime' },
    value: 'scoredAt',
  },
];

/**
 * The CustomObject: reportable (the report type and matrix report need it), its Name the cell in words.
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customobject.htm
 */
export function cellObjectMetadata(object: string): MetadataRecord {
  return {
    fullName: object,
    label: 'Atlas Expertise',
    pluralLabel: 'Atlas Expertise',
    description:
      'One record per partner sector × technology cell with a level, written nightly by Partner Atlas; edits are overwritten.',
    nameField: { label: 'Cell', type: 'Text' },
    deploymentStatus: 'Deployed',
    sharingModel: 'ReadWrite',
    enableReports: true,
    enableSearch: true,
    enableActivities: false,
    enableHistory: false,
  };
}

/** The CustomField metadata of every field of the object (full names `Object.Field__c`). */
export function cellFieldsMetadata(object: string): MetadataRecord[] {
  return SF_CELL_FIELDS.map((f) => ({
    fullName: `${object}.${f.field}`,
    label: f.label,
    ...f.metadata,
    ...(f.field === SF_CELL_PARENT_FIELD
      ? {}
      : { inlineHelpText: 'Written by Partner Atlas; edits are overwritten on the next run.' }),
  }));
}

/** One record of the upsert body (no `Id`: the external id in the URL picks the record). */
export function toSalesforceCellRecord(object: string, record: CellRecord): Record<string, unknown> {
  const body: Record<string, unknown> = { attributes: { type: object }, Name: record.name };
  for (const f of SF_CELL_FIELDS) {
    const value = record[f.value];
    body[f.field] = value === '' ? null : value;
  }
  return body;
}

/** A record as the REST query answers it (Bulk CSV rows are decoded to the same shape). */
const SalesforceCellRowSchema = z.object({
  Id: z.string(),
  Name: z.string().nullable(),
  Atlas_Key__c: z.string(),
  Account__c: z.string().nullable(),
  Sector__c: z.string().nullable(),
  Technology__c: z.string().nullable(),
  Level__c: z.string().nullable(),
  Score__c: z.number().nullable(),
  Confidence__c: z.number().nullable(),
  Won_Customers__c: z.number().nullable(),
  Certified_People__c: z.number().nullable(),
  Next_Level__c: z.string().nullable(),
  Scored_At__c: z.string().nullable(),
});
type SalesforceCellRow = z.infer<typeof SalesforceCellRowSchema>;

export function toHeldCellRecord(row: SalesforceCellRow): HeldCellRecord {
  return {
    recordId: row.Id,
    key: row.Atlas_Key__c,
    parentId: row.Account__c ?? '',
    name: row.Name ?? '',
    sector: row.Sector__c ?? '',
    technology: row.Technology__c ?? '',
    level: row.Level__c ?? '',
    score: row.Score__c ?? 0,
    confidence: row.Confidence__c ?? 0,
    wonCustomers: row.Won_Customers__c ?? 0,
    certifiedPeople: row.Certified_People__c ?? 0,
    nextLevel: row.Next_Level__c ?? '',
    scoredAt: row.Scored_At__c ? toIsoDateTime(row.Scored_At__c) : '',
  };
}

const SELECTED = ['Id', 'Name', ...SF_CELL_FIELDS.map((f) => f.field)];
const DESCRIBE_TYPES = new Map<string, string>([
  ['Id', 'id'],
  ['Name', 'string'],
  ...SF_CELL_FIELDS.map((f): [string, string] => [f.field, f.describeType]),
]);

function parseRow(object: string, row: Record<string, unknown>): HeldCellRecord {
  const parsed = SalesforceCellRowSchema.safeParse(row);
  if (!parsed.success) {
    throw new AtlasError(
      CONNECTOR_ERRORS.schema,
      `A ${object} record does not read as a per-cell record: ${parsed.error.issues[0]?.message ?? 'bad row'}`,
      { context: { object, recordId: String(row.Id ?? '') } },
    );
  }
  return toHeldCellRecord(parsed.data);
}

/** Bulk CSV rows (header names the columns) decoded by each column's describe type. */
function csvRows(header: readonly string[], rows: readonly string[][]): Record<string, unknown>[] {
  const decoders = header.map((h) => csvDecoder(DESCRIBE_TYPES.get(h) ?? 'string'));
  return rows.map((cells) =>
    Object.fromEntries(header.map((h, i) => [h, decoders[i]?.(cells[i] ?? '') ?? null])),
  );
}

/**
 * Every Atlas-keyed record of the object: the first REST page counts them, and the rest come by REST pages
 * or one Bulk API 2.0 job, whichever costs fewer calls (read-choice.ts), as every read of the connector.
 */
async function readCellRecords(ctx: ReadContext, object: string): Promise<HeldCellRecord[]> {
  const where = `${SF_CELL_KEY_FIELD} != null`;
  const soql = `SELECT ${SELECTED.join(', ')} FROM ${object} WHERE ${where} ORDER BY Id`;
  const first = await queryFirst(ctx, soql, 'query').catch((error: unknown) => {
    if (error instanceof CrmApiError && error.details.vendorCode === 'INVALID_TYPE') {
      throw new AtlasError(
        'FIELD_NOT_PROVISIONED',
        `The per-cell object ${object} does not exist yet (or the integration user cannot read it): run \`atlas provision salesforce --apply\``,
        { context: { object }, cause: error },
      );
    }
    throw error;
  });
  const rows = [...first.records];
  const last = rows.at(-1)?.Id;
  const path = chooseAfterFirstPage({
    total: first.totalSize,
    read: rows.length,
    resultsPage: ctx.bulkResultsPage,
    bulkAllowed: first.totalSize >= ctx.bulkQueryThreshold,
  });
  if (path === 'bulk2' && typeof last === 'string') {
    const rest = `SELECT ${SELECTED.join(', ')} FROM ${object} WHERE ${where} AND Id > ${soqlString(last)}`;
    const jobId = await createQueryJob(ctx.client, rest, 'query');
    await waitForQueryJob(ctx.client, jobId, ctx.poll);
    let locator: string | null = null;
    do {
      const page = await fetchResultsPage(
        ctx.client,
        jobId,
        locator,
        ctx.bulkResultsPage,
        ctx.downloadTimeoutMs,
      );
      rows.push(...csvRows(page.header, page.rows));
      locator = page.next;
    } while (locator);
  } else {
    let next = first.done ? undefined : first.nextRecordsUrl;
    while (next) {
      const page = await queryMore(ctx, next, 'queryMore');
      rows.push(...page.records);
      next = page.done ? undefined : page.nextRecordsUrl;
    }
  }
  return rows.map((row) => parseRow(object, row));
}

/** Turns a whole-call failure into one outcome per record, except an auth failure, which stops the run. */
function failedCall(ids: readonly string[], error: unknown): WriteOutcome[] {
  if (error instanceof AtlasError && error.code === CONNECTOR_ERRORS.auth) throw error;
  return ids.map((id) => callFailed(id, error));
}

/**
 * Upserts by external id, 200 per call, allOrNone false: one UpsertResult per record in request order.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm
 */
async function upsertCellRecords(
  ctx: ReadContext,
  object: string,
  records: readonly CellRecord[],
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  for (const part of chunk(records, SF_COLLECTION_MAX)) {
    const keys = part.map((r) => r.key);
    try {
      ctx.client.assertBudget({ object, operation: 'composite' });
      const res = await ctx.client.rest('composite', {
        method: 'PATCH',
        path: `/composite/sobjects/${object}/${SF_CELL_KEY_FIELD}`,
        body: { allOrNone: false, records: part.map((r) => toSalesforceCellRecord(object, r)) },
      });
      const results = parseAnswer(SalesforceSaveResultsSchema, res.body, {
        crm: 'Salesforce',
        operation: 'composite',
        object,
      });
      outcomes.push(...keys.map((key, i) => saveOutcome(key, results[i])));
    } catch (error) {
      outcomes.push(...failedCall(keys, error));
    }
  }
  return outcomes;
}

/**
 * Deletes by id, 200 per call, allOrNone false.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_delete.htm
 */
async function removeCellRecords(
  ctx: ReadContext,
  object: string,
  recordIds: readonly string[],
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  for (const part of chunk(recordIds, SF_COLLECTION_MAX)) {
    try {
      ctx.client.assertBudget({ object, operation: 'composite' });
      const ids = part.map(encodeURIComponent).join(',');
      const res = await ctx.client.rest('composite', {
        method: 'DELETE',
        path: `/composite/sobjects?ids=${ids}&allOrNone=false`,
      });
      const results = parseAnswer(SalesforceSaveResultsSchema, res.body, {
        crm: 'Salesforce',
        operation: 'composite',
        object,
      });
      outcomes.push(...part.map((id, i) => saveOutcome(id, results[i])));
    } catch (error) {
      outcomes.push(...failedCall(part, error));
    }
  }
  return outcomes;
}

/** The per-cell record port of the connector, over one object. */
export function salesforceCellRecords(ctx: ReadContext, object: string): CellRecordPort {
  return {
    read: () => readCellRecords(ctx, object),
    upsert: (records) => upsertCellRecords(ctx, object, records),
    remove: (recordIds) => removeCellRecords(ctx, object, recordIds),
  };
}
