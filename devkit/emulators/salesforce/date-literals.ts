/** SOQL date literals (TODAY, LAST_N_DAYS:n, THIS_QUARTER ...) as [start, end) ranges in UTC epoch ms. */

const DAY = 86_400_000;

export interface DateRange {
  start: number;
  end: number;
}

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

function monthStart(year: number, month: number): number {
  return Date.UTC(year, month, 1);
}

function quarterStart(year: number, quarter: number): number {
  return Date.UTC(year, quarter * 3, 1);
}

/**
 * The range a date literal stands for, relative to `now`, in the integration user's time zone (UTC here).
 * Weeks start on Sunday and fiscal periods equal calendar ones, Salesforce's defaults.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_dateformats.htm
 * Returns undefined for a literal the emulator does not know.
 */
export function dateLiteralRange(literal: string, now: number): DateRange | undefined {
  const [name = '', nText] = literal.toUpperCase().split(':');
  const n = nText === undefined ? 0 : Number(nText);
  const today = startOfDay(now);
  const d = new Date(today);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const q = Math.floor(m / 3);
  const weekStart = today - d.getUTCDay() * DAY;
  const fiscal = name.replace('FISCAL_', '');
  switch (fiscal) {
    case 'YESTERDAY':
      return { start: today - DAY, end: today };
    case 'TODAY':
      return { start: today, end: today + DAY };
    case 'TOMORROW':
      return { start: today + DAY, end: today + 2 * DAY };
    case 'LAST_WEEK':
      return { start: weekStart - 7 * DAY, end: weekStart };
    case 'THIS_WEEK':
      return { start: weekStart, end: weekStart + 7 * DAY };
    case 'NEXT_WEEK':
      return { start: weekStart + 7 * DAY, end: weekStart + 14 * DAY };
    case 'LAST_MONTH':
      return { start: monthStart(y, m - 1), end: monthStart(y, m) };
    case 'THIS_MONTH':
      return { start: monthStart(y, m), end: monthStart(y, m + 1) };
    case 'NEXT_MONTH':
      return { start: monthStart(y, m + 1), end: monthStart(y, m + 2) };
    case 'LAST_90_DAYS':
      return { start: today - 90 * DAY, end: today + DAY };
    case 'NEXT_90_DAYS':
      return { start: today + DAY, end: today + 91 * DAY };
    case 'LAST_QUARTER':
      return { start: quarterStart(y, q - 1), end: quarterStart(y, q) };
    case 'THIS_QUARTER':
      return { start: quarterStart(y, q), end: quarterStart(y, q + 1) };
    case 'NEXT_QUARTER':
      return { start: quarterStart(y, q + 1), end: quarterStart(y, q + 2) };
    case 'LAST_YEAR':
      return { start: Date.UTC(y - 1, 0, 1), end: Date.UTC(y, 0, 1) };
    case 'THIS_YEAR':
      return { start: Date.UTC(y, 0, 1), end: Date.UTC(y + 1, 0, 1) };
    case 'NEXT_YEAR':
      return { start: Date.UTC(y + 1, 0, 1), end: Date.UTC(y + 2, 0, 1) };
    case 'LAST_N_DAYS':
      return { start: today - n * DAY, end: today + DAY };
    case 'NEXT_N_DAYS':
      return { start: today + DAY, end: today + (n + 1) * DAY };
    case 'N_DAYS_AGO':
      return { start: today - n * DAY, end: today - (n - 1) * DAY };
    case 'LAST_N_WEEKS':
      return { start: weekStart - 7 * n * DAY, end: weekStart };
    case 'NEXT_N_WEEKS':
      return { start: weekStart + 7 * DAY, end: weekStart + 7 * (n + 1) * DAY };
    case 'N_WEEKS_AGO':
      return { start: weekStart - 7 * n * DAY, end: weekStart - 7 * (n - 1) * DAY };
    case 'LAST_N_MONTHS':
      return { start: monthStart(y, m - n), end: monthStart(y, m) };
    case 'NEXT_N_MONTHS':
      return { start: monthStart(y, m + 1), end: monthStart(y, m + 1 + n) };
    case 'N_MONTHS_AGO':
      return { start: monthStart(y, m - n), end: monthStart(y, m - n + 1) };
    case 'LAST_N_QUARTERS':
      return { start: quarterStart(y, q - n), end: quarterStart(y, q) };
    case 'NEXT_N_QUARTERS':
      return { start: quarterStart(y, q + 1), end: quarterStart(y, q + 1 + n) };
    case 'N_QUARTERS_AGO':
      return { start: quarterStart(y, q - n), end: quarterStart(y, q - n + 1) };
    case 'LAST_N_YEARS':
      return { start: Date.UTC(y - n, 0, 1), end: Date.UTC(y, 0, 1) };
    case 'NEXT_N_YEARS':
      return { start: Date.UTC(y + 1, 0, 1), end: Date.UTC(y + 1 + n, 0, 1) };
    case 'N_YEARS_AGO':
      return { start: Date.UTC(y - n, 0, 1), end: Date.UTC(y - n + 1, 0, 1) };
    default:
      return undefined;
  }
}
