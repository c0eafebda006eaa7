/**
 * The pull of one CRM: describe the mapped objects (schema drift stops only the entity concerned), read
 * every entity incrementally, then find deletions. The API budget or a lost authorisation stops the CRM's
 * remaining reads cleanly; what was read is kept.
 */
import { readFile } from 'node:fs/promises';
import {
  CONNECTOR_ERRORS,
  type Connector,
  type ReadPlan,
  type SchemaProblem,
} from '../../connectors/types.js';
import { count } from '../engine/index.js';
import { AtlasError, errorMessage, formatMappingProblem } from '../errors.js';
import {
  type CompiledMapping,
  type EntityName,
  type LoadedMappings,
  locateMappingField,
  omitPaths,
} from '../mapping/index.js';
import type { CrmSystem } from '../model/index.js';
import type { Store, StoredModel } from '../store/index.js';
import { pullDeletions } from './pull-deletions.js';
import { type EntityFigures, emptyEntityFigures, pullEntity } from './pull-entity.js';
import { storedFingerprints } from './record-fingerprints.js';
import type { RunReporter } from './run-reporter.js';

export interface SystemPullFigures {
  entities: Partial<Record<EntityName, EntityFigures>>;
  /** Schema drift, as `file:line:column key: message`. */
  schemaProblems: string[];
  /** Optional fields the CRM lacks, read without (same form); the entities went on. */
  missingOptional?: string[];
  /** Why the pull stopped early, if it did. */
  stoppedBy: 'budget' | 'auth' | null;
  /** True when the write-back fields can be read (provisioned and visible to the integration user). */
  writebackReadable: boolean;
}

export interface PullSystemOptions {
  system: CrmSystem;
  connector: Connector;
  store: Store;
  mappings: LoadedMappings;
  compiled: CompiledMapping;
  runId: string;
  runStartedAt: string;
  full: boolean;
  lookbackMs: number;
  /** Write-back fields read with the partners, to see hand edits. */
  writebackFields: readonly string[];
  /** A dry run previews the write-back even when its fields cannot be read yet. */
  dryRun?: boolean;
  /** On a full run, the model as stored before the run's pulls: each read counts what it corrects. */
  before?: StoredModel;
  reporter: RunReporter;
  signal?: AbortSignal;
}

export interface SystemPull {
  figures: SystemPullFigures;
  /** Write-back fields' values as the CRM holds them now, for the partners read this run. */
  crmValues: Map<string, Record<string, unknown>>;
}

/** Entities in the order they are read: partners first, so deals find them. */
const READ_ORDER: readonly EntityName[] = ['partners', 'people', 'deals', 'certifications'];

interface DescribedProblems {
  /** Entities that cannot be read, with their problems located in the mapping file. */
  byEntity: Map<EntityName, string[]>;
  /** Optional paths the CRM lacks, left out of each entity's read this run. */
  omitted: Map<EntityName, string[]>;
  /** One located warning per optional path left out. */
  warnings: string[];
  writebackReadable: boolean;
}

/** Whether a problem is about one of the plan's optional paths (`collection.path` for collection items). */
function optionalPath(plan: ReadPlan | undefined, problem: SchemaProblem): string | undefined {
  const keys = [problem.field, `${problem.object}.${problem.field}`].map((k) => k.toLowerCase());
  return plan?.optional?.find((p) => keys.includes(p.toLowerCase()));
}

async function describeProblems(options: PullSystemOptions, plans: ReadPlan[]): Promise<DescribedProblems> {
  const { connector, mappings, system, writebackFields } = options;
  const partnersPlan = plans.find((p) => p.entity === 'partners');
  const writebackPlan: ReadPlan[] =
    partnersPlan && writebackFields.length > 0
      ? [{ ...partnersPlan, fields: [...writebackFields], children: [], associations: [], filter: [] }]
      : [];
  const problems: SchemaProblem[] = await connector.checkSchema([...plans, ...writebackPlan]);
  const writebackNames = new Set(writebackFields.map((f) => f.toLowerCase()));
  const readFields = new Set(partnersPlan?.fields.map((f) => f.toLowerCase()) ?? []);
  const out: DescribedProblems = {
    byEntity: new Map(),
    omitted: new Map(),
    warnings: [],
    writebackReadable: writebackPlan.length > 0,
  };
  const file = mappings.files[system];
  const text = file ? await readFile(file, 'utf8') : null;
  const locate = (problem: SchemaProblem) =>
    file && text !== null
      ? formatMappingProblem(locateMappingField(file, text, problem.entity, problem.field, problem.message))
      : `${system} ${problem.entity}: ${problem.message}`;
  for (const problem of problems) {
    const name = problem.field.toLowerCase();
    if (problem.entity === 'partners' && writebackNames.has(name) && !readFields.has(name)) {
      out.writebackReadable = false;
      continue;
    }
    const optional = optionalPath(
      plans.find((p) => p.entity === problem.entity),
      problem,
    );
    if (optional !== undefined) {
      const omitted = out.omitted.get(problem.entity) ?? [];
      if (!omitted.includes(optional)) {
        out.omitted.set(problem.entity, [...omitted, optional]);
        out.warnings.push(`${locate(problem)} (optional: read without it, so the field stays empty)`);
      }
      continue;
    }
    out.byEntity.set(problem.entity, [...(out.byEntity.get(problem.entity) ?? []), locate(problem)]);
  }
  return out;
}

