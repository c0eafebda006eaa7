/**
 * Record issues grouped for an admin: one line per mapping field and offending value, with how many records
 * carry it, one of them as an example, and the taxonomy or mapping line that would make the value known.
 */
import type { CrmSystem, RecordIssue, Taxonomy, TaxonomyEntry } from '../model/index.js';
import { closestMatch } from './did-you-mean.js';

/** Records with the same field, value and reason, counted once. */
export interface RecordIssueGroup {
  system: CrmSystem;
  object: string;
  /** The model field being read, e.g. `deals.sector`. */
  field: string;
  /** The offending raw value (null when the value was empty). */
  value: string | null;
  reason: string;
  severity: RecordIssue['severity'];
  /** Records with this issue. */
  records: number;
  /** One of them, to look it up in the CRM. */
  exampleRecordId: string;
  /** The line to add so the value maps, and where, in words; null when no line would help (a bad date, an empty value). */
  suggestion: string | null;
}

/** The reason the mapper gives a value the taxonomy lacks (compile-field.ts): `not in the taxonomy's sectors: …`. */
const NOT_IN_TAXONOMY = /^not in the taxonomy's (sectors|technologies)\b/;
/** The reason it gives a value a field's valueMap lacks. */
const NOT_IN_VALUE_MAP = /^no valueMap entry\b/;

/** A value as YAML writes it in a flow list: quoted when it holds a comma, colon, bracket or quote. */
function yamlScalar(value: string): string {
  return /[,:[\]{}#&*!|>'"%@`]|^\s|\s$/.test(value) ? JSON.stringify(value) : value;
}

/** The taxonomy entry a new value most plausibly belongs to: a near spelling of its key, label or a value. */
function closestEntry(value: string, entries: readonly TaxonomyEntry[]): TaxonomyEntry | undefined {
  const names = new Map<string, TaxonomyEntry>();
  for (const entry of entries) {
    for (const name of [entry.key, entry.label, ...entry.values]) names.set(name.toLowerCase(), entry);
  }
  const squeezed = value.toLowerCase().replace(/[\s_&-]+/g, '');
  for (const [name, entry] of names) if (name.replace(/[\s_&-]+/g, '') === squeezed) return entry;
  const match = closestMatch(value, [...names.keys()]);
  return match === undefined ? undefined : names.get(match.toLowerCase());
}

/** A taxonomy key for a new entry named `value`: lower snake_case. */
function keyOf(value: string): string {
  const key = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(key) ? key : `x_${key}`;
}

function taxonomySuggestion(axis: 'sectors' | 'technologies', value: string, taxonomy: Taxonomy): string {
  const scalar = yamlScalar(value);
  const entry = closestEntry(value, taxonomy[axis]);
  if (entry) {
    return `taxonomy.yaml, ${axis} → ${entry.key} (${entry.label}): add it to the values, values: [${entry.values.slice(0, 2).map(yamlScalar).join(', ')}, …, ${scalar}]`;
  }
  const unmapped = [...taxonomy.unmapped.map(yamlScalar), scalar].join(', ');
  return `taxonomy.yaml, ${axis}: add an entry, - { key: ${keyOf(value)}, label: ${scalar}, values: [${scalar}] }; or, if it means no ${axis === 'sectors' ? 'sector' : 'technology'}, unmapped: [${unmapped}]`;
}

/** The line that would make the value known, or null when the issue is not a missing vocabulary entry. */
function suggestionFor(issue: RecordIssue, taxonomy: Taxonomy): string | null {
  if (issue.value === null) return null;
  const axis = NOT_IN_TAXONOMY.exec(issue.reason)?.[1];
  if (axis === 'sectors' || axis === 'technologies') return taxonomySuggestion(axis, issue.value, taxonomy);
  if (NOT_IN_VALUE_MAP.test(issue.reason)) {
    return `${issue.system}.yaml, the valueMap of ${issue.field}: add ${JSON.stringify(issue.value)}: <model value>`;
  }
  return null;
}

/**
 * Groups issues by CRM, object, field, value and reason; the groups with the most records come first.
 *
 * @example
 * groupRecordIssues(issues, taxonomy)[0];
 * // { field: 'deals.sector', value: 'Health Care', records: 212, exampleRecordId: '006…',
 * //   suggestion: 'taxonomy.yaml, sectors → healthcare (Healthcare & Life Sciences): add it to the values, …' }
 */
export function groupRecordIssues(issues: Iterable<RecordIssue>, taxonomy: Taxonomy): RecordIssueGroup[] {
  const groups = new Map<string, RecordIssueGroup>();
  for (const issue of issues) {
    const key = [issue.system, issue.object, issue.field, issue.value ?? '\u0001', issue.reason].join(
      '\u0000',
    );
    const group = groups.get(key);
    if (group) {
      group.records++;
      if (issue.severity === 'error') group.severity = 'error';
      continue;
    }
    groups.set(key, {
      system: issue.system,
      object: issue.object,
      field: issue.field,
      value: issue.value,
      reason: issue.reason,
      severity: issue.severity,
      records: 1,
      exampleRecordId: issue.recordId,
      suggestion: suggestionFor(issue, taxonomy),
    });
  }
  return [...groups.values()].sort(
    (a, b) =>
      b.records - a.records || a.field.localeCompare(b.field) || (a.value ?? '').localeCompare(b.value ?? ''),
  );
}
