// The --assign-viewers steps as admins read them, and which Collections results count as assigned.
import { describe, expect, it } from 'vitest';
import { failedAssignments, viewerAssignmentStep } from './viewer-assignments.js';

describe('viewerAssignmentStep', () => {
  it('adds the viewer set to a group that lacks it, and leaves a group holding it', () => {
    const group = { kind: 'group', developerName: 'Sales_Reps', label: 'Sales Reps' } as const;
    expect(
      viewerAssignmentStep({ ...group, group: { fullName: 'Sales_Reps', permissionSets: 'Other' } }),
    ).toEqual({
      kind: 'permission',
      name: 'Partner_Atlas_Viewer → group Sales_Reps',
      action: 'update',
      detail: 'Add Partner Atlas Viewer to the permission set group Sales Reps',
    });
    expect(
      viewerAssignmentStep({
        ...group,
        group: { fullName: 'Sales_Reps', permissionSets: ['Other', 'Partner_Atlas_Viewer'] },
      }),
    ).toMatchObject({
      action: 'unchanged',
      detail: 'the permission set group Sales Reps holds Partner Atlas Viewer',
    });
  });

  it('counts the active users of a profile still without the viewer set', () => {
    const profile = { kind: 'profile', name: 'Standard User' } as const;
    const step = (activeUserIds: string[], assignedUserIds: string[]) =>
      viewerAssignmentStep({ ...profile, activeUserIds, assignedUserIds });
    expect(step(['a', 'b', 'c'], ['b'])).toMatchObject({
      action: 'create',
      detail: 'Assign Partner Atlas Viewer to 2 active users of the profile Standard User',
    });
    expect(step(['a', 'b'], ['b']).detail).toBe(
      'Assign Partner Atlas Viewer to 1 active user of the profile Standard User',
    );
    expect(step(['a', 'b'], ['a', 'b'])).toMatchObject({
      action: 'unchanged',
      detail: 'every active user of the profile Standard User holds Partner Atlas Viewer (2 active users)',
    });
    expect(step([], []).detail).toBe('the profile Standard User has no active users');
  });
});

describe('failedAssignments', () => {
  it('counts an existing assignment (DUPLICATE_VALUE) as done and keeps other errors', () => {
    const duplicate = { statusCode: 'DUPLICATE_VALUE', message: 'Duplicate PermissionSetAssignment' };
    const inactive = {
      statusCode: 'INACTIVE_OWNER_OR_USER',
      message: 'operation performed with inactive user',
    };
    expect(
      failedAssignments(
        ['u1', 'u2', 'u3'],
        [
          { id: 'x', success: true, errors: [] },
          { id: null, success: false, errors: [duplicate] },
          { id: null, success: false, errors: [inactive] },
        ],
      ),
    ).toEqual([{ userId: 'u3', reason: 'INACTIVE_OWNER_OR_USER operation performed with inactive user' }]);
  });
});
