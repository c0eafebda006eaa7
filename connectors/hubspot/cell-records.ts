/**
 * Per-cell records in HubSpot: the `atlas_expertise` custom object (one record per levelled partner × sector ×
 * technology cell, associated with its company), its schema as provisioning creates it, and the port that
 * reads them once per run, upserts them by the unique `atlas_key` and archives the gone ones. Custom objects
 * need an Enterprise subscription; other portals keep the `atlas_expertise_cells` company property only.
 * https://developers.hubspot.com/docs/api-reference/crm-custom-objects-v3/guide
 */
import { z } from 'zod';
import { AtlasError } from '../../src/errors.js';
import { chunk } from '../kit/chunk.js';
import { parseAnswer } from '../kit/parse-answer.js';
import type { CellRecord, CellRecordPort, HeldCellRecord, WriteOutcome } from '../types.js';
import { CONNECTOR_ERRORS } from '../types.js';
import type { HubSpotClient } from './client.js';
import { HS_BATCH_MAX, HS_LIST_PAGE_MAX } from './limits.js';
import type { ObjectTypes } from './object-types.js';
import { HubSpotBatchErrorSchema } from './raw.js';
import { decodeHubSpotValue } from './values.js';
import { batchErrorOutcomes, callFailedOutcomes, refusedOutcome } from './write.js';

/** The unique property records are upserted by (`idProperty`). */
export const HS_CELL_KEY_PROPERTY = 'atlas_key';
/** The object the records are associated with (their partner company). */
const PARENT_OBJECT = 'companies';

/** One property of the object: its definition and the model value it holds. */
interface CellProperty {
  name: string;
  label: string;
  type: 'string' | 'number' | 'datetime';
  fieldType: 'text' | 'number' | 'date';
  value: Exclude<keyof CellRecord, 'parentId'>;
}

const text = (name: string, label: string, value: CellProperty['value']): CellProperty => ({
  name,
  label,
  type: 'string',
  fieldType: 'text',
  value,
});
const number = (name: string, label: string, value: CellProperty['value']): CellProperty => ({
  name,
  label,
  type: 'number',
  fieldType: 'number',
  value,
});

/** Every property, mirroring the Salesforce `Atlas_Expertise__c` fields (contract of issue #17). */
export const HS_CELL_PROPERTIES: readonly CellProperty[] = [
  text(HS_CELL_KEY_PROPERTY, 'Atlas key', 'key'),
  text('cell_name', 'Cell', 'name'),
  text('sector', 'Sector', 'sector'),
  text('technology', 'Technology', 'technology'),
  text('level', 'Level', 'level'),
  number('score', 'Score', 'score'),
  number('confidence', 'Confidence (%)', 'confidence'),
  number('won_customers', 'Won customers', 'wonCustomers'),
  number('certified_people', 'Certified people', 'certifiedPeople'),
  text('next_level', 'Next level', 'nextLevel'),
  { name: 'scored_at', label: 'Scored at', type: 'datetime', fieldType: 'date', value: 'scoredAt' },
];

const WRITTEN = 'Written by Partner Atlas every night; edits are overwritten on the next run.';

/**
 * The body of `POST /crm/v3/schemas`: the cell in words is the record's name, `atlas_key` is unique (HubSpot
 * refuses a second record with the same value, which makes it an `idProperty` for upserts).
 * https://developers.hubspot.com/docs/api-reference/crm-custom-objects-v3/guide
 */
export function cellObjectSchema(object: string) {
  return {
    name: object,
    description:
      'One record per partner sector × technology cell with a level, written nightly by Partner Atlas; edits are overwritten.',
    labels: { singular: 'Atlas expertise', plural: 'Atlas expertise' },
    primaryDisplayProperty: 'cell_name',
    secondaryDisplayProperties: ['level', 'score'],
    searchableProperties: ['cell_name', 'sector', 'technology'],
    requiredProperties: ['cell_name', HS_CELL_KEY_PROPERTY],
    associatedObjects: ['COMPANY'],
    properties: HS_CELL_PROPERTIES.map((p) => ({
      name: p.name,
      label: p.label,
      type: p.type,
      fieldType: p.fieldType,
      description: WRITTEN,
      ...(p.name === HS_CELL_KEY_PROPERTY ? { hasUniqueValue: true } : {}),
    })),
  };
}

