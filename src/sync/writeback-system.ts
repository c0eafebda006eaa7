/**
 * The write-back to one CRM: desired values → diff against the CRM and the ledger → only the changes,
 * written in slices whose outcomes are saved before the next (a killed run loses at most one slice of
 * bookkeeping, and the next run reads those records back and does not write them twice). Before every
 * slice the run checks it still holds the lock and is within its deadline.
 */
import type {
  Connector,
  FieldUpdate,
  ListPlan,
  ListSyncReport,
  WriteOutcome,
} from '../../connectors/types.js';
import { count } from '../engine/index.js';
import { errorMessage } from '../errors.js';
import type { Store, WriteFailure } from '../store/index.js';
import {
  type DesiredRecord,
  type DriftReport,
  desiredLists,
  diffWriteback,
  type HeldRecord,
  type PlannedUpdate,
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
  failed: number;
  held: number;
  drift: number;
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
  /** The whole preview, in a dry run: every update and list change that would be made. */
  preview?: { updates: PlannedUpdate[]; lists: ListPlan };
  error?: string;
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
  checkpoint: RunCheckpoint;
  reporter: RunReporter;
  /** The clock write times and retry backoffs go by. */
  now: () => Date;
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

function failureOf(
  target: WritebackTarget,
  update: PlannedUpdate,
  outcome: Extract<WriteOutcome, { ok: false }>,
) {
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
  updates: PlannedUpdate[],
  figures: WritebackFigures,
) {
  const { connector, store, target, reporter } = options;
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
  const lists = desiredLists(target, desired);
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
      const listPlan: ListPlan = options.syncLists
        ? await connector.planLists(lists)
        : { system: target.system, create: [], update: [], retire: [], unchanged: 0 };
      figures.lists = listFigures(listPlan, null);
      figures.fieldsWritten = diff.updates.reduce((n, u) => n + Object.keys(u.values).length, 0);
      figures.preview = { updates: diff.updates, lists: listPlan };
      await reporter.info(
        step,
        `dry run: ${count(diff.updates.length, 'record', 'records')} would be updated`,
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
    await writeSlices(options, diff.updates, figures);
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
