/**
 * One run of Partner Atlas: for each configured CRM pull → map → store; then resolve identities, score,
 * snapshot, summarise what changed; then write back only what changed. Every step records its figures
 * on the run as it goes, so a run killed anywhere leaves a readable record and resumable cursors. A CRM
 * that cannot be opened or read fails only its part; partners linked to it keep their written values.
 */
import type { ApiUsage, Connector } from '../../connectors/types.js';
import {
  count,
  type EcosystemScores,
  type HeadlineFigures,
  headlineFigures,
  headlineLines,
  type LetDemotion,
  scoreEcosystem,
} from '../engine/index.js';
import { errorMessage } from '../errors.js';
import {
  type CompiledMapping,
  compileMapping,
  groupRecordIssues,
  type LoadedMappings,
  type RecordIssueGroup,
} from '../mapping/index.js';
import type { CrmSystem, DemotionReview } from '../model/index.js';
import type { Run, RunStatus, Store, StoredModel } from '../store/index.js';
import {
  type DesiredRecord,
  desiredWriteback,
  type WritebackTarget,
  writebackTarget,
} from '../writeback/index.js';
import { type ChangeSummary, programmeWords, storedMap, summariseChanges } from './change-summary.js';
import { type CellAfterRun, reconcileReviews } from './demotion-reviews.js';
import {
  describeCoverage,
  type EvidenceCoverage,
  evidenceCoverage,
  noEvidenceReason,
} from './evidence-coverage.js';
import { notifyWebhook } from './notify-webhook.js';
import { programmeInputs } from './programme-inputs.js';
import { pullSystem, type SystemPullFigures } from './pull-system.js';
import { type IdentityConflict, type ResolvedModel, resolveIdentities } from './resolve-identities.js';
import { RunCheckpoint, RunStopped } from './run-checkpoint.js';
import type { HeldLock } from './run-lock.js';
import { type RunListener, RunReporter } from './run-reporter.js';
import { levelsOfRun, snapshotScores } from './score-run.js';
import { teammateNames } from './teammate-names.js';
import { failedRecords, type WritebackFigures, writebackSystem } from './writeback-system.js';

export const PIPELINE_RUN_KIND = 'run';

export interface PipelineSteps {
  pull: boolean;
  score: boolean;
  writeback: boolean;
}

export const ALL_STEPS: PipelineSteps = { pull: true, score: true, writeback: true };

/** A CRM's connector, or how to open it inside the run (so a CRM that cannot be opened is on the run's record). */
export type ConnectorSource = Connector | (() => Promise<Connector>);

export interface PipelineOptions {
  store: Store;
  mappings: LoadedMappings;
  /** The CRMs to run against; a CRM without a connector here is not touched. Opened ones are closed at the end. */
  connectors: Partial<Record<CrmSystem, ConnectorSource>>;
  steps?: PipelineSteps;
  full?: boolean;
  dryRun?: boolean;
  /** The instant scores are computed for (default: now); pinned by tests and `--now`. */
  scoreAt?: string;
  /** How far before the saved cursor reads start again (default 5 minutes). */
  lookbackMs?: number;
  /** Failed writes are tried this many times in all, on later runs with backoff (default 5; `full` tries again). */
  maxAttempts?: number;
  /** The run lock as held: checked before each pull and write batch; a run that lost it stops and fails. */
  lock?: HeldLock;
  /** After this long the run stops at its next checkpoint and ends partial (default 240). */
  deadlineMinutes?: number;
  /** The clock write times and retry backoffs go by (default the system's); pinned by tests. */
  clock?: () => Date;
  webhookUrl?: string;
  listener?: RunListener;
  kind?: string;
  /** What started the run (`cli`, `schedule`, `web`), kept in its options. */
  trigger?: string;
  signal?: AbortSignal;
}

export interface SystemFigures {
  pull: SystemPullFigures | null;
  writeback: WritebackFigures | null;
  apiCalls: number;
  usage: ApiUsage | null;
  error?: string;
  /** Records of this CRM not written because a pull this run was incomplete, and why in words. */
  heldBack?: { records: number; reason: string };
  /** How much of this CRM's data can become evidence (won deals without partner, sector, technology). */
  coverage?: EvidenceCoverage;
}

