/**
 * The write-back to one CRM: desired values → diff against the CRM and the ledger → only the changes,
 * written in slices whose outcomes are saved before the next (a killed run loses at most one slice of
 * bookkeeping, and the next run reads those records back and does not write them twice). Before every
 * slice the run checks it still holds the lock and is within its deadline.
 */
import type {
  CellRecord,
  CellRecordPort,
  Connector,
  DesiredList,
  FieldUpdate,
  ListPlan,
  ListSyncReport,
  ProvisionStep,
  WriteOutcome,
} from '../../connectors/types.js';
import { count, type EcosystemScores } from '../engine/index.js';
import { recommendPartners } from '../engine/recommend-partners.js';
import { errorMessage } from '../errors.js';
import type { Deal, Partner, Taxonomy } from '../model/index.js';
import type { Store, WriteFailure } from '../store/index.js';
import {
  type DesiredRecord,
  type DiffField,
  type DriftReport,
  desiredRecommendations,
  diffCellRecords,
  diffWriteback,
  type HeldRecord,
  type ListVocabulary,
  leftOutWords,
  openDealsOf,
  type PlannedUpdate,
  partnerRecordId,
  type RecommendationTarget,
  selectLists,
  type WritebackTarget,
  writtenValues,
} from '../writeback/index.js';
import { type RunCheckpoint, RunStopped } from './run-checkpoint.js';
import type { RunReporter } from './run-reporter.js';

/** Updates handed to the connector at once; its own batching (200 / 100 per call) happens inside. */
const WRITE_SLICE = 1_000;
/** How many failures and drifted fields a run record lists in full (the counts are always exact). */
const LISTED_MAX = 200;

export interface WritebackFigures {
  dryRun: boolean;
  records: number;
  recordsToUpdate: number;
  recordsUnchanged: number;
  fieldsWritten: number;
  fieldsUnchanged: number;
  written: number;
  /** Partner records that failed; per-cell records and recommended partners count theirs in their figures. */
  failed: number;
  held: number;
  drift: number;
  /** Failed records of every kind (partner records, per-cell records, deals), at most LISTED_MAX. */
  failures: { recordId: string; code: string; message: string; transient: boolean }[];
  /** Records not written this run because earlier writes failed (waiting to retry, or past the cap). */
  heldRecords: HeldRecord[];
  driftReport: DriftReport[];
  lists: {
    created: number;
    updated: number;
    retired: number;
    membersAdded: number;
    membersRemoved: number;
    unchanged: number;
  };
  /**
   * The whole preview, in a dry run: every update and list change that would be made, and (before
   * `atlas provision`) the fields and lists provisioning would create first.
   */
  preview?: { updates: PlannedUpdate[]; lists: ListPlan; provision?: ProvisionStep[] };
  /** False when the CRM lacks the write-back fields (not provisioned): a dry run previews as if it had them. */
  provisioned?: boolean;
  /** Per-cell records (Salesforce `Atlas_Expertise__c`), when the target keeps them: done or, dry, to do. */
  cellRecords?: CellRecordFigures;
  /** Recommended partners on open deals, when the target writes them: done or, dry, to do. */
  recommendations?: RecommendationFigures;
  error?: string;
}

/** What writing the recommended partners did (or, in a dry run, would do). */
export interface RecommendationFigures {
  /** Open deals of the CRM's deal object (at the stages configured). */
  deals: number;
  /** Distinct needs matched (deals sharing sector, technologies and region share one). */
  needs: number;
  /** Deals with at least one partner recommended. */
  recommended: number;
  toUpdate: number;
  unchanged: number;
  held: number;
  written: number;
  fieldsWritten: number;
  failed: number;
  failures: WritebackFigures['failures'];
  /** A few of the updates, for the dry run's preview. */
  examples: PlannedUpdate[];
}

/** What recommending partners for open deals reads: the run's scores and model. */
export interface RecommendSource {
  scores: EcosystemScores;
  deals: readonly Deal[];
  partners: readonly Partner[];
  taxonomy: Taxonomy;
  /** The instant the scores were computed for, written as "recommended at". */
  recommendedAt: string;
}

/** What the per-cell records step did (or, in a dry run, would do). */
export interface CellRecordFigures {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  failed: number;
}

/** Records of every kind the write-back failed to write: partner records, per-cell records, deals. */
export function failedRecords(figures: WritebackFigures): number {
  return figures.failed + (figures.cellRecords?.failed ?? 0) + (figures.recommendations?.failed ?? 0);
}

