// E2E: permission set groups (records and Metadata API), profiles and their users, and assignments in Collections.
import { describe, expect, it } from 'vitest';
import { useWorlds } from '../../../test/support/salesforce-world.js';

const open = useWorlds();

describe('Salesforce emulator permission set groups and profiles', () => {
  it('a group is found by API name or label, and its permissionSets round-trip through upsert and read', async () => {
    const w = await open();
    await w.conn.metadata.upsert('PermissionSet', { fullName: 'Viewer', label: 'Viewer' });
    w.sf.state.addPermissionSetGroup('Sales_Reps', 'Sales Reps');
    const byLabel = await w.conn.query<{ DeveloperName: string }>(
      "SELECT DeveloperName, MasterLabel FROM PermissionSetGroup WHERE DeveloperName = 'Sales Reps' OR MasterLabel = 'Sales Reps'",
    );
    expect(byLabel.records.map((r) => r.DeveloperName)).toEqual(['Sales_Reps']);

    const saved = await w.conn.metadata.upsert('PermissionSetGroup', {
      fullName: 'Sales_Reps',
      label: 'Sales Reps',
      permissionSets: ['Viewer'],
    });
    expect(saved).toMatchObject({ success: true, created: false });
    const read = await w.conn.metadata.read('PermissionSetGroup', 'Sales_Reps');
    expect(read).toMatchObject({ fullName: 'Sales_Reps', label: 'Sales Reps', permissionSets: ['Viewer'] });

    const created = await w.conn.metadata.upsert('PermissionSetGroup', {
      fullName: 'Managers',
      label: 'Sales Managers',
      permissionSets: ['Viewer'],
    });
    expect(created).toMatchObject({ success: true, created: true });
    const rows = await w.conn.query<{ MasterLabel: string; Status: string }>(
      "SELECT MasterLabel, Status FROM PermissionSetGroup WHERE DeveloperName = 'Managers'",
    );
    expect(rows.records).toMatchObject([{ MasterLabel: 'Sales Managers', Status: 'Updated' }]);

    const refused = await w.conn.metadata.upsert('PermissionSetGroup', {
      fullName: 'Broken',
      label: 'Broken',
      permissionSets: ['Missing_Set'],
    });
    expect(refused).toMatchObject({
      success: false,
      errors: [{ statusCode: 'INVALID_CROSS_REFERENCE_KEY' }],
    });
  });

  it("a profile's active users are queried by ProfileId; Collections assignments answer DUPLICATE_VALUE per item", async () => {
    const w = await open();
    await w.conn.metadata.upsert('PermissionSet', { fullName: 'Viewer', label: 'Viewer' });
    const [ps] = (await w.conn.query<{ Id: string }>("SELECT Id FROM PermissionSet WHERE Name = 'Viewer'"))
      .records;
    const [first, second, inactive] = w.sf.state.addProfileUsers('Standard User', 2, 1);
    const [profile] = (
      await w.conn.query<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'Standard User'")
    ).records;
    const active = await w.conn.query<{ Id: string }>(
      `SELECT Id FROM User WHERE ProfileId = '${profile?.Id}' AND IsActive = true`,
    );
    expect(active.records.map((r) => r.Id)).toEqual([first, second]);
    expect(active.records.map((r) => r.Id)).not.toContain(inactive);

    const assign = (ids: readonly (string | undefined)[]) =>
      w.fetchJson('/services/data/v62.0/composite/sobjects', {
        method: 'POST',
        body: {
          allOrNone: false,
          records: ids.map((AssigneeId) => ({
            attributes: { type: 'PermissionSetAssignment' },
            AssigneeId,
            PermissionSetId: ps?.Id,
          })),
        },
      });
    expect((await assign([first])).body).toMatchObject([{ success: true }]);
    expect((await assign([first, second])).body).toMatchObject([
      { success: false, errors: [{ statusCode: 'DUPLICATE_VALUE' }] },
      { success: true },
    ]);
    expect(w.sf.state.count('PermissionSetAssignment')).toBe(2);
  });
});
