// Contract tests: each documented HubSpot example vs the emulator's raw answer (same keys and JSON types), and the real @hubspot/api-client call succeeding.
import { describe, expect, it } from 'vitest';
import { createCompanyProperty, createDynamicList } from '../../support/hubspot-client-calls.js';
import { Op, V4Category } from '../../support/hubspot-client-enums.js';
import {
  expectedShape,
  fill,
  type HubSpotWorld,
  loadFixture,
  useWorlds,
} from '../../support/hubspot-world.js';
import { shapeDiff } from '../../support/shape.js';

const open = useWorlds();

/** Sends a fixture's request (placeholders filled) and checks status and shape against the documented example. */
async function check(
  w: HubSpotWorld,
  name: string,
  ids: Record<string, string | number> = {},
  options: { exact?: boolean; keep?: string[] } = {},
) {
  const fixture = loadFixture(name);
  const req = fill(fixture.request, ids);
  const answer = await w.fetchJson(req.method, req.path, {
    ...(req.body === undefined ? {} : { body: req.body }),
    ...(req.form === undefined ? {} : { form: req.form }),
    ...(req.headers === undefined ? {} : { headers: req.headers }),
  });
  expect(answer.status, `${name} status`).toBe(fixture.status);
  expect(
    shapeDiff(expectedShape(fixture, options.keep), answer.body, { exact: options.exact ?? false }),
  ).toEqual([]);
  for (const header of fixture.headers)
    expect(answer.headers.get(header), `${name} header ${header}`).not.toBeNull();
  return answer;
}

function seedCompanies(w: HubSpotWorld, n = 2): string[] {
  return w.emulator.state.insertMany(
    'companies',
    Array.from({ length: n }, (_, i) => ({
      properties: { name: `Partner ${i + 1}`, domain: `partner${i + 1}.example`, industry: 'BANKING' },
    })),
  );
}

describe('HubSpot CRM objects contract', () => {
  it('list page: documented shape with paging, and client basicApi.getPage', async () => {
    const w = await open();
    seedCompanies(w, 2);
    const raw = await check(w, 'objects-list', {}, { exact: false });
    expect(raw.body).toMatchObject({ paging: { next: { after: expect.any(String) } } });
    const page = await w.client.crm.companies.basicApi.getPage(1, undefined, ['name']);
    expect(page.results[0]?.properties.name).toBe('Partner 1');
    expect(page.paging?.next?.after).toBeDefined();
  });

  it('read by id with associations: documented shape, and client basicApi.getById', async () => {
    const w = await open();
    const [company] = seedCompanies(w, 1);
    w.emulator.state.insertMany(
      'contacts',
      [{ id: 100_000_201, properties: { email: 'ada@example.com' } }],
      [{ from: 100_000_201, toObjectType: 'companies', to: company ?? '' }],
    );
    await check(w, 'objects-get', { companyId: company ?? '' }, { exact: true });
    const got = await w.client.crm.companies.basicApi.getById(company ?? '', ['name'], undefined, [
      'contacts',
    ]);
    expect(got.properties.name).toBe('Partner 1');
    expect(got.associations?.contacts?.results[0]?.id).toBe('100000201');
  });

  it('create: documented shape (201), and client basicApi.create', async () => {
    const w = await open();
    await check(w, 'objects-create', {}, { exact: true });
    const created = await w.client.crm.companies.basicApi.create({
      properties: { name: 'Initech' },
      associations: [],
    });
    expect(created.id).toMatch(/^\d+$/);
    expect(w.emulator.state.get('companies', created.id)?.properties.name).toBe('Initech');
  });

  it('update: documented shape, and client basicApi.update moves hs_lastmodifieddate', async () => {
    const w = await open();
    const [company] = seedCompanies(w, 1);
    w.clock.advance(60_000);
    await check(w, 'objects-update', { companyId: company ?? '' }, { exact: true });
    const updated = await w.client.crm.companies.basicApi.update(company ?? '', {
      properties: { partner_region: 'emea' },
    });
    expect(updated.properties.partner_region).toBe('emea');
    expect(updated.updatedAt.toISOString()).toBe('2026-01-15T10:01:00.000Z');
  });

  it('search: documented shape with total and paging, and client searchApi.doSearch', async () => {
    const w = await open();
    w.emulator.state.insertMany('deals', [
      { properties: { dealname: 'A', amount: '1500' }, updatedAt: '2024-02-01T00:00:00Z' },
      { properties: { dealname: 'B', amount: '900' }, updatedAt: '2024-03-01T00:00:00Z' },
    ]);
    await check(w, 'objects-search', {}, { exact: true });
    const found = await w.client.crm.deals.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'amount', operator: Op.Gt, value: '1000' }] }],
      properties: ['dealname'],
      limit: 10,
    });
    expect(found.total).toBe(1);
    expect(found.results[0]?.properties.dealname).toBe('A');
    expect(found.paging).toBeUndefined();
  });

  it('batch read: 207 with the missing id in the error context, and client batchApi.read resolves', async () => {
    const w = await open();
    const [company] = seedCompanies(w, 1);
    await check(w, 'objects-batch-read', { companyId: company ?? '' });
    const read = await w.client.crm.companies.batchApi.read({
      inputs: [{ id: company ?? '' }, { id: '999999' }],
      properties: ['name'],
      propertiesWithHistory: [],
    });
    expect(read.results.map((r) => r.id)).toEqual([company]);
    expect('errors' in read && read.errors?.[0]?.context).toEqual({ ids: ['999999'] });
  });

  it('batch create: documented shape (201), and client batchApi.create', async () => {
    const w = await open();
    await check(w, 'objects-batch-create');
    const created = await w.client.crm.companies.batchApi.create({
      inputs: [{ properties: { name: 'Hooli' }, associations: [] }],
    });
    expect(created.results[0]?.properties.name).toBe('Hooli');
  });

  it('batch update with a failing record: 207 with ids in context, and client batchApi.update resolves', async () => {
    const w = await open();
    const [ok, failing] = seedCompanies(w, 2);
    w.emulator.faults.set({ recordFailures: { ids: { [failing ?? '']: 'VALIDATION_ERROR' } } });
    await check(w, 'objects-batch-update', { companyId: ok ?? '', failingCompanyId: failing ?? '' });
    const updated = await w.client.crm.companies.batchApi.update({
      inputs: [
        { id: ok ?? '', properties: { partner_tier: 'silver' } },
        { id: failing ?? '', properties: { partner_tier: 'silver' } },
      ],
    });
    expect(updated.results.map((r) => r.id)).toEqual([ok]);
    expect('errors' in updated && updated.errors?.map((e) => e.context)).toEqual([{ ids: [failing] }]);
  });

  it('batch upsert by email: documented shape, and client batchApi.upsert creates then updates', async () => {
    const w = await open();
    await check(w, 'objects-batch-upsert');
    const again = await w.client.crm.contacts.batchApi.upsert({
      inputs: [{ id: 'ada@example.com', idProperty: 'email', properties: { lastname: 'Lovelace' } }],
    });
    expect(again.results[0]?._new).toBe(false);
    expect(w.emulator.state.count('contacts')).toBe(1);
  });
});