export interface WritebackSystemOptions {
  connector: Connector;
  store: Store;
  target: WritebackTarget;
  desired: readonly DesiredRecord[];
  crmValues: ReadonlyMap<string, Record<string, unknown>>;
  dryRun: boolean;
  maxAttempts: number;
  /** Try again every failed record now, whatever its backoff or attempts (`--full`). */
  retryHeld: boolean;
  /** False when some partners were held back this run: their list memberships are left as they are. */
  syncLists: boolean;
  /** False when the CRM lacks the write-back fields: only a dry run gets here then, to preview. */
  provisioned: boolean;
  checkpoint: RunCheckpoint;
  reporter: RunReporter;
  /** The clock write times and retry backoffs go by. */
  now: () => Date;
  /** Scores and open deals to recommend partners from (targets with `recommendations`); absent = none. */
  recommend?: RecommendSource;
  /** The taxonomy (short codes for list names) and the ladder (which levels get lists). */
  listVocabulary: ListVocabulary;
}

export interface WritebackOutcome {
  figures: WritebackFigures;
  /** Set when the run must stop (lost lock, deadline): what was written so far is in `figures`. */
  stopped: RunStopped | null;
}

function listFigures(plan: ListPlan, report: ListSyncReport | null): WritebackFigures['lists'] {
  if (report) {
    return {
      created: report.created,
      updated: report.updated,
      retired: report.retired,
      membersAdded: report.membersAdded,
      membersRemoved: report.membersRemoved,
      unchanged: plan.unchanged,
    };
  }
  return {
    created: plan.create.length,
    updated: plan.update.length,
    retired: plan.retire.length,
    membersAdded:
      plan.create.reduce((n, l) => n + l.members, 0) + plan.update.reduce((n, l) => n + l.add.length, 0),
    membersRemoved:
      plan.update.reduce((n, l) => n + l.remove.length, 0) + plan.retire.reduce((n, l) => n + l.remove, 0),
    unchanged: plan.unchanged,
  };
}

/** The system, object and fields a slice of updates goes to: the partner records', or the open deals'. */
type WriteTo = Pick<WritebackTarget, 'system' | 'object'> & { fields: readonly DiffField[] };

/** Counts a slice of writes adds to. */
type WriteTally = Pick<WritebackFigures, 'written' | 'fieldsWritten' | 'failed' | 'failures'>;

function failureOf(target: WriteTo, update: PlannedUpdate, outcome: Extract<WriteOutcome, { ok: false }>) {
  return {
    system: target.system,
    object: target.object,
    recordId: update.recordId,
    fields: Object.keys(update.values),
    values: update.values as Record<string, unknown>,
    code: outcome.code,
    message: outcome.message,
    transient: outcome.transient,
  };
}

async function writeSlices(
  options: WritebackSystemOptions,
  target: WriteTo,
  updates: PlannedUpdate[],
  figures: WriteTally,
) {
  const { connector, store, reporter } = options;
  const step = `writeback:${target.system}`;
  for (let at = 0; at < updates.length; at += WRITE_SLICE) {
    await options.checkpoint.check();
    const slice = updates.slice(at, at + WRITE_SLICE);
    const byId = new Map(slice.map((u) => [u.recordId, u]));
    const fieldUpdates: FieldUpdate[] = slice.map((u) => ({ recordId: u.recordId, values: u.values }));
    const outcomes = await connector.writeFields(target.object, fieldUpdates);
    const writtenAt = options.now().toISOString();
    const ok: PlannedUpdate[] = [];
    const failed: ReturnType<typeof failureOf>[] = [];
    for (const outcome of outcomes) {
      const update = byId.get(outcome.recordId);
      if (!update) continue;
      byId.delete(outcome.recordId);
      if (outcome.ok) ok.push(update);
      else failed.push(failureOf(target, update, outcome));
    }
    // A record the connector gave no outcome for is treated as a transient failure, never as written.
    for (const update of byId.values()) {
      failed.push(
        failureOf(target, update, {
          recordId: update.recordId,
          ok: false,
          code: 'NO_OUTCOME',
          message: 'the connector reported no outcome for this record',
          transient: true,
          fields: [],
        }),
      );
    }
    await store.transaction(async (tx) => {
      await tx.saveLastWritten(ok.flatMap((u) => writtenValues(target, u, writtenAt)));
      if (ok.length > 0)
        await tx.clearWriteFailures(
          target.system,
          target.object,
          ok.map((u) => u.recordId),
        );
      if (failed.length > 0) await tx.recordWriteFailures(failed, writtenAt);
    });
    figures.written += ok.length;
    figures.fieldsWritten += ok.reduce((n, u) => n + Object.keys(u.values).length, 0);
    figures.failed += failed.length;
    for (const f of failed) {
      if (figures.failures.length < LISTED_MAX) {
        figures.failures.push({
          recordId: f.recordId,
          code: f.code,
          message: f.message,
          transient: f.transient,
        });
      }
    }
    reporter.progress(step, Math.min(at + WRITE_SLICE, updates.length), updates.length);
  }
}

