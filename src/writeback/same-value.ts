/**
 * Compares a value we want with one a CRM holds or we wrote before, per result shape. Connectors decode
 * their CRM's numbers and date-times on the way in (connectors/<crm>/values.ts), so this knows no CRM: only
 * that a multi-value field is a list or `a;b` text, and that equal instants may be written differently.
 */
import type { ResultShape } from '../model/index.js';

/** The separator both CRMs use for multi-select values. */
export const MULTI_VALUE_SEPARATOR = ';';

function listOf(value: unknown): string[] {
  const items = Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string'
      ? value.split(MULTI_VALUE_SEPARATOR)
      : [];
  return items
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .sort();
}

function numberOf(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? Math.round(n * 1e6) / 1e6 : null;
}

function instantOf(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Math.floor(value / 1000);
  const ms = Date.parse(String(value));
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).replace(/\r\n/g, '\n').trim();
  return text === '' ? null : text;
}

/** A canonical form of a value of a shape: equal canonical forms mean the CRM needs no write. */
export function canonicalValue(shape: ResultShape, value: unknown): string {
  switch (shape) {
    case 'list':
      return JSON.stringify(listOf(value));
    case 'number':
      return JSON.stringify(numberOf(value));
    case 'datetime':
      return JSON.stringify(instantOf(value));
    default:
      return JSON.stringify(textOf(value));
  }
}

export function sameValue(shape: ResultShape, a: unknown, b: unknown): boolean {
  return canonicalValue(shape, a) === canonicalValue(shape, b);
}

/** True for a value that leaves the field empty. */
export function isEmptyValue(shape: ResultShape, value: unknown): boolean {
  return canonicalValue(shape, value) === canonicalValue(shape, null);
}
