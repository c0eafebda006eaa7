import { describe, expect, it } from 'vitest';
import { beforeWindow, idChunks, idIn } from './soql.js';

const ids = Array.from({ length: 1000 }, (_, i) => `006${String(i).padStart(15, '0')}`);
const soqlOf = (chunk: readonly string[]) => `SELECT Id, Name FROM Opportunity WHERE ${idIn(chunk)}`;

describe('idChunks', () => {
  it('keeps every chunk within the encoded budget, in order, with no id lost', () => {
    const chunks = idChunks(ids, soqlOf, 4_000);
    expect(chunks.flat()).toEqual(ids);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(encodeURIComponent(soqlOf(chunk)).length).toBeLessThanOrEqual(4_000);
    // Each chunk but the last is full: one more id would pass the budget.
    const first = chunks[0] ?? [];
    const one = [...first, ids[first.length] ?? ''];
    expect(encodeURIComponent(soqlOf(one)).length).toBeGreaterThan(4_000);
  });

  it('fits about 350 Salesforce ids in the default REST budget', () => {
    const [first] = idChunks(ids, soqlOf);
    expect(first?.length).toBeGreaterThan(300);
  });

  it('refuses a statement too long even for one id', () => {
    expect(() => idChunks(ids, soqlOf, 50)).toThrow(/too long for a REST request/);
  });
});

describe('beforeWindow', () => {
  it('is what the window leaves out', () => {
    const w = { modifiedField: 'SystemModstamp', since: '2025-06-01T00:00:00.000Z' };
    expect(beforeWindow({ ...w, afterId: null })).toBe('SystemModstamp < 2025-06-01T00:00:00.000Z');
    expect(beforeWindow({ ...w, afterId: '006A' })).toBe(
      "(SystemModstamp < 2025-06-01T00:00:00.000Z OR (SystemModstamp = 2025-06-01T00:00:00.000Z AND Id <= '006A'))",
    );
  });
});