describe('HubSpot associations v4 contract', () => {
  function seedDeal(w: HubSpotWorld) {
    const [customer, partner] = seedCompanies(w, 2);
    const [deal] = w.emulator.state.insertMany(
      'deals',
      [{ properties: { dealname: 'Rollout', dealstage: 'closedwon' } }],
      [],
    );
    w.emulator.state.insertMany(
      'deals',
      [],
      [{ from: deal ?? '', toObjectType: 'companies', to: customer ?? '', labels: ['Primary'] }],
    );
    const partnerTypeId = w.emulator.state.associations.typeByLabel('0-3', '0-2', 'Partner')?.typeId ?? 0;
    return { deal: deal ?? '', customer: customer ?? '', partner: partner ?? '', partnerTypeId };
  }

  it('batch read: documented shape with labels, and client v4 batchApi.getPage', async () => {
    const w = await open();
    const { deal, customer } = seedDeal(w);
    await check(w, 'associations-batch-read', { dealId: deal }, { exact: true });
    const read = await w.client.crm.associations.v4.batchApi.getPage('deals', 'companies', {
      inputs: [{ id: deal }],
    });
    const types = read.results[0]?.to[0]?.associationTypes.map((t) => [t.category, t.typeId, t.label]);
    expect(read.results[0]?.to[0]?.toObjectId).toBe(Number(customer));
    expect(types).toEqual([
      ['HUBSPOT_DEFINED', 5, 'Primary'],
      ['HUBSPOT_DEFINED', 341, null],
    ]);
  });

  it('labelled PUT and GET: documented shapes, and client v4 basicApi.create/getPage', async () => {
    const w = await open();
    const { deal, partner, partnerTypeId } = seedDeal(w);
    await check(
      w,
      'associations-create-labelled',
      { dealId: deal, companyId: partner, partnerTypeId },
      { exact: true },
    );
    await check(w, 'associations-list', { dealId: deal }, { exact: true });
    const pair = await w.client.crm.associations.v4.basicApi.create('deals', deal, 'companies', partner, [
      { associationCategory: V4Category.UserDefined, associationTypeId: partnerTypeId },
    ]);
    expect(pair.labels).toEqual(['Partner']);
    const page = await w.client.crm.associations.v4.basicApi.getPage('deals', deal, 'companies');
    expect(page.results).toHaveLength(2);
  });

  it('batch create: documented shape (201), and client v4 batchApi.create', async () => {
    const w = await open();
    const { deal, partner, partnerTypeId } = seedDeal(w);
    await check(
      w,
      'associations-batch-create',
      { dealId: deal, companyId: partner, partnerTypeId },
      { exact: true },
    );
    const created = await w.client.crm.associations.v4.batchApi.create('deals', 'companies', {
      inputs: [
        {
          _from: { id: deal },
          to: { id: partner },
          types: [{ associationCategory: V4Category.UserDefined, associationTypeId: partnerTypeId }],
        },
      ],
    });
    expect(created.results[0]?.labels).toEqual(['Partner']);
  });

  it('labels list and create: documented shapes, and client v4 schema definitionsApi', async () => {
    const w = await open();
    await check(w, 'associations-labels', {}, { exact: true });
    await check(w, 'associations-label-create', {}, { exact: true });
    const labels = await w.client.crm.associations.v4.schema.definitionsApi.getAll('deals', 'companies');
    expect(labels.results.map((l) => l.label)).toEqual(
      ['Primary', null, 'Partner', 'Delivery partner', 'Influencer'].sort(
        sortLabels(labels.results.map((l) => l.label)),
      ),
    );
  });
});

