import { describe, expect, it } from 'vitest';
import { permissionNotices } from './check.js';
import { splitByDescribe } from './field-options.js';
import { missingPermissions, type SalesforceUserPermission, SF_USER_PERMISSIONS } from './permissions.js';
import { SalesforceDescribeSchema } from './raw.js';

function user(granted: SalesforceUserPermission[]) {
  const names = Object.keys(SF_USER_PERMISSIONS) as SalesforceUserPermission[];
  return new Map(names.map((p) => [p, granted.includes(p)] as const));
}

describe('integration user permissions', () => {
  it('needs only API Enabled to read and write fields, the Metadata API rights for list views and new values', () => {
    const leastPrivilege = user(['ApiEnabled']);
    expect(missingPermissions(leastPrivilege, 'read')).toEqual([]);
    expect(missingPermissions(leastPrivilege, 'field write-back')).toEqual([]);
    expect(missingPermissions(leastPrivilege, 'list views')).toEqual([
      'ModifyMetadata',
      'CustomizeApplication',
    ]);
    expect(missingPermissions(leastPrivilege, 'provisioning')).toEqual([
      'ModifyMetadata',
      'CustomizeApplication',
      'AssignPermissionSets',
    ]);
    // Modify All Data stands in for Modify Metadata Through Metadata API Functions.
    expect(
      missingPermissions(user(['ApiEnabled', 'ModifyAllData', 'CustomizeApplication']), 'list views'),
    ).toEqual([]);
  });

  it('names what is missing per capability in the check notices, and says nothing when all is granted', () => {
    const notices = permissionNotices(user(['ApiEnabled']));
    expect(notices).toHaveLength(3);
    expect(notices.join('\n')).toContain(
      'Missing for list views: Modify Metadata Through Metadata API Functions (ModifyMetadata), Customize Application (CustomizeApplication); without it list views are skipped',
    );
    expect(notices.join('\n')).toContain('Missing for provisioning:');
    expect(notices.join('\n')).toContain('Assign Permission Sets (AssignPermissionSets)');
    expect(permissionNotices(user(['ApiEnabled']).set('ApiEnabled', false))[0]).toMatch(
      /^Missing for read: API Enabled \(ApiEnabled\)/,
    );
    expect(permissionNotices(user(Object.keys(SF_USER_PERMISSIONS) as SalesforceUserPermission[]))).toEqual(
      [],
    );
    expect(permissionNotices(null)).toEqual([expect.stringContaining('could not be read')]);
  });
});

describe('picklist values from the describe', () => {
  const describe = SalesforceDescribeSchema.parse({
    name: 'Account',
    fields: [
      {
        name: 'Atlas_Segments__c',
        type: 'multipicklist',
        updateable: true,
        picklistValues: [
          { value: 'Banking', active: true },
          { value: 'Health', active: false },
        ],
      },
      { name: 'Atlas_Needs__c', type: 'multipicklist', updateable: true, picklistValues: [] },
    ],
  });

  it('leaves fields holding every value (active or not) to the describe, the rest to the Metadata API', () => {
    const { unchanged, pending } = splitByDescribe('Account', describe, [
      { field: 'Atlas_Segments__c', values: ['Banking', 'Health', 'Banking'] },
      { field: 'Atlas_Needs__c', values: ['Security'] },
      { field: 'Atlas_Hidden__c', values: [] },
    ]);
    expect([...unchanged.values()]).toEqual([
      {
        kind: 'options',
        name: 'Account.Atlas_Segments__c',
        action: 'unchanged',
        detail: 'none missing (of 2)',
      },
    ]);
    // A field the describe does not show (not created, or hidden from this user) is asked about by name.
    expect(pending.map((o) => o.field)).toEqual(['Atlas_Needs__c', 'Atlas_Hidden__c']);
    expect(splitByDescribe('Account', null, [{ field: 'Atlas_Needs__c', values: [] }]).pending).toHaveLength(
      1,
    );
  });
});
