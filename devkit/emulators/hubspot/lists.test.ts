// E2E: lists v3 through @hubspot/api-client: create, find, rename, delete, memberships, DYNAMIC refusal.
import { describe, expect, it } from 'vitest';
import { createDynamicList } from '../../../test/support/hubspot-client-calls.js';
import { useWorlds } from '../../../test/support/hubspot-world.js';

const open = useWorlds();

describe('HubSpot emulator: lists', () => {
  it('runs a segment list’s life: create, find by name, fill, page, move members, rename, delete', async () => {
    const w = await open();
    const ids = w.emulator.state.insertMany(
      'companies',
      Array.from({ length: 5 }, (_, i) => ({ properties: { name: `P${i}` } })),
    );
    const created = await w.client.crm.lists.listsApi.create({
      name: 'Atlas: Banking × Security',
      objectTypeId: '0-2',
      processingType: 'MANUAL',
    });
    const listId = created.list.listId;
    const found = await w.client.crm.lists.listsApi.getByName('Atlas: Banking × Security', '0-2');
    expect(found.list.listId).toBe(listId);
    const added = await w.client.crm.lists.membershipsApi.add(listId, [...ids.slice(0, 3), '999']);
    expect(added.recordsIdsAdded).toEqual(ids.slice(0, 3));
    expect(added.recordIdsMissing).toEqual(['999']);
    const again = await w.client.crm.lists.membershipsApi.add(listId, [ids[0] ?? '']);
    expect(again.recordsIdsAdded).toEqual([]);
    const page1 = await w.client.crm.lists.membershipsApi.getPage(listId, undefined, undefined, 2);
    const page2 = await w.client.crm.lists.membershipsApi.getPage(
      listId,
      page1.paging?.next?.after,
      undefined,
      2,
    );
    expect([...page1.results, ...page2.results].map((m) => m.recordId)).toEqual(ids.slice(0, 3));
    expect(page2.paging).toBeUndefined();
    const moved = await w.client.crm.lists.membershipsApi.addAndRemove(listId, {
      recordIdsToAdd: [ids[3] ?? '', ids[4] ?? ''],
      recordIdsToRemove: [ids[0] ?? '', ids[1] ?? ''],
    });
    expect(moved).toMatchObject({
      recordsIdsAdded: [ids[3], ids[4]],
      recordIdsRemoved: [ids[0], ids[1]],
      recordIdsMissing: [],
    });
    const removed = await w.client.crm.lists.membershipsApi.remove(listId, [ids[2] ?? '']);
    expect(removed.recordIdsRemoved).toEqual([ids[2]]);
    expect(w.emulator.state.lists.members(listId).map((m) => String(m.recordId))).toEqual([ids[3], ids[4]]);
    const renamed = await w.client.crm.lists.listsApi.updateName(listId, 'Atlas: Banking × Security (v2)');
    expect(renamed.updatedList?.name).toBe('Atlas: Banking × Security (v2)');
    expect(renamed.updatedList?.listVersion).toBe(2);
    await w.client.crm.lists.listsApi.remove(listId);
    await expect(w.client.crm.lists.listsApi.getById(listId)).rejects.toMatchObject({ code: 404 });
  });

  it('searches lists by name and processing type with offset paging', async () => {
    const w = await open();
    for (const name of ['Atlas: A', 'Atlas: B', 'Other']) {
      await w.client.crm.lists.listsApi.create({ name, objectTypeId: '0-2', processingType: 'MANUAL' });
    }
    await w.client.crm.lists.listsApi.create({
      name: 'Atlas: snapshot',
      objectTypeId: '0-2',
      processingType: 'SNAPSHOT',
    });
    const first = await w.client.crm.lists.listsApi.doSearch({
      query: 'atlas',
      count: 2,
      offset: 0,
      additionalProperties: [],
    });
    expect(first.total).toBe(3);
    expect(first.hasMore).toBe(true);
    const rest = await w.client.crm.lists.listsApi.doSearch({
      query: 'atlas',
      count: 2,
      offset: first.offset,
      additionalProperties: [],
    });
    expect(rest.lists.map((l) => l.name)).toEqual(['Atlas: snapshot']);
    const snapshots = await w.client.crm.lists.listsApi.doSearch({
      processingTypes: ['SNAPSHOT'],
      additionalProperties: [],
    });
    expect(snapshots.lists.map((l) => l.name)).toEqual(['Atlas: snapshot']);
  });

  it('refuses duplicate names, unknown object types and membership writes on DYNAMIC lists', async () => {
    const w = await open();
    const [company] = w.emulator.state.insertMany('companies', [{ properties: { name: 'P' } }]);
    await w.client.crm.lists.listsApi.create({
      name: 'Atlas',
      objectTypeId: '0-2',
      processingType: 'MANUAL',
    });
    await expect(
      w.client.crm.lists.listsApi.create({ name: 'atlas', objectTypeId: '0-2', processingType: 'MANUAL' }),
    ).rejects.toMatchObject({ code: 400 });
    await expect(
      w.client.crm.lists.listsApi.create({ name: 'X', objectTypeId: '0-53', processingType: 'MANUAL' }),
    ).rejects.toMatchObject({
      code: 400,
      body: { subCategory: 'ListError.INVALID_OBJECT_TYPE_FOR_LIST' },
    });
    const dynamic = await createDynamicList(w.client);
    const id = dynamic.list.listId;
    for (const call of [
      () => w.client.crm.lists.membershipsApi.add(id, [company ?? '']),
      () => w.client.crm.lists.membershipsApi.remove(id, [company ?? '']),
      () =>
        w.client.crm.lists.membershipsApi.addAndRemove(id, {
          recordIdsToAdd: [company ?? ''],
          recordIdsToRemove: [],
        }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 400, body: { category: 'VALIDATION_ERROR' } });
    }
    // A DYNAMIC list's members are the emulator's to set: tests stand in for HubSpot's evaluation.
    w.emulator.state.lists.setMembers(id, [company ?? '']);
    const page = await w.client.crm.lists.membershipsApi.getPage(id);
    expect(page.results.map((m) => m.recordId)).toEqual([company]);
    const withFilters = await w.client.crm.lists.listsApi.getById(id, true);
    expect(withFilters.list.filterBranch).toBeDefined();
  });
});
