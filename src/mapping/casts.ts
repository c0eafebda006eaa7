/**
 * Casts raw values to the model's types, knowing no CRM: each connector has already decoded its CRM's
 * encodings (connectors/<crm>/values.ts), so what arrives is JSON scalars, ISO 8601 text, or text a user
 * typed into a text field (`"12.5"`, `"yes"`, a Unix time in milliseconds). Each cast returns the value,
 * `null` for an empty input, or `undefined` when the input cannot be read as that type (the caller reports
 * an issue).
 */

export const CAST_NAMES = ['string', 'number', 'boolean', 'date', 'datetime'] as const;
export type CastName = (typeof CAST_NAMES)[number];

/** Why a cast failed, worded for a record issue. */
export const CAST_FAILURE: Record<CastName, string> = {
  string: 'expected text, got a structured value',
  number: 'not a number',
  boolean: 'not a boolean (expected true/false, 1/0 or yes/no)',
  date: 'not a date (expected YYYY-MM-DD, an ISO 8601 date-time or epoch milliseconds)',
  datetime:
    'not a date-time (expected ISO 8601 such as 2024-05-02T14:21:07Z or …+0000, YYYY-MM-DD, or epoch milliseconds)',
};

const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const EPOCH_MS_TEXT = /^-?\d{1,16}$/;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
// ISO 8601 in its extended and basic offsets (`Z`, `+00:00`, `+0000`), with a space instead of `T` too.
// No zone means UTC.
const DATETIME_TEXT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// The shape connectors hand over almost always, already UTC with milliseconds: no Date arithmetic needed.
const UTC_TEXT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{3})?(?:Z|\+0000|\+00:00)$/;
const MAX_YEAR = 9999;

/** Text: strings as they are, numbers and booleans written out. */
export function castString(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

/** A finite number from a JSON number or a decimal string (a number kept in a text field). */
export function castNumber(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return null;
    if (!NUMBER_TEXT.test(text)) return undefined;
    const n = Number(text);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A boolean from JSON true/false, or text or numbers saying so: `"true"`/`"false"`, 1/0, yes/no. */
export function castBoolean(value: unknown): boolean | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value === 'string') {
    switch (value.trim().toLowerCase()) {
      case '':
        return null;
      case 'true':
      case '1':
      case 'yes':
        return true;
      case 'false':
      case '0':
      case 'no':
        return false;
      default:
        return undefined;
    }
  }
  return undefined;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

function validDate(year: number, month: number, day: number): boolean {
  return (
    year >= 1 && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

/** `YYYY-MM-DDTHH:mm:ss.sss` of a valid UTC date-time (milliseconds optional), or undefined for anything else. */
function utcMillis(text: string): string | undefined {
  const m = UTC_TEXT.exec(text);
  if (!m) return undefined;
  const valid =
    validDate(Number(m[1]), Number(m[2]), Number(m[3])) &&
    Number(m[4]) <= 23 &&
    Number(m[5]) <= 59 &&
    Number(m[6]) <= 59;
  if (!valid) return undefined;
  return m[7] === undefined ? `${text.slice(0, 19)}.000` : text.slice(0, 23);
}

/** Epoch milliseconds of a date-time input, or undefined. */
function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (EPOCH_MS_TEXT.test(text)) return Number(text);
  let m = DATE_TEXT.exec(text);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDate(year, month, day) ? Date.UTC(year, month - 1, day) : undefined;
  }
  m = DATETIME_TEXT.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

function inModelRange(ms: number): boolean {
  // toISOString writes years beyond 9999 as `+010000-…`, which the model's ISO schemas reject.
  return ms >= Date.UTC(1, 0, 1) && ms < Date.UTC(MAX_YEAR + 1, 0, 1);
}

/** An ISO UTC date-time `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function castDateTime(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const fast = utcMillis(value);
    if (fast !== undefined) return `${fast}Z`;
    if (value.trim() === '') return null;
  }
  const ms = toEpochMs(value);
  if (ms === undefined || !inModelRange(ms)) return undefined;
  return new Date(ms).toISOString();
}

/** An ISO calendar date `YYYY-MM-DD`; a date-time input gives its UTC date. */
export function castDate(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const fast = utcMillis(value);
    if (fast !== undefined) return fast.slice(0, 10);
    const text = value.trim();
    if (text === '') return null;
    const m = DATE_TEXT.exec(text);
    if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3])) ? text : undefined;
  }
  const ms = toEpochMs(value);
  if (ms === undefined || !inModelRange(ms)) return undefined;
  return new Date(ms).toISOString().slice(0, 10);
}

/** The cast function of a cast name. */
export const CASTS: Record<CastName, (value: unknown) => unknown> = {
  string: castString,
  number: castNumber,
  boolean: castBoolean,
  date: castDate,
  datetime: castDateTime,
};