export interface RunFigures {
  /** True for a dry run: nothing was written to the CRMs, and no score snapshot was kept. */
  dryRun?: boolean;
  systems: Partial<Record<CrmSystem, SystemFigures>>;
  /**
   * The run's record issues grouped by field, value and reason (mapping `groupRecordIssues`), the largest
   * groups first; every record's own issue stays in the store (`listRecordIssues`).
   */
  recordIssues?: { issues: number; groupCount: number; groups: RecordIssueGroup[] };
  model?: {
    partners: number;
    deals: number;
    certifications: number;
    people: number;
    identityConflicts: number;
    /** Groups of records inside one CRM merged by their shared domain, and the first of them in words. */
    duplicatesMerged?: number;
    duplicates?: string[];
  };
  score?: {
    scoredAt: string;
    /** The run's headline figures (engine `headlineFigures`): what every surface shows. */
    headline?: HeadlineFigures;
    /** Same as `headline.partnersScored`, kept for runs stored before the headline existed. */
    partners: number;
    cellScores: number;
    /** Same as `headline.partnersWithSegments`. */
    partnersWithSegments: number;
    levelChanges: number;
    map: EcosystemScores['map'];
  };
  /** What the score snapshot wrote: only the cells that changed since the last one, and those removed. */
  snapshot?: { changedCells: number; removedCells: number };
  durationsMs: Record<string, number>;
}

export interface PipelineResult {
  run: Run;
  figures: RunFigures;
  changeSummary: ChangeSummary | null;
  scores: EcosystemScores | null;
}

const DEFAULT_LOOKBACK_MS = 5 * 60_000;
/** Duplicate merges listed on the run's record and log (all are counted). */
const LISTED_DUPLICATES = 20;
const DEFAULT_MAX_ATTEMPTS = 5;
/** Groups of record issues listed on the run's record (the counts are always exact). */
const LISTED_ISSUE_GROUPS = 50;
const DEFAULT_DEADLINE_MINUTES = 240;

/** The newest finished run that stored scores (dry runs do not), other than `excludeId`. */
export async function lastScoredRun(store: Store, excludeId?: string): Promise<Run | null> {
  const runs = await store.listRuns({ limit: 100 });
  return (
    runs.find(
      (r) =>
        r.id !== excludeId && (r.status === 'succeeded' || r.status === 'partial') && storedMap(r) !== null,
    ) ?? null
  );
}

function statusOf(figures: RunFigures): Exclude<RunStatus, 'running'> {
  const systems = Object.values(figures.systems);
  let trouble = false;
  for (const s of systems) {
    if (s.error) trouble = true;
    if (s.pull && (s.pull.schemaProblems.length > 0 || s.pull.stoppedBy !== null)) trouble = true;
    if (s.pull && Object.values(s.pull.entities).some((e) => e?.error !== undefined)) trouble = true;
    if (s.writeback && (failedRecords(s.writeback) > 0 || s.writeback.held > 0 || s.writeback.error))
      trouble = true;
  }
  const allFailed = systems.length > 0 && systems.every((s) => s.error !== undefined);
  return allFailed ? 'failed' : trouble ? 'partial' : 'succeeded';
}

