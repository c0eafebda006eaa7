// The emulator portal's list limit: a create beyond it answers HubSpot's standard 400 error; search counts all.
import { describe, expect, it } from 'vitest';
import { useWorlds } from '../../../test/support/hubspot-world.js';

const open = useWorlds();
const create = (name: string, objectTypeId = '0-2') => ({
  body: { name, objectTypeId, processingType: 'MANUAL' },
});

describe('HubSpot emulator: the portal list limit', () => {
  it('refuses a create once the portal holds its limit, lists of every object type counted', async () => {
    const w = await open();
    w.emulator.state.lists.listLimit = 2;
    expect((await w.fetchJson('POST', '/crm/v3/lists', create('Newsletter', '0-1'))).status).toBe(200);
    expect((await w.fetchJson('POST', '/crm/v3/lists', create('Atlas: Banking'))).status).toBe(200);

    const refused = await w.fetchJson('POST', '/crm/v3/lists', create('Atlas: Retail'));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      status: 'error',
      category: 'VALIDATION_ERROR',
      message: expect.stringContaining('limit of 2 lists'),
    });
    const search = await w.fetchJson('POST', '/crm/v3/lists/search', { body: { query: '', count: 1 } });
    expect(search.body).toMatchObject({ total: 2 });
  });

  it('makes room again when a list is deleted', async () => {
    const w = await open();
    w.emulator.state.lists.listLimit = 1;
    const first = await w.fetchJson('POST', '/crm/v3/lists', create('Atlas: Banking'));
    const { listId } = (first.body as { list: { listId: string } }).list;
    await w.fetchJson('DELETE', `/crm/v3/lists/${listId}`);
    expect((await w.fetchJson('POST', '/crm/v3/lists', create('Atlas: Retail'))).status).toBe(200);
  });
});
