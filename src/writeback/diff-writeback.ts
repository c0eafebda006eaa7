/**
 * What to write: desired values against what the CRM holds. The CRM's value is the one just read when the
 * record came with this run's pull (an admin's hand edit changes the record's modification stamp, so it
 * is read again), otherwise the value Atlas last wrote. A hand edit of an Atlas field is overwritten and
 * reported as drift; since our own write then matches the ledger, it never loops.
 *
 * A record is written only when a reader would notice a change: a field's text, list or level differs, or
 * the top score moved by SCORE_STEP points or more from what the CRM holds. Then every field that differs
 * goes with it (the score rounded as it is now, and the "scored at" time); otherwise nothing is written,
 * so a night over unchanged CRM data, with scores decaying slowly, writes nothing.
 */
import { reasonParts } from '../engine/recommend-partners.js';
import type { ResultShape, WritebackResult } from '../model/index.js';
import type { LastWrittenValue, WriteFailure } from '../store/index.js';
import type { ResultValue } from './result-values.js';
import { isEmptyValue, sameValue } from './same-value.js';
import type { WritebackTarget } from './writeback-target.js';

export interface PlannedUpdate {
  recordId: string;
  partnerId: string;
  /** Only the fields that change, plus `scoredAt` fields when anything else does. */
  values: Record<string, ResultValue>;
  /** Fields whose CRM value had been changed by someone else since Atlas wrote it. */
  drift: string[];
}

export interface DriftReport {
  recordId: string;
  field: string;
  /** What Atlas had written. */
  written: unknown;
  /** What the CRM held instead. */
  found: unknown;
}

export interface HeldRecord {
  recordId: string;
  /** Waiting for its backoff to pass, or tried `maxAttempts` times with the same values. */
  reason: 'backoff' | 'too-many-attempts';
  /** The CRM's code and reason for the last failure. */
  code: string;
  message: string;
  attempts: number;
  /** When the next run may try it again (ISO instant). */
  retryAfter: string;
}

export interface WritebackDiff {
  updates: PlannedUpdate[];
  /** Records that need no write. */
  unchangedRecords: number;
  /** Fields left alone because they already hold the desired value. */
  unchangedFields: number;
  drift: DriftReport[];
  /** Records not written this run: a permanent failure with the same values, or transient ones retried too often. */
  held: HeldRecord[];
}

/** A field as the diff compares it: its name, its shape, and the result it holds when it is a partner field. */
export interface DiffField {
  name: string;
  shape: ResultShape;
  result?: WritebackResult;
  /**
   * Whether a change of this field alone is worth a write (values known to differ); absent = any change is.
   * Recommendation reasons carry a score that decays a little every night, like the top score.
   */
  worthWriting?: (want: unknown, current: unknown) => boolean;
}

/** The values wanted on one CRM record (a partner's, or an open deal's recommendations). */
export interface DesiredValues {
  recordId: string;
  /** The model record the values are about (partner id; deal id for recommendations). */
  partnerId: string;
  values: Readonly<Record<string, ResultValue>>;
}

export interface DiffInput {
  target: { readonly fields: readonly DiffField[] };
  desired: readonly DesiredValues[];
  lastWritten: readonly LastWrittenValue[];
  /** Field values read from the CRM this run, by record id (only records the pull returned). */
  crmValues: ReadonlyMap<string, Record<string, unknown>>;
  failures: readonly WriteFailure[];
  /** Failed writes (transient or permanent) are tried up to this many times with the same values. */
  maxAttempts: number;
  /** Try every failed record again now, whatever its backoff or attempts (`--full`; default false). */
  retryHeld?: boolean;
  /** The instant backoffs are measured against (default now). */
  now?: Date;
}

/** Top-score moves smaller than this (in points) are not worth a write on their own. */
export const SCORE_STEP = 5;
/** The first retry is on the next run; then waits double from an hour (nightly runs retry every night). */
const FIRST_BACKOFF_MS = 60 * 60_000;

function ledgerOf(values: readonly LastWrittenValue[]): Map<string, Map<string, unknown>> {
  const ledger = new Map<string, Map<string, unknown>>();
  for (const v of values) {
    let fields = ledger.get(v.recordId);
    if (!fields) {
      fields = new Map();
      ledger.set(v.recordId, fields);
    }
    fields.set(v.field, v.value);
  }
  return ledger;
}

function retryAfter(failure: WriteFailure): Date {
  const wait = failure.attempts <= 1 ? 0 : FIRST_BACKOFF_MS * 2 ** (failure.attempts - 2);
  return new Date(Date.parse(failure.lastAt) + wait);
}

/**
 * Whether a failed record waits: any failure (transient or permanent: a validation rule may be fixed) is
 * tried again on later runs with backoff, up to maxAttempts with the same values; new values are tried at once.
 */