/** One run as it goes: what it was asked, what it has found so far, and how it records it. */
interface RunState {
  options: PipelineOptions;
  steps: PipelineSteps;
  dryRun: boolean;
  run: Run;
  startedAt: string;
  systems: CrmSystem[];
  reporter: RunReporter;
  figures: RunFigures;
  /** Each configured system's compiled mapping and, where it writes back, its target. */
  compiled: Map<CrmSystem, CompiledMapping>;
  targets: Map<CrmSystem, WritebackTarget>;
  /** Per system, the write-back fields' current CRM values read by the pull (diffed against). */
  crmValues: Map<CrmSystem, Map<string, Record<string, unknown>>>;
  /** Set as soon as it exists, so that a run failing after it still stores it. */
  changeSummary: ChangeSummary | null;
  /** Each system's connector once opened; those the run opened itself, to close at its end. */
  connectors: Map<CrmSystem, Connector>;
  opened: Connector[];
  checkpoint: RunCheckpoint;
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const state = await startRun(options);
  const { store } = options;
  const { run, figures, reporter } = state;
  let scores: EcosystemScores | null = null;
  try {
    compileSystems(state);
    // A full run reconciles: the model as stored before any pull, read once, tells what each read corrects.
    const before = options.full && state.steps.pull ? await store.loadModel() : undefined;
    for (const system of state.systems) {
      await state.checkpoint.check();
      await pullStep(state, system, before);
    }
    await state.checkpoint.check();
    if (state.steps.score) {
      // Each part is timed as its own step (load, score, snapshot, summary, desired, writeback:<crm>).
      const scored = await scoreStep(state);
      scores = scored.result;
      if (state.steps.writeback) await writebackStep(state, scored.result, scored.model, scored.scoreAt);
    }
    await groupIssues(state);
    const finished = await store.finishRun(run.id, {
      status: statusOf(figures),
      finishedAt: new Date().toISOString(),
      // Dry runs keep no score snapshot, so they store no map: the next run compares with a real one.
      figures: state.dryRun ? withoutMap(figures) : figures,
      changeSummary: state.changeSummary,
    });
    await notify(options, finished, figures, state.changeSummary, reporter);
    return { run: finished, figures, changeSummary: state.changeSummary, scores };
  } catch (error) {
    const status = error instanceof RunStopped ? error.status : 'failed';
    await reporter
      .error('run', error instanceof RunStopped ? error.message : `run failed: ${errorMessage(error)}`)
      .catch(() => {});
    await groupIssues(state).catch(() => {});
    const finished = await store.finishRun(run.id, {
      status,
      finishedAt: new Date().toISOString(),
      figures,
      changeSummary: state.changeSummary,
      error: errorMessage(error),
    });
    return { run: finished, figures, changeSummary: state.changeSummary, scores };
  } finally {
    for (const connector of state.opened) await connector.close().catch(() => {});
  }
}

/** Records the run with its options, before any work, so that even a run killed at once leaves a trace. */
async function startRun(options: PipelineOptions): Promise<RunState> {
  const steps = options.steps ?? ALL_STEPS;
  const dryRun = options.dryRun ?? false;
  const startedAt = new Date().toISOString();
  const deadlineMinutes = options.deadlineMinutes ?? DEFAULT_DEADLINE_MINUTES;
  const systems = (Object.keys(options.connectors) as CrmSystem[]).filter((s) => options.connectors[s]);
  const run = await options.store.createRun({
    kind: options.kind ?? PIPELINE_RUN_KIND,
    startedAt,
    options: {
      systems,
      steps,
      full: options.full ?? false,
      dryRun,
      scoreAt: options.scoreAt ?? null,
      trigger: options.trigger ?? 'cli',
    },
  });
  return {
    options,
    steps,
    dryRun,
    run,
    startedAt,
    systems,
    reporter: new RunReporter(options.store, run.id, options.listener),
    figures: { dryRun, systems: {}, durationsMs: {} },
    compiled: new Map(),
    targets: new Map(),
    crmValues: new Map(),
    changeSummary: null,
    connectors: new Map(),
    opened: [],
    checkpoint: new RunCheckpoint({
      deadline: Date.parse(startedAt) + deadlineMinutes * 60_000,
      deadlineMinutes,
      ...(options.lock ? { lock: options.lock } : {}),
      ...(options.signal ? { stop: options.signal } : {}),
    }),
  };
}

/** The run's record issues, grouped for the run's record; reported as a count in the log. */
async function groupIssues(state: RunState): Promise<void> {
  const issues = await state.options.store.listRecordIssues(state.run.id);
  if (issues.length === 0) return;
  const groups = groupRecordIssues(issues, state.options.mappings.taxonomy);
  state.figures.recordIssues = {
    issues: issues.length,
    groupCount: groups.length,
    groups: groups.slice(0, LISTED_ISSUE_GROUPS),
  };
  await state.reporter.warn(
    'issues',
    `${count(issues.length, 'record issue', 'record issues')} in ${count(groups.length, 'group', 'groups')} of one field and value`,
  );
}

