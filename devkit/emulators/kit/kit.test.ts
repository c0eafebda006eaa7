// Tests the kit: deterministic faults, bursts, record failures, the request log and the server lifecycle.
import { describe, expect, it } from 'vitest';
import {
  createEmulatorMiddleware,
  createManualClock,
  FaultInjector,
  RequestLog,
  startHttpServer,
} from './index.js';

describe('FaultInjector', () => {
  it('replays the same fault sequence for the same seed', () => {
    const run = (seed: number) => {
      const f = new FaultInjector({ seed, config: { errorRate: 0.3, dropRate: 0.1 } });
      return Array.from({ length: 200 }, () => f.decide('GET /x').kind).join(',');
    };
    expect(run(7)).toBe(run(7));
    expect(run(7)).not.toBe(run(8));
    const kinds = run(7).split(',');
    expect(kinds.filter((k) => k === 'server-error').length).toBeGreaterThan(30);
    expect(kinds.filter((k) => k === 'drop').length).toBeGreaterThan(5);
  });

  it('queues bursts and skips exempt routes', () => {
    const f = new FaultInjector({ config: { exemptRoutes: ['POST /token'] } });
    f.burst429(2);
    f.dropNext(1);
    f.failNext(1, 500);
    expect(f.decide('POST /token').kind).toBe('none');
    expect(f.decide('GET /a').kind).toBe('drop');
    expect(f.decide('GET /a').kind).toBe('too-many-requests');
    expect(f.decide('GET /a').kind).toBe('too-many-requests');
    expect(f.decide('GET /a')).toEqual({ kind: 'server-error', status: 500, latencyMs: 0 });
    expect(f.decide('GET /a').kind).toBe('none');
    expect(f.stats).toMatchObject({ dropped: 1, tooManyRequests: 2, serverErrors: 1 });
  });

  it('fails records by id always and by rate deterministically per attempt', () => {
    const f = new FaultInjector({ seed: 3, config: { recordFailures: { ids: { a: 'LOCKED' }, rate: 0.5 } } });
    expect(f.recordFailure('a')).toBe('LOCKED');
    expect(f.recordFailure('a')).toBe('LOCKED');
    const g = new FaultInjector({ seed: 3, config: { recordFailures: { rate: 0.5 } } });
    const ids = Array.from({ length: 100 }, (_, i) => `r${i}`);
    const first = ids.map((id) => f.recordFailure(id, ['X', 'Y']) ?? '-');
    const again = [...ids].reverse().map((id) => g.recordFailure(id, ['X', 'Y']) ?? '-');
    expect(again.reverse()).toEqual(first);
    const failed = first.filter((c) => c !== '-').length;
    expect(failed).toBeGreaterThan(30);
    expect(failed).toBeLessThan(70);
  });

  it('expires tokens every N requests', () => {
    const f = new FaultInjector({ config: { expireTokensEveryRequests: 3 } });
    for (let i = 0; i < 7; i++) f.decide('GET /a');
    expect(f.tokenEpoch).toBe(2);
  });
});

describe('emulator middleware over a real server', () => {
  it('logs routes, answers injected faults and drops sockets', async () => {
    const log = new RequestLog();
    const faults = new FaultInjector({ seed: 1 });
    const clock = createManualClock('2024-01-01T00:00:00Z');
    const mw = createEmulatorMiddleware({
      log,
      faults,
      clock,
      routeOf: (req) => `${req.method} ${(req.url ?? '/').split('?')[0]}`,
      faultAnswer: (kind, status) => ({
        contentType: 'application/json',
        body: JSON.stringify({ kind, status }),
      }),
    });
    const running = await startHttpServer((req, res) =>
      mw(req, res, () => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
      }),
    );
    try {
      expect((await fetch(`${running.url}/a?x=1`)).status).toBe(200);
      faults.burst429(1);
      const limited = await fetch(`${running.url}/a`);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('1');
      expect(await limited.json()).toEqual({ kind: 'too-many-requests', status: 429 });
      faults.dropNext(1);
      await expect(fetch(`${running.url}/b`)).rejects.toThrow();
      const dropped = await log.waitFor((e) => e.fault === 'drop');
      expect(dropped).toMatchObject({ route: 'GET /b', status: 0, at: Date.parse('2024-01-01T00:00:00Z') });
      expect(log.counts()).toEqual({ 'GET /a': 2, 'GET /b': 1 });
    } finally {
      await running.close();
    }
  });
});