/** Values of every multi-value field, so option sets (HubSpot enumerations, picklists) can be widened first. */
function listFieldValues(target: WritebackTarget, desired: readonly DesiredRecord[]) {
  return target.fields
    .filter((f) => f.shape === 'list')
    .map((f) => {
      const values = new Set<string>();
      for (const record of desired) {
        const value = record.values[f.name];
        if (Array.isArray(value)) for (const v of value) values.add(v);
      }
      return { field: f.name, values: [...values].sort() };
    });
}

/**
 * The list plan of a dry run. Before provisioning the CRM may not answer for lists (HubSpot list
 * properties, Salesforce list views on fields that do not exist yet): every list is then one to create.
 */
async function planListsOrCreateAll(
  options: WritebackSystemOptions,
  lists: readonly DesiredList[],
): Promise<ListPlan> {
  try {
    return await options.connector.planLists(lists);
  } catch (error) {
    if (options.provisioned) throw error;
    return {
      system: options.target.system,
      create: lists.map((l) => ({ key: l.key, name: l.name, members: l.memberIds.length })),
      update: [],
      retire: [],
      unchanged: 0,
    };
  }
}

/** The failure of a per-cell record, as the run lists it. */
function cellFailure(outcome: Extract<WriteOutcome, { ok: false }>) {
  return {
    recordId: outcome.recordId,
    code: outcome.code,
    message: outcome.message,
    transient: outcome.transient,
  };
}

/**
 * Per-cell records: the CRM's are read once, diffed against the desired ones, and only the changes are
 * upserted (by key) or deleted. A failed record is listed and tried again next run, as the diff against
 * the CRM finds it still different. Nothing is deleted while some partners are held back (`syncLists`).
 */
async function syncCellRecords(
  options: WritebackSystemOptions,
  port: CellRecordPort,
  figures: WritebackFigures,
): Promise<void> {
  const { dryRun, reporter } = options;
  const step = `writeback:${options.target.system}`;
  const desired: CellRecord[] = options.desired.flatMap((d) => d.cells);
  // Before provisioning the object does not exist: a dry run then previews every record as new.
  const held = options.provisioned || !dryRun ? await port.read() : [];
  const diff = diffCellRecords(desired, held, { removeGone: options.syncLists });
  const cells: CellRecordFigures = {
    created: diff.create.length,
    updated: diff.update.length,
    unchanged: diff.unchanged,
    deleted: diff.remove.length,
    failed: 0,
  };
  figures.cellRecords = cells;
  if (dryRun) return;
  await options.checkpoint.check();
  const failed = new Set<string>();
  const upserts = [...diff.create, ...diff.update];
  const outcomes = [
    ...(upserts.length > 0 ? await port.upsert(upserts) : []),
    ...(diff.remove.length > 0 ? await port.remove(diff.remove.map((r) => r.recordId)) : []),
  ];
  for (const outcome of outcomes) {
    if (outcome.ok) continue;
    failed.add(outcome.recordId);
    if (figures.failures.length < LISTED_MAX) figures.failures.push(cellFailure(outcome));
  }
  cells.created = diff.create.filter((r) => !failed.has(r.key)).length;
  cells.updated = diff.update.filter((r) => !failed.has(r.key)).length;
  cells.deleted = diff.remove.filter((r) => !failed.has(r.recordId)).length;
  cells.failed = failed.size;
  await reporter.info(
    step,
    `per-cell records: ${cells.created} created, ${cells.updated} updated, ${cells.deleted} deleted, ${cells.unchanged} unchanged${cells.failed > 0 ? `, ${cells.failed} failed` : ''}`,
  );
}

