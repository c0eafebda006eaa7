/** API of the Mappings editor: read, validate as you type, field pickers, preview (records + write-back dry run), save with history, roll back. */
import { z } from 'zod';
import { errorMessage } from '../../errors.js';
import { formatBytes, MAPPING_FILES } from '../../mapping/index.js';
import { CrmSystemSchema } from '../../model/index.js';
import type { Store } from '../../store/index.js';
import type { ApiRoutes } from '../api-routes.js';
import { recordAudit } from '../audit.js';
import type { CrmPreviews } from '../deps.js';
import { httpError } from '../http-errors.js';
import { entitiesOf } from '../mapping-check.js';
import { type MappingFiles, MappingNameSchema, VersionIdSchema } from '../mapping-files.js';

/**
 * Largest mapping text the editor accepts, in bytes; the default files are about 10 KB. Validation grows
 * with the text (a 232 KB file took up to 2.4 s): it runs on a checking thread with a time limit
 * (mapping-check-thread.ts), and a bigger text is refused with 413 before it is parsed at all.
 */
const MAPPING_TEXT_MAX_BYTES = 128 * 1024;
/** Records previewed per entity at most. */
const PREVIEW_LIMIT_MAX = 20;

const MappingTextSchema = z.string().min(1, 'the mapping is empty');

/** Throws 413 when `text` is over {@link MAPPING_TEXT_MAX_BYTES}. */
function refuseOversized(text: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= MAPPING_TEXT_MAX_BYTES) return;
  throw httpError(
    413,
    `the mapping is ${formatBytes(bytes)}; the editor accepts at most ${formatBytes(MAPPING_TEXT_MAX_BYTES)} (the default files are about 10 KB)`,
    'text',
  );
}

const ProblemSchema = z.object({
  name: z.string(),
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  keyPath: z.string(),
  message: z.string(),
  hint: z.string().optional(),
});
const ValidationSchema = z.object({
  ok: z.boolean(),
  problems: z.array(ProblemSchema),
  summary: z.unknown(),
});
const SavedSchema = z.object({ savedAt: z.string(), previousVersion: z.string().nullable() });

export const ValidateBodySchema = z.strictObject({ name: MappingNameSchema, text: MappingTextSchema });
export const PreviewBodySchema = z.strictObject({
  system: CrmSystemSchema,
  text: MappingTextSchema,
  limit: z.number().int().min(1).max(PREVIEW_LIMIT_MAX).default(5),
});
export const SaveBodySchema = z.strictObject({ text: MappingTextSchema });
export const RollbackBodySchema = z.strictObject({ version: VersionIdSchema });

export function registerMappingsApi(
  api: ApiRoutes,
  files: MappingFiles,
  crm: CrmPreviews,
  store: Store,
  onSaved: () => void,
): void {
  registerMappingReads(api, files);
  registerMappingPreview(api, files, crm);
  registerMappingSaves(api, files, store, onSaved);
  registerFieldPicker(api, crm);
}

/** Reading the mapping files and validating an edit as it is typed. */
function registerMappingReads(api: ApiRoutes, files: MappingFiles): void {
  api.add({
    method: 'get',
    path: '/api/mappings',
    tag: 'mappings',
    summary: 'Every mapping file with its text, the objects each CRM mapping reads, and current problems',
    response: z.object({
      files: z.array(z.object({ name: MappingNameSchema, file: z.string(), text: z.string().nullable() })),
      objects: z.record(z.string(), z.array(z.object({ entity: z.string(), object: z.string() }))),
      validation: ValidationSchema,
    }),
    handler: async () => {
      const { files: list, validation } = files.read();
      const objects: Record<string, { entity: string; object: string }[]> = {};
      for (const f of list) {
        if ((f.name === 'salesforce' || f.name === 'hubspot') && f.text !== null)
          objects[f.name] = entitiesOf(f.name, f.text);
      }
      return { files: list, objects, validation };
    },
  });

  api.add({
    method: 'post',
    path: '/api/mappings/validate',
    tag: 'mappings',
    summary: 'Validates an edited file against the whole mapping directory; nothing is saved',
    role: 'editor',
    doing: 'Checking a mapping edit',
    body: ValidateBodySchema,
    response: ValidationSchema.extend({
      objects: z.array(z.object({ entity: z.string(), object: z.string() })),
    }),
    handler: async ({ body }) => {
      refuseOversized(body.text);
      const { validation, objects } = await files.validateWithObjects(body.name, body.text);
      return { ...validation, objects };
    },
  });
}

/** The preview of an edited CRM mapping: mapped records per entity and a write-back dry run. */
function registerMappingPreview(api: ApiRoutes, files: MappingFiles, crm: CrmPreviews): void {
  api.add({
    method: 'post',
    path: '/api/mappings/preview',
    tag: 'mappings',
    summary:
      'The first records of each entity mapped through an edited CRM mapping, and a write-back dry run',
    role: 'editor',
    doing: 'Previewing a mapping edit',
    body: PreviewBodySchema,
    response: z.object({
      entities: z.array(
        z.object({
          entity: z.string(),
          object: z.string(),
          records: z.array(z.unknown()),
          issues: z.array(z.unknown()),
          error: z.string().nullable(),
        }),
      ),
      writeback: z.object({ plan: z.unknown(), error: z.string().nullable() }),
    }),
    handler: async ({ body }) => previewMapping(files, crm, body),
  });
}

