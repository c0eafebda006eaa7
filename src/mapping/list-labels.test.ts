import { describe, expect, it } from 'vitest';
import type { Taxonomy } from '../model/index.js';
import { listName, shortCode } from './list-labels.js';

const taxonomy: Taxonomy = {
  sectors: [
    { key: 'healthcare', label: 'Healthcare & Life Sciences', values: [] },
    { key: 'public_sector', label: 'Government & Public Sector', short: 'Gov', values: [] },
  ],
  technologies: [
    { key: 'data_ai', label: 'Data & AI', values: [] },
    { key: 'business_applications', label: 'Business Applications', values: [] },
  ],
  unmapped: [],
};

describe('shortCode', () => {
  it('takes the `short:` label when there is one', () => {
    expect(shortCode(taxonomy.sectors[1]!)).toBe('Gov');
  });

  it('derives initials of a name of several words, skipping "&" and minor words', () => {
    expect(shortCode(taxonomy.sectors[0]!)).toBe('HLS');
    expect(shortCode({ key: 'x', label: 'Department of the Interior' })).toBe('DI');
  });

  it('keeps a short single word and cuts a long one', () => {
    expect(shortCode({ key: 'security', label: 'Security' })).toBe('Security');
    expect(shortCode({ key: 'networking', label: 'Networking' })).toBe('Netw');
  });
});

describe('listName', () => {
  const cell = (c: string, level = 'Specialist') => ({ cell: c, level });

  it('uses the full names when they fit', () => {
    expect(listName('Atlas: ', cell('*|data_ai'), taxonomy, 40)).toBe('Atlas: Data & AI — Specialist');
  });

  it('shortens the sector first, then the technology, then both', () => {
    expect(listName('Atlas: ', cell('healthcare|data_ai'), taxonomy, 40)).toBe(
      'Atlas: HLS × Data & AI — Specialist',
    );
    expect(listName('Atlas: ', cell('healthcare|business_applications'), taxonomy, 40)).toBe(
      'Atlas: HLS × BA — Specialist',
    );
  });

  it('keeps the levels of one cell apart (the bug: three levels cut to one label)', () => {
    const names = ['Specialist', 'Proven', 'Emerging'].map((level) =>
      listName('Atlas: ', cell('healthcare|data_ai', level), taxonomy, 40),
    );
    expect(new Set(names).size).toBe(3);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(40);
  });

  it('writes the full names when the CRM sets no limit', () => {
    expect(listName('Atlas segment: ', cell('healthcare|business_applications'), taxonomy, null)).toBe(
      'Atlas segment: Healthcare & Life Sciences × Business Applications — Specialist',
    );
  });
});
