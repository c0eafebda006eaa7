import { describe, expect, it } from 'vitest';
import { makeCellScore } from '../../../test/support/factories.js';
import { DEFAULT_SCORECARD_CONFIG, SCORECARD_SECTIONS, type ScorecardConfig } from '../../mapping/index.js';
import { PartnerIdSchema, type PartnerScore, type Taxonomy } from '../../model/index.js';
import { DEFAULT_SUPPORT_OFFERS } from './partner-words.js';
import { buildScorecard, type ScorecardInput } from './view-model.js';

const taxonomy: Taxonomy = {
  sectors: [
    { key: 'healthcare', label: 'Healthcare', values: [] },
    { key: 'retail', label: 'Retail', values: [] },
  ],
  technologies: [
    { key: 'data_ai', label: 'Data & AI', values: [] },
    { key: 'cloud', label: 'Cloud', values: [] },
  ],
  unmapped: [],
};
const partnerId = PartnerIdSchema.parse('salesforce:Account:0015g00000XyZabAAB');

const specialist = makeCellScore('healthcare|data_ai', 4, 1, {
  partnerId,
  level: 'Specialist',
  score: 86,
  top: [
    {
      kind: 'won-deal',
      source: { system: 'salesforce', object: 'Opportunity', id: '0065g00000SECRET1' },
      points: 30,
      date: '2025-03-01',
    },
  ],
});
const retail = makeCellScore('retail|cloud', 1, 0, {
  partnerId,
  level: 'Emerging',
  score: 58,
  next: {
    level: 'Proven',
    missing: [
      { requirement: 'wonCustomers', have: 1, need: 2 },
      { requirement: 'certifiedPeople', have: 0, need: 2 },
      { requirement: 'score', have: 58, need: 66 },
    ],
  },
});
const pinned = makeCellScore('retail|data_ai', 0, 0, {
  partnerId,
  level: 'Proven',
  score: 30,
  next: { level: 'Specialist', missing: [{ requirement: 'wonCustomers', have: 0, need: 3 }] },
  override: {
    kind: 'pin',
    computedLevel: null,
    reason: 'Audited by Ana Souza in March',
    author: 'Ana Souza',
    expiresAt: null,
  },
});

const score: PartnerScore = {
  partnerId,
  segments: [
    { cell: 'healthcare|data_ai', kind: 'pair', level: 'Specialist', score: 86, label: 'x' },
    { cell: 'retail|data_ai', kind: 'pair', level: 'Proven', score: 30, label: 'x' },
    { cell: 'retail|cloud', kind: 'pair', level: 'Emerging', score: 58, label: 'x' },
  ],
  primarySegment: { cell: 'healthcare|data_ai', kind: 'pair', level: 'Specialist', score: 86, label: 'x' },
  topScore: 86,
  needs: [
    {
      need: 'technical-enablement',
      cell: 'retail|cloud',
      figures: { wonCustomers: 1 },
      summary: '6 deals in Peer Partner GmbH territory (82nd percentile of peers)',
    },
  ],
};

function input(overrides: Partial<ScorecardInput> = {}): ScorecardInput {
  return {
    partnerName: 'Acme Health Ltd',
    scoredAt: '2025-06-30',
    score,
    cells: [specialist, retail, pinned],
    benefits: [
      { key: 'lead-priority', name: 'Lead priority', value: 'High' },
      { key: 'mdf', name: 'MDF eligibility', value: null },
    ],
    taxonomy,
    ladder: ['Specialist', 'Proven', 'Emerging'],
    config: DEFAULT_SCORECARD_CONFIG,
    sections: SCORECARD_SECTIONS,
    ...overrides,
  };
}