/** Runs `work`, recording how long it took under `name` (also when it fails). */
async function timed<T>(state: RunState, name: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    state.figures.durationsMs[name] = Date.now() - started;
  }
}

async function saveFigures(state: RunState): Promise<void> {
  await state.options.store.updateRun(state.run.id, { figures: state.figures });
}

/** Compiles each system's mapping and its write-back target once per run (the taxonomy enters both). */
function compileSystems(state: RunState): void {
  const { mappings } = state.options;
  for (const system of state.systems) {
    const mapping = mappings[system];
    if (!mapping) continue;
    const compiled = compileMapping(mapping, mappings.taxonomy, mappings.scoring.currency);
    state.compiled.set(system, compiled);
    if (compiled.writeback) state.targets.set(system, writebackTarget(system, compiled.writeback));
  }
}

/** The system's connector, opened now if the run was given how to open it; null (and recorded) when that fails. */
async function connectorOf(
  state: RunState,
  system: CrmSystem,
  figures: SystemFigures,
): Promise<Connector | null> {
  const source = state.options.connectors[system]!;
  if (typeof source !== 'function') {
    state.connectors.set(system, source);
    return source;
  }
  try {
    const connector = await source();
    state.opened.push(connector);
    state.connectors.set(system, connector);
    return connector;
  } catch (error) {
    figures.error = `could not connect to ${system}: ${errorMessage(error)}`;
    await state.reporter.error(`pull:${system}`, figures.error);
    await saveFigures(state);
    return null;
  }
}

/** Pulls one system into the store. A system that fails is recorded on the run; the others go on. */
async function pullStep(state: RunState, system: CrmSystem, before?: StoredModel): Promise<void> {
  const { options, reporter } = state;
  const systemFigures: SystemFigures = { pull: null, writeback: null, apiCalls: 0, usage: null };
  state.figures.systems[system] = systemFigures;
  const connector = await connectorOf(state, system, systemFigures);
  if (!connector) return;
  connector.resetUsage();
  const mapping = state.compiled.get(system);
  if (!mapping) {
    systemFigures.error = `no ${system} mapping in ${options.mappings.files.taxonomy.replace(/taxonomy\.yaml$/, '')}`;
    await reporter.error(`pull:${system}`, systemFigures.error);
    return;
  }
  if (!state.steps.pull) return;
  const target = state.targets.get(system);
  try {
    const pulled = await timed(state, `pull:${system}`, () =>
      pullSystem({
        system,
        connector,
        store: options.store,
        mappings: options.mappings,
        compiled: mapping,
        runId: state.run.id,
        runStartedAt: state.startedAt,
        full: options.full ?? false,
        dryRun: state.dryRun,
        lookbackMs: options.lookbackMs ?? DEFAULT_LOOKBACK_MS,
        writebackFields: target && state.steps.writeback ? target.fields.map((f) => f.name) : [],
        ...(before ? { before } : {}),
        reporter,
        signal: options.signal
          ? AbortSignal.any([options.signal, state.checkpoint.signal()])
          : state.checkpoint.signal(),
      }),
    );
    systemFigures.pull = pulled.figures;
    state.crmValues.set(system, pulled.crmValues);
    const entities = Object.values(pulled.figures.entities);
    if (entities.length > 0 && entities.every((e) => e?.error !== undefined)) {
      systemFigures.error = `nothing could be read from ${system}`;
    }
  } catch (error) {
    systemFigures.error = errorMessage(error);
    await reporter.error(`pull:${system}`, `pull failed: ${systemFigures.error}`);
  }
  systemFigures.usage = connector.usage();
  systemFigures.apiCalls = systemFigures.usage.calls;
  await saveFigures(state);
}

