/** Teaming in the admin API: teams in Match, co-delivery / teammates / skill sharing per partner, gap fills on the map, the network. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMappings } from '../../src/mapping/index.js';
import { createApp } from '../../src/server/index.js';
import { resolveIdentities } from '../../src/sync/resolve-identities.js';
import { createTestWorld, TEST_TOKEN, type TestWorld } from '../support/server-world.js';
import { signIn } from '../support/sign-in.js';

let world: TestWorld;
let app: ReturnType<typeof createApp>;
const bearer = { Authorization: `Bearer ${TEST_TOKEN}` };
const get = (path: string) => request(app).get(path).set(bearer);

beforeAll(async () => {
  // Seed 1: an ecosystem with sector × technology gaps (unmet demand of at least an average cell's).
  world = await createTestWorld({ partners: 150, seed: 1 });
  app = createApp(world.deps);
});
afterAll(async () => {
  await world.close();
});

/** Won deals shared per pair of partners, counted here from the stored model (partners joined as the server joins them). */
async function sharedWonDeals(): Promise<Map<string, number>> {
  const model = resolveIdentities({ ...(await world.store.loadModel()) });
  const known = new Set<string>(model.partners.map((p) => p.id));
  const pairs = new Map<string, number>();
  for (const deal of model.deals) {
    if (!deal.isWon) continue;
    const ids = [...new Set<string>(deal.partners.map((p) => p.partnerId))]
      .filter((id) => known.has(id))
      .sort();
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const key = `${ids[i]}|${ids[j]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
  }
  return pairs;
}
const shared = (pairs: Map<string, number>, a: string, b: string) =>
  pairs.get(a < b ? `${a}|${b}` : `${b}|${a}`) ?? 0;

interface TeamBody {
  rank: number;
  members: { partnerId: string; brings: { cell: string; label: string }[] }[];
  needs: { cell: string; partnerId: string; covered: boolean }[];
  coversAll: boolean;
  coDelivered: boolean;
  coDeliveredWonDeals: number;
  reason: string;
}

/** The first sector × technology pair whose match answers teams (no single partner covers both). */
async function opportunityWithTeams() {
  const { taxonomy } = loadMappings(world.dir);
  for (const sector of taxonomy.sectors) {
    for (const [i, a] of taxonomy.technologies.entries()) {
      for (const b of taxonomy.technologies.slice(i + 1)) {
        const res = await get(
          `/api/match?sector=${sector.key}&technologies=${a.key},${b.key}&limit=3`,
        ).expect(200);
        if (res.body.teams.length > 0) return res.body;
      }
    }
  }
  throw new Error('no opportunity of the test world needs a team');
}

describe('GET /api/match with teams', () => {
  it('proposes ranked teams whose members bring every need, with co-delivered won deals counted', async () => {
    const body = await opportunityWithTeams();
    expect(body.coveredBySingle).toBe(false);
    expect(body.needs).toHaveLength(2);
    const needCells = body.needs.map((n: { cell: string }) => n.cell).sort();
    const pairs = await sharedWonDeals();
    const teams = body.teams as TeamBody[];
    expect(teams.map((t) => t.rank)).toEqual(teams.map((_, i) => i + 1));
    for (const team of teams) {
      expect(team.members.length).toBeGreaterThanOrEqual(2);
      expect(team.members.length).toBeLessThanOrEqual(3);
      expect(team.needs.map((n) => n.cell).sort()).toEqual(needCells);
      const ids = team.members.map((m) => m.partnerId);
      for (const need of team.needs) expect(ids).toContain(need.partnerId);
      // No passengers: every member brings a need, with its label.
      for (const m of team.members) {
        expect(m.brings.length).toBeGreaterThan(0);
        for (const c of m.brings) expect(c.label).toContain('×');
      }
      expect(team.coversAll).toBe(team.needs.every((n) => n.covered));
      let together = 0;
      for (let i = 0; i < ids.length; i++)
        for (let j = i + 1; j < ids.length; j++) together += shared(pairs, ids[i] ?? '', ids[j] ?? '');
      expect(team.coDeliveredWonDeals).toBe(together);
      expect(team.coDelivered).toBe(together > 0);
      expect(team.reason).toMatch(/weakest need/);
    }
    // Covering teams come first.
    const covers = teams.map((t) => t.coversAll);
    expect(covers).toEqual([...covers].sort((a, b) => Number(b) - Number(a)));
  });

  it('answers no teams for a single need', async () => {
    const { taxonomy } = loadMappings(world.dir);
    const res = await get(
      `/api/match?sector=${taxonomy.sectors[0]?.key}&technologies=${taxonomy.technologies[0]?.key}`,
    ).expect(200);
    expect(res.body.needs).toHaveLength(1);
    expect(res.body.teams).toEqual([]);
  });
});

describe('GET /api/partners/:id/teaming', () => {
  it('counts co-delivery as the stored deals do, and suggests complementary teammates', async () => {
    const pairs = await sharedWonDeals();
    const [busiestPair] = [...pairs.entries()].sort((x, y) => y[1] - x[1]);
    expect(busiestPair).toBeDefined();
    const [a = '', b = ''] = (busiestPair?.[0] ?? '').split('|');
    const res = await get(`/api/partners/${encodeURIComponent(a)}/teaming`).expect(200);
    const partners = res.body.coDelivery.partners as { partnerId: string; wonDeals: number }[];
    expect(partners.find((p) => p.partnerId === b)?.wonDeals).toBe(busiestPair?.[1]);
    const expected = [...pairs.entries()].filter(([key]) => key.split('|').includes(a));
    expect(partners).toHaveLength(expected.length);
    expect(partners.map((p) => p.wonDeals)).toEqual(
      [...partners.map((p) => p.wonDeals)].sort((x, y) => y - x),
    );
    expect(res.body.coDelivery.coDeliveredWonDeals).toBeGreaterThanOrEqual(busiestPair?.[1] ?? 1);

    // Some Specialist has teammates; each brings labelled cells it holds at Proven or above.
    const list = await get('/api/partners?level=Specialist&limit=20').expect(200);
    let checked = 0;
    for (const p of list.body.partners as { id: string }[]) {
      const t = await get(`/api/partners/${encodeURIComponent(p.id)}/teaming`).expect(200);
      for (const mate of t.body.suggestedTeammates as {
        partnerId: string;
        cells: string[];
        labels: string[];
        coDeliveredWonDeals: number;
      }[]) {
        expect(mate.partnerId).not.toBe(p.id);
        expect(mate.labels).toHaveLength(mate.cells.length);
        expect(mate.coDeliveredWonDeals).toBe(shared(pairs, p.id, mate.partnerId));
        const page = await get(`/api/partners/${encodeURIComponent(mate.partnerId)}`).expect(200);
        for (const cell of mate.cells) {
          const held = page.body.cells.find((c: { cell: string }) => c.cell === cell);
          expect(['Specialist', 'Proven']).toContain(held?.level);
        }
        checked++;
      }
      if (checked >= 3) break;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('lists skill sharing from both sides: a learner and its top-level mentor', async () => {
    const list = await get('/api/partners?need=technical-enablement&limit=50').expect(200);
    let found = false;
    for (const p of list.body.partners as { id: string }[]) {
      const t = await get(`/api/partners/${encodeURIComponent(p.id)}/teaming`).expect(200);
      const share = t.body.skillSharing.learnFrom[0];
      if (!share) continue;
      expect(share.learner.partnerId).toBe(p.id);
      expect(share.mentor.level).toBe('Specialist');
      expect(share.reason.length).toBeGreaterThan(10);
      const mentor = await get(`/api/partners/${encodeURIComponent(share.mentor.partnerId)}/teaming`).expect(
        200,
      );
      expect(
        mentor.body.skillSharing.teach.some(
          (s: { cell: string; learner: { partnerId: string } }) =>
            s.cell === share.cell && s.learner.partnerId === p.id,
        ),
      ).toBe(true);
      found = true;
      break;
    }
    expect(found).toBe(true);
  });

  it('answers 404 naming the id for an unknown partner and 401 without credentials', async () => {
    const res = await get('/api/partners/salesforce%3AAccount%3Anope/teaming').expect(404);
    expect(res.body.error.field).toBe('id');
    await request(app).get('/api/partners/x/teaming').expect(401);
  });
});

describe('GET /api/map/cells/:cell gap fill', () => {
  it('gives a gap cell its closest partners with what each lacks, and no gap fill elsewhere', async () => {
    const map = await get('/api/map').expect(200);
    const cells = map.body.cells as { cell: string; flags: string[] }[];
    const gap = cells.find((c) => c.flags.includes('gap') && !c.cell.includes('*'));
    const other = cells.find((c) => !c.flags.includes('gap'));
    expect(gap).toBeDefined();
    const res = await get(`/api/map/cells/${encodeURIComponent(gap?.cell ?? '')}`).expect(200);
    const fill = res.body.gapFill;
    expect(fill.cell).toBe(gap?.cell);
    expect(fill.label).toBe(res.body.label);
    for (const c of fill.closest) {
      expect(c.level).not.toBe('Specialist');
      expect(c.summary).toMatch(/Specialist/);
    }
    for (const t of fill.teams) {
      expect(t.sectorSide.cell).toBe(`${gap?.cell.split('|')[0]}|*`);
      expect(t.technologySide.cell).toBe(`*|${gap?.cell.split('|')[1]}`);
      expect(t.weakestScore).toBe(Math.min(t.sectorSide.score, t.technologySide.score));
    }
    const plain = await get(`/api/map/cells/${encodeURIComponent(other?.cell ?? '')}`).expect(200);
    expect(plain.body.gapFill).toBeNull();
  });
});

describe('GET /api/teaming/network', () => {
  it('weights each pair by the won deals it shared, and narrows to one sector', async () => {
    const pairs = await sharedWonDeals();
    const all = await get('/api/teaming/network').expect(200);
    const { nodes, edges } = all.body.network as {
      nodes: { id: string }[];
      edges: { source: string; target: string; wonDeals: number; cells: { cell: string }[] }[];
    };
    expect(edges.length).toBe(pairs.size);
    for (const e of edges) {
      expect(e.wonDeals).toBe(shared(pairs, e.source, e.target));
      for (const c of e.cells) expect(all.body.cellLabels[c.cell]).toBeTruthy();
    }
    expect(new Set(nodes.map((n) => n.id))).toEqual(new Set(edges.flatMap((e) => [e.source, e.target])));

    const sector = edges[0]?.cells[0]?.cell.split('|')[0] ?? '';
    const one = await get(`/api/teaming/network?sector=${sector}`).expect(200);
    expect(one.body.sector).toBe(sector);
    expect(one.body.network.edges.length).toBeGreaterThan(0);
    expect(one.body.network.edges.length).toBeLessThanOrEqual(edges.length);
    for (const e of one.body.network.edges as { cells: { cell: string }[] }[])
      for (const c of e.cells) expect(c.cell.split('|')[0]).toBe(sector);
  });

  it('answers 400 naming the field for an unknown or empty sector / technology, 401 without credentials', async () => {
    expect((await get('/api/teaming/network?sector=').expect(400)).body.error.field).toBe('sector');
    expect((await get('/api/teaming/network?sector=atlantis').expect(400)).body.error.field).toBe('sector');
    expect((await get('/api/teaming/network?technology=warp_drive').expect(400)).body.error.field).toBe(
      'technology',
    );
    await request(app).get('/api/teaming/network').expect(401);
  });

  it('always has its page and menu entry, which loads the graph library from node_modules', async () => {
    const { agent } = await signIn(app);
    expect((await agent.get('/').expect(200)).text).toContain('href="/teaming"');
    const page = (await agent.get('/teaming').expect(200)).text;
    expect(page).toContain('<h1>Teaming</h1>');
    expect(page).toContain('/assets/vendor/cytoscape/cytoscape.min.js');
    const lib = await agent.get('/assets/vendor/cytoscape/cytoscape.min.js').expect(200);
    expect(lib.headers['content-type']).toMatch(/javascript/);
    await agent.get('/assets/network.css').expect(200);
    await request(app).get('/teaming').expect(303);
  });
});
