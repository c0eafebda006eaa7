/**
 * Property values on the wire: every value is a string (or null). Writes are checked against the
 * property's type and normalised the way HubSpot stores them (datetimes read back as ISO, dates as
 * `YYYY-MM-DD`); see https://developers.hubspot.com/docs/api-reference/legacy/crm/properties/guide.
 */
import type { ObjectTypeDefinition } from './object-types.js';
import type { PropertyDefinition } from './property-definitions.js';

/** One rejected value, in the shape HubSpot lists inside "Property values were not valid: [...]". */
export interface PropertyProblem {
  isValid: false;
  message: string;
  error: string;
  name: string;
}

const DAY_MS = 86_400_000;

/** Milliseconds of a datetime value given as epoch ms or ISO 8601; NaN when neither. */
export function datetimeMs(value: string): number {
  if (/^-?\d+$/.test(value)) return Number(value);
  return Date.parse(value);
}

/** Milliseconds at UTC midnight of a date value given as `YYYY-MM-DD` or epoch ms; NaN when neither. */
export function dateMs(value: string): number {
  if (/^-?\d+$/.test(value)) return Number(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`);
  return Date.parse(value);
}

function problem(name: string, error: string, message: string): PropertyProblem {
  return { isValid: false, message, error, name };
}

/**
 * Normalises one written value or reports why HubSpot would refuse it. `null` or `""` clears the value.
 * JSON numbers and booleans are accepted and stored as strings, as HubSpot does.
 */
export function normalizeValue(
  prop: PropertyDefinition,
  raw: unknown,
): { ok: true; value: string | null } | { ok: false; problem: PropertyProblem } {
  if (raw === null || raw === undefined || raw === '') return { ok: true, value: null };
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
    return {
      ok: false,
      problem: problem(prop.name, 'INVALID_VALUE', `${JSON.stringify(raw)} is not a valid value`),
    };
  }
  const value = String(raw);
  switch (prop.type) {
    case 'number': {
      const n = Number(value.trim());
      if (value.trim() === '' || !Number.isFinite(n)) {
        return {
          ok: false,
          problem: problem(prop.name, 'INVALID_FLOAT', `${value} was not a valid number.`),
        };
      }
      return { ok: true, value: value.trim() };
    }
    case 'bool': {
      const v = value.toLowerCase();
      if (v !== 'true' && v !== 'false') {
        return {
          ok: false,
          problem: problem(prop.name, 'INVALID_BOOLEAN', `${value} was not a valid boolean.`),
        };
      }
      return { ok: true, value: v };
    }
    case 'datetime': {
      const ms = datetimeMs(value);
      if (!Number.isFinite(ms)) {
        return {
          ok: false,
          problem: problem(prop.name, 'INVALID_DATE', `${value} was not a valid datetime.`),
        };
      }
      return { ok: true, value: new Date(ms).toISOString() };
    }
    case 'date': {
      const ms = dateMs(value);
      if (!Number.isFinite(ms)) {
        return { ok: false, problem: problem(prop.name, 'INVALID_DATE', `${value} was not a valid date.`) };
      }
      if (ms % DAY_MS !== 0) {
        return {
          ok: false,
          problem: problem(
            prop.name,
            'INVALID_DATE',
            `${value} is not at midnight UTC; a date property takes a date.`,
          ),
        };
      }
      return { ok: true, value: new Date(ms).toISOString().slice(0, 10) };
    }
    case 'enumeration': {
      const allowed = new Set(prop.options.map((o) => o.value));
      if (prop.fieldType === 'booleancheckbox' && allowed.size === 0) {
        const v = value.toLowerCase();
        if (v === 'true' || v === 'false') return { ok: true, value: v };
      }
      const parts = prop.fieldType === 'checkbox' ? value.split(';').filter((p) => p !== '') : [value];
      const bad = parts.find((p) => !allowed.has(p));
      if (bad !== undefined) {
        const list = prop.options.map((o) => o.value).join(', ');
        return {
          ok: false,
          problem: problem(
            prop.name,
            'INVALID_OPTION',
            `${bad} was not one of the allowed options: [${list}]`,
          ),
        };
      }
      return { ok: true, value: parts.join(';') };
    }
    default:
      return { ok: true, value };
  }
}

/** Checks and normalises a whole `properties` object of a write; unknown or read-only names are problems. */
export function normalizeProperties(
  def: ObjectTypeDefinition,
  input: Record<string, unknown>,
  options: { creating: boolean },
): { values: Map<string, string | null>; problems: PropertyProblem[] } {
  const values = new Map<string, string | null>();
  const problems: PropertyProblem[] = [];
  for (const [name, raw] of Object.entries(input)) {
    const prop = def.properties.get(name);
    if (!prop || prop.archived) {
      problems.push(problem(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`));
      continue;
    }
    const settableOnCreate = options.creating && name === def.createdDateProperty;
    if (prop.readOnlyValue || (name === def.createdDateProperty && !settableOnCreate)) {
      problems.push(problem(name, 'READ_ONLY_VALUE', `Property "${name}" is read-only`));
      continue;
    }
    const result = normalizeValue(prop, raw);
    if (result.ok) values.set(name, result.value);
    else problems.push(result.problem);
  }
  return { values, problems };
}

/** HubSpot's message for refused values: `Property values were not valid: [ ...problems as JSON ]`. */
export function invalidPropertiesMessage(problems: PropertyProblem[]): string {
  return `Property values were not valid: ${JSON.stringify(problems)}`;
}
