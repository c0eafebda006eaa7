/** Metadata API helpers: chunked read / upsert / delete / list through the client, answers normalised. */
import { z } from 'zod';
import { CrmApiError } from '../../src/errors.js';
import { chunk } from '../kit/chunk.js';
import type { SalesforceClient } from './client.js';
import { SF_METADATA_CRUD_MAX } from './limits.js';

/** SOAP answers hold one element as an object and several as an array. */
export function asArray<T = unknown>(v: unknown): T[] {
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]) as T[];
}

const MetadataRecordSchema = z.record(z.string(), z.unknown());
export type MetadataRecord = z.infer<typeof MetadataRecordSchema>;

const SaveResultSchema = z.object({
  fullName: z.string(),
  success: z.union([z.boolean(), z.string()]).transform((v) => v === true || v === 'true'),
  created: z
    .union([z.boolean(), z.string()])
    .optional()
    .transform((v) => v === true || v === 'true'),
  errors: z.unknown().optional(),
});

const ListResultSchema = z.object({
  fullName: z.string(),
  id: z.string().optional(),
  type: z.string().optional(),
});

/** Reads components by full name (10 per call); missing ones come back as null. https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_readMetadata.htm */
export async function readMetadata(
  client: SalesforceClient,
  type: string,
  fullNames: readonly string[],
): Promise<Map<string, MetadataRecord>> {
  const found = new Map<string, MetadataRecord>();
  for (const part of chunk(fullNames, SF_METADATA_CRUD_MAX)) {
    const answer: unknown = await client.metadata('metadata.read', (api) =>
      api.read(type as 'CustomField', [...part]),
    );
    for (const item of asArray(answer)) {
      const parsed = MetadataRecordSchema.safeParse(item);
      if (!parsed.success) continue;
      const name = parsed.data.fullName;
      // Salesforce answers a component that does not exist with an empty record (no fullName).
      if (typeof name === 'string' && name !== '') found.set(name, parsed.data);
    }
  }
  return found;
}

function saveErrorText(errors: unknown): string {
  return asArray<Record<string, unknown>>(errors)
    .map((e) => `${String(e.statusCode ?? '')}: ${String(e.message ?? '')}`)
    .join('; ');
}

/** Upserts components (10 per call); throws naming the first component Salesforce refused. https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_upsertMetadata.htm */
export async function upsertMetadata(
  client: SalesforceClient,
  type: string,
  components: readonly MetadataRecord[],
): Promise<void> {
  for (const part of chunk(components, SF_METADATA_CRUD_MAX)) {
    const answer: unknown = await client.metadata('metadata.upsert', (api) =>
      api.upsert(type as 'CustomField', part as unknown as Parameters<typeof api.upsert>[1]),
    );
    for (const raw of asArray(answer)) {
      const r = SaveResultSchema.parse(raw);
      if (!r.success) {
        throw new CrmApiError(`Salesforce refused ${type} ${r.fullName}: ${saveErrorText(r.errors)}`, {
          system: 'salesforce',
          operation: 'metadata.upsert',
          method: 'POST',
          path: `/services/Soap/m/${client.apiVersion}`,
          retryable: false,
        });
      }
    }
  }
}

/** Deletes components (10 per call). https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_deleteMetadata.htm */
export async function deleteMetadata(
  client: SalesforceClient,
  type: string,
  fullNames: readonly string[],
): Promise<Map<string, string | null>> {
  const outcome = new Map<string, string | null>();
  for (const part of chunk(fullNames, SF_METADATA_CRUD_MAX)) {
    const answer: unknown = await client.metadata('metadata.delete', (api) =>
      api.delete(type as 'CustomField', [...part]),
    );
    for (const raw of asArray(answer)) {
      const r = SaveResultSchema.parse(raw);
      outcome.set(r.fullName, r.success ? null : saveErrorText(r.errors));
    }
  }
  return outcome;
}

/** Full names of every component of a type. https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_listmetadata.htm */
export async function listMetadata(client: SalesforceClient, type: string): Promise<string[]> {
  const answer: unknown = await client.metadata('metadata.list', (api) => api.list([{ type }]));
  return asArray(answer).flatMap((raw) => {
    const r = ListResultSchema.safeParse(raw);
    return r.success ? [r.data.fullName] : [];
  });
}

/** Metadata booleans and numbers come back as text from SOAP. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null || a === '') return b === undefined || b === null || b === '';
  return String(a) === String(b);
}