describe('buildScorecard', () => {
  it('speaks to the partner: its levels, counts with correct plurals, what the next level needs', () => {
    const card = buildScorecard(input());
    expect(card.headline).toBe('You are a Specialist partner in Healthcare × Data & AI.');
    expect(card.asOf).toBe('30 June 2025');
    expect(card.segments?.map((s) => s.sentence)).toEqual([
      'You are a Specialist partner in Healthcare × Data & AI.',
      'You are a Proven partner in Retail × Data & AI.',
      'You are an Emerging partner in Retail × Cloud.',
    ]);
    expect(card.evidence?.[0]?.sentence).toBe(
      '4 won customers, 1 certified person and 1 active certification.',
    );
    expect(card.evidence?.[1]?.sentence).toBe(
      '0 won customers, 0 certified people and 0 active certifications.',
    );
    expect(card.nextLevel?.map((n) => n.sentence)).toEqual([
      'To become a Proven partner in Retail × Cloud you need 1 more won customer in Retail × Cloud, 2 more certified people in Cloud and more won, delivered or certified work in Retail × Cloud.',
    ]);
    expect(card.support).toEqual([
      {
        label: 'Technical enablement',
        areas: 'in Retail × Cloud',
        sentence: DEFAULT_SUPPORT_OFFERS['technical-enablement'],
      },
    ]);
  });

  it('shows an overridden level as held, with no reason, author or next step of its own', () => {
    const text = JSON.stringify(buildScorecard(input()));
    expect(text).toContain('You are a Proven partner in Retail × Data & AI.');
    expect(text).not.toMatch(/Ana Souza|Audited|pin/);
    expect(text).not.toContain('To become a Specialist partner in Retail × Data & AI');
  });

  it('carries no ids, CRM records, raw keys, peer words or score points', () => {
    const text = JSON.stringify(buildScorecard(input()));
    for (const secret of [
      partnerId,
      '0015g00000XyZabAAB',
      '0065g00000SECRET1',
      'healthcare|data_ai',
      'data_ai',
      'technical-enablement',
      'percentile',
      'Peer Partner',
      '86',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('lists what the levels earn once opted in: only benefits with a value', () => {
    expect(buildScorecard(input()).sections).not.toContain('benefits');
    const config: ScorecardConfig = {
      ...DEFAULT_SCORECARD_CONFIG,
      sections: { ...DEFAULT_SCORECARD_CONFIG.sections, benefits: true },
    };
    const card = buildScorecard(input({ config }));
    expect(card.sections).toEqual(['segments', 'evidence', 'benefits', 'nextLevel', 'support']);
    expect(card.benefits).toEqual([{ name: 'Lead priority', value: 'High' }]);
  });

  it('leaves out every section that is not opted in, and every section not asked for', () => {
    const config: ScorecardConfig = {
      ...DEFAULT_SCORECARD_CONFIG,
      sections: {
        segments: true,
        evidence: false,
        benefits: false,
        nextLevel: true,
        support: false,
        trend: false,
      },
    };
    const card = buildScorecard(input({ config }));
    expect(card.sections).toEqual(['segments', 'nextLevel']);
    expect(card).not.toHaveProperty('evidence');
    expect(card).not.toHaveProperty('support');
    expect(card).not.toHaveProperty('trend');
    const linked = buildScorecard(input({ config, sections: ['nextLevel', 'evidence'] }));
    expect(linked.sections).toEqual(['nextLevel']);
    expect(linked).not.toHaveProperty('segments');
  });

  it('uses the programme’s own support sentence when scorecard.yaml gives one', () => {
    const config: ScorecardConfig = {
      ...DEFAULT_SCORECARD_CONFIG,
      support: { 'technical-enablement': 'Two free exam vouchers a quarter.' },
    };
    expect(buildScorecard(input({ config })).support?.[0]?.sentence).toBe(
      'Two free exam vouchers a quarter.',
    );
  });

  it('tells how each level moved across runs, with the day in words', () => {
    const config: ScorecardConfig = {
      ...DEFAULT_SCORECARD_CONFIG,
      sections: { ...DEFAULT_SCORECARD_CONFIG.sections, trend: true },
    };
    const card = buildScorecard(
      input({
        config,
        history: [
          { cell: 'healthcare|data_ai', level: 'Proven', at: '2025-04-01T02:00:00.000Z' },
          { cell: 'healthcare|data_ai', level: 'Specialist', at: '2025-05-01T02:00:00.000Z' },
          { cell: 'healthcare|data_ai', level: 'Specialist', at: '2025-06-01T02:00:00.000Z' },
          { cell: 'retail|cloud', level: 'Emerging', at: '2025-04-01T02:00:00.000Z' },
          { cell: 'retail|data_ai', level: null, at: '2025-04-01T02:00:00.000Z' },
          { cell: 'retail|data_ai', level: 'Proven', at: '2025-06-01T02:00:00.000Z' },
        ],
      }),
    );
    expect(card.trend?.map((t) => t.sentence)).toEqual([
      'You moved up from Proven to Specialist in Healthcare × Data & AI on 1 May 2025.',
      'You became a Proven partner in Retail × Data & AI on 1 June 2025.',
      'You have been an Emerging partner in Retail × Cloud since 1 April 2025.',
    ]);
  });

  it('says so when the partner holds no level yet', () => {
    const card = buildScorecard(
      input({ score: { ...score, segments: [], primarySegment: null, needs: [] }, cells: [retail] }),
    );
    expect(card.headline).toBe('You do not hold a level yet; below is what the first one needs.');
    expect(card.segments).toEqual([]);
    expect(card.support).toEqual([]);
  });
});
