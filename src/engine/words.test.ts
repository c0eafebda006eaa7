import { describe, expect, it } from 'vitest';
import { count, cutText, optionInWords, plural } from './words.js';

describe('count', () => {
  it('uses the singular for exactly one', () => {
    expect(count(1, 'won customer', 'won customers')).toBe('1 won customer');
    expect(count(1, 'certified person', 'certified people')).toBe('1 certified person');
  });

  it('uses the plural for zero, several and fractions', () => {
    expect(count(0, 'certified person', 'certified people')).toBe('0 certified people');
    expect(count(3, 'won customer', 'won customers')).toBe('3 won customers');
    expect(count(1.5, 'point', 'points')).toBe('1.5 points');
  });

  it('writes the number with the given format', () => {
    const n = (x: number) => x.toLocaleString('en-US');
    expect(count(1234, 'record', 'records', n)).toBe('1,234 records');
    expect(count(1, 'record', 'records', n)).toBe('1 record');
  });
});

describe('plural', () => {
  it('gives the noun alone, for phrases where the number is elsewhere', () => {
    expect(plural(1, 'won customer is', 'won customers are')).toBe('won customer is');
    expect(plural(2, 'won customer is', 'won customers are')).toBe('won customers are');
  });
});

describe('cutText', () => {
  it('keeps text that fits and cuts longer text to the limit, the ellipsis included', () => {
    expect(cutText('Healthcare', 10)).toBe('Healthcare');
    expect(cutText('Healthcare & Life Sciences', 10)).toBe('Healthcar…');
    expect(cutText('Healthcare & Life Sciences', 10)).toHaveLength(10);
  });
});

describe('optionInWords', () => {
  it('spells a CRM option value for people, and keeps words already written for them', () => {
    expect(optionInWords('RESELLER')).toBe('Reseller');
    expect(optionInWords('SYSTEM_INTEGRATOR')).toBe('System integrator');
    expect(optionInWords('Value-added reseller')).toBe('Value-added reseller');
  });
});