/** When Atlas last wrote each record of the CRM: its own write-back is not a change to read again. */
async function ownWritesOf(store: Store, system: CrmSystem): Promise<Map<string, string>> {
  const latest = new Map<string, string>();
  for (const w of await store.listLastWritten({ system })) {
    const seen = latest.get(w.recordId);
    if (seen === undefined || w.writtenAt > seen) latest.set(w.recordId, w.writtenAt);
  }
  return latest;
}

export async function pullSystem(options: PullSystemOptions): Promise<SystemPull> {
  const { system, connector, store, compiled, reporter } = options;
  const step = `pull:${system}`;
  const plans = compiled.readPlans();
  const { byEntity, omitted, warnings, writebackReadable } = await describeProblems(options, plans);
  const figures: SystemPullFigures = {
    entities: {},
    schemaProblems: [...byEntity.values()].flat(),
    missingOptional: warnings,
    stoppedBy: null,
    writebackReadable,
  };
  for (const problem of figures.schemaProblems) await reporter.error(step, `schema drift: ${problem}`);
  for (const warning of warnings) await reporter.warn(step, `optional field missing: ${warning}`);
  if (options.writebackFields.length > 0 && !writebackReadable) {
    await reporter.warn(
      step,
      `the write-back fields cannot be read: run \`atlas provision ${system} --apply\`; ${options.dryRun ? 'this dry run previews the write-back as if they existed' : 'write-back is skipped'}`,
    );
  }
  const crmValues = new Map<string, Record<string, unknown>>();
  const ownWrites = options.full ? undefined : await ownWritesOf(store, system);
  const stored = options.before ? storedFingerprints(options.before, system) : undefined;
  for (const name of READ_ORDER) {
    const entity = compiled.entity(name);
    if (!entity) continue;
    const object = entity.readPlan.object;
    const entityStep = `${step}:${object}`;
    if (byEntity.has(name)) {
      figures.entities[name] = { ...emptyEntityFigures(object, options.full), error: 'schema drift' };
      continue;
    }
    if (figures.stoppedBy !== null) {
      figures.entities[name] = {
        ...emptyEntityFigures(object, options.full),
        error: `not read: ${figures.stoppedBy === 'budget' ? 'API budget reached' : 'authorisation lost'}`,
      };
      continue;
    }
    const seenIds = new Set<string>();
    const extraFields = name === 'partners' && writebackReadable ? options.writebackFields : [];
    let entityFigures = emptyEntityFigures(object, options.full);
    try {
      entityFigures = await pullEntity({
        connector,
        store,
        entity,
        plan: omitPaths(entity.readPlan, omitted.get(name) ?? []),
        ...(ownWrites ? { ownWrites } : {}),
        ...(stored ? { stored } : {}),
        runId: options.runId,
        runStartedAt: options.runStartedAt,
        full: options.full,
        lookbackMs: options.lookbackMs,
        extraFields,
        onExtraValues: (id, values) => crmValues.set(id, values),
        seenIds,
        onPage: (f, total) => {
          entityFigures = f;
          reporter.progress(entityStep, f.fetched, total);
        },
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const deletions = await pullDeletions({
        connector,
        store,
        plan: entity.readPlan,
        runStartedAt: options.runStartedAt,
        fullReadIds: entityFigures.full ? seenIds : null,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      entityFigures.deleted = deletions.deleted;
      await reporter.info(
        entityStep,
        `${entityFigures.fetched} read (${entityFigures.full ? 'full' : 'incremental'}, ${entityFigures.via.join('+') || 'nothing new'}), ${count(entityFigures.issues, 'mapping issue', 'mapping issues')}, ${deletions.deleted} deleted`,
        entityFigures,
      );
    } catch (error) {
      const code = error instanceof AtlasError ? error.code : null;
      if (code === CONNECTOR_ERRORS.budget) figures.stoppedBy = 'budget';
      else if (code === CONNECTOR_ERRORS.auth) figures.stoppedBy = 'auth';
      entityFigures.error = errorMessage(error);
      await reporter.error(
        entityStep,
        `stopped after ${count(entityFigures.fetched, 'record', 'records')}: ${errorMessage(error)}`,
        {
          code,
        },
      );
    }
    figures.entities[name] = entityFigures;
  }
  if (stored && stored.size > 0) {
    const corrected = Object.values(figures.entities).reduce((n, e) => n + (e?.corrected ?? 0), 0);
    const deleted = Object.values(figures.entities).reduce((n, e) => n + (e?.deleted ?? 0), 0);
    await reporter.info(
      step,
      `full reconciliation: ${count(corrected, 'record', 'records')} corrected, ${count(deleted, 'record', 'records')} found deleted`,
    );
  }
  return { figures, crmValues };
}
