import {
  DescriptionListItem,
  EmptyState,
  ErrorState,
  TableCell,
  TableRow,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it } from 'vitest';
import { COMPANY_PROPERTIES, CompanyExpertise } from '../src/app/cards/CompanyExpertise.tsx';

function loaded(properties: Record<string, string | null>) {
  return { properties, error: null, isLoading: false, isRefetching: false, refetch: async () => {} };
}

const SCORED = {
  atlas_primary_segment: 'Healthcare & Life Sciences × Data & AI',
  atlas_segments: 'Healthcare & Life Sciences × Data & AI, Financial Services × Cloud',
  atlas_needs: 'Data platform migration',
  atlas_top_score: '86',
  atlas_scored_at: '2 days ago',
  atlas_expertise_cells: [
    'Healthcare & Life Sciences × Data & AI — Specialist · score 86 · 72% confidence',
    'Financial Services × Cloud — Emerging · score 41 · 35% confidence · next: Proven needs 2 more won customers',
  ].join('\n'),
};

describe('company expertise card', () => {
  it('reads the Atlas company properties, with segments and the date formatted by HubSpot', () => {
    const { render, mocks } = createRenderer('crm.record.tab');
    mocks.useCrmProperties.nextResult(loaded(SCORED));
    render(<CompanyExpertise />);
    const [names, options] = mocks.useCrmProperties.calls[0] ?? [];
    expect(names).toEqual(COMPANY_PROPERTIES);
    expect(options?.propertiesToFormat).toEqual(['atlas_segments', 'atlas_scored_at']);
  });

  it('shows primary segment, top score, when it was scored and one row per cell, best first', () => {
    const { render, mocks } = createRenderer('crm.record.tab');
    mocks.useCrmProperties.nextResult(loaded(SCORED));
    const { findAll } = render(<CompanyExpertise />);

    const items = Object.fromEntries(
      findAll(DescriptionListItem).map((i) => [i.props.label, i.find(Text).text]),
    );
    expect(items).toMatchObject({
      'Primary segment': 'Healthcare & Life Sciences × Data & AI',
      'Top score': '86',
      Scored: '2 days ago',
      'Customer needs it meets': 'Data platform migration',
    });
    const rows = findAll(TableRow).slice(1);
    expect(rows.map((r) => r.findAll(TableCell).map((c) => c.maybeFind(Tag)?.text ?? c.text))).toEqual([
      ['Healthcare & Life Sciences × Data & AI', 'Specialist', '86', '72%', 'Highest level reached'],
      ['Financial Services × Cloud', 'Emerging', '41', '35%', 'Proven needs 2 more won customers'],
    ]);
    expect(findAll(Tag).map((t) => t.props.variant)).toEqual(['success', 'default']);
  });

  it('says in words that the company is not scored yet', () => {
    const { render, mocks } = createRenderer('crm.record.tab');
    mocks.useCrmProperties.nextResult(loaded(Object.fromEntries(COMPANY_PROPERTIES.map((p) => [p, null]))));
    const { find, maybeFind } = render(<CompanyExpertise />);
    expect(find(EmptyState).props.title).toBe('Not scored yet');
    expect(find(EmptyState).find(Text).text).toContain('has not scored this company');
    expect(maybeFind(TableRow)).toBeNull();
  });

  it('shows a failed load as a sentence', () => {
    const { render, mocks } = createRenderer('crm.record.tab');
    mocks.useCrmProperties.nextResult({ ...loaded({}), error: new Error('Request timed out.') });
    const { find } = render(<CompanyExpertise />);
    expect(find(ErrorState).props.title).toBe('Partner Atlas expertise could not be loaded');
    expect(find(ErrorState).find(Text).text).toContain('Request timed out.');
  });
});