/** Scores the stored model (against the last scored run's levels) and summarises the changes. */
async function scoreStep(
  state: RunState,
): Promise<{ result: EcosystemScores; model: ResolvedModel; scoreAt: string }> {
  const { store, mappings } = state.options;
  const scoreAt = state.options.scoreAt ?? new Date().toISOString();
  const { model, previous, levels, programme } = await timed(state, 'load', async () => {
    const previous = await lastScoredRun(store, state.run.id);
    return {
      model: await loadResolvedModel(state),
      previous,
      levels: previous ? await levelsOfRun(store, previous.id) : [],
      programme: await programmeInputs(store, mappings.scoring, scoreAt),
    };
  });
  const result = await timed(state, 'score', async () =>
    scoreEcosystem({
      ...model,
      taxonomy: mappings.taxonomy,
      config: mappings.scoring,
      now: scoreAt,
      previous: levels,
      overrides: programme.overrides,
      letDemotions: programme.letDemotions,
    }),
  );
  if (!state.dryRun) {
    const saved = await timed(state, 'snapshot', () => snapshotScores(store, state.run.id, result));
    state.figures.snapshot = { changedCells: saved.changed, removedCells: saved.removed };
    await timed(state, 'reviews', () =>
      updateReviewQueue(state, result, programme.reviews, programme.letDemotions, scoreAt),
    );
  }
  const changeSummary = await timed(state, 'summary', () =>
    summariseChanges({
      store,
      previous,
      scores: result,
      partners: model.partners,
      taxonomy: mappings.taxonomy,
      config: mappings.scoring,
      pendingReviews: programme.reviews.filter((r) => r.status === 'pending'),
    }),
  );
  state.changeSummary = changeSummary;
  const headline = headlineFigures(result, mappings.scoring);
  state.figures.score = {
    scoredAt: scoreAt,
    headline,
    partners: headline.partnersScored,
    cellScores: result.cellCount,
    partnersWithSegments: headline.partnersWithSegments,
    levelChanges: changeSummary.counts.promoted + changeSummary.counts.demoted,
    map: result.map,
  };
  const decided = programmeWords(changeSummary);
  await state.reporter.info(
    'score',
    `${headlineLines(headline)[0]}; ${changeSummary.counts.promoted} promoted, ${changeSummary.counts.demoted} demoted${decided ? `; ${decided}` : ''}`,
    headline,
  );
  return { result, model, scoreAt };
}

/**
 * Follows the run in the demotion review queue (see reconcileReviews): new holds wait for review, recovered
 * evidence withdraws a review, let-through demotions are marked applied or lapsed. Untouched while the
 * review is off, so turning it off leaves the queue as it was.
 */
async function updateReviewQueue(
  state: RunState,
  result: EcosystemScores,
  reviews: readonly DemotionReview[],
  letThrough: readonly LetDemotion[],
  at: string,
): Promise<void> {
  const { store, mappings } = state.options;
  if (!mappings.scoring.review.demotions.enabled) return;
  const cells = new Map<string, Map<string, CellAfterRun>>();
  const cellNow = (partnerId: string, cell: string): CellAfterRun => {
    let scored = cells.get(partnerId);
    if (!scored) {
      scored = new Map(
        result
          .cellsOf(partnerId)
          .map((c) => [c.cell, { level: c.level, overridden: c.override !== undefined }]),
      );
      cells.set(partnerId, scored);
    }
    return scored.get(cell) ?? { level: null, overridden: false };
  };
  const plan = reconcileReviews({
    reviews,
    held: result.heldDemotions(),
    letThrough,
    cellNow,
    config: mappings.scoring,
    runId: state.run.id,
    at,
  });
  if (plan.add.length > 0) await store.addDemotionReviews(plan.add);
  if (plan.update.length > 0) await store.updateDemotionReviews(plan.update);
  if (plan.add.length > 0)
    await state.reporter.info(
      'score',
      `${count(plan.add.length, 'demotion waits', 'demotions wait')} for review in the admin app`,
    );
}

