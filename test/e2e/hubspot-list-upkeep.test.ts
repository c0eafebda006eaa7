// E2E: HubSpot list upkeep against the emulator, counted on its request log: lists are created once, an
// unchanged night creates nothing and changes no membership, and changes go out in add-and-remove calls of
// at most the maximum ids (lowered here so a few records show the batching).
import { describe, expect, it } from 'vitest';
import { HubSpotClient } from '../../connectors/hubspot/client.js';
import { ListMemory } from '../../connectors/hubspot/list-memory.js';
import { applyListSync, type ListContext, planListSync } from '../../connectors/hubspot/lists.js';
import { HubSpotConnectorOptionsSchema } from '../../connectors/hubspot/options.js';
import type { DesiredList } from '../../connectors/types.js';
import { manualSleep, seedCompanies, useConnectorWorlds } from '../support/hubspot-connector-world.js';

const open = useConnectorWorlds();
const PREFIX = 'Atlas segment: ';
const CREATE = 'POST /crm/v3/lists';
const CHANGE = 'PUT /crm/v3/lists/:listId/memberships/add-and-remove';
const READ = 'GET /crm/v3/lists/:listId/memberships';
const SEARCH = 'POST /crm/v3/lists/search';

const segment = (key: string, memberIds: string[]): DesiredList => ({
  per: 'segment',
  key,
  name: `${PREFIX}${key}`,
  memberIds,
  filterValue: key,
});

async function listWorld(membershipChangeMax: number, listLimit?: number) {
  const w = await open();
  const options = HubSpotConnectorOptionsSchema.parse({
    auth: { kind: 'private-app', accessToken: w.token },
    baseUrl: w.emulator.url,
    now: () => new Date(w.clock.now()),
    sleep: manualSleep(w.clock),
  });
  const ctx: ListContext = {
    client: new HubSpotClient(options),
    objectTypeId: '0-2',
    prefixes: [PREFIX],
    retiredSuffix: ' (retired)',
    membershipChangeMax,
    memory: new ListMemory(),
    ...(listLimit === undefined ? {} : { listLimit }),
  };
  /** One write-back's list sync; the request counts it made. */
  const sync = async (desired: DesiredList[]) => {
    w.emulator.log.clear();
    const plan = await planListSync(ctx, desired);
    const report = await applyListSync(ctx, plan, desired);
    return { plan, report, calls: w.emulator.log.counts() };
  };
  const members = () =>
    Object.fromEntries(
      w.emulator.state.lists.live().map((l) => [l.name, [...l.members.keys()].map(String).sort()]),
    );
  /** A new process: nothing remembered. */
  const restart = () => {
    ctx.memory = new ListMemory();
  };
  return { w, sync, members, restart };
}

