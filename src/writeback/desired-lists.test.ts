import { describe, expect, it } from 'vitest';
import type { CellKind, Segment, Taxonomy } from '../model/index.js';
import { PartnerIdSchema } from '../model/index.js';
import { type ListVocabulary, leftOutWords, selectLists } from './desired-lists.js';
import type { DesiredRecord } from './desired-records.js';
import type { TargetList, WritebackTarget } from './writeback-target.js';

const taxonomy: Taxonomy = {
  sectors: [
    { key: 'healthcare', label: 'Healthcare & Life Sciences', values: [] },
    { key: 'retail', label: 'Retail', values: [] },
  ],
  technologies: [{ key: 'data_ai', label: 'Data & AI', values: [] }],
  unmapped: [],
};
const vocabulary: ListVocabulary = {
  taxonomy,
  ladder: [{ name: 'Specialist' }, { name: 'Proven' }, { name: 'Emerging' }],
};
const LABELS: Record<string, string> = {
  'healthcare|data_ai': 'Healthcare & Life Sciences × Data & AI',
  'retail|data_ai': 'Retail × Data & AI',
  'healthcare|*': 'Healthcare & Life Sciences',
  '*|data_ai': 'Data & AI',
};

function segment(cell: string, level: string): Segment {
  const kind: CellKind = cell.startsWith('*') ? 'technology' : cell.endsWith('*') ? 'sector' : 'pair';
  return { cell, kind, level, score: 70, label: `${LABELS[cell]} — ${level}` };
}

function record(id: string, segments: Segment[]): DesiredRecord {
  const partnerId = PartnerIdSchema.parse(`p-${id}`);
  return {
    recordId: id,
    partnerId,
    values: {},
    score: { partnerId, segments, primarySegment: segments[0] ?? null, topScore: 70, needs: [] },
    segments,
    cells: [],
  };
}

function target(list: Partial<TargetList> = {}): WritebackTarget {
  return {
    system: 'salesforce',
    object: 'Account',
    fields: [],
    cellLevels: null,
    lists: [
      {
        per: 'segment',
        namePrefix: 'Atlas: ',
        result: 'segments',
        levels: undefined,
        cells: ['pair', 'technology'],
        max: 100,
        nameMax: 40,
        ...list,
      },
    ],
  };
}

const records = [
  record('001A', [
    segment('healthcare|data_ai', 'Specialist'),
    segment('healthcare|*', 'Specialist'),
    segment('*|data_ai', 'Proven'),
  ]),
  record('001B', [segment('healthcare|data_ai', 'Proven'), segment('*|data_ai', 'Proven')]),
  record('001C', [segment('retail|data_ai', 'Emerging'), segment('retail|data_ai', 'Proven')]),
];

describe('selectLists', () => {
  it('by default keeps the top two levels and the pair and whole-technology cells', () => {
    const { lists, leftOut } = selectLists(target(), records, vocabulary);
    expect(lists.map((l) => [l.name, l.memberIds])).toEqual([
      ['Atlas: Data & AI — Proven', ['001A', '001B']],
      ['Atlas: HLS × Data & AI — Proven', ['001B']],
      ['Atlas: HLS × Data & AI — Specialist', ['001A']],
      ['Atlas: Retail × Data & AI — Proven', ['001C']],
    ]);
    expect(leftOut).toEqual([]);
  });

  it('filters on the segment label, whatever the list is named', () => {
    const { lists } = selectLists(target(), records, vocabulary);
    expect(lists.find((l) => l.key === 'healthcare|data_ai|Specialist')?.filterValue).toBe(
      'Healthcare & Life Sciences × Data & AI — Specialist',
    );
  });

  it('takes the levels and cell kinds the mapping names', () => {
    const { lists } = selectLists(
      target({ levels: ['Emerging'], cells: ['pair', 'sector'] }),
      [...records, record('001D', [segment('healthcare|*', 'Emerging')])],
      vocabulary,
    );
    expect(lists.map((l) => l.name)).toEqual([
      'Atlas: HLS — Emerging',
      'Atlas: Retail × Data & AI — Emerging',
    ]);
  });

  it('keeps at most `max` lists per cell kind, the biggest, and counts the ones left out', () => {
    const { lists, leftOut } = selectLists(target({ max: 1 }), records, vocabulary);
    expect(lists.map((l) => l.name)).toEqual([
      'Atlas: Data & AI — Proven',
      'Atlas: HLS × Data & AI — Proven',
    ]);
    expect(leftOut).toEqual([{ namePrefix: 'Atlas: ', kind: 'pair', count: 2 }]);
    expect(leftOutWords(leftOut[0]!)).toBe(
      '2 sector × technology lists named "Atlas: …" not kept: the mapping\'s `max` keeps the ones with the most partners; raise `max` to keep more',
    );
  });

  it('writes full names where the CRM sets no length', () => {
    const { lists } = selectLists(target({ nameMax: null }), records, vocabulary);
    expect(lists.map((l) => l.name)).toContain('Atlas: Healthcare & Life Sciences × Data & AI — Specialist');
  });
});
