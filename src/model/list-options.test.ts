import { describe, expect, it } from 'vitest';
import { HubSpotListSchema } from '../../connectors/hubspot/writeback-schema.js';
import { SalesforceListSchema } from '../../connectors/salesforce/writeback-schema.js';
import { listLevels } from './list-options.js';

const ladder = [{ name: 'Specialist' }, { name: 'Proven' }, { name: 'Emerging' }];

describe('list options of a `lists:` entry', () => {
  it('defaults to pair and whole-technology cells, 100 lists per kind, the top two levels', () => {
    const sf = SalesforceListSchema.parse({
      kind: 'list_views',
      per: 'segment',
      field: 'Atlas_Segments__c',
      namePrefix: 'Atlas: ',
    });
    expect(sf).toMatchObject({ cells: ['pair', 'technology'], max: 100, nameMax: 40 });
    expect(listLevels(sf, ladder)).toEqual(['Specialist', 'Proven']);
  });

  it('reads levels, cells, max and HubSpot’s listLimit', () => {
    const hs = HubSpotListSchema.parse({
      kind: 'company_lists',
      per: 'segment',
      namePrefix: 'Atlas segment: ',
      levels: ['Specialist'],
      cells: ['sector'],
      max: 20,
      listLimit: 1500,
    });
    expect(hs).toMatchObject({ cells: ['sector'], max: 20, listLimit: 1500, nameMax: null });
    expect(listLevels(hs, ladder)).toEqual(['Specialist']);
  });

  it('refuses an unknown cell kind and a max that is not a positive whole number', () => {
    const base = { kind: 'company_lists', per: 'segment', namePrefix: 'Atlas: ' };
    expect(HubSpotListSchema.safeParse({ ...base, cells: ['region'] }).success).toBe(false);
    expect(HubSpotListSchema.safeParse({ ...base, max: 0 }).success).toBe(false);
    expect(HubSpotListSchema.safeParse({ ...base, max: 2.5 }).success).toBe(false);
    expect(HubSpotListSchema.safeParse({ ...base, listLimit: -1 }).success).toBe(false);
  });
});