/** What each kind of identity conflict is, as the run log says it. */
const CONFLICT_WORDS: Record<IdentityConflict['kind'], string> = {
  'dangling-cross-ref': 'A cross reference to a record Atlas does not have',
  'duplicate-claim': 'Two records name the same partner',
  'cross-ref-domain-mismatch': 'A cross reference between different web domains',
  'shared-domain': 'A web domain several companies share',
};

/** The stored model with identities resolved, its size recorded and its first conflicts reported. */
async function loadResolvedModel(state: RunState): Promise<ResolvedModel> {
  const model = resolveIdentities({ ...(await state.options.store.loadModel()) });
  state.figures.model = {
    partners: model.partners.length,
    deals: model.deals.length,
    certifications: model.certifications.length,
    people: model.people.length,
    identityConflicts: model.conflicts.length,
    duplicatesMerged: model.duplicates.length,
    duplicates: model.duplicates.slice(0, LISTED_DUPLICATES).map((d) => d.detail),
  };
  if (model.issues.length > 0) await state.options.store.addRecordIssues(state.run.id, model.issues);
  for (const conflict of model.conflicts.slice(0, 20)) {
    await state.reporter.warn('resolve', `${CONFLICT_WORDS[conflict.kind]}: ${conflict.detail}`, {
      kind: conflict.kind,
    });
  }
  for (const duplicate of model.duplicates.slice(0, LISTED_DUPLICATES)) {
    await state.reporter.info('resolve', duplicate.detail, { partnerIds: duplicate.partnerIds });
  }
  await reportCoverage(state, model);
  return model;
}

/**
 * Each CRM's evidence coverage on the run's record; a CRM whose deals yield no evidence at all fails its
 * part of the run with the likely cause, so its records keep their written values instead of receiving
 * "No expertise segment yet".
 */
async function reportCoverage(state: RunState, model: ResolvedModel): Promise<void> {
  for (const [system, coverage] of evidenceCoverage(model)) {
    const figures = state.figures.systems[system];
    if (!figures) continue;
    figures.coverage = coverage;
    await state.reporter.info('resolve', `${system} evidence: ${describeCoverage(coverage)}`, coverage);
    const reason = noEvidenceReason(system, coverage);
    if (reason === null || figures.error !== undefined) continue;
    figures.error = reason;
    await state.reporter.error('resolve', reason);
  }
}

/** Why each system's pull this run was incomplete (failed, stopped early, an entity unread), in words. */
function incompletePulls(state: RunState): Map<CrmSystem, string> {
  const incomplete = new Map<CrmSystem, string>();
  if (!state.steps.pull) return incomplete;
  for (const system of state.systems) {
    const figures = state.figures.systems[system];
    const unread = Object.values(figures?.pull?.entities ?? {}).filter((e) => e?.error !== undefined);
    if (figures?.error) incomplete.set(system, `the ${system} pull failed (${figures.error})`);
    else if (!figures?.pull) incomplete.set(system, `${system} was not read`);
    else if (figures.pull.stoppedBy !== null || unread.length > 0) {
      incomplete.set(
        system,
        `the ${system} pull was incomplete (${unread.map((e) => `${e?.object}: ${e?.error}`).join('; ') || 'stopped early'})`,
      );
    }
  }
  return incomplete;
}

/** Splits desired records: those whose partner's evidence all comes from complete pulls, and why the rest wait. */
function holdBack(
  desired: readonly DesiredRecord[],
  model: ResolvedModel,
  incomplete: ReadonlyMap<CrmSystem, string>,
): { write: DesiredRecord[]; held: number; reason: string } {
  const linked = new Map(model.partners.map((p) => [p.id, p.sourceRefs.map((r) => r.system)]));
  const reasons = new Set<string>();
  const write: DesiredRecord[] = [];
  for (const record of desired) {
    const missing = (linked.get(record.partnerId) ?? []).filter((s) => incomplete.has(s));
    if (missing.length === 0) write.push(record);
    else for (const s of missing) reasons.add(incomplete.get(s)!);
  }
  return { write, held: desired.length - write.length, reason: [...reasons].join('; ') };
}

