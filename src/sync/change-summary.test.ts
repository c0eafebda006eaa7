import { describe, expect, it } from 'vitest';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import { makePartner, partnerId } from '../../test/support/engine-builders.js';
import type { AppliedOverride } from '../engine/index.js';
import { programmeChanges, programmeLines, programmeWords } from './change-summary.js';
import { webhookText } from './notify-webhook.js';

const applied = (
  n: number,
  cell: string,
  kind: AppliedOverride['kind'],
  level: string | null,
  computed: string | null,
) => ({
  partnerId: partnerId(n),
  cell,
  kind,
  level,
  computedLevel: computed,
});

const scores = {
  overridden: (): AppliedOverride[] => [
    applied(1, 'healthcare|data_ai', 'pin', 'Specialist', 'Proven'),
    applied(1, 'healthcare|*', 'exclude', null, 'Proven'),
    applied(2, 'healthcare|data_ai', 'pin', 'Proven', null),
    applied(3, 'healthcare|data_ai', 'hold', 'Specialist', 'Proven'),
    applied(4, 'healthcare|data_ai', 'hold', 'Proven', null),
  ],
};
const partners = [1, 2, 3, 4].map((n) => makePartner(n, { name: `Partner ${n}` }));

describe('programmeChanges', () => {
  it('counts every override in force, and only the holds no pending review covers yet', () => {
    const changes = programmeChanges(scores, {
      partners,
      taxonomy: SAMPLE_TAXONOMY,
      pendingReviews: [{ partnerId: partnerId(4), cell: 'healthcare|data_ai' }],
    });
    expect(changes.counts).toEqual({ pinned: 2, excluded: 1, held: 1 });
    expect(changes.held).toEqual([
      {
        partnerId: partnerId(3),
        partner: 'Partner 3',
        cell: 'healthcare|data_ai',
        label: 'Healthcare × Data & AI',
        level: 'Specialist',
        computedLevel: 'Proven',
      },
    ]);
    const summary = { programme: changes };
    expect(programmeWords(summary)).toBe('2 levels pinned, 1 cell excluded, 1 demotion waiting for review');
    expect(programmeLines(summary, 5)).toEqual([
      'Partner 1: Healthcare × Data & AI pinned at Specialist (the evidence gives Proven)',
      'Partner 2: Healthcare × Data & AI pinned at Proven (the evidence gives no level)',
      'Partner 1: Healthcare excluded (the evidence gives Proven)',
      'Partner 3: Healthcare × Data & AI held at Specialist, demotion to Proven waits for review',
    ]);
  });

  it('says nothing when no override or hold touched the run, or the run predates them', () => {
    const none = programmeChanges({ overridden: () => [] }, { partners, taxonomy: SAMPLE_TAXONOMY });
    expect(none.counts).toEqual({ pinned: 0, excluded: 0, held: 0 });
    expect(programmeWords({ programme: none })).toBeNull();
    expect(programmeWords({})).toBeNull();
    expect(programmeLines({}, 5)).toEqual([]);
  });

  it('uses the singular and plural right', () => {
    const one = programmeChanges(
      { overridden: () => [applied(1, 'healthcare|data_ai', 'pin', 'Proven', null)] },
      { partners, taxonomy: SAMPLE_TAXONOMY },
    );
    expect(programmeWords({ programme: one })).toBe('1 level pinned');
    const two = programmeChanges(
      {
        overridden: () => [
          applied(1, 'healthcare|data_ai', 'hold', 'Proven', null),
          applied(2, 'healthcare|data_ai', 'exclude', null, null),
          applied(3, 'healthcare|data_ai', 'exclude', null, null),
          applied(4, 'healthcare|data_ai', 'hold', 'Proven', null),
        ],
      },
      { partners, taxonomy: SAMPLE_TAXONOMY },
    );
    expect(programmeWords({ programme: two })).toBe('2 cells excluded, 2 demotions waiting for review');
  });
});

describe('webhookText', () => {
  it('says how many levels the programme decided, with the cells', () => {
    const summary = {
      since: null,
      counts: { promoted: 0, demoted: 0, newGaps: 0, closedGaps: 0, coverageMoved: 0 },
      promoted: [],
      demoted: [],
      newGaps: [],
      closedGaps: [],
      coverageMoved: [],
      programme: programmeChanges(scores, { partners, taxonomy: SAMPLE_TAXONOMY }),
    };
    const text = webhookText({ runId: 'run-1', status: 'succeeded', summary, writeback: [] });
    expect(text).toContain(
      'Overrides and reviews: 2 levels pinned, 1 cell excluded, 2 demotions waiting for review',
    );
    expect(text).toContain(
      'Partner 3: Healthcare × Data &amp; AI held at Specialist, demotion to Proven waits for review',
    );
  });
});