/**
 * Each entity's first records mapped through `body.text`, and the write-back plan it would make. A
 * failing entity or plan is reported in its place, so the others still show.
 */
async function previewMapping(
  files: MappingFiles,
  crm: CrmPreviews,
  body: z.infer<typeof PreviewBodySchema>,
) {
  refuseOversized(body.text);
  const { validation, objects } = await files.validateWithObjects(body.system, body.text);
  if (!validation.ok) {
    const first = validation.problems[0];
    throw httpError(
      400,
      `fix the mapping first: ${first ? `line ${first.line}: ${first.message}` : 'invalid'}`,
      'text',
    );
  }
  const entities = [];
  for (const { entity, object } of objects) {
    try {
      const result = await crm.previewRecords(body.system, entity, body.text, body.limit);
      entities.push({ entity, object, records: result.records, issues: result.issues, error: null });
    } catch (error) {
      entities.push({ entity, object, records: [], issues: [], error: errorMessage(error) });
    }
  }
  let writeback: { plan: unknown; error: string | null };
  try {
    writeback = { plan: await crm.previewWriteback(body.system, body.text), error: null };
  } catch (error) {
    writeback = { plan: null, error: errorMessage(error) };
  }
  return { entities, writeback };
}

/** Saving with history, reading saved versions, rolling back; `onSaved` reloads what depends on the files. */
function registerMappingSaves(api: ApiRoutes, files: MappingFiles, store: Store, onSaved: () => void): void {
  api.add({
    method: 'put',
    path: '/api/mappings/:name',
    tag: 'mappings',
    summary:
      'Saves a mapping file when the directory validates with it; the previous text is kept in history',
    role: 'editor',
    doing: 'Saving a mapping',
    params: z.object({ name: MappingNameSchema }),
    body: SaveBodySchema,
    response: SavedSchema,
    handler: async ({ params, body }, req) => {
      refuseOversized(body.text);
      const saved = await files.save(params.name, body.text);
      onSaved();
      await recordAudit(store, req, 'mapping-saved', `mappings/${MAPPING_FILES[params.name]}`, {
        file: MAPPING_FILES[params.name],
        previousVersion: saved.previousVersion,
      });
      return saved;
    },
  });

  api.add({
    method: 'get',
    path: '/api/mappings/:name/history',
    tag: 'mappings',
    summary: 'Saved versions of a mapping file, newest first',
    params: z.object({ name: MappingNameSchema }),
    response: z.object({
      versions: z.array(z.object({ version: z.string(), savedAt: z.string(), bytes: z.number() })),
    }),
    handler: async ({ params }) => ({ versions: files.history(params.name) }),
  });

  api.add({
    method: 'get',
    path: '/api/mappings/:name/history/:version',
    tag: 'mappings',
    summary: 'The text of one saved version',
    params: z.object({ name: MappingNameSchema, version: VersionIdSchema }),
    response: z.object({ version: z.string(), text: z.string() }),
    handler: async ({ params }) => ({
      version: params.version,
      text: files.version(params.name, params.version),
    }),
  });

  api.add({
    method: 'post',
    path: '/api/mappings/:name/rollback',
    tag: 'mappings',
    summary: 'Restores a saved version (validated like an edit; the current text goes to history)',
    role: 'editor',
    doing: 'Restoring a mapping',
    params: z.object({ name: MappingNameSchema }),
    body: RollbackBodySchema,
    response: SavedSchema,
    handler: async ({ params, body }, req) => {
      const saved = await files.rollback(params.name, body.version);
      onSaved();
      await recordAudit(store, req, 'mapping-restored', `mappings/${MAPPING_FILES[params.name]}`, {
        file: MAPPING_FILES[params.name],
        version: body.version,
        previousVersion: saved.previousVersion,
      });
      return saved;
    },
  });
}

/** A CRM object's fields, for the editor's field picker. */
function registerFieldPicker(api: ApiRoutes, crm: CrmPreviews): void {
  api.add({
    method: 'get',
    path: '/api/crm/:system/objects/:object/fields',
    tag: 'mappings',
    summary: "A CRM object's fields (Salesforce describe / HubSpot properties) for the field picker",
    // Each call goes to the live CRM (its API quota, its metadata): for those who edit mappings.
    role: 'editor',
    doing: 'Listing CRM fields',
    params: z.object({
      system: CrmSystemSchema,
      object: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'an object API name: letters, digits, _ and -'),
    }),
    response: z.object({
      fields: z.array(z.object({ name: z.string(), label: z.string(), type: z.string() })),
    }),
    handler: async ({ params }) => ({ fields: await crm.describeFields(params.system, params.object) }),
  });
}