/**
 * Writes the scores back to each system with a target whose write-back fields the pull could read (the
 * diff needs their current values), except for partners with evidence in a CRM whose pull was incomplete
 * this run: their scores would lack that evidence, so they keep their last written values everywhere.
 * Teammate names are worked out once, for the first target that needs them.
 */
async function writebackStep(
  state: RunState,
  result: EcosystemScores,
  model: ResolvedModel,
  scoreAt: string,
): Promise<void> {
  const { options } = state;
  const incomplete = incompletePulls(state);
  const writable = state.systems.flatMap((system) => {
    const target = state.targets.get(system);
    const connector = state.connectors.get(system);
    const pull = state.figures.systems[system]?.pull;
    // Without the write-back fields (not provisioned) only a dry run goes on, to preview the write-back.
    const provisioned = !pull || pull.writebackReadable;
    if (!target || !connector || (!provisioned && !state.dryRun)) return [];
    return [{ system, target, connector, provisioned }];
  });
  if (writable.length === 0) return;
  // Each partner's values are computed once, for every CRM it has a record in.
  const desiredByTarget = await timed(state, 'desired', async () => {
    const needsTeammates = writable.some((w) =>
      w.target.fields.some((f) => f.result === 'suggestedTeammates'),
    );
    const teammates = needsTeammates ? teammateNames(result, model, options.mappings) : undefined;
    return desiredWriteback(
      writable.map((w) => w.target),
      result,
      model.partners,
      { taxonomy: options.mappings.taxonomy, scoredAt: scoreAt, ...(teammates ? { teammates } : {}) },
    );
  });
  for (const [i, { system, target, connector, provisioned }] of writable.entries()) {
    const systemFigures = state.figures.systems[system]!;
    const { write, held, reason } = holdBack(desiredByTarget[i] ?? [], model, incomplete);
    if (held > 0) {
      systemFigures.heldBack = { records: held, reason };
      await state.reporter.warn(
        `writeback:${system}`,
        `${count(held, 'record keeps', 'records keep')} the values last written, and the lists are left as they are: ${reason}`,
      );
    }
    if (write.length === 0 && held > 0) {
      await saveFigures(state);
      continue;
    }
    const outcome = await timed(state, `writeback:${system}`, () =>
      writebackSystem({
        connector,
        store: options.store,
        target,
        desired: write,
        crmValues: state.crmValues.get(system) ?? new Map(),
        dryRun: state.dryRun,
        maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        retryHeld: options.full ?? false,
        syncLists: held === 0,
        provisioned,
        checkpoint: state.checkpoint,
        reporter: state.reporter,
        now: options.clock ?? (() => new Date()),
        listVocabulary: {
          taxonomy: options.mappings.taxonomy,
          ladder: options.mappings.scoring.levels.ladder,
        },
        recommend: {
          scores: result,
          deals: model.deals,
          partners: model.partners,
          taxonomy: options.mappings.taxonomy,
          recommendedAt: scoreAt,
        },
      }),
    );
    systemFigures.writeback = outcome.figures;
    systemFigures.usage = connector.usage();
    systemFigures.apiCalls = systemFigures.usage.calls;
    await saveFigures(state);
    if (outcome.stopped) throw outcome.stopped;
  }
}

function withoutMap(figures: RunFigures): RunFigures {
  if (!figures.score) return figures;
  const { map: _map, ...score } = figures.score;
  return { ...figures, score: score as RunFigures['score'] };
}

async function notify(
  options: PipelineOptions,
  run: Run,
  figures: RunFigures,
  summary: ChangeSummary | null,
  reporter: RunReporter,
): Promise<void> {
  if (!options.webhookUrl || !summary || options.dryRun) return;
  const writeback = Object.entries(figures.systems).flatMap(([system, f]) =>
    f?.writeback
      ? [
          `${system}: ${count(f.writeback.written, 'record', 'records')} written, ${f.writeback.failed} failed`,
        ]
      : [],
  );
  const problem = await notifyWebhook(options.webhookUrl, {
    runId: run.id,
    status: run.status,
    summary,
    writeback,
  });
  if (problem) await reporter.warn('notify', problem);
}
