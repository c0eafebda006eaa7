/**
 * What the admin server is given to act with: runs under the store's lock, and the mapping editor's CRM
 * reads (field pickers, previews of an unsaved mapping).
 */
import type { Connector, ReadPlan } from '../../connectors/types.js';
import { AtlasError, MappingError } from '../errors.js';
import {
  bindBenefitFields,
  type ConnectorMapping,
  compileMapping,
  ENTITY_NAMES,
  type EntityName,
  loadMappings,
  mappingSchema,
  parseYamlFile,
} from '../mapping/index.js';
import type { Benefit } from '../model/benefits.js';
import type { CrmSystem } from '../model/index.js';
import type { CrmPreviews, StartRunOptions } from '../server/deps.js';
import type { Store } from '../store/index.js';
import { desiredRecords, diffWriteback, writebackTarget } from '../writeback/index.js';
import { currentScores } from './current-scores.js';
import { withRunLock } from './run-lock.js';
import { type ConnectorSource, type PipelineResult, runPipeline } from './run-pipeline.js';

/** Updates a write-back preview lists in full (the counts are always exact). */
const PREVIEW_UPDATES = 50;

export interface ServerServicesOptions {
  store: Store;
  mappingsDir: string;
  /**
   * Connectors for the CRMs to use, opened per run (tokens refresh, mappings may have been edited); openers
   * rather than opened connectors, so a CRM that cannot be opened fails inside the recorded run.
   */
  connectors: (
    systems: readonly CrmSystem[] | undefined,
  ) => Promise<Partial<Record<CrmSystem, ConnectorSource>>>;
  /** A run stops at its next checkpoint after this many minutes (ATLAS_RUN_DEADLINE_MINUTES). */
  deadlineMinutes?: number;
  lock: { owner: string; staleAfterMs: number };
  webhookUrl?: string;
  /** Pinned scoring instant (the demo's today); now when unset. */
  scoreAt?: () => string;
  /** Aborted when the server stops: runs in progress stop their pulls and end. */
  signal?: AbortSignal;
}

/** One whole run started from the web app, on the store the server's launcher watches for its run record. */
export async function runFromServer(
  options: ServerServicesOptions,
  store: Store,
  start: StartRunOptions,
): Promise<PipelineResult> {
  const connectors = await options.connectors(start.systems);
  return withRunLock(store, { ...options.lock, waitMs: 0 }, (lock) =>
    runPipeline({
      store,
      lock,
      mappings: loadMappings(options.mappingsDir),
      connectors,
      dryRun: start.dryRun,
      full: start.full,
      trigger: 'web',
      ...(options.scoreAt ? { scoreAt: options.scoreAt() } : {}),
      ...(options.webhookUrl ? { webhookUrl: options.webhookUrl } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.deadlineMinutes ? { deadlineMinutes: options.deadlineMinutes } : {}),
    }),
  );
}

/** The edited mapping, validated, with its write-back's benefit fields bound to benefits.yaml as a run binds them. */
function parseEditedMapping(system: CrmSystem, text: string, benefits: readonly Benefit[]): ConnectorMapping {
  const file = `${system}.yaml (edited)`;
  const parsed = parseYamlFile(file, text, mappingSchema(system));
  if (!parsed.ok) throw new MappingError(parsed.problems);
  const writeback = parsed.value.writeback;
  const problems = writeback ? bindBenefitFields(writeback.fields, benefits, parsed.locator) : [];
  if (problems.length > 0) throw new MappingError(problems);
  return parsed.value;
}

async function oneConnector(options: ServerServicesOptions, system: CrmSystem): Promise<Connector> {
  const source = (await options.connectors([system]))[system];
  if (!source) throw new AtlasError('CONFIG_INVALID', `${system} is not configured (see .env.example)`);
  return typeof source === 'function' ? source() : source;
}

export function createCrmPreviews(options: ServerServicesOptions): CrmPreviews {
  return {
    describeFields: async (system, object) => (await oneConnector(options, system)).describeFields(object),
    previewRecords: async (system, entity, text, limit) => {
      if (!ENTITY_NAMES.includes(entity as EntityName)) {
        throw new AtlasError('USAGE', `entity must be one of ${ENTITY_NAMES.join(', ')}`);
      }
      const mappings = loadMappings(options.mappingsDir);
      const compiled = compileMapping(
        parseEditedMapping(system, text, mappings.benefits),
        mappings.taxonomy,
        mappings.scoring.currency,
      );
      const compiledEntity = compiled.entity(entity as EntityName);
      if (!compiledEntity) throw new AtlasError('USAGE', `the edited mapping does not read ${entity}`);
      const connector = await oneConnector(options, system);
      const plan: ReadPlan = compiledEntity.readPlan;
      const raws = [];
      for await (const page of connector.read(plan, {
        cursor: null,
        runStartedAt: new Date().toISOString(),
        lookbackMs: 0,
        limit,
      })) {
        raws.push(...page.records);
        if (raws.length >= limit) break;
      }
      const mapped = compiledEntity.mapPage(raws.slice(0, limit));
      return { records: mapped.records, issues: mapped.issues };
    },
    previewWriteback: async (system, text) => {
      const mappings = loadMappings(options.mappingsDir);
      const mapping = parseEditedMapping(system, text, mappings.benefits);
      if (!mapping.writeback) throw new AtlasError('USAGE', 'the edited mapping has no writeback section');
      const scoreAt = options.scoreAt?.() ?? new Date().toISOString();
      const { model, scores } = await currentScores(options.store, mappings, scoreAt);
      const target = writebackTarget(system, mapping.writeback);
      const desired = desiredRecords(target, scores, model.partners, {
        taxonomy: mappings.taxonomy,
        scoredAt: scoreAt,
      });
      const [lastWritten, failures] = await Promise.all([
        options.store.listLastWritten({ system, object: target.object }),
        options.store.listWriteFailures({ system, object: target.object }),
      ]);
      const diff = diffWriteback({
        target,
        desired,
        lastWritten,
        crmValues: new Map(),
        failures,
        maxAttempts: 5,
      });
      return {
        system,
        object: target.object,
        fields: target.fields.map((f) => ({ name: f.name, result: f.result })),
        records: desired.length,
        recordsToUpdate: diff.updates.length,
        recordsUnchanged: diff.unchangedRecords,
        held: diff.held.length,
        updates: diff.updates.slice(0, PREVIEW_UPDATES),
      };
    },
  };
}
