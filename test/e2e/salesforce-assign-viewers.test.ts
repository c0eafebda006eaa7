// E2E: `atlas provision salesforce --assign-viewers` through the Salesforce connector: permission set groups and profiles.
import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { provisionCrm, viewerNames } from '../../src/cli/provision-action.js';
import { planOf, useConnectorWorlds, writeback } from '../support/salesforce-connector-world.js';

const open = useConnectorWorlds();

const FIELDS = writeback.fields.map((f) => f.field);

/** Viewer-set assignments in the org, by assignee. */
function viewerHolders(w: Awaited<ReturnType<typeof open>>): string[] {
  const [viewer] = w.sf.state.all('PermissionSet').filter((r) => r.Name === 'Partner_Atlas_Viewer');
  return w.sf.state
    .all('PermissionSetAssignment')
    .filter((a) => a.PermissionSetId === viewer?.Id)
    .map((a) => String(a.AssigneeId));
}

describe('Salesforce provisioning --assign-viewers', () => {
  it('adds the viewer set to a group and assigns it to a profile’s active users; a second apply changes nothing', async () => {
    const w = await open({ partners: 4 });
    w.sf.state.addPermissionSetGroup('Sales_Reps', 'Sales Reps');
    const reps = w.sf.state.addProfileUsers('Standard User', 12, 1);
    // More users than one Collections call takes (200).
    const partners = w.sf.state.addProfileUsers('Partner Community', 201);
    const options = { assignViewers: ['Sales Reps', 'Standard User', 'Partner Community'] };

    const plan = await w.connector.planProvision(options);
    const viewerSteps = plan.steps.filter((s) => s.name.startsWith('Partner_Atlas_Viewer →'));
    expect(viewerSteps).toEqual([
      {
        kind: 'permission',
        name: 'Partner_Atlas_Viewer → group Sales_Reps',
        action: 'update',
        detail: 'Add Partner Atlas Viewer to the permission set group Sales Reps',
      },
      {
        kind: 'permission',
        name: 'Partner_Atlas_Viewer → profile Standard User',
        action: 'create',
        detail: 'Assign Partner Atlas Viewer to 12 active users of the profile Standard User',
      },
      {
        kind: 'permission',
        name: 'Partner_Atlas_Viewer → profile Partner Community',
        action: 'create',
        detail: 'Assign Partner Atlas Viewer to 201 active users of the profile Partner Community',
      },
    ]);
    // A dry run writes nothing.
    expect(w.sf.state.metadata.get('PermissionSetGroup')?.get('Sales_Reps')?.value.permissionSets).toEqual(
      [],
    );
    expect(w.sf.state.count('PermissionSetAssignment')).toBe(0);

    // The viewer set does not exist before this apply: it is created first, then handed out.
    await w.connector.applyProvision(plan, options);
    expect(w.sf.state.metadata.get('PermissionSetGroup')?.get('Sales_Reps')?.value.permissionSets).toEqual([
      'Partner_Atlas_Viewer',
    ]);
    expect(viewerHolders(w).sort()).toEqual([...reps.slice(0, 12), ...partners].sort());
    expect(w.sf.log.count('POST /composite/sobjects')).toBe(3);

    const again = await w.connector.planProvision(options);
    expect(again.steps.filter((s) => s.name.startsWith('Partner_Atlas_Viewer →'))).toMatchObject([
      { action: 'unchanged', detail: 'the permission set group Sales Reps holds Partner Atlas Viewer' },
      {
        action: 'unchanged',
        detail: 'every active user of the profile Standard User holds Partner Atlas Viewer (12 active users)',
      },
      { action: 'unchanged' },
    ]);
    const report = await w.connector.applyProvision(again, options);
    expect(report.applied).toBe(0);
    expect(w.sf.log.count('POST /composite/sobjects')).toBe(3);
    expect(viewerHolders(w)).toHaveLength(213);

    const check = await w.connector.check([planOf('partners')], FIELDS);
    expect(check.notices).toContain(
      '213 users hold Partner Atlas Viewer directly and can read the Atlas fields and Atlas Expertise records',
    );
  });

  it('names what it looked for when a name is neither a permission set group nor a profile', async () => {
    const w = await open({ partners: 4 });
    w.sf.state.addProfileUsers('Standard User', 1);
    await expect(
      w.connector.planProvision({ assignViewers: ['Standard User', 'Sales Rep'] }),
    ).rejects.toThrow(
      'No permission set group or profile named "Sales Rep" in Salesforce: looked for a permission set group with that API name or label, then a profile with that name',
    );
    expect(w.sf.state.count('PermissionSetAssignment')).toBe(0);
  });

  it('takes names comma-separated or repeated, and refuses --assign-viewers for HubSpot before connecting', async () => {
    expect(viewerNames(['Sales Reps, Standard User', 'Managers'])).toEqual([
      'Sales Reps',
      'Standard User',
      'Managers',
    ]);
    const context: CliContext = {
      out: () => {},
      err: () => {},
      env: () => {
        throw new Error('no environment: the flag is refused before connecting');
      },
      exit: () => {},
      isTty: false,
    };
    await expect(provisionCrm(context, 'hubspot', { assignViewers: ['Sales Reps'] })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('HubSpot users see the Atlas properties by their own permissions'),
    });
  });
});