function holdReason(
  failure: WriteFailure,
  values: Record<string, ResultValue>,
  input: DiffInput,
): HeldRecord['reason'] | null {
  if (input.retryHeld === true) return null;
  const refused = failure.values;
  const shapes = new Map(input.target.fields.map((f) => [f.name, f.shape]));
  const same =
    refused === null ||
    refused === undefined ||
    Object.entries(values).every(([field, value]) => {
      const shape = shapes.get(field);
      return shape === 'datetime' || (shape !== undefined && sameValue(shape, value, refused[field]));
    });
  if (!same) return null;
  if (failure.attempts >= input.maxAttempts) return 'too-many-attempts';
  return (input.now ?? new Date()) < retryAfter(failure) ? 'backoff' : null;
}

/**
 * A text of lines carrying "score N · M% confidence" (a recommendation reason, the per-cell lines of
 * `atlas_expertise_cells`) is worth a write when more than those figures changed (level, won customers,
 * cell, a line added or gone), or when a score moved by SCORE_STEP points or more: nightly decay alone
 * rewrites no record.
 */
export function figuresTextWorthWriting(want: unknown, current: unknown): boolean {
  if (typeof want !== 'string' || typeof current !== 'string') return true;
  const [wanted, held] = [want.split('\n'), current.split('\n')];
  if (wanted.length !== held.length) return true;
  return wanted.some((line, i) => {
    const [a, b] = [reasonParts(line), reasonParts(held[i]!)];
    if (a.rest !== b.rest || a.score === null || b.score === null) return a.rest !== b.rest;
    return Math.abs(a.score - b.score) >= SCORE_STEP;
  });
}

/**
 * True when a reader would notice the change from `current` to `want` (values known to differ): any, except
 * top-score moves under SCORE_STEP, the same drift in the per-cell lines, and what the field's own
 * `worthWriting` turns down.
 */
export function noticeable(field: DiffField, want: unknown, current: unknown): boolean {
  if (field.worthWriting) return field.worthWriting(want, current);
  if (field.result === 'expertiseCells') return figuresTextWorthWriting(want, current);
  if (field.result !== 'topScore' || typeof want !== 'number') return true;
  const held = current === null || current === undefined || current === '' ? Number.NaN : Number(current);
  return !Number.isFinite(held) || Math.abs(want - held) >= SCORE_STEP;
}

export function diffWriteback(input: DiffInput): WritebackDiff {
  const ledger = ledgerOf(input.lastWritten);
  const failures = new Map(input.failures.map((f) => [f.recordId, f]));
  const diff: WritebackDiff = { updates: [], unchangedRecords: 0, unchangedFields: 0, drift: [], held: [] };
  for (const record of input.desired) {
    const written = ledger.get(record.recordId);
    const read = input.crmValues.get(record.recordId);
    const values: Record<string, ResultValue> = {};
    const drift: string[] = [];
    let notice = false;
    for (const field of input.target.fields) {
      if (field.shape === 'datetime') continue;
      const want = record.values[field.name] ?? null;
      const hasLedger = written?.has(field.name) ?? false;
      const ledgerValue = written?.get(field.name);
      let current: { known: boolean; value: unknown };
      if (read && field.name in read) {
        current = { known: true, value: read[field.name] };
        if (hasLedger && !sameValue(field.shape, ledgerValue, current.value)) {
          drift.push(field.name);
          diff.drift.push({
            recordId: record.recordId,
            field: field.name,
            written: ledgerValue,
            found: current.value,
          });
        }
      } else if (hasLedger) {
        current = { known: true, value: ledgerValue };
      } else {
        current = { known: false, value: null };
      }
      const changed = current.known
        ? !sameValue(field.shape, want, current.value)
        : !isEmptyValue(field.shape, want);
      if (changed) {
        values[field.name] = want;
        notice ||= !current.known || noticeable(field, want, current.value);
      }
    }
    if (!notice) {
      diff.unchangedFields += input.target.fields.filter((f) => f.shape !== 'datetime').length;
      diff.unchangedRecords++;
      continue;
    }
    diff.unchangedFields += input.target.fields.filter(
      (f) => f.shape !== 'datetime' && !(f.name in values),
    ).length;
    for (const field of input.target.fields) {
      if (field.shape === 'datetime') values[field.name] = record.values[field.name] ?? null;
    }
    const failure = failures.get(record.recordId);
    const held = failure ? holdReason(failure, values, input) : null;
    if (held && failure) {
      diff.held.push({
        recordId: record.recordId,
        reason: held,
        code: failure.code,
        message: failure.message,
        attempts: failure.attempts,
        retryAfter: retryAfter(failure).toISOString(),
      });
      continue;
    }
    diff.updates.push({ recordId: record.recordId, partnerId: record.partnerId, values, drift });
  }
  return diff;
}

/** The ledger rows of values just written, in the canonical JSON form the next diff compares. */
export function writtenValues(
  target: Pick<WritebackTarget, 'system' | 'object'>,
  update: PlannedUpdate,
  writtenAt: string,
): LastWrittenValue[] {
  return Object.entries(update.values).map(([field, value]) => ({
    system: target.system,
    object: target.object,
    recordId: update.recordId,
    field,
    value: Array.isArray(value) ? [...value] : value,
    writtenAt,
  }));
}
