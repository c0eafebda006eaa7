/** The read API over a scored sample ecosystem: map, cells, partners with filters, partner page, history, match, OpenAPI. */

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMappings } from '../../src/mapping/index.js';
import { createApp } from '../../src/server/index.js';
import { MapResponseSchema } from '../../src/server/routes/ecosystem-api.js';
import { NEED_LABELS } from '../../src/writeback/index.js';
import { createTestWorld, TEST_TOKEN, type TestWorld } from '../support/server-world.js';

let world: TestWorld;
let app: ReturnType<typeof createApp>;
const bearer = { Authorization: `Bearer ${TEST_TOKEN}` };
const get = (path: string) => request(app).get(path).set(bearer);

beforeAll(async () => {
  world = await createTestWorld({ partners: 60 });
  app = createApp(world.deps);
});
afterAll(async () => {
  await world.close();
});

describe('GET /api/map', () => {
  it('lists every cell of the taxonomy with partners per level, coverage and flags', async () => {
    const { taxonomy } = loadMappings(world.dir);
    const res = await get('/api/map').expect(200);
    const s = taxonomy.sectors.length;
    const t = taxonomy.technologies.length;
    expect(res.body.cells).toHaveLength(s * t + s + t);
    expect(res.body.runId).toBe(world.sampleRunId);
    expect(res.body.levels).toEqual(['Specialist', 'Proven', 'Emerging']);
    const pair = res.body.cells.find(
      (c: { cell: string }) => c.cell === `${taxonomy.sectors[0]?.key}|${taxonomy.technologies[0]?.key}`,
    );
    expect(pair.label).toBe(`${taxonomy.sectors[0]?.label} × ${taxonomy.technologies[0]?.label}`);
    expect(Object.keys(pair.partnersByLevel)).toEqual(['Specialist', 'Proven', 'Emerging']);
    const flagged = res.body.cells.filter((c: { flags: string[] }) => c.flags.length > 0);
    expect(flagged.length).toBeGreaterThan(0);
  });

  it("maps one region as atlas map --region does: its partners' counts add up to the whole map's", async () => {
    const body = MapResponseSchema.parse((await get('/api/map').expect(200)).body);
    const partners = (await get('/api/partners?limit=500').expect(200)).body.partners as {
      region: string | null;
    }[];
    // The premise: every sample partner has a region, and there are several.
    expect(partners.every((p) => p.region !== null)).toBe(true);
    expect(body.region).toBeNull();
    expect(body.regions.length).toBeGreaterThan(1);
    const regional = await Promise.all(
      body.regions.map(async (region) =>
        MapResponseSchema.parse(
          (await get(`/api/map?region=${encodeURIComponent(region)}`).expect(200)).body,
        ),
      ),
    );
    for (const [i, map] of regional.entries()) expect(map.region).toBe(body.regions[i]);
    for (const cell of body.cells)
      for (const [level, n] of Object.entries(cell.partnersByLevel)) {
        const summed = regional.reduce(
          (sum, map) => sum + (map.cells.find((c) => c.cell === cell.cell)?.partnersByLevel[level] ?? 0),
          0,
        );
        expect(summed, `${cell.cell} ${level}`).toBe(n);
      }
    const unknown = await get('/api/map?region=Atlantis').expect(400);
    expect(unknown.body.error.message).toContain(body.regions[0]);
  });

  it('ranks at most 10 sector × technology cells by what one more Specialist would serve there', async () => {
    const res = await get('/api/map').expect(200);
    const priorities = res.body.priorities as {
      cell: string;
      label: string;
      unmetDemand: number;
      covers: number;
    }[];
    expect(priorities.length).toBeGreaterThan(0);
    expect(priorities.length).toBeLessThanOrEqual(10);
    const cells = new Map(
      (
        res.body.cells as {
          cell: string;
          label: string;
          unmetDemand: number;
          oneMoreSpecialistCovers: number;
        }[]
      ).map((c) => [c.cell, c]),
    );
    for (const [i, p] of priorities.entries()) {
      expect(p.cell).not.toContain('*');
      expect(p.label).toBe(cells.get(p.cell)?.label);
      expect(p.covers).toBe(cells.get(p.cell)?.oneMoreSpecialistCovers);
      expect(p.covers).toBeGreaterThan(0);
      expect(p.covers).toBeLessThanOrEqual(p.unmetDemand);
      if (i > 0) expect(priorities[i - 1]!.covers).toBeGreaterThanOrEqual(p.covers);
    }
    expect(res.body.gapThresholds.pair).toBeGreaterThanOrEqual(5);
  });

  it('gives a cell its partners ranked by level, then score', async () => {
    const map = await get('/api/map').expect(200);
    const busy = [...map.body.cells].sort((a, b) => b.partnersWithEvidence - a.partnersWithEvidence)[0];
    const res = await get(`/api/map/cells/${encodeURIComponent(busy.cell)}`).expect(200);
    expect(res.body.summary.cell).toBe(busy.cell);
    expect(res.body.partners.length).toBe(Math.min(50, busy.partnersWithEvidence));
    const rank = (l: string | null) => (l === null ? 3 : ['Specialist', 'Proven', 'Emerging'].indexOf(l));
    for (let i = 1; i < res.body.partners.length; i++) {
      const a = res.body.partners[i - 1];
      const b = res.body.partners[i];
      expect(rank(a.level) < rank(b.level) || (rank(a.level) === rank(b.level) && a.score >= b.score)).toBe(
        true,
      );
    }
    const held = res.body.partners.filter((p: { level: string | null }) => p.level !== null).length;
    const byLevel = Object.values(busy.partnersByLevel as Record<string, number>).reduce((x, y) => x + y, 0);
    expect(held).toBe(byLevel);
  });

  it('answers 400 naming the field for a malformed cell, 404 for an unknown one', async () => {
    const bad = await get('/api/map/cells/not-a-cell').expect(400);
    expect(bad.body.error.field).toBe('cell');
    const limit = await get(`/api/map/cells/${encodeURIComponent('healthcare|*')}?limit=0`).expect(400);
    expect(limit.body.error.field).toBe('limit');
    const unknown = await get(`/api/map/cells/${encodeURIComponent('atlantis|*')}`).expect(404);
    expect(unknown.body.error.field).toBe('cell');
  });
});

