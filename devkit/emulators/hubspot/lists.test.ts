// E2E: lists v3 through @hubspot/api-client: create, find, rename, delete, memberships, DYNAMIC refusal.
import { describe, expect, it } from 'vitest';
import { createDynamicList } from '../../../test/support/hubspot-client-calls.js';
import { useWorlds } from '../../../test/support/hubspot-world.js';
import { HS_MEMBERSHIP_CHANGE_MAX } from './vendor-limits.js';

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

  it('refuses a membership change of more record ids than the documented maximum per request', async () => {
    const w = await open();
    const [company] = w.emulator.state.insertMany('companies', [{ properties: { name: 'P' } }]);
    const created = await w.client.crm.lists.listsApi.create({
      name: 'Atlas: capped',
      objectTypeId: '0-2',
      processingType: 'MANUAL',
    });
    const listId = created.list.listId;
    const many = Array.from({ length: HS_MEMBERSHIP_CHANGE_MAX }, (_, i) => String(i + 1_000_000));
    // At the maximum, adds and removes together, the call goes through.
    const atMax = await w.client.crm.lists.membershipsApi.addAndRemove(listId, {
      recordIdsToAdd: [company ?? '', ...many.slice(1, 50_000)],
      recordIdsToRemove: many.slice(50_000),
    });
    expect(atMax.recordsIdsAdded).toEqual([company]);
    for (const call of [
      () =>
        w.client.crm.lists.membershipsApi.addAndRemove(listId, {
          recordIdsToAdd: many.slice(0, 50_000),
          recordIdsToRemove: [...many.slice(50_000), '1'],
        }),
      () => w.client.crm.lists.membershipsApi.add(listId, [...many, '1']),
      () => w.client.crm.lists.membershipsApi.remove(listId, [...many, '1']),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 400, body: { category: 'VALIDATION_ERROR' } });
    }
    expect(w.emulator.state.lists.members(listId).map((m) => String(m.recordId))).toEqual([company]);
  });

  it('answers each list in a search with its size and the times a record last joined and left', async () => {
    const w = await open();
    const ids = w.emulator.state.insertMany('companies', [
      { properties: { name: 'A' } },
      { properties: { name: 'B' } },
    ]);
    const created = await w.client.crm.lists.listsApi.create({
      name: 'Atlas: signals',
      objectTypeId: '0-2',
      processingType: 'MANUAL',
    });
    const search = async () =>
      (await w.client.crm.lists.listsApi.doSearch({ query: 'signals', additionalProperties: [] })).lists[0]
        ?.additionalProperties;
    expect(await search()).toEqual({ hs_list_size: '0', hs_list_reference_count: '0' });
    await w.client.crm.lists.membershipsApi.add(created.list.listId, ids);
    const added = await search();
    expect(added).toMatchObject({ hs_list_size: '2', hs_last_record_added_at: expect.any(String) });
    expect(added?.hs_last_record_removed_at).toBeUndefined();
    w.clock.advance(1_000);
    await w.client.crm.lists.membershipsApi.remove(created.list.listId, ids.slice(0, 1));
    const removed = await search();
    expect(removed).toMatchObject({
      hs_list_size: '1',
      hs_last_record_added_at: added?.hs_last_record_added_at,
    });
    expect(Date.parse(removed?.hs_last_record_removed_at ?? '')).toBeGreaterThan(
      Date.parse(added?.hs_last_record_added_at ?? ''),
    );
  });
});
