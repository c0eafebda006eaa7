import { describe, expect, it } from 'vitest';
import { TextLookup } from './text-lookup.js';

describe('TextLookup', () => {
  it('matches trimmed and case-insensitively, first entry winning', () => {
    const lookup = new TextLookup([
      ['Data & AI', 'data_ai'],
      ['DATA & ai', 'other'],
    ]);
    expect(lookup.get(' data & ai ')).toBe('data_ai');
    expect(lookup.get('Data & AI')).toBe('data_ai');
    expect(lookup.get('Data')).toBeUndefined();
    expect(lookup.has('DATA & AI')).toBe(true);
  });

  it('stays correct past its memo size', () => {
    const lookup = new TextLookup([['Known', 1]]);
    for (let i = 0; i < 12_000; i++) expect(lookup.get(`unknown ${i}`)).toBeUndefined();
    expect(lookup.get('KNOWN')).toBe(1);
    expect(lookup.get('unknown 11999')).toBeUndefined();
  });
});
