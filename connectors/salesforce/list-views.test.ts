import { describe, expect, it } from 'vitest';
import type { DesiredList } from '../types.js';
import {
  listViewDeveloperName,
  listViewLabel,
  planFromListViews,
  type SalesforceListView,
} from './list-views.js';
import type { SalesforceList } from './writeback-schema.js';

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
  };
  const desired = (key: string, name: string): DesiredList => ({
    per: 'segment',
    key,
    name,
    memberIds: ['001A', '001B'],
    filterValue: name.replace(/^Atlas: /, ''),
  });
  const view = (developerName: string, label: string): SalesforceListView => ({
    id: `00B${developerName.length}`,
    developerName,
    label,
  });

  it('creates missing views, relabels changed ones, deletes ours that no segment wants, and leaves others alone', () => {
    const plan = planFromListViews(
      'Account',
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
    expect(planFromListViews('Account', 'Atlas_', list, views, lists)).toMatchObject({
      create: [],
      update: [],
      retire: [],
      unchanged: 2,
    });
  });
});
