// Unit: the mapping's filter as HubSpot search filters, plus the modified-since bound and the id keyset.
import { describe, expect, it } from 'vitest';
import { searchFilters } from './search-filters.js';

describe('searchFilters', () => {
  it('translates every operator and appends the bounds the read needs', () => {
    expect(
      searchFilters(
        'companies',
        [
          { field: 'type', op: 'in', value: ['PARTNER', 'RESELLER'] },
          { field: 'partner_tier', op: 'not_null' },
          { field: 'amount', op: 'gte', value: 10 },
        ],
        { field: 'hs_lastmodifieddate', sinceMs: 1_700_000_000_000 },
        '42',
      ),
    ).toEqual([
      { propertyName: 'type', operator: 'IN', values: ['PARTNER', 'RESELLER'] },
      { propertyName: 'partner_tier', operator: 'HAS_PROPERTY' },
      { propertyName: 'amount', operator: 'GTE', value: '10' },
      { propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: '1700000000000' },
      { propertyName: 'hs_object_id', operator: 'GT', value: '42' },
    ]);
  });

  it('refuses a filter that leaves no room for the bounds within HubSpot’s 6 filters per group', () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ field: `p${i}`, op: 'eq' as const, value: 'x' }));
    expect(() => searchFilters('deals', five, { field: 'hs_lastmodifieddate', sinceMs: 0 }, '1')).toThrow(
      /6 filters per group/,
    );
  });
});