describe('GET /api/partners', () => {
  it('lists every partner by top score, with facets', async () => {
    const res = await get('/api/partners?limit=500').expect(200);
    expect(res.body.total).toBe(60);
    const scores = res.body.partners.map((p: { topScore: number }) => p.topScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(res.body.facets.levels).toEqual(['Specialist', 'Proven', 'Emerging']);
    expect(res.body.facets.countries.length).toBeGreaterThan(1);
    // Needs come with the words the CRM shows, so no page has to turn a key into a label.
    expect(res.body.facets.needs).toContainEqual({ key: 'sales-enablement', label: 'Sales enablement' });
  });

  it("labels a partner's needs", async () => {
    const list = (await get('/api/partners?limit=500').expect(200)).body.partners as {
      id: string;
      needs: string[];
    }[];
    const needy = list.find((p) => p.needs.length > 0);
    expect(needy).toBeDefined();
    const one = (await get(`/api/partners/${encodeURIComponent(needy?.id ?? '')}`).expect(200)).body;
    for (const n of one.needs as { need: string; label: string }[])
      expect(n.label).toBe(NEED_LABELS[n.need as keyof typeof NEED_LABELS]);
  });

  it('filters by level, sector, technology, need, segment, country and text', async () => {
    const all = (await get('/api/partners?limit=500').expect(200)).body.partners as {
      id: string;
      name: string;
      country: string | null;
      needs: string[];
      segments: { cell: string; level: string }[];
    }[];
    const specialists = (await get('/api/partners?level=Specialist&limit=500').expect(200)).body;
    expect(specialists.total).toBe(
      all.filter((p) => p.segments.some((s) => s.level === 'Specialist')).length,
    );
    expect(specialists.total).toBeGreaterThan(0);

    const withSegment = all.find((p) => p.segments.some((s) => !s.cell.startsWith('*')));
    const segment = withSegment?.segments.find((s) => !s.cell.startsWith('*'));
    const sector = segment?.cell.split('|')[0] ?? '';
    const bySector = (await get(`/api/partners?sector=${sector}&limit=500`).expect(200)).body;
    expect(bySector.total).toBe(
      all.filter((p) => p.segments.some((s) => s.cell.split('|')[0] === sector)).length,
    );
    const bySegment = (
      await get(`/api/partners?segment=${encodeURIComponent(segment?.cell ?? '')}&limit=500`).expect(200)
    ).body;
    expect(bySegment.partners.map((p: { id: string }) => p.id)).toContain(withSegment?.id);

    const tech =
      all
        .flatMap((p) => p.segments)
        .find((s) => s.cell.startsWith('*|'))
        ?.cell.split('|')[1] ?? '';
    const byTech = (await get(`/api/partners?technology=${tech}&level=Emerging&limit=500`).expect(200)).body;
    expect(byTech.total).toBe(
      all.filter((p) => p.segments.some((s) => s.cell.split('|')[1] === tech && s.level === 'Emerging'))
        .length,
    );

    const need = all.flatMap((p) => p.needs)[0] ?? 're-engagement';
    const byNeed = (await get(`/api/partners?need=${need}&limit=500`).expect(200)).body;
    expect(byNeed.total).toBe(all.filter((p) => p.needs.includes(need)).length);

    const country = all[0]?.country ?? '';
    const byCountry = (await get(`/api/partners?country=${country}&limit=500`).expect(200)).body;
    expect(byCountry.total).toBe(all.filter((p) => p.country === country).length);

    const name = all[3]?.name ?? '';
    const byText = (
      await get(`/api/partners?q=${encodeURIComponent(name.slice(0, 6).toUpperCase())}`).expect(200)
    ).body;
    expect(byText.partners.map((p: { name: string }) => p.name)).toContain(name);
  });

  it('pages with limit and offset', async () => {
    const first = (await get('/api/partners?limit=10&offset=0').expect(200)).body.partners;
    const second = (await get('/api/partners?limit=10&offset=10').expect(200)).body.partners;
    expect(first).toHaveLength(10);
    expect(second.map((p: { id: string }) => p.id)).not.toContain(first[0].id);
  });

  it('answers 400 naming the field for bad filters', async () => {
    expect((await get('/api/partners?need=hugs').expect(400)).body.error.field).toBe('need');
    expect((await get('/api/partners?limit=0').expect(400)).body.error.field).toBe('limit');
    expect((await get('/api/partners?offset=-1').expect(400)).body.error.field).toBe('offset');
    expect((await get('/api/partners?segment=healthcare').expect(400)).body.error.field).toBe('segment');
  });
});

describe('the partner page API', () => {
  async function specialist() {
    const list = await get('/api/partners?level=Specialist&limit=1').expect(200);
    return list.body.partners[0] as { id: string; name: string };
  }

  it('gives scores per cell with evidence linked to the CRM record, the next level, and needs', async () => {
    const p = await specialist();
    const res = await get(`/api/partners/${encodeURIComponent(p.id)}`).expect(200);
    expect(res.body.partner.name).toBe(p.name);
    expect(res.body.partner.sourceRefs[0].url).toMatch(
      /^https:\/\/atlas-test\.my\.salesforce\.com\/lightning\/r\/Account\/[A-Za-z0-9]{18}\/view$/,
    );
    const cells = res.body.cells as {
      score: number;
      evidence: { url: string | null; system: string }[];
      nextLevel: string | null;
      level: string | null;
    }[];
    expect(cells.map((c) => c.score)).toEqual([...cells.map((c) => c.score)].sort((a, b) => b - a));
    const evidence = cells.flatMap((c) => c.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) {
      if (e.system === 'salesforce') expect(e.url).toMatch(/\/lightning\/r\/\w+\/[A-Za-z0-9]{15,18}\/view$/);
      else expect(e.url).toMatch(/^https:\/\/app\.hubspot\.com\/contacts\/4242\/record\/\d+-\d+\/\d+$/);
    }
    const below = cells.find((c) => c.level !== 'Specialist');
    expect(below?.nextLevel).toMatch(/needs|more/);
    expect(res.body.segments.some((s: { level: string }) => s.level === 'Specialist')).toBe(true);
  });

  it('explains one cell with its full evidence list', async () => {
    const p = await specialist();
    const page = (await get(`/api/partners/${encodeURIComponent(p.id)}`).expect(200)).body;
    const cell = page.cells[0];
    const res = await get(
      `/api/partners/${encodeURIComponent(p.id)}/cells/${encodeURIComponent(cell.cell)}`,
    ).expect(200);
    expect(res.body.score).toBe(cell.score);
    expect(res.body.evidence.length).toBeGreaterThanOrEqual(cell.evidence.length);
    await get(`/api/partners/${encodeURIComponent(p.id)}/cells/bad`).expect(400);
  });

  it('gives the score history of its best cells, one point per scored run', async () => {
    const p = await specialist();
    const res = await get(`/api/partners/${encodeURIComponent(p.id)}/history?cells=3`).expect(200);
    expect(res.body.series).toHaveLength(3);
    for (const s of res.body.series) {
      expect(s.points).toHaveLength(1);
      expect(s.points[0].runId).toBe(world.sampleRunId);
    }
    expect(
      (await get(`/api/partners/${encodeURIComponent(p.id)}/history?cells=99`).expect(400)).body.error.field,
    ).toBe('cells');
  });

  it('answers 404 for an unknown partner', async () => {
    const res = await get('/api/partners/salesforce%3AAccount%3Anope').expect(404);
    expect(res.body.error.field).toBe('id');
  });

  it('leaves links out when the CRM settings are not given', async () => {
    const bare = createApp({ ...world.deps, crmLinks: undefined });
    const p = await specialist();
    const res = await request(bare)
      .get(`/api/partners/${encodeURIComponent(p.id)}`)
      .set(bearer)
      .expect(200);
    expect(res.body.partner.sourceRefs[0].url).toBeNull();
  });
});

describe('GET /api/match', () => {
  it('ranks partners for a sector and technologies, with reasons, and filters by region', async () => {
    const { taxonomy } = loadMappings(world.dir);
    const sector = taxonomy.sectors[0]?.key;
    const tech = taxonomy.technologies[0]?.key;
    const res = await get(`/api/match?sector=${sector}&technologies=${tech}&limit=5`).expect(200);
    expect(res.body.matches.map((m: { rank: number }) => m.rank)).toEqual([1, 2, 3, 4, 5]);
    for (const m of res.body.matches) expect(m.reason.length).toBeGreaterThan(10);
    const region = res.body.regions[0];
    const inRegion = await get(
      `/api/match?sector=${sector}&technologies=${tech}&region=${encodeURIComponent(region)}`,
    ).expect(200);
    expect(inRegion.body.matches.length).toBeGreaterThan(0);
    for (const m of inRegion.body.matches) expect(m.region).toBe(region);
  });

  it('answers 400 naming the field for an unknown sector or technology, or an empty opportunity', async () => {
    expect((await get('/api/match?sector=atlantis').expect(400)).body.error.field).toBe('sector');
    expect((await get('/api/match?technologies=data_ai,warp_drive').expect(400)).body.error.field).toBe(
      'technologies',
    );
    expect((await get('/api/match').expect(400)).body.error.field).toBe('sector');
    expect((await get('/api/match?technologies=data_ai&limit=1000').expect(400)).body.error.field).toBe(
      'limit',
    );
  });
});

describe('GET /api/openapi.json', () => {
  it('documents every route with parameters and body schemas generated from zod', async () => {
    const res = await get('/api/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    const paths = res.body.paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/map',
        '/api/map/cells/{cell}',
        '/api/partners',
        '/api/partners/{id}',
        '/api/partners/{id}/cells/{cell}',
        '/api/partners/{id}/history',
        '/api/match',
        '/api/runs',
        '/api/runs/{id}',
        '/api/runs/{id}/events',
        '/api/runs/{id}/issues',
        '/api/write-failures',
        '/api/mappings',
        '/api/mappings/validate',
        '/api/mappings/preview',
        '/api/mappings/{name}',
        '/api/mappings/{name}/history',
        '/api/mappings/{name}/history/{version}',
        '/api/mappings/{name}/rollback',
        '/api/crm/{system}/objects/{object}/fields',
      ]),
    );
    const partners = paths['/api/partners'].get;
    const need = partners.parameters.find((p: { name: string }) => p.name === 'need');
    expect(need).toMatchObject({
      in: 'query',
      required: false,
      schema: { enum: expect.arrayContaining(['re-engagement']) },
    });
    const start = paths['/api/runs'].post;
    expect(start.requestBody.content['application/json'].schema.properties.dryRun.type).toBe('boolean');
    expect(start.responses['202']).toBeDefined();
    expect(start.responses['400']).toBeDefined();
    expect(paths['/api/partners/{id}'].get.parameters[0]).toMatchObject({
      name: 'id',
      in: 'path',
      required: true,
    });
  });
});

describe('before any run', () => {
  it('answers 409 with a hint instead of an empty map', async () => {
    const { openStore } = await import('../../src/store/index.js');
    const empty = await openStore({ dbPath: ':memory:' });
    try {
      const res = await request(createApp({ ...world.deps, store: empty }))
        .get('/api/map')
        .set(bearer)
        .expect(409);
      expect(res.body.error.message).toMatch(/no run has scored/);
    } finally {
      await empty.close();
    }
  });
});
