/** The optional Teaming view: present only when a teaming engine is injected; its network comes from that engine. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type TeamingViews } from '../../src/server/index.js';
import type { Store } from '../../src/store/index.js';
import { signIn } from './sign-in.js';
import { createTestWorld, TEST_TOKEN, type TestWorld } from './world.js';

/** Partners that share deals, counted from the stored model (a stand-in for the teaming engine). */
function coDeliveryNetwork(store: Store): TeamingViews {
  return {
    async network({ sector, technology }) {
      const { deals, partners } = await store.loadModel();
      const weights = new Map<string, number>();
      for (const deal of deals) {
        if (sector && deal.sector !== sector) continue;
        if (technology && !deal.technologies.includes(technology)) continue;
        const ids = [...new Set(deal.partners.map((p) => p.partnerId))].sort();
        for (let i = 0; i < ids.length; i++)
          for (let j = i + 1; j < ids.length; j++) {
            const key = `${ids[i]}\u0000${ids[j]}`;
            weights.set(key, (weights.get(key) ?? 0) + 1);
          }
      }
      const edges = [...weights].map(([key, weight]) => {
        const [source, target] = key.split('\u0000');
        return { source, target, weight };
      });
      const used = new Set(edges.flatMap((e) => [e.source, e.target]));
      return {
        nodes: partners.filter((p) => used.has(p.id)).map((p) => ({ id: p.id, name: p.name })),
        edges,
      };
    },
  };
}

let world: TestWorld;
const bearer = { Authorization: `Bearer ${TEST_TOKEN}` };
beforeAll(async () => {
  world = await createTestWorld({ partners: 30 });
});
afterAll(async () => {
  await world.close();
});

describe('teaming', () => {
  it('is absent without a teaming engine: no API route, no page, no menu entry', async () => {
    const app = createApp(world.deps);
    await request(app).get('/api/teaming/network').set(bearer).expect(404);
    const { agent } = await signIn(app);
    await agent.get('/teaming').expect(404);
    expect((await agent.get('/').expect(200)).text).not.toContain('href="/teaming"');
  });

  it('serves the injected network, filtered by sector, with its page and menu entry', async () => {
    const app = createApp({ ...world.deps, teaming: coDeliveryNetwork(world.store) });
    const all = await request(app).get('/api/teaming/network').set(bearer).expect(200);
    const { deals } = await world.store.loadModel();
    const shared = deals.filter((d) => new Set(d.partners.map((p) => p.partnerId)).size > 1).length;
    const total = all.body.network.edges.reduce((n: number, e: { weight: number }) => n + e.weight, 0);
    expect(shared).toBeGreaterThan(0);
    expect(total).toBeGreaterThanOrEqual(shared);
    const sector = deals.find((d) => d.sector !== null)?.sector ?? '';
    const one = await request(app).get(`/api/teaming/network?sector=${sector}`).set(bearer).expect(200);
    expect(one.body.network.edges.length).toBeLessThanOrEqual(all.body.network.edges.length);
    expect(
      (await request(app).get('/api/teaming/network?sector=').set(bearer).expect(400)).body.error.field,
    ).toBe('sector');
    const { agent } = await signIn(app);
    expect((await agent.get('/').expect(200)).text).toContain('href="/teaming"');
    expect((await agent.get('/teaming').expect(200)).text).toContain('<h1>Teaming</h1>');
  });
});
