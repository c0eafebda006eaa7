// E2E: a least-privilege integration user (no Metadata API rights) writes fields; list views are skipped with a
// warning; unchanged picklists and list views cost no Metadata API call; the check names what is missing.
import { describe, expect, it } from 'vitest';
import type { DesiredList } from '../../connectors/types.js';
import type { SalesforceEmulator } from '../../devkit/emulators/salesforce/index.js';
import { planOf, useConnectorWorlds, writeback } from '../support/salesforce-connector-world.js';

const open = useConnectorWorlds();

const FIELDS = writeback.fields.map((f) => f.field);
const VALUES = ['Healthcare × Data & AI — Specialist', 'Banking × Security — Proven'];
const LISTS: DesiredList[] = [
  {
    per: 'segment',
    key: 'healthcare|data_ai|specialist',
    name: `Atlas: ${VALUES[0]}`,
    memberIds: [],
    filterValue: VALUES[0] as string,
  },
  {
    per: 'segment',
    key: 'banking|security|proven',
    name: `Atlas: ${VALUES[1]}`,
    memberIds: [],
    filterValue: VALUES[1] as string,
  },
];

/** Metadata API (SOAP) requests the emulator has answered so far. */
function metadataCalls(sf: SalesforceEmulator): number {
  return sf.log.entries.filter((e) => e.route === 'POST /soap/m').length;
}

describe('Salesforce write-back without Metadata API rights', () => {
  it('writes fields, skips list views with a warning naming the permissions, and never calls the Metadata API', async () => {
    const w = await open({ partners: 10 });
    // An admin provisions once and the first segments' values exist.
    await w.connector.applyProvision(await w.connector.planProvision());
    await w.connector.ensureFieldOptions('Account', [{ field: 'Atlas_Segments__c', values: VALUES }]);
    w.sf.state.revokeUserPermissions(
      'ModifyMetadata',
      'ModifyAllData',
      'CustomizeApplication',
      'AssignPermissionSets',
    );

    const soapBefore = metadataCalls(w.sf);
    const steps = await w.connector.ensureFieldOptions('Account', [
      { field: 'Atlas_Segments__c', values: [...VALUES].reverse() },
      { field: 'Atlas_Needs__c', values: [] },
    ]);
    expect(steps).toMatchObject([
      { name: 'Account.Atlas_Segments__c', action: 'unchanged' },
      { name: 'Account.Atlas_Needs__c', action: 'unchanged' },
    ]);
    const [account] = w.sf.state.all('Account');
    const outcomes = await w.connector.writeFields('Account', [
      { recordId: account?.Id ?? '', values: { Atlas_Segments__c: VALUES, Atlas_Top_Score__c: 71 } },
    ]);
    expect(outcomes).toEqual([{ recordId: account?.Id, ok: true }]);
    expect(w.sf.state.get(account?.Id ?? '')?.Atlas_Top_Score__c).toBe(71);

    // A value the picklist lacks needs the Metadata API: refused before any call, naming the permissions.
    await expect(
      w.connector.ensureFieldOptions('Account', [
        { field: 'Atlas_Segments__c', values: ['Retail × Cloud — Proven'] },
      ]),
    ).rejects.toThrow(
      /Modify Metadata Through Metadata API Functions \(ModifyMetadata\).*Customize Application/,
    );

    const plan = await w.connector.planLists(LISTS);
    expect(plan.create.map((c) => c.key)).toEqual(LISTS.map((l) => l.key));
    const report = await w.connector.applyLists(plan, LISTS);
    expect(report).toMatchObject({
      created: 0,
      failures: [],
      warnings: [
        expect.stringMatching(/^list views left as they are: .*ModifyMetadata.*CustomizeApplication/),
      ],
    });
    expect(w.sf.state.metadata.get('ListView')?.size ?? 0).toBe(0);
    expect(metadataCalls(w.sf)).toBe(soapBefore);

    const check = await w.connector.check([planOf('partners')], FIELDS);
    expect(check.fields.filter((f) => FIELDS.includes(f.field)).every((f) => f.writable)).toBe(true);
    expect(check.notices).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Missing for list views: Modify Metadata .*\(ModifyMetadata\), Customize Application/,
        ),
        expect.stringMatching(/^Missing for picklist values: /),
        expect.stringMatching(/^Missing for provisioning: .*Assign Permission Sets \(AssignPermissionSets\)/),
      ]),
    );
    expect(check.notices.join('\n')).not.toMatch(/Missing for (read|field write-back)/);
    expect(metadataCalls(w.sf)).toBe(soapBefore);

    // Provisioning says what it needs before its first Metadata API call.
    await expect(w.connector.planProvision()).rejects.toThrow(/AssignPermissionSets/);
    expect(metadataCalls(w.sf)).toBe(soapBefore);
  });

  it('names no missing permission for an admin', async () => {
    const w = await open({ partners: 5 });
    const check = await w.connector.check([planOf('partners')], FIELDS);
    expect(check.notices.filter((n) => n.startsWith('Missing for'))).toEqual([]);
  });
});

describe('Salesforce list views and picklists cost no Metadata API call when unchanged', () => {
  it('a second planLists / applyLists and ensureFieldOptions over unchanged segments make zero Metadata API calls', async () => {
    const w = await open({ partners: 10 });
    await w.connector.applyProvision(await w.connector.planProvision());
    await w.connector.ensureFieldOptions('Account', [{ field: 'Atlas_Segments__c', values: VALUES }]);
    const first = await w.connector.applyLists(await w.connector.planLists(LISTS), LISTS);
    expect(first).toMatchObject({ created: 2, failures: [] });

    w.connector.resetUsage();
    const soapBefore = metadataCalls(w.sf);
    expect(
      await w.connector.ensureFieldOptions('Account', [{ field: 'Atlas_Segments__c', values: VALUES }]),
    ).toMatchObject([{ action: 'unchanged' }]);
    const plan = await w.connector.planLists(LISTS);
    expect(plan).toMatchObject({ create: [], update: [], retire: [], unchanged: 2 });
    expect(await w.connector.applyLists(plan, LISTS)).toMatchObject({
      created: 0,
      updated: 0,
      retired: 0,
      failures: [],
    });
    expect(metadataCalls(w.sf)).toBe(soapBefore);
    // One describe (picklist values) and one REST list-view read per object our views may sit on (Account and
    // the per-cell object the default mapping keeps): nothing else.
    expect(w.connector.usage().callsByOperation).toEqual({ describe: 1, listviews: 2 });

    // A renamed segment: one update through the Metadata API, after one permission query.
    const renamed = [
      { ...(LISTS[0] as DesiredList), name: 'Atlas: Healthcare × AI — Specialist' },
      LISTS[1] as DesiredList,
    ];
    const changes = await w.connector.planLists(renamed);
    expect(changes).toMatchObject({ create: [], retire: [], unchanged: 1 });
    expect(changes.update).toHaveLength(1);
    expect(await w.connector.applyLists(changes, renamed)).toMatchObject({ updated: 1, failures: [] });
    expect(metadataCalls(w.sf)).toBe(soapBefore + 1);
    const labels = [...(w.sf.state.metadata.get('ListView')?.values() ?? [])].map((e) => e.value.label);
    expect(labels).toContain('Atlas: Healthcare × AI — Specialist');
  });
});
