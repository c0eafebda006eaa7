import { EmptyState, ErrorState, Link, List, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it } from 'vitest';
import { DEAL_PROPERTIES, DealPartners } from '../src/app/cards/DealPartners.tsx';

function loaded(properties: Record<string, string | null>) {
  return { properties, error: null, isLoading: false, isRefetching: false, refetch: async () => {} };
}

const RECOMMENDED = {
  atlas_partner_1: 'Northwind Analytics',
  atlas_partner_1_company_id: '9001',
  atlas_partner_1_reason:
    'Specialist · score 86 · 72% confidence · 5 won customers in Healthcare & Life Sciences × Data & AI',
  atlas_partner_2: 'Contoso Cloud',
  atlas_partner_2_company_id: '9002',
  atlas_partner_2_reason:
    'Proven · score 63 · 58% confidence · 3 won customers in Healthcare & Life Sciences × Cloud',
  atlas_partner_3: null,
  atlas_partner_3_company_id: null,
  atlas_partner_3_reason: null,
  atlas_recommended_at: 'yesterday',
};

describe('deal recommended partners card', () => {
  it('reads the three partner slots and when they were recommended', () => {
    const { render, mocks } = createRenderer('crm.record.sidebar');
    mocks.useCrmProperties.nextResult(loaded(RECOMMENDED));
    render(<DealPartners />);
    expect(mocks.useCrmProperties.calls[0]?.[0]).toEqual(DEAL_PROPERTIES);
    expect(DEAL_PROPERTIES).toContain('atlas_partner_3_company_id');
  });

  it('lists the partners best first, linked to their company records, with the reason', () => {
    const { render, mocks } = createRenderer('crm.record.sidebar');
    // The renderer's fake context is portal 123.
    mocks.useCrmProperties.nextResult(loaded(RECOMMENDED));
    const { find, findAll } = render(<DealPartners />);

    const links = findAll(Link);
    expect(links.map((l) => [l.text, l.props.href])).toEqual([
      ['Northwind Analytics', 'https://app.hubspot.com/contacts/123/record/0-2/9001'],
      ['Contoso Cloud', 'https://app.hubspot.com/contacts/123/record/0-2/9002'],
    ]);
    // A row's own text is what follows the linked name.
    const rows = find(List)
      .findAllChildren(Text)
      .map((t) => [t.find(Link).text, t.text]);
    expect(rows).toEqual([
      ['Northwind Analytics', ` — ${RECOMMENDED.atlas_partner_1_reason}`],
      ['Contoso Cloud', ` — ${RECOMMENDED.atlas_partner_2_reason}`],
    ]);
    expect(findAll(Text)[0]?.text).toBe('2 recommended partners, recommended yesterday');
  });

  it('says in words that no partner is recommended yet', () => {
    const { render, mocks } = createRenderer('crm.record.sidebar');
    mocks.useCrmProperties.nextResult(loaded(Object.fromEntries(DEAL_PROPERTIES.map((p) => [p, null]))));
    const { find, maybeFind } = render(<DealPartners />);
    expect(find(EmptyState).props.title).toBe('No partner recommended yet');
    expect(maybeFind(Link)).toBeNull();
  });

  it('shows a failed load as a sentence', () => {
    const { render, mocks } = createRenderer('crm.record.sidebar');
    mocks.useCrmProperties.nextResult({
      ...loaded({}),
      error: new Error('Missing scope crm.objects.deals.read.'),
    });
    const { find } = render(<DealPartners />);
    expect(find(ErrorState).find(Text).text).toContain('Missing scope crm.objects.deals.read.');
  });
});
