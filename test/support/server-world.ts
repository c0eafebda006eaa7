/**
 * Test support for the admin server: a real store filled by a sample run, a copy of the default mappings,
 * and in-test implementations of the injected run launcher and CRM previews that do real work on them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crmPlugin } from '../../connectors/registry.js';
import { headlineFigures, levelNames, scoreEcosystem } from '../../src/engine/index.js';
import { AtlasError } from '../../src/errors.js';
import {
  compileMapping,
  loadMappings,
  mappingSchema,
  parseYamlFile,
  type RawRecord,
} from '../../src/mapping/index.js';
import type { CrmSystem } from '../../src/model/index.js';
import type {
  CrmField,
  CrmPreviews,
  RunLauncher,
  ServerDeps,
  StartRunOptions,
} from '../../src/server/index.js';
import { pipelineRunLauncher } from '../../src/server/pipeline-runs.js';
import { openStore, type Store } from '../../src/store/index.js';
import { lastScoredRun, runPipeline } from '../../src/sync/run-pipeline.js';
import { levelsOfRun, scoreAndSnapshot } from '../../src/sync/score-run.js';
import { mappingDir } from './mapping-dir.js';
import { MemoryCrm } from './memory-crm.js';
import { hubspotCompany, hubspotDeal, salesforceAccount, salesforceOpportunity } from './raw-records.js';
import { runOnSample, SAMPLE_RUN_KIND } from './sample-run.js';

/** The admin token of every test world (long enough for the server's minimum). */
export const TEST_TOKEN = 'test-admin-token-0123456789abcdef';
/** The date the sample ecosystem is generated and scored for. */
export const SAMPLE_NOW = '2025-06-30';

/** Raw records per CRM object, as the connectors hand them to the mapping layer. */
const RAW_BY_OBJECT: Record<CrmSystem, Record<string, () => RawRecord>> = {
  salesforce: { Account: salesforceAccount, Opportunity: salesforceOpportunity },
  hubspot: { companies: hubspotCompany, deals: hubspotDeal },
};

/** Field list of a raw record, nested relationship objects as dotted paths, children as the child name. */
function fieldsOf(values: Record<string, unknown>, prefix = ''): CrmField[] {
  return Object.entries(values).flatMap(([name, value]): CrmField[] => {
    if (name === 'attributes') return [];
    const path = `${prefix}${name}`;
    if (Array.isArray(value)) return [{ name: path, label: name, type: 'childRelationship' }];
    if (value !== null && typeof value === 'object')
      return fieldsOf(value as Record<string, unknown>, `${path}.`);
    return [{ name: path, label: name.replace(/__c$/, '').replace(/_/g, ' '), type: typeof value }];
  });
}

/** CRM previews over the fixture records: the edited mapping is really compiled and applied. */
export class FixtureCrm implements CrmPreviews {
  constructor(
    private readonly store: Store,
    private readonly dir: string,
  ) {}

  async describeFields(system: CrmSystem, object: string): Promise<CrmField[]> {
    const raw = RAW_BY_OBJECT[system][object];
    if (!raw) throw new AtlasError('UNKNOWN_OBJECT', `${system} has no object ${object} in the fixtures`);
    return fieldsOf(raw().values);
  }

  #compile(system: CrmSystem, text: string) {
    const { taxonomy } = loadMappings(this.dir);
    const parsed = parseYamlFile(`${system}.yaml`, text, mappingSchema(system));
    if (!parsed.ok) throw new AtlasError('MAPPING_INVALID', parsed.problems[0]?.message ?? 'invalid');
    return { mapping: parsed.value, compiled: compileMapping(parsed.value, taxonomy) };
  }

  async previewRecords(system: CrmSystem, entity: string, text: string, limit: number) {
    const { mapping, compiled } = this.#compile(system, text);
    const entities: Record<string, { object: string }> = mapping.entities;
    const object = entities[entity]?.object ?? '';
    const raw = RAW_BY_OBJECT[system][object];
    if (!raw) return { records: [], issues: [] };
    if (entity !== 'partners' && entity !== 'deals' && entity !== 'certifications' && entity !== 'people') {
      return { records: [], issues: [] };
    }
    const page = compiled.mapPage(entity, [raw()]);
    return { records: page.records.slice(0, limit), issues: page.issues };
  }

  /** The values the write-back would set on the first partners of the newest scored run, per configured field. */
  async previewWriteback(system: CrmSystem, text: string) {
    const { compiled } = this.#compile(system, text);
    const writeback = compiled.writeback;
    if (!writeback) return { fields: [], changes: [] };
    const [run] = await this.store.listRuns({ status: 'succeeded', limit: 1 });
    const rows = run ? await this.store.listScores(run.id) : [];
    const best = new Map<string, { score: number; level: string | null }>();
    for (const row of rows) {
      const current = best.get(row.partnerId);
      if (!current || row.score > current.score)
        best.set(row.partnerId, { score: row.score, level: row.level });
    }
    const fieldName = (f: (typeof writeback.fields)[number]) => crmPlugin(system).writebackField(f).name;
    const changes = [...best.entries()].slice(0, 5).map(([partnerId, top]) => ({
      partnerId,
      values: Object.fromEntries(
        writeback.fields.map((f) => [
          fieldName(f),
          f.result === 'topScore' ? top.score : f.result === 'primarySegment' ? top.level : `(${f.result})`,
        ]),
      ),
    }));
    return {
      object: 'object' in writeback ? writeback.object : 'companies',
      fields: writeback.fields.map(fieldName),
      changes,
      dryRun: true,
    };
  }
}

