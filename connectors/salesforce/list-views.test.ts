import { describe, expect, it } from 'vitest';
import type { DesiredList } from '../types.js';
import {
  listViewDeveloperName,
  listViewLabel,
  listViewMetadata,
  listViewPlace,
  type PlacedListView,
  planFromListViews,
} from './list-views.js';
import { type SalesforceList, SalesforceWritebackSchema } from './writeback-schema.js';

describe('list view names', () => {
  it('makes developer names of letters, digits and single underscores within 40 characters, unique per key', () => {
    expect(listViewDeveloperName('Atlas_', 'healthcare|data_ai|specialist')).toBe(
      'Atlas_healthcare_data_ai_specialist',
    );
    const a = listViewDeveloperName(
      'Atlas_',
      'financial_services_and_insurance|cloud_infrastructure|specialist',
    );
    const b = listViewDeveloperName('Atlas_', 'financial_services_and_insurance|cloud_infrastructure|proven');
    for (const name of [a, b]) {
      expect(name.length).toBeLessThanOrEqual(40);
      expect(name).toMatch(/^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/);
    }
    expect(a).not.toBe(b);
  });

  it('cuts labels to 40 characters', () => {
    expect(listViewLabel('Atlas: Healthcare × Data & AI — Specialist')).toHaveLength(40);
    expect(listViewLabel('Atlas: Banking')).toBe('Atlas: Banking');
  });
});

describe('list view planning from the REST list views', () => {
  const list: SalesforceList = {
    kind: 'list_views',
    per: 'segment',
    field: 'Atlas_Segments__c',
    namePrefix: 'Atlas: ',
    cells: ['pair', 'technology'],
    max: 100,
    nameMax: 40,
  };
  const desired = (key: string, name: string): DesiredList => ({
    per: 'segment',
    key,
    name,
    memberIds: ['001A', '001B'],
    filterValue: name.replace(/^Atlas: /, ''),
  });
  const view = (developerName: string, label: string, object = 'Account'): PlacedListView => ({
    id: `00B${developerName.length}`,
    developerName,
    label,
    object,
  });
  const onAccount = () => 'Account';

  it('creates missing views, relabels changed ones, deletes ours that no segment wants, and leaves others alone', () => {
    const plan = planFromListViews(
      'Atlas_',
      list,
      [
        view('Atlas_banking', 'Atlas: Banking'),
        view('atlas_retail', 'Atlas: Retail (old)'),
        view('Atlas_gone', 'Atlas: Gone'),
        view('My_Partners', 'My partners'),
      ],
      [
        desired('banking', 'Atlas: Banking'),
        desired('retail', 'Atlas: Retail'),
        desired('health', 'Atlas: Health'),
        { ...desired('needs', 'Atlas: Needs x'), per: 'need' },
      ],
      onAccount,
    );
    expect(plan).toEqual({
      system: 'salesforce',
      create: [{ key: 'health', name: 'Atlas: Health', members: 2 }],
      update: [
        {
          key: 'retail',
          name: 'Atlas: Retail',
          listId: 'Account.atlas_retail',
          add: [],
          remove: [],
          rename: 'Atlas: Retail',
        },
      ],
      retire: [{ listId: 'Account.Atlas_gone', name: 'Atlas: Gone', remove: 0, action: 'delete' }],
      unchanged: 1,
    });
  });

  it('finds nothing to do when every view has its label: no Metadata API call will follow', () => {
    const lists = [desired('banking', 'Atlas: Banking'), desired('health', 'Atlas: Health')];
    const views = lists.map((d) => view(listViewDeveloperName('Atlas_', d.key), listViewLabel(d.name)));
    expect(planFromListViews('Atlas_', list, views, lists, onAccount)).toMatchObject({
      create: [],
      update: [],
      retire: [],
      unchanged: 2,
    });
  });
});

describe('list views on the per-cell object', () => {
  const wb = SalesforceWritebackSchema.parse({
    fields: [
      {
        result: 'segments',
        field: 'Atlas_Segments__c',
        label: 'Atlas Segments',
        type: 'MultiselectPicklist',
      },
    ],
    lists: [{ kind: 'list_views', per: 'segment', field: 'Atlas_Segments__c', namePrefix: 'Atlas: ' }],
    cellRecords: { levels: ['Specialist', 'Proven'] },
  });
  const list = wb.lists[0]!;
  const segment = (key: string, filterValue: string): DesiredList => ({
    per: 'segment',
    key,
    name: `Atlas: ${filterValue}`,
    memberIds: ['001A'],
    filterValue,
  });
  const pair = segment(
    'healthcare|data_ai|Specialist',
    'Healthcare & Life Sciences × Data & AI — Specialist',
  );

  it('puts a sector × technology list on Atlas_Expertise__c, filtered on the cell and level, with its score', () => {
    const place = listViewPlace(wb, list, pair);
    expect(place).toEqual({
      object: 'Atlas_Expertise__c',
      filters: [
        { field: 'NAME', operation: 'equals', value: 'Healthcare & Life Sciences × Data & AI' },
        { field: 'Level__c', operation: 'equals', value: 'Specialist' },
      ],
      columns: ['NAME', 'Account__c', 'Level__c', 'Score__c', 'Confidence__c', 'Won_Customers__c'],
    });
    expect(
      listViewMetadata(place, 'Atlas_healthcare_data_ai_Specialist', pair, ['ACCOUNT.NAME']),
    ).toMatchObject({
      fullName: 'Atlas_Expertise__c.Atlas_healthcare_data_ai_Specialist',
      columns: place.columns,
    });
  });

  it('keeps whole-technology lists, levels without per-cell records and mappings without them on Account', () => {
    const tech = segment('*|data_ai|Specialist', 'Data & AI — Specialist');
    const emerging = segment(
      'healthcare|data_ai|Emerging',
      'Healthcare & Life Sciences × Data & AI — Emerging',
    );
    expect(listViewPlace(wb, list, tech)).toMatchObject({ object: 'Account', columns: null });
    expect(listViewPlace(wb, list, emerging).object).toBe('Account');
    expect(listViewPlace({ ...wb, cellRecords: undefined }, list, pair)).toEqual({
      object: 'Account',
      filters: [{ field: 'Atlas_Segments__c', operation: 'includes', value: pair.filterValue }],
      columns: null,
    });
  });

  it('moves a view whose list now sits on the per-cell object: created there, deleted from Account', () => {
    const developerName = listViewDeveloperName('Atlas_', pair.key);
    const plan = planFromListViews(
      'Atlas_',
      list,
      [{ id: '00B1', developerName, label: listViewLabel(pair.name), object: 'Account' }],
      [pair],
      (d) => listViewPlace(wb, list, d).object,
    );
    expect(plan.create).toEqual([{ key: pair.key, name: listViewLabel(pair.name), members: 1 }]);
    expect(plan.retire).toEqual([
      { listId: `Account.${developerName}`, name: listViewLabel(pair.name), remove: 0, action: 'delete' },
    ]);
  });
});
