/** ISO dates as whole day numbers (days since 1970-01-01, UTC), parsed without allocating. */
import { AtlasError } from '../errors.js';

const DAY_MS = 86_400_000;

/** Days since the epoch of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/**
 * Day number of `YYYY-MM-DD` (or the date part of an ISO datetime); NaN for null or a malformed value.
 * Called millions of times per run, hence no Date objects.
 */
export function dayNumber(iso: string | null | undefined): number {
  if (!iso || iso.length < 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return Number.NaN;
  const year = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3);
  const month = digit(iso, 5) * 10 + digit(iso, 6);
  const day = digit(iso, 8) * 10 + digit(iso, 9);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && year >= 0)) return Number.NaN;
  return daysFromCivil(year, month, day);
}

/** The ISO date of a day number. */
export function isoDateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `now` as a fractional day number; throws a clear error for anything that is not an ISO date or datetime. */
export function nowDay(now: string): number {
  const ms = Date.parse(now);
  if (!/^\d{4}-\d{2}-\d{2}/.test(now) || Number.isNaN(ms)) {
    throw new AtlasError('ENGINE_BAD_NOW', `now must be an ISO date or datetime, got "${now}"`, {
      context: { now },
    });
  }
  return ms / DAY_MS;
}

/** Whole months as days, for look-back windows (a month = 365.25 / 12 days). */
export function monthsToDays(months: number): number {
  return (months * 365.25) / 12;
}