/**
 * Runs started from the Runs page: a run record, progress events, a real re-score of the stored model (a
 * dry run computes without storing a snapshot), and a change summary against the last run's levels.
 * `hold()` keeps the next runs waiting until released, so tests can see a run in progress.
 */
export class SampleRunLauncher implements RunLauncher {
  #gate: Promise<void> = Promise.resolve();
  readonly #done = new Map<string, Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly dir: string,
  ) {}

  hold(): () => void {
    let release = () => {};
    this.#gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    return () => {
      this.#gate = Promise.resolve();
      release();
    };
  }

  /** Resolves when the run has finished (whatever its outcome). */
  finished(runId: string): Promise<void> {
    return this.#done.get(runId) ?? Promise.resolve();
  }

  async start(options: StartRunOptions): Promise<{ runId: string }> {
    const running = await this.store.listRuns({ status: 'running', limit: 1 });
    if (running.length > 0) throw new AtlasError('RUN_LOCKED', `run ${running[0]?.id} is still running`);
    const run = await this.store.createRun({
      kind: options.dryRun ? 'dry-run' : SAMPLE_RUN_KIND,
      startedAt: new Date().toISOString(),
      options: { ...options, now: SAMPLE_NOW },
    });
    const gate = this.#gate;
    this.#done.set(run.id, this.#work(run.id, options, gate));
    return { runId: run.id };
  }

  async #work(runId: string, options: StartRunOptions, gate: Promise<void>): Promise<void> {
    const event = (step: string, message: string, data?: unknown) =>
      this.store.addRunEvents(runId, [{ at: new Date().toISOString(), level: 'info', step, message, data }]);
    try {
      await event('start', options.dryRun ? 'dry run: nothing will be written' : 'run started');
      await gate;
      const mappings = loadMappings(this.dir);
      const model = await this.store.loadModel();
      await event('load', `${model.partners.length} partners, ${model.deals.length} deals`);
      const last = await lastScoredRun(this.store, runId);
      const previous = last ? await levelsOfRun(this.store, last.id) : [];
      const scores = options.dryRun
        ? scoreEcosystem({
            ...model,
            taxonomy: mappings.taxonomy,
            config: mappings.scoring,
            now: SAMPLE_NOW,
            previous,
          })
        : await scoreAndSnapshot({
            store: this.store,
            runId,
            model,
            taxonomy: mappings.taxonomy,
            config: mappings.scoring,
            now: SAMPLE_NOW,
            previous,
          });
      await event('score', `${scores.partners.length} partners scored in ${scores.cellCount} cells`);
      const before = new Map(previous.map((p) => [`${p.partnerId}|${p.cell}`, p.level]));
      const rank = new Map(levelNames(mappings.scoring).map((n, i) => [n, i]));
      let promoted = 0;
      let demoted = 0;
      for (const held of scores.levels()) {
        const was = before.get(`${held.partnerId}|${held.cell}`) ?? null;
        const r = (l: string | null) => (l === null ? rank.size : (rank.get(l) ?? rank.size));
        if (r(held.level) < r(was)) promoted++;
        if (r(held.level) > r(was)) demoted++;
      }
      await this.store.finishRun(runId, {
        status: 'succeeded',
        finishedAt: new Date().toISOString(),
        figures: {
          dryRun: options.dryRun,
          partners: model.partners.length,
          deals: model.deals.length,
          cellScores: scores.cellCount,
          partnersWithSegments: scores.partners.filter((p) => p.segments.length > 0).length,
          // Stored as a pipeline run stores them, so every surface reads the same figures.
          score: { scoredAt: SAMPLE_NOW, headline: headlineFigures(scores, mappings.scoring) },
        },
        changeSummary: { levelsPromoted: promoted, levelsDemoted: demoted, written: !options.dryRun },
      });
      await event('finish', 'run finished');
    } catch (error) {
      await this.store.finishRun(runId, {
        status: 'failed',
        finishedAt: new Date().toISOString(),
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/** A copy of the default mappings and an empty store in a temporary folder; `close` removes both. */
async function openScratchStore(
  prefix: string,
): Promise<{ dir: string; store: Store; close(): Promise<void> }> {
  const { dir, cleanup } = mappingDir();
  const dbDir = mkdtempSync(join(tmpdir(), prefix));
  const store = await openStore({ dbPath: join(dbDir, 'atlas.db') });
  const close = async () => {
    await store.close();
    cleanup();
    rmSync(dbDir, { recursive: true, force: true });
  };
  return { dir, store, close };
}

/** Server dependencies on a test store: the test admin token, fixture CRM previews, fixed CRM links. */
function serverDeps<R extends RunLauncher>(
  store: Store,
  dir: string,
  runs: R,
): ServerDeps & { runs: R; crm: FixtureCrm } {
  return {
    store,
    mappingsDir: dir,
    adminToken: TEST_TOKEN,
    runs,
    crm: new FixtureCrm(store, dir),
    crmLinks: { salesforceInstanceUrl: 'https://atlas-test.my.salesforce.com', hubspotPortalId: '4242' },
  };
}

export interface TestWorld {
  deps: ServerDeps & { runs: SampleRunLauncher; crm: FixtureCrm };
  store: Store;
  dir: string;
  sampleRunId: string;
  close(): Promise<void>;
}

/** A store with a scored sample ecosystem, a mapping directory copy, and the in-test launcher and CRM. */
export async function createTestWorld(
  options: { partners?: number; seed?: number } = {},
): Promise<TestWorld> {
  const { dir, store, close } = await openScratchStore('atlas-server-');
  const result = await runOnSample({
    store,
    mappings: loadMappings(dir),
    partners: options.partners ?? 60,
    seed: options.seed ?? 7,
    now: SAMPLE_NOW,
  });
  const deps = serverDeps(store, dir, new SampleRunLauncher(store, dir));
  return { deps, store, dir, sampleRunId: result.run.id, close };
}

/** The instant the pipeline world is generated and scored for. */
export const PIPELINE_NOW = '2026-11-20T02:00:00.000Z';

export interface PipelineWorld {
  deps: ServerDeps;
  store: Store;
  dir: string;
  crm: MemoryCrm;
  /** The second nightly run: it found a hand edit (drift) and a record whose write failed. */
  secondRunId: string;
  driftRecordId: string;
  /** Holds the next runs after they have started (before scoring) until the returned function is called. */
  hold(): () => void;
  /** The run in progress, if any. */
  current(): Promise<void> | undefined;
  close(): Promise<void>;
}

/**
 * A store filled by the real pipeline from an in-memory Salesforce: a first full run, then an admin's hand
 * edit of an Atlas field on one account (drift) whose rewrite is refused, then a second run that reports both.
 * Runs started from the server go through pipelineRunLauncher into the same pipeline.
 */
export async function createPipelineWorld(
  options: { partners?: number; seed?: number } = {},
): Promise<PipelineWorld> {
  const { dir, store, close } = await openScratchStore('atlas-server-pipeline-');
  const crm = new MemoryCrm({
    partners: options.partners ?? 60,
    seed: options.seed ?? 7,
    now: PIPELINE_NOW,
    taxonomy: loadMappings(dir).taxonomy,
  });
  let gate: Promise<void> = Promise.resolve();
  // The pipeline loads the model once its pulls are stored: holding there keeps a started run "running".
  const gated = (target: Store): Store =>
    new Proxy(target, {
      get(t, property, receiver) {
        if (property === 'loadModel')
          return async () => {
            await gate;
            return t.loadModel();
          };
        const value: unknown = Reflect.get(t, property, receiver);
        return typeof value === 'function' ? value.bind(t) : value;
      },
    });
  const pipeline = (s: Store, o: StartRunOptions) =>
    runPipeline({
      store: gated(s),
      mappings: loadMappings(dir),
      connectors: { salesforce: crm },
      scoreAt: PIPELINE_NOW,
      dryRun: o.dryRun,
      full: o.full,
    });
  const first = await pipeline(store, { dryRun: false, full: true });
  const partner = first.scores?.partners.find((p) => p.primarySegment !== null);
  const driftRecordId = partner?.partnerId.split(':')[2] ?? '';
  crm.put('Account', driftRecordId, { Atlas_Primary_Segment__c: 'Gold partner' });
  crm.failing.set(driftRecordId, { transient: false });
  const second = await pipeline(store, { dryRun: false, full: false });
  const runs = pipelineRunLauncher({ store, run: pipeline });
  return {
    deps: serverDeps(store, dir, runs),
    store,
    dir,
    crm,
    secondRunId: second.run.id,
    driftRecordId,
    hold() {
      let release = () => {};
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      return () => {
        release();
        gate = Promise.resolve();
      };
    },
    current: () => runs.current(),
    close,
  };
}