/** Updates the dry run's preview shows of the recommendations. */
const EXAMPLES_MAX = 5;

/**
 * Recommended partners on open deals: the best partners per deal's need (matched once per distinct need,
 * only partners with a record in this CRM), diffed against what Atlas last wrote, and only the changed deals
 * written, in slices whose outcomes are saved like the partner fields'. A second run over unchanged data
 * writes nothing.
 */
async function syncRecommendations(
  options: WritebackSystemOptions,
  rec: RecommendationTarget,
  source: RecommendSource,
  figures: WritebackFigures,
): Promise<void> {
  const { store, reporter } = options;
  const step = `writeback:${options.target.system}`;
  const deals = openDealsOf(source.deals, rec);
  const { byDeal, needsMatched } = recommendPartners({
    scores: source.scores,
    partners: source.partners,
    taxonomy: source.taxonomy,
    config: source.scores.core.config,
    deals,
    count: rec.count,
    eligible: (p) => partnerRecordId(p, rec) !== null,
  });
  const desired = desiredRecommendations(rec, deals, byDeal, source.partners, source.recommendedAt);
  const key = { system: rec.system, object: rec.object };
  const [lastWritten, failures] = await Promise.all([
    store.listLastWritten(key),
    store.listWriteFailures(key),
  ]);
  // Only the ledger: the pull reads the deals' mapped fields, not these; a hand edit is set back when the
  // recommendation itself changes.
  const diff = diffWriteback({
    target: rec,
    desired,
    lastWritten,
    crmValues: new Map(),
    failures,
    maxAttempts: options.maxAttempts,
    retryHeld: options.retryHeld,
    now: options.now(),
  });
  const tally: RecommendationFigures = {
    deals: deals.length,
    needs: needsMatched,
    recommended: [...byDeal.values()].filter((r) => r.length > 0).length,
    toUpdate: diff.updates.length,
    unchanged: diff.unchangedRecords,
    held: diff.held.length,
    written: 0,
    fieldsWritten: 0,
    failed: 0,
    failures: [],
    examples: diff.updates.slice(0, EXAMPLES_MAX),
  };
  figures.recommendations = tally;
  const what = `recommended partners on ${count(deals.length, 'open deal', 'open deals')} (${count(needsMatched, 'need', 'needs')})`;
  if (options.dryRun) {
    await reporter.info(
      step,
      `dry run: ${what}; ${count(diff.updates.length, 'deal', 'deals')} would be updated`,
    );
    return;
  }
  await options.checkpoint.check();
  await writeSlices(options, rec, diff.updates, tally);
  for (const f of tally.failures) if (figures.failures.length < LISTED_MAX) figures.failures.push(f);
  await reporter.info(
    step,
    `${what}: ${count(tally.written, 'deal', 'deals')} written, ${tally.failed} failed, ${tally.unchanged} unchanged`,
  );
}

/** What `atlas provision` would create or change (steps already in place left out); none when the CRM cannot say. */
async function provisionSteps(options: WritebackSystemOptions): Promise<ProvisionStep[]> {
  try {
    const plan = await options.connector.planProvision();
    return plan.steps.filter((s) => s.action !== 'unchanged');
  } catch (error) {
    await options.reporter.warn(
      `writeback:${options.target.system}`,
      `could not plan the provisioning for the preview: ${errorMessage(error)}`,
    );
    return [];
  }
}

