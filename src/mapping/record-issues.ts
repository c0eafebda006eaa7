/** Builds per-record issues: which record, which field, the offending value cut to a readable length, and why. */
import type { CrmSystem, RecordIssue } from '../model/index.js';

/** Raw values in issues are cut to this many characters. */
export const ISSUE_VALUE_MAX = 200;

/** Cuts text to `max` characters without splitting a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

/** A raw value as issue text: strings as they are, anything else as JSON; cut to {@link ISSUE_VALUE_MAX}. */
export function issueValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  let text: string;
  if (typeof value === 'string') text = value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > ISSUE_VALUE_MAX ? `${cutText(text, ISSUE_VALUE_MAX)}…` : text;
}

/** Collects the issues of one record while it is mapped. */
export class RecordScope {
  readonly issues: RecordIssue[] = [];
  hasError = false;

  constructor(
    readonly system: CrmSystem,
    readonly object: string,
    readonly recordId: string,
  ) {}

  add(field: string, value: unknown, reason: string, severity: RecordIssue['severity']): void {
    if (severity === 'error') this.hasError = true;
    this.issues.push({
      system: this.system,
      object: this.object,
      recordId: this.recordId,
      field,
      value: issueValue(value),
      reason,
      severity,
    });
  }
}
