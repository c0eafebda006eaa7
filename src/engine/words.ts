/** Counted nouns in the text people read (CLI, web app, CRM fields, run messages): "1 won customer", never "1 won customers". */

/**
 * The noun for `n` things: `one` when `n` is exactly 1, `many` otherwise (English says "0 partners" and
 * "1.5 points"). Both forms are spelled out because many plurals aren't `one + 's'` ("certified people").
 *
 * @example plural(1, 'won customer is', 'won customers are') // "won customer is"
 */
export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** A whole number with thousands separators, as people read it: 1234 → "1,234". */
export function withThousands(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * `n` followed by its noun. `format` writes the number (e.g. with thousands separators); the noun still
 * follows the number itself.
 *
 * @example count(1, 'certified person', 'certified people') // "1 certified person"
 * @example count(1234, 'record', 'records', (x) => x.toLocaleString('en-US')) // "1,234 records"
 */
export function count(n: number, one: string, many: string, format: (n: number) => string = String): string {
  return `${format(n)} ${plural(n, one, many)}`;
}

/** `text` cut to `max` characters, an ellipsis marking the cut (CRM text fields and labels have limits). */
export function cutText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A CRM's internal option value as people read it: "RESELLER" → "Reseller", "SYSTEM_INTEGRATOR" →
 * "System integrator". Values already written for people ("Value-added reseller") are kept as they are.
 */
export function optionInWords(value: string): string {
  if (!/^[A-Z0-9_]+$/.test(value)) return value;
  const words = value.toLowerCase().replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