/** Keeps the emulator's order (defaults first, then by type id) when comparing label lists. */
function sortLabels(order: Array<string | null | undefined>) {
  return (a: string | null, b: string | null) => order.indexOf(a) - order.indexOf(b);
}

describe('HubSpot properties and schemas contract', () => {
  it('properties list: documented shape, and client coreApi.getAll includes the 148 industry options', async () => {
    const w = await open();
    await check(w, 'properties-list');
    const all = await w.client.crm.properties.coreApi.getAll('companies');
    const industry = all.results.find((p) => p.name === 'industry');
    expect(industry?.options).toHaveLength(148);
    expect(industry?.options.map((o) => o.value)).toContain('HOSPITAL_HEALTH_CARE');
  });

  it('property create: documented shape (201), and client coreApi.create then getByName', async () => {
    const w = await open();
    await check(w, 'property-create', {}, { exact: true });
    await createCompanyProperty(w.client, { name: 'atlas_primary_segment', label: 'Atlas primary segment' });
    const got = await w.client.crm.properties.coreApi.getByName('companies', 'atlas_primary_segment');
    expect(got.label).toBe('Atlas primary segment');
  });

  it('property create on a taken name: the documented 409 body, and the client throws with code 409', async () => {
    const w = await open();
    await check(w, 'property-conflict', {}, { exact: true });
    await expect(createCompanyProperty(w.client, { name: 'partner_tier' })).rejects.toMatchObject({
      code: 409,
    });
  });

  it('property group create: documented shape (201), and client groupsApi.getAll', async () => {
    const w = await open();
    await check(w, 'property-groups', {}, { exact: true });
    const groups = await w.client.crm.properties.groupsApi.getAll('companies');
    expect(groups.results.map((g) => g.name)).toContain('partner_atlas');
  });

  it('schema read and create: documented shapes, and client schemas coreApi', async () => {
    const w = await open();
    const cert = w.emulator.state.type(`p62515_certifications`);
    await check(w, 'schemas-get', { objectTypeId: cert.objectTypeId });
    await check(w, 'schemas-create');
    const all = await w.client.crm.schemas.coreApi.getAll();
    expect(all.results.map((s) => s.name).sort()).toEqual(['certifications', 'my_object']);
  });
});