export async function writebackSystem(options: WritebackSystemOptions): Promise<WritebackOutcome> {
  const { connector, store, target, desired, dryRun, reporter, checkpoint } = options;
  const step = `writeback:${target.system}`;
  const [lastWritten, failures] = await Promise.all([
    store.listLastWritten({ system: target.system, object: target.object }),
    store.listWriteFailures({ system: target.system, object: target.object }),
  ]);
  const diff = diffWriteback({
    target,
    desired,
    lastWritten,
    crmValues: options.crmValues,
    failures: failures satisfies WriteFailure[],
    maxAttempts: options.maxAttempts,
    retryHeld: options.retryHeld,
    now: options.now(),
  });
  const { lists, leftOut } = selectLists(target, desired, options.listVocabulary);
  for (const left of leftOut) await options.reporter.warn(step, leftOutWords(left));
  const figures: WritebackFigures = {
    dryRun,
    records: desired.length,
    recordsToUpdate: diff.updates.length,
    recordsUnchanged: diff.unchangedRecords,
    fieldsWritten: 0,
    fieldsUnchanged: diff.unchangedFields,
    written: 0,
    failed: 0,
    held: diff.held.length,
    drift: diff.drift.length,
    failures: [],
    heldRecords: diff.held.slice(0, LISTED_MAX),
    driftReport: diff.drift.slice(0, LISTED_MAX),
    lists: { created: 0, updated: 0, retired: 0, membersAdded: 0, membersRemoved: 0, unchanged: 0 },
  };
  if (diff.drift.length > 0) {
    await reporter.warn(
      step,
      `${diff.drift.length} Atlas fields had been changed in the CRM; they are set back`,
      {
        drift: figures.driftReport.slice(0, 20),
      },
    );
  }
  for (const held of diff.held.slice(0, 20)) {
    await reporter.warn(step, `record ${held.recordId} not written: ${heldWords(held)}`);
  }
  try {
    if (dryRun) {
      figures.provisioned = options.provisioned;
      const listPlan = options.syncLists
        ? await planListsOrCreateAll(options, lists)
        : { system: target.system, create: [], update: [], retire: [], unchanged: 0 };
      figures.lists = listFigures(listPlan, null);
      figures.fieldsWritten = diff.updates.reduce((n, u) => n + Object.keys(u.values).length, 0);
      const provision = options.provisioned ? [] : await provisionSteps(options);
      if (connector.cellRecords && target.cellLevels)
        await syncCellRecords(options, connector.cellRecords, figures);
      if (target.recommendations && options.recommend)
        await syncRecommendations(options, target.recommendations, options.recommend, figures);
      figures.preview = {
        updates: diff.updates,
        lists: listPlan,
        ...(options.provisioned ? {} : { provision }),
      };
      await reporter.info(
        step,
        `dry run: ${count(diff.updates.length, 'record', 'records')} would be updated${options.provisioned ? '' : `, after \`atlas provision ${target.system} --apply\` makes ${count(provision.length, 'change', 'changes')}`}; nothing was written`,
        figures.lists,
      );
      return { figures, stopped: null };
    }
    await checkpoint.check();
    // Picklist values (Salesforce Metadata API) are a convenience for readers; if that API stays down the
    // fields are still written: a record whose value the picklist lacks then fails on its own, with its reason.
    try {
      await connector.ensureFieldOptions(target.object, listFieldValues(target, desired));
    } catch (error) {
      // Recorded as the write-back's error so the run ends partial, though the writes below go on.
      figures.error = `field options could not be updated, fields written anyway: ${errorMessage(error)}`;
      await reporter.error(step, figures.error);
    }
    await writeSlices(options, target, diff.updates, figures);
    if (options.syncLists) {
      await checkpoint.check();
      const listPlan = await connector.planLists(lists);
      const report = await connector.applyLists(listPlan, lists);
      figures.lists = listFigures(listPlan, report);
      for (const failure of report.failures) {
        await reporter.error(step, `list ${failure.list}: ${failure.message}`);
      }
      for (const warning of report.warnings ?? []) await reporter.warn(step, warning);
    }
    // After the fields and lists, so an org where the per-cell object is not provisioned yet still gets those.
    if (connector.cellRecords && target.cellLevels)
      await syncCellRecords(options, connector.cellRecords, figures);
    if (target.recommendations && options.recommend)
      await syncRecommendations(options, target.recommendations, options.recommend, figures);
    await reporter.info(
      step,
      `${count(figures.written, 'record', 'records')} written (${count(figures.fieldsWritten, 'field', 'fields')}), ${figures.failed} failed, ${figures.recordsUnchanged} unchanged; lists +${figures.lists.membersAdded} −${figures.lists.membersRemoved}`,
    );
  } catch (error) {
    figures.error = errorMessage(error);
    await reporter.error(step, `write-back stopped: ${figures.error}`);
    if (error instanceof RunStopped) return { figures, stopped: error };
  }
  return { figures, stopped: null };
}

/** Why a record waits, in words: the CRM's reason, and when it is tried again. */
export function heldWords(held: HeldRecord): string {
  const when =
    held.reason === 'too-many-attempts'
      ? `not tried again after ${count(held.attempts, 'attempt', 'attempts')} until its values change or a run with --full`
      : `tried again from ${held.retryAfter}`;
  return `${held.code} ${held.message} (${when})`;
}
