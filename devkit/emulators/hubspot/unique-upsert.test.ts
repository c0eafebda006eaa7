// E2E: what per-cell records rely on, over raw HTTP: a portal without custom objects refuses schemas (403),
// unique properties refuse a second record with the value, batch upsert by a unique property creates or
// updates and says which with `new`, and default associations fail per input (207).
import { describe, expect, it } from 'vitest';
import { useWorlds } from '../../../test/support/hubspot-world.js';

const open = useWorlds();

const SCHEMA = {
  name: 'tallies',
  labels: { singular: 'Tally', plural: 'Tallies' },
  primaryDisplayProperty: 'label',
  requiredProperties: ['label'],
  associatedObjects: ['COMPANY'],
  properties: [
    { name: 'label', label: 'Label', type: 'string', fieldType: 'text' },
    { name: 'tally_key', label: 'Key', type: 'string', fieldType: 'text', hasUniqueValue: true },
  ],
};

describe('HubSpot emulator: custom objects for upserts', () => {
  it('refuses a custom object schema with 403 when the subscription has none', async () => {
    const w = await open({ customObjects: false });
    const res = await w.fetchJson('POST', '/crm/v3/schemas', { body: SCHEMA });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ status: 'error', category: 'FORBIDDEN' });
    const list = await w.fetchJson('GET', '/crm/v3/schemas');
    expect(list.body).toEqual({ results: [] });
  });

  it('upserts by a unique property: new records say new, a second value holder is refused', async () => {
    const w = await open();
    expect((await w.fetchJson('POST', '/crm/v3/schemas', { body: SCHEMA })).status).toBe(201);
    const upsert = (inputs: Array<{ id: string; properties: Record<string, string> }>) =>
      w.fetchJson('POST', '/crm/v3/objects/p_tallies/batch/upsert', {
        body: { inputs: inputs.map((i) => ({ ...i, idProperty: 'tally_key' })) },
      });

    const first = await upsert([{ id: 'k1', properties: { label: 'One', tally_key: 'k1' } }]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      results: [{ new: true, properties: { tally_key: 'k1', label: 'One' } }],
    });

    // The key goes in the properties too: results list written properties only, in no promised order.
    const second = await upsert([
      { id: 'k1', properties: { label: 'One again', tally_key: 'k1' } },
      { id: 'k2', properties: { label: 'Two', tally_key: 'k2' } },
    ]);
    const results = (second.body as { results: Array<{ new: boolean; properties: Record<string, string> }> })
      .results;
    expect(results.map((r) => [r.properties.tally_key, r.new])).toEqual([
      ['k1', false],
      ['k2', true],
    ]);

    const duplicate = await upsert([
      { id: 'k3', properties: { label: 'Three' } },
      { id: 'K3', properties: { label: 'Three' } },
    ]);
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toMatchObject({ category: 'VALIDATION_ERROR' });

    const taken = await w.fetchJson('POST', '/crm/v3/objects/p_tallies', {
      body: { properties: { label: 'Copy', tally_key: 'K1' } },
    });
    expect(taken.status).toBe(400);
    expect(JSON.stringify(taken.body)).toContain('INVALID_UNIQUE_VALUE');
    expect(w.emulator.state.count('p_tallies')).toBe(2);
  });

  it('associates by the default type and fails only the inputs whose records are missing (207)', async () => {
    const w = await open();
    await w.fetchJson('POST', '/crm/v3/schemas', { body: SCHEMA });
    const [company = ''] = w.emulator.state.insertMany('companies', [{ properties: { name: 'Acme' } }]);
    const created = await w.fetchJson('POST', '/crm/v3/objects/p_tallies', {
      body: { properties: { label: 'One', tally_key: 'k1' } },
    });
    const id = (created.body as { id: string }).id;
    const res = await w.fetchJson(
      'POST',
      '/crm/v4/associations/p_tallies/companies/batch/associate/default',
      {
        body: {
          inputs: [
            { from: { id }, to: { id: company } },
            { from: { id }, to: { id: '999999' } },
          ],
        },
      },
    );
    expect(res.status).toBe(207);
    expect(res.body).toMatchObject({
      numErrors: 1,
      errors: [{ category: 'OBJECT_NOT_FOUND', context: { ids: ['999999'] } }],
    });
    expect(w.emulator.state.associationsOf('p_tallies', id, 'companies').map((a) => a.id)).toEqual([company]);
  });
});