describe('HubSpot list upkeep', () => {
  it('creates lists once; an unchanged night creates none and changes no membership', async () => {
    const { w, sync, members } = await listWorld(2);
    const [a, b, c, d, e, f] = seedCompanies(w, 6) as [string, string, string, string, string, string];
    const night = [segment('Healthcare', [a, b, c, d, e]), segment('Banking', [f])];

    const first = await sync(night);
    expect(first.report).toMatchObject({ created: 2, membersAdded: 6, failures: [] });
    expect(first.calls[CREATE]).toBe(2);
    // Five members at two per call take three calls; one member takes one.
    expect(first.calls[CHANGE]).toBe(4);
    // One search to find the lists, one to count the portal's lists before creating (its limit), one after
    // the changes to learn their new change signals.
    expect(first.calls[SEARCH]).toBe(3);

    // The search alone tells nothing moved: no list is read, created or changed.
    const second = await sync(night);
    expect(second.plan).toMatchObject({ create: [], update: [], retire: [], unchanged: 2 });
    expect(second.calls).toEqual({ [SEARCH]: 1 });
    expect(members()).toEqual({ [`${PREFIX}Healthcare`]: [a, b, c, d, e].sort(), [`${PREFIX}Banking`]: [f] });
  });

  it('reads a list again when its change signals moved: a new process, or a member changed in HubSpot', async () => {
    const { w, sync, members, restart } = await listWorld(2);
    const [a, b, c, d] = seedCompanies(w, 4) as [string, string, string, string];
    const night = [segment('Healthcare', [a, b]), segment('Banking', [c])];
    await sync(night);

    restart();
    const fresh = await sync(night);
    expect(fresh.calls).toEqual({ [SEARCH]: 1, [READ]: 2 });
    expect((await sync(night)).calls).toEqual({ [SEARCH]: 1 });

    // Someone adds d to Banking by hand: its size and last-add time move, so it is read and put right.
    w.clock.advance(60_000);
    const banking = w.emulator.state.lists.byName('0-2', `${PREFIX}Banking`);
    w.emulator.state.lists.change(banking.listId, [d], [], () => true);
    const drifted = await sync(night);
    expect(drifted.calls[READ]).toBe(1);
    expect(drifted.plan.update).toEqual([expect.objectContaining({ name: `${PREFIX}Banking`, remove: [d] })]);
    expect(members()[`${PREFIX}Banking`]).toEqual([c]);
  });

  it('sends changes in calls of at most the maximum, only for lists that changed', async () => {
    const { w, sync, members } = await listWorld(2);
    const ids = seedCompanies(w, 8);
    const [a, b, c, d, e, f, g, h] = ids as [string, string, string, string, string, string, string, string];
    await sync([segment('Healthcare', [a, b, c]), segment('Banking', [d]), segment('Retail', [h])]);

    // a and b leave Healthcare, e, f and g join it (five ids: three calls); Banking disappears; Retail stays.
    const next = [segment('Healthcare', [c, e, f, g]), segment('Retail', [h])];
    const changed = await sync(next);
    expect(changed.report).toMatchObject({
      created: 0,
      updated: 1,
      retired: 1,
      membersAdded: 3,
      membersRemoved: 3,
    });
    expect(changed.plan.unchanged).toBe(1);
    expect(changed.calls[CREATE]).toBeUndefined();
    expect(changed.calls[CHANGE]).toBe(3 + 1);
    // Every list's members were known from the night before: none is read.
    expect(changed.calls[READ]).toBeUndefined();
    expect(members()).toEqual({
      [`${PREFIX}Healthcare`]: [c, e, f, g].sort(),
      [`${PREFIX}Banking (retired)`]: [],
      [`${PREFIX}Retail`]: [h],
    });

    const quiet = await sync(next);
    expect(quiet.plan).toMatchObject({ create: [], update: [], retire: [], unchanged: 3 });
    expect(quiet.calls).toEqual({ [SEARCH]: 1 });
  });

  it('in a new process, reads each list once while planning, none that HubSpot reports empty', async () => {
    const { w, sync, restart } = await listWorld(2);
    const [a, b, c, d] = seedCompanies(w, 4) as [string, string, string, string];
    await sync([segment('Healthcare', [a, b]), segment('Banking', [c])]);
    await sync([segment('Healthcare', [a, b])]);

    restart();
    // Banking is retired and empty: not read. Healthcare changes: read once, while planning.
    const changed = await sync([segment('Healthcare', [a, d])]);
    expect(changed.calls[READ]).toBe(1);
    expect(changed.report).toMatchObject({ updated: 1, membersAdded: 1, membersRemoved: 1 });
  });

  it('creates no list beyond the portal limit: the biggest first, the rest named in a warning', async () => {
    const { w, sync, members } = await listWorld(10, 4);
    const [a, b, c] = seedCompanies(w, 3) as [string, string, string];
    // Two lists someone else keeps (contacts and companies alike count toward the portal's limit).
    w.emulator.state.lists.create({ name: 'Newsletter', objectTypeId: '0-1', processingType: 'MANUAL' });
    w.emulator.state.lists.create({ name: 'Key accounts', objectTypeId: '0-2', processingType: 'MANUAL' });

    const night = [segment('Banking', [a]), segment('Healthcare', [a, b, c]), segment('Retail', [a, b])];
    const run = await sync(night);
    expect(run.report).toMatchObject({ created: 2, failures: [] });
    expect(run.calls[CREATE]).toBe(2);
    expect(Object.keys(members()).sort()).toEqual([
      `${PREFIX}Healthcare`,
      `${PREFIX}Retail`,
      'Key accounts',
      'Newsletter',
    ]);
    expect(run.report.warnings).toEqual([
      expect.stringContaining(
        '1 list was not created: the HubSpot portal holds 2 of the 4 lists it may have',
      ),
    ]);
    expect(run.report.warnings?.[0]).toContain(`Not created: "${PREFIX}Banking".`);

    // Full: the next night tries no create at all and says so again.
    const next = await sync(night);
    expect(next.calls[CREATE]).toBeUndefined();
    expect(next.report.warnings?.[0]).toContain('holds 4 of the 4 lists');
  });

  it('reports a list HubSpot refuses at its limit as failed, the others kept', async () => {
    const { w, sync } = await listWorld(10);
    const [a, b] = seedCompanies(w, 2) as [string, string];
    w.emulator.state.lists.listLimit = 1;
    const run = await sync([segment('Healthcare', [a, b]), segment('Banking', [a])]);
    expect(run.report.created).toBe(1);
    expect(run.report.failures).toEqual([
      { list: `${PREFIX}Banking`, message: expect.stringContaining('limit of 1 lists') },
    ]);
  });
});