/** The properties of one record as HubSpot stores them (text; an empty value clears). */
export function toHubSpotCellProperties(record: CellRecord): Record<string, string> {
  return Object.fromEntries(HS_CELL_PROPERTIES.map((p) => [p.name, String(record[p.value])]));
}

const HubSpotCellRowSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  properties: z.record(z.string(), z.string().nullable()).default({}),
  associations: z
    .record(
      z.string(),
      z.object({ results: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String) })) }),
    )
    .optional(),
});
type HubSpotCellRow = z.infer<typeof HubSpotCellRowSchema>;

/** `GET /crm/v3/objects/{objectType}?associations=companies`: the last page has no `paging`. */
const HubSpotCellPageSchema = z.object({
  results: z.array(HubSpotCellRowSchema),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

/** A batch upsert answer (200, or 207 with `errors`): each result says whether it was `new`. */
const HubSpotUpsertAnswerSchema = z.object({
  results: z
    .array(
      z.object({
        id: z.union([z.string(), z.number()]).transform(String),
        new: z.boolean().optional(),
        properties: z.record(z.string(), z.string().nullable()).default({}),
      }),
    )
    .default([]),
  errors: z.array(HubSpotBatchErrorSchema).default([]),
});

/** A v4 association batch answer (200, or 207 with `errors` naming the failed inputs). */
const HubSpotAssociateAnswerSchema = z.object({ errors: z.array(HubSpotBatchErrorSchema).default([]) });

/** A held record in the model's terms; its company is the first associated one ('' when none is). */
export function toHeldCellRecord(row: HubSpotCellRow): HeldCellRecord {
  const p = row.properties;
  const textOf = (name: string) => p[name] ?? '';
  const numberOf = (name: string) => {
    const value = decodeHubSpotValue('number', p[name] ?? null);
    return typeof value === 'number' ? value : 0;
  };
  const scoredAt = decodeHubSpotValue('datetime', p.scored_at ?? null);
  return {
    recordId: row.id,
    key: textOf(HS_CELL_KEY_PROPERTY),
    parentId: row.associations?.[PARENT_OBJECT]?.results[0]?.id ?? '',
    name: textOf('cell_name'),
    sector: textOf('sector'),
    technology: textOf('technology'),
    level: textOf('level'),
    score: numberOf('score'),
    confidence: numberOf('confidence'),
    wonCustomers: numberOf('won_customers'),
    certifiedPeople: numberOf('certified_people'),
    nextLevel: textOf('next_level'),
    scoredAt: typeof scoredAt === 'string' ? scoredAt : '',
  };
}

interface CellContext {
  client: HubSpotClient;
  types: ObjectTypes;
  object: string;
  /** The company each key was associated with at the last read: upserts associate where it differs. */
  heldParents: Map<string, string>;
}

/** The object's API name; a portal where provisioning has not created it is told what to run. */
async function apiNameOf(ctx: CellContext): Promise<string> {
  const type = await ctx.types.find(ctx.object);
  if (!type) {
    throw new AtlasError(
      'FIELD_NOT_PROVISIONED',
      `HubSpot has no custom object "${ctx.object}" for per-cell records yet: run \`atlas provision hubspot --apply\` (it needs an Enterprise subscription; without one, leave cellRecords out of the mapping and use the atlas_expertise_cells company property).`,
      { context: { system: 'hubspot', object: ctx.object } },
    );
  }
  return type.apiName;
}

/**
 * Every Atlas-keyed record with its company, in one list pass (100 per page) carrying the properties and
 * the company associations. https://developers.hubspot.com/docs/api-reference/crm-custom-objects-v3/guide
 */
async function readCellRecords(ctx: CellContext): Promise<HeldCellRecord[]> {
  const apiName = await apiNameOf(ctx);
  const held: HeldCellRecord[] = [];
  let after: string | undefined;
  do {
    ctx.client.assertBudget(`${ctx.object} records`);
    // GET /crm/v3/objects/{objectType}
    const answer = await ctx.client.request({
      operation: 'list',
      method: 'GET',
      path: `/crm/v3/objects/${apiName}`,
      qs: {
        limit: String(HS_LIST_PAGE_MAX),
        properties: HS_CELL_PROPERTIES.map((p) => p.name).join(','),
        associations: PARENT_OBJECT,
        ...(after ? { after } : {}),
      },
    });
    const page = HubSpotCellPageSchema.safeParse(answer.body);
    if (!page.success) {
      throw new AtlasError(
        CONNECTOR_ERRORS.schema,
        `A page of HubSpot ${ctx.object} records does not read as per-cell records: ${page.error.issues[0]?.message ?? 'bad page'}`,
        { context: { system: 'hubspot', object: ctx.object, after: after ?? '' } },
      );
    }
    for (const row of page.data.results) {
      const record = toHeldCellRecord(row);
      // Records made by hand (no key) are not Atlas's.
      if (record.key !== '') held.push(record);
    }
    after = page.data.paging?.next?.after;
  } while (after);
  ctx.heldParents = new Map(held.map((r) => [r.key, r.parentId]));
  return held;
}

/** One upsert call of at most 100 records; a 400 refuses them all for one bad value, so it is split. */
async function upsertPart(
  ctx: CellContext,
  apiName: string,
  part: readonly CellRecord[],
): Promise<{ outcomes: WriteOutcome[]; toAssociate: Array<{ id: string; companyId: string; key: string }> }> {
  const written = HS_CELL_PROPERTIES.map((p) => p.name);
  let answer: Awaited<ReturnType<HubSpotClient['request']>>;
  try {
    // POST /crm/v3/objects/{objectType}/batch/upsert: by `idProperty`, created when no record holds the value.
    // https://developers.hubspot.com/docs/api-reference/crm-custom-objects-v3/batch/upsert-custom-objects
    answer = await ctx.client.request({
      operation: 'batch/upsert',
      method: 'POST',
      path: `/crm/v3/objects/${apiName}/batch/upsert`,
      body: {
        inputs: part.map((r) => ({
          id: r.key,
          idProperty: HS_CELL_KEY_PROPERTY,
          properties: toHubSpotCellProperties(r),
        })),
      },
      accept: [400],
    });
  } catch (error) {
    return {
      outcomes: callFailedOutcomes(
        part.map((r) => r.key),
        error,
      ),
      toAssociate: [],
    };
  }
  if (answer.status === 400) {
    const only = part[0];
    if (part.length === 1 && only)
      return { outcomes: [refusedOutcome(only.key, answer.body, written)], toAssociate: [] };
    const half = Math.ceil(part.length / 2);
    const [a, b] = [
      await upsertPart(ctx, apiName, part.slice(0, half)),
      await upsertPart(ctx, apiName, part.slice(half)),
    ];
    return { outcomes: [...a.outcomes, ...b.outcomes], toAssociate: [...a.toAssociate, ...b.toAssociate] };
  }
  const body = parseAnswer(HubSpotUpsertAnswerSchema, answer.body, {
    crm: 'HubSpot',
    operation: 'batch upsert',
    object: apiName,
  });
  const byKey = new Map(part.map((r) => [r.key.toLowerCase(), r]));
  const outcomes = new Map<string, WriteOutcome>();
  const toAssociate: Array<{ id: string; companyId: string; key: string }> = [];
  for (const result of body.results) {
    const record = byKey.get((result.properties[HS_CELL_KEY_PROPERTY] ?? '').toLowerCase());
    if (!record) continue;
    outcomes.set(record.key, { recordId: record.key, ok: true });
    // A new record, or one whose company association is not the wanted one, is associated next.
    if (result.new || ctx.heldParents.get(record.key) !== record.parentId)
      toAssociate.push({ id: result.id, companyId: record.parentId, key: record.key });
  }
  for (const e of body.errors) {
    for (const outcome of batchErrorOutcomes(e, written)) {
      const record = byKey.get(outcome.recordId.toLowerCase());
      if (record) outcomes.set(record.key, { ...outcome, recordId: record.key });
    }
  }
  return {
    outcomes: part.map(
      (r) =>
        outcomes.get(r.key) ?? {
          recordId: r.key,
          ok: false,
          code: 'NO_OUTCOME',
          message: `HubSpot's answer did not mention the ${ctx.object} record ${r.name}; not counted as written.`,
          transient: true,
          fields: [],
        },
    ),
    toAssociate,
  };
}

/**
 * Associates records with their companies by the default association type, one call per upsert batch.
 * https://developers.hubspot.com/docs/api-reference/crm-associations-v4/guide
 * @returns by the id an error names (the cell record's or the company's), the failed outcome.
 */
async function associateWithCompanies(
  ctx: CellContext,
  apiName: string,
  links: ReadonlyArray<{ id: string; companyId: string; key: string }>,
): Promise<Map<string, WriteOutcome>> {
  const failures = new Map<string, WriteOutcome>();
  if (links.length === 0) return failures;
  try {
    // POST /crm/v4/associations/{fromObjectType}/{toObjectType}/batch/associate/default
    const answer = await ctx.client.request({
      operation: 'associations/create',
      method: 'POST',
      path: `/crm/v4/associations/${apiName}/${PARENT_OBJECT}/batch/associate/default`,
      body: { inputs: links.map((l) => ({ from: { id: l.id }, to: { id: l.companyId } })) },
    });
    for (const e of parseAnswer(HubSpotAssociateAnswerSchema, answer.body ?? {}, {
      crm: 'HubSpot',
      operation: 'batch associate',
      object: 'companies',
    }).errors) {
      for (const outcome of batchErrorOutcomes(e, [])) failures.set(outcome.recordId, outcome);
    }
  } catch (error) {
    const ids = links.map((l) => l.id);
    for (const outcome of callFailedOutcomes(ids, error)) failures.set(outcome.recordId, outcome);
  }
  return failures;
}

/**
 * Upserts by `atlas_key`, 100 per call, then associates new records (and any whose company changed) with
 * their company. A record whose association failed is reported failed: the next read finds it without its
 * company, so the diff writes and associates it again.
 */
async function upsertCellRecords(ctx: CellContext, records: readonly CellRecord[]): Promise<WriteOutcome[]> {
  const apiName = await apiNameOf(ctx);
  const outcomes: WriteOutcome[] = [];
  for (const part of chunk(records, HS_BATCH_MAX)) {
    const done = await upsertPart(ctx, apiName, part);
    const failures = await associateWithCompanies(ctx, apiName, done.toAssociate);
    const failedKeys = new Map<string, WriteOutcome>();
    for (const link of done.toAssociate) {
      // A missing record is named by its id: the cell record's or the company's.
      const failure = failures.get(link.id) ?? failures.get(link.companyId);
      if (failure && !failure.ok) {
        failedKeys.set(link.key, {
          ...failure,
          recordId: link.key,
          message: `written, but not associated with company ${link.companyId}: ${failure.message}`,
        });
      }
    }
    outcomes.push(...done.outcomes.map((o) => failedKeys.get(o.recordId) ?? o));
  }
  return outcomes;
}

/**
 * Archives by id, 100 per call. HubSpot answers 204 with no per-record result, so every id of a call that
 * succeeded is archived. https://developers.hubspot.com/docs/api-reference/crm-custom-objects-v3/batch/archive-custom-objects
 */
async function removeCellRecords(ctx: CellContext, recordIds: readonly string[]): Promise<WriteOutcome[]> {
  const apiName = await apiNameOf(ctx);
  const outcomes: WriteOutcome[] = [];
  for (const part of chunk(recordIds, HS_BATCH_MAX)) {
    try {
      // POST /crm/v3/objects/{objectType}/batch/archive
      await ctx.client.request({
        operation: 'batch/archive',
        method: 'POST',
        path: `/crm/v3/objects/${apiName}/batch/archive`,
        body: { inputs: part.map((id) => ({ id })) },
      });
      outcomes.push(...part.map((id): WriteOutcome => ({ recordId: id, ok: true })));
    } catch (error) {
      outcomes.push(...callFailedOutcomes(part, error));
    }
  }
  return outcomes;
}

/** The per-cell record port of the connector, over one custom object. */
export function hubspotCellRecords(
  client: HubSpotClient,
  types: ObjectTypes,
  object: string,
): CellRecordPort {
  const ctx: CellContext = { client, types, object, heldParents: new Map() };
  return {
    read: () => readCellRecords(ctx),
    upsert: (records) => upsertCellRecords(ctx, records),
    remove: (recordIds) => removeCellRecords(ctx, recordIds),
  };
}