describe('HubSpot lists contract', () => {
  async function manualList(w: HubSpotWorld) {
    const created = await w.client.crm.lists.listsApi.create({
      name: 'Atlas: Healthcare x Data & AI',
      objectTypeId: '0-2',
      processingType: 'MANUAL',
    });
    return created.list.listId;
  }

  it('create: documented shape, and client listsApi.create', async () => {
    const w = await open();
    await check(w, 'lists-create', {}, { exact: true });
    const created = await w.client.crm.lists.listsApi.create({
      name: 'Other',
      objectTypeId: '0-2',
      processingType: 'MANUAL',
    });
    expect(created.list.processingType).toBe('MANUAL');
  });

  it('get by name, search and rename: documented shapes, and the client calls', async () => {
    const w = await open();
    const listId = await manualList(w);
    await check(w, 'lists-get-by-name', { listName: 'Atlas: Healthcare x Data & AI' }, { exact: true });
    // additionalProperties is an open map in the docs (hs_list_size ...), so only the documented keys are held.
    await check(w, 'lists-search');
    await check(w, 'lists-update-name', { listId }, { exact: true });
    const byName = await w.client.crm.lists.listsApi.getByName('Atlas renamed', '0-2');
    expect(byName.list.listId).toBe(listId);
    const found = await w.client.crm.lists.listsApi.doSearch({
      query: 'renamed',
      additionalProperties: [],
      offset: 0,
    });
    expect(found.lists.map((l) => l.listId)).toEqual([listId]);
  });

  it('memberships: add-and-remove and page shapes, and the client membershipsApi', async () => {
    const w = await open();
    const [a, b] = seedCompanies(w, 2);
    const listId = await manualList(w);
    await w.client.crm.lists.membershipsApi.add(listId, [b ?? '']);
    await check(
      w,
      'lists-memberships-add-and-remove',
      { listId, companyId: a ?? '', memberId: b ?? '' },
      { exact: true },
    );
    await w.client.crm.lists.membershipsApi.add(listId, [b ?? '']);
    await check(w, 'lists-memberships', { listId }, { exact: true });
    const page = await w.client.crm.lists.membershipsApi.getPage(listId, undefined, undefined, 100);
    expect(page.results.map((m) => m.recordId)).toEqual([a, b]);
  });

  it('membership write on a DYNAMIC list: the 400 body, and the client throws', async () => {
    const w = await open();
    const [company] = seedCompanies(w, 1);
    await manualList(w);
    const dynamic = await createDynamicList(w.client);
    await check(
      w,
      'lists-memberships-dynamic',
      { dynamicListId: dynamic.list.listId, companyId: company ?? '' },
      { exact: true },
    );
    await expect(
      w.client.crm.lists.membershipsApi.add(dynamic.list.listId, [company ?? '']),
    ).rejects.toMatchObject({ code: 400 });
  });
});

describe('HubSpot auth, account and error contract', () => {
  it('OAuth token refresh: documented shape, and client oauth tokensApi.create', async () => {
    const w = await open();
    await check(w, 'oauth-token', {}, { exact: true });
    const issued = await w.refreshOAuth();
    expect(issued.expiresIn).toBe(1800);
    expect(issued.refreshToken).toBe('emulator-refresh-token');
  });

  it('access token info: documented shape, and client oauth accessTokensApi.get', async () => {
    const w = await open();
    const issued = w.emulator.state.tokens.issueAccessToken();
    await check(w, 'oauth-access-token-info', { token: issued.token }, { exact: true });
    const info = await w.client.oauth.accessTokensApi.get(issued.token);
    expect(info.hubId).toBe(62515);
    expect(info.expiresIn).toBe(1800);
  });

  it('account details and daily usage: documented shapes, and client.apiRequest', async () => {
    const w = await open();
    await check(w, 'account-details', {}, { exact: true });
    await check(w, 'account-api-usage', {}, { exact: true });
    const res = await w.client.apiRequest({ method: 'GET', path: '/account-info/v3/details' });
    expect(await res.json()).toMatchObject({
      portalId: 62515,
      timeZone: 'US/Eastern',
      dataHostingLocation: 'na1',
    });
  });

  it('401 for an unknown and for an expired token: the documented bodies', async () => {
    const w = await open();
    await check(w, 'error-invalid-authentication', {}, { exact: true });
    const issued = w.emulator.state.tokens.issueAccessToken();
    w.clock.advance(1_875_000);
    await check(w, 'error-expired-authentication', { expiredOAuthToken: issued.token }, { exact: true });
  });

  it('429 bodies for the three policies, without Retry-After, rate-limit headers except on search', async () => {
    const w = await open({ rateLimit: { perTenSeconds: 2, searchPerSecond: 1, daily: 1_000 } });
    await w.fetchJson('GET', '/crm/v3/objects/companies');
    await w.fetchJson('GET', '/crm/v3/objects/companies');
    await check(w, 'error-rate-limit-ten-secondly', {}, { exact: true });
    w.clock.advance(10_000);
    await w.fetchJson('POST', '/crm/v3/objects/companies/search', { body: {} });
    await check(w, 'error-rate-limit-secondly', {}, { exact: true });
    const daily = await open({ rateLimit: { perTenSeconds: 100, searchPerSecond: 5, daily: 1 } });
    await daily.fetchJson('GET', '/crm/v3/objects/companies');
    await check(daily, 'error-rate-limit-daily', {}, { exact: true });
  });

  it('search paging beyond 10,000 results: the 400 body', async () => {
    const w = await open();
    await check(w, 'error-search-beyond-10000', {}, { exact: true });
  });
});
