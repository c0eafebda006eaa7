/**
 * What to write: desired values against what the CRM holds. The CRM's value is the one just read when the
 * record came with this run's pull (an admin's hand edit changes the record's modification stamp, so it
 * is read again), otherwise the value Atlas last wrote. A hand edit of an Atlas field is overwritten and
 * reported as drift; since our own write then matches the ledger, it never loops.
 */
import type { LastWrittenValue, WriteFailure } from '../store/index.js';
import type { DesiredRecord } from './desired-records.js';
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
  reason: 'permanent-failure' | 'too-many-attempts';
  code: string;
  message: string;
  attempts: number;
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

export interface DiffInput {
  target: WritebackTarget;
  desired: readonly DesiredRecord[];
  lastWritten: readonly LastWrittenValue[];
  /** Field values read from the CRM this run, by record id (only records the pull returned). */
  crmValues: ReadonlyMap<string, Record<string, unknown>>;
  failures: readonly WriteFailure[];
  /** Transient failures are retried on later runs up to this many attempts. */
  maxAttempts: number;
}

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

/** A permanent failure is retried once the values it refused change; transient ones up to maxAttempts. */
function holdReason(
  failure: WriteFailure | undefined,
  values: Record<string, ResultValue>,
  input: DiffInput,
): HeldRecord['reason'] | null {
  if (!failure) return null;
  if (failure.transient) return failure.attempts >= input.maxAttempts ? 'too-many-attempts' : null;
  const refused = failure.values;
  if (!refused) return 'permanent-failure';
  const shapes = new Map(input.target.fields.map((f) => [f.name, f.shape]));
  const same = Object.entries(values).every(([field, value]) => {
    const shape = shapes.get(field);
    return shape === 'datetime' || (shape !== undefined && sameValue(shape, value, refused[field]));
  });
  return same ? 'permanent-failure' : null;
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
      if (changed) values[field.name] = want;
      else diff.unchangedFields++;
    }
    if (Object.keys(values).length === 0) {
      diff.unchangedRecords++;
      continue;
    }
    for (const field of input.target.fields) {
      if (field.shape === 'datetime') values[field.name] = record.values[field.name] ?? null;
    }
    const failure = failures.get(record.recordId);
    const held = holdReason(failure, values, input);
    if (held && failure) {
      diff.held.push({
        recordId: record.recordId,
        reason: held,
        code: failure.code,
        message: failure.message,
        attempts: failure.attempts,
      });
      continue;
    }
    diff.updates.push({ recordId: record.recordId, partnerId: record.partnerId, values, drift });
  }
  return diff;
}

/** The ledger rows of values just written, in the canonical JSON form the next diff compares. */
export function writtenValues(
  target: WritebackTarget,
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
