/**
 * Issue #15's "Done when": one test per numbered fault. Cases 1–7 run the real connectors on both in-process
 * emulators; 8–10 the real webhook, throttle and proxy code. Each asserts where it applies: the run completes or
 * stops on its record with a reason in words, no record is written twice in a run, failed records are listed
 * with the CRM's reason and written on a later run once the fault is gone, and the other CRM's work is done.
 */
import { createServer } from 'node:http';
import { hostname } from 'node:os';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatRun } from '../../src/cli/format-run.js';
import type { CrmSystem } from '../../src/model/index.js';
import { createApp } from '../../src/server/index.js';
import { notifyWebhook } from '../../src/sync/notify-webhook.js';
import { resolveIdentities } from '../../src/sync/resolve-identities.js';
import { withRunLock } from '../../src/sync/run-lock.js';
import type { PipelineResult } from '../../src/sync/run-pipeline.js';
import { failedRecords } from '../../src/sync/writeback-system.js';
import { BOTH, type EmulatedRunWorld, startEmulatedRunWorld } from '../support/emulated-run-world.js';
import { makePromotions } from '../support/factories.js';
import { createTestWorld, TEST_TOKEN, type TestWorld } from '../support/server-world.js';
import { sessionCookie, signInOverHttps } from '../support/sign-in.js';

const PARTNERS = 30;
const DAY_MS = 86_400_000;

/** A fresh seeded world per case (each case starts from a first run), closed after it. */
let world: EmulatedRunWorld | undefined;
async function open(partners = PARTNERS): Promise<EmulatedRunWorld> {
  world = await startEmulatedRunWorld({ partners, timeoutMs: 500 });
  return world;
}
afterEach(async () => {
  await world?.close();
  world = undefined;
});

function sfFaults(w: EmulatedRunWorld) {
  return w.emulators.salesforce!.emulator.faults;
}
function hsFaults(w: EmulatedRunWorld) {
  return w.emulators.hubspot!.emulator.faults;
}

/** No record accepted twice by either CRM since the counter was last reset; then resets it for the next run. */
function expectNothingWrittenTwice(w: EmulatedRunWorld) {
  for (const system of BOTH) expect(w.writes.twice(system), `${system} records written twice`).toEqual([]);
  w.writes.reset();
}

function wb(result: PipelineResult, system: CrmSystem) {
  return result.figures.systems[system]?.writeback;
}

/** The run as `atlas runs show` prints it. */
function words(result: PipelineResult): string {
  return formatRun(result.run).join('\n');
}

/** The CRM record ids (per system) of partners with evidence in `linkedTo`. */
async function recordsLinkedTo(w: EmulatedRunWorld, linkedTo: CrmSystem): Promise<Set<string>> {
  const model = resolveIdentities({ ...(await w.store.loadModel()) });
  const ids = new Set<string>();
  for (const p of model.partners) {
    if (!p.sourceRefs.some((r) => r.system === linkedTo)) continue;
    for (const r of p.sourceRefs) ids.add(r.id);
  }
  return ids;
}

describe('fault matrix', { timeout: 30_000 }, () => {
  it('1. one HubSpot deal with amount "1e39" is a record issue naming record and field; every partner is scored and both CRMs written', async () => {
    const w = await open();
    const hs = w.emulators.hubspot!.emulator.state;
    const def = hs.type('deals');
    const table = hs.table(def);
    let dealId = '';
    for (let i = 0; i < table.size && !dealId; i++) {
      const row = table.rowAtPosition(i);
      const view = hs.view(table, row);
      if (view.properties['dealstage'] === 'closedwon') {
        hs.updateRecord(def, row, { amount: '1e39' });
        dealId = String(view.id);
      }
    }
    expect(dealId).not.toBe('');

    const result = await w.run();
    expect(result.run.status).toBe('succeeded');
    const issues = await w.store.listRecordIssues(result.run.id, { limit: 1000 });
    expect(issues).toContainEqual(
      expect.objectContaining({
        system: 'hubspot',
        recordId: dealId,
        field: expect.stringMatching(/amount/),
      }),
    );
    expect(result.figures.score?.partners).toBe(result.figures.model?.partners);
    expect(result.scores!.partners.every((p) => Number.isFinite(p.topScore))).toBe(true);
    for (const system of BOTH) {
      expect(wb(result, system)?.written).toBeGreaterThan(0);
      expect(wb(result, system)?.failed).toBe(0);
    }
    expectNothingWrittenTwice(w);
  });

  it('2. a Salesforce login failure is retried, or fails only Salesforce: the run is partial with the reason, HubSpot is written, Salesforce catches up', async () => {
    const w = await open();
    // An unreachable login URL: Salesforce's part fails, on the record; HubSpot goes on.
    const down = await w.run({}, { loginUrl: 'http://127.0.0.1:1' });
    expect(down.run.status).toBe('partial');
    const reason = down.figures.systems.salesforce?.error ?? '';
    expect(reason).toMatch(/could not connect to salesforce: .*login at http:\/\/127\.0\.0\.1:1 failed/);
    expect(words(down)).toContain(reason);
    expect((await w.store.getRun(down.run.id))?.status).toBe('partial');
    expect(wb(down, 'hubspot')?.written).toBeGreaterThan(0);
    expect(w.writes.of('salesforce').size).toBe(0);
    expectNothingWrittenTwice(w);

    // One 503 at the token endpoint: retried, the run is whole and Salesforce catches up.
    sfFaults(w).failTokenEndpoint(1, 503);
    const retried = await w.run();
    expect(retried.run.status).toBe('succeeded');
    expect(sfFaults(w).pending.tokenEndpointErrors).toBe(0);
    expect(sfFaults(w).stats.serverErrors).toBe(1);
    expect(wb(retried, 'salesforce')?.written).toBeGreaterThan(0);
    expectNothingWrittenTwice(w);
  });

  it('3. brief errors are retried: a 429 and a 500 on the list-view Metadata API leave fields and lists written; five 429s on reads complete the pull and are not called the quota', async () => {
    // Enough partners for Specialist and Proven segments, the levels that get lists by default.
    const w = await open(80);
    sfFaults(w).set({ onlyRoutes: ['POST /soap/m'] });
    sfFaults(w).burst429(1);
    sfFaults(w).failNext(1, 500);
    hsFaults(w).set({ retryAfterSeconds: 0 });
    hsFaults(w).burst429(5);
    const first = await w.run();
    expect(first.run.status).toBe('succeeded');
    expect(sfFaults(w).stats.tooManyRequests).toBe(1);
    expect(sfFaults(w).stats.serverErrors).toBe(1);
    expect(hsFaults(w).stats.tooManyRequests).toBe(5);
    const sf = wb(first, 'salesforce')!;
    expect(sf.error).toBeUndefined();
    expect(sf.written).toBeGreaterThan(0);
    expect(sf.lists.created).toBeGreaterThan(0);
    expect(wb(first, 'hubspot')?.written).toBeGreaterThan(0);
    expect(first.figures.systems.hubspot?.usage?.rateLimited).toBe(5);
    expectNothingWrittenTwice(w);

    // Five 429s in a row on Salesforce reads: a full pull completes.
    sfFaults(w).reset();
    sfFaults(w).set({ onlyRoutes: ['GET /query'] });
    sfFaults(w).burst429(5);
    const second = await w.run({ full: true });
    expect(second.run.status).toBe('succeeded');
    const pull = second.figures.systems.salesforce!.pull!;
    expect(pull.entities.partners?.fetched).toBe(
      first.figures.systems.salesforce!.pull!.entities.partners?.fetched,
    );
    expect(second.figures.systems.salesforce?.usage?.rateLimited).toBe(5);
    const text = words(second);
    expect(text).toMatch(/salesforce: .*5 rate-limited/);
    expect(text).not.toMatch(/quota|API_BUDGET_REACHED/i);
    expectNothingWrittenTwice(w);
  });

  it('4. a stalled call times out and is retried; one that keeps stalling fails only that CRM, the run ends partial and the lock is released', async () => {
    const w = await open();
    sfFaults(w).stallNext(1);
    const once = await w.run();
    expect(once.run.status).toBe('succeeded');
    expect(once.figures.systems.salesforce?.usage?.retries).toBeGreaterThanOrEqual(1);
    expectNothingWrittenTwice(w);

    // Every Salesforce call stalls (login aside): each times out at ATLAS_CRM_TIMEOUT_MS, is retried, then fails.
    sfFaults(w).set({ stallRate: 1 });
    const owner = `${hostname()}:${process.pid}:fault-matrix`;
    const started = Date.now();
    const stalled = await withRunLock(w.store, { owner, staleAfterMs: 60_000, waitMs: 0 }, (lock) =>
      w.run({ lock, full: true }, { retry: { maxRetries: 1, baseMs: 1, maxMs: 5 } }),
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(stalled.run.status).toBe('partial');
    const reason = stalled.figures.systems.salesforce?.error ?? '';
    expect(reason).toMatch(/no answer within 0\.5 s/);
    expect(words(stalled)).toContain(reason);
    expect(stalled.figures.systems.hubspot?.pull?.entities.partners?.fetched).toBeGreaterThan(0);
    expect(stalled.figures.systems.hubspot?.error).toBeUndefined();
    const other = await w.store.acquireRunLock('someone-else', { staleAfterMs: 60_000, now: new Date() });
    expect(other.acquired).toBe(true);
    await w.store.releaseRunLock('someone-else');
    expectNothingWrittenTwice(w);
  });

  it('5. per-record write failures (30 %) are listed with the CRM reason and written on a later run once the fault is gone', async () => {
    const w = await open();
    for (const faults of [sfFaults(w), hsFaults(w)]) faults.set({ recordFailures: { rate: 0.3 } });
    const first = await w.run();
    expect(first.run.status).toBe('partial');
    const text = words(first);
    const failed: Record<string, Set<string>> = {};
    for (const system of BOTH) {
      const figures = wb(first, system)!;
      expect(figures.failed, `${system} failures`).toBeGreaterThan(0);
      expect(figures.written).toBeGreaterThan(0);
      const stored = await w.store.listWriteFailures({ system });
      failed[system] = new Set(stored.map((f) => f.recordId));
      // Partner records, per-cell records and deals: each failed one is in the ledger, retried next run.
      expect(stored).toHaveLength(failedRecords(figures));
      // The summary names the first ten (partner fields, then recommended partners) and counts the rest.
      figures.failures.forEach((f, i) => {
        expect(f.code).toMatch(/\w/);
        expect(f.message).toMatch(/\w/);
        expect(failed[system]).toContain(f.recordId);
        if (i < 10) expect(text).toContain(`failed ${f.recordId}: ${f.code}`);
      });
      if (failedRecords(figures) > 10)
        expect(text).toContain(`${failedRecords(figures) - 10} more failed record`);
    }
    expectNothingWrittenTwice(w);

    for (const faults of [sfFaults(w), hsFaults(w)]) faults.set({ recordFailures: { rate: 0 } });
    // A day later, past the retry backoff.
    const later = await w.run({ clock: () => new Date(Date.now() + DAY_MS) });
    expect(later.run.status).toBe('succeeded');
    for (const system of BOTH) {
      // Partner records, recommended partners on deals and per-cell records, each written once more.
      const again = wb(later, system)!;
      const cells = again.cellRecords;
      expect(
        again.written + (again.recommendations?.written ?? 0) + (cells ? cells.created + cells.updated : 0),
      ).toBe(failed[system]!.size);
      expect(new Set(w.writes.of(system).keys())).toEqual(failed[system]);
      expect(await w.store.listWriteFailures({ system })).toEqual([]);
    }
    expectNothingWrittenTwice(w);
  });

  it('6. when the Salesforce pull fails, partners linked to Salesforce are held back in HubSpot too; the others are written, and the held ones next run', async () => {
    const w = await open();
    expect((await w.run()).run.status).toBe('succeeded');
    w.writes.reset();
    // Every Atlas summary in HubSpot edited by hand: the next run would set them all back.
    const hs = w.emulators.hubspot!.emulator.state;
    const companies = hs.type('companies');
    const table = hs.table(companies);
    for (let i = 0; i < table.size; i++) {
      const row = table.rowAtPosition(i);
      if (hs.view(table, row).properties['atlas_expertise_summary']) {
        hs.updateRecord(companies, row, { atlas_expertise_summary: 'edited by hand' });
      }
    }

    sfFaults(w).set({ errorRate: 1, errorStatus: 500 });
    const failed = await w.run();
    expect(failed.run.status).toBe('partial');
    const reason = failed.figures.systems.salesforce?.error ?? '';
    expect(reason).toMatch(/500/);
    const held = failed.figures.systems.hubspot?.heldBack;
    expect(held?.records).toBeGreaterThan(0);
    expect(held?.reason).toContain('the salesforce pull failed');
    expect(words(failed)).toMatch(/hubspot:[\s\S]*held back: \d+ records? keeps? the values last written/);
    const linked = await recordsLinkedTo(w, 'salesforce');
    const writtenHs = [...w.writes.of('hubspot').keys()];
    expect(writtenHs.length).toBeGreaterThan(0);
    expect(writtenHs.filter((id) => linked.has(id))).toEqual([]);
    expect(w.writes.of('salesforce').size).toBe(0);
    expectNothingWrittenTwice(w);

    sfFaults(w).reset();
    const after = await w.run();
    expect(after.run.status).toBe('succeeded');
    expect(after.figures.systems.hubspot?.heldBack).toBeUndefined();
    expect(wb(after, 'hubspot')?.written).toBe(held?.records);
    for (const id of w.writes.of('hubspot').keys()) {
      expect(linked).toContain(id);
      expect(writtenHs).not.toContain(id);
    }
    expectNothingWrittenTwice(w);
  });

  it('7. a run that loses its lock mid write-back stops writing; the next run finishes, and no record is written twice', async () => {
    const w = await open();
    const sf = w.emulators.salesforce!.emulator;
    const owner = `${hostname()}:${process.pid}:fault-matrix`;
    let takeover: Promise<unknown> | null = null;
    // Another run takes the lock over as soon as the first Salesforce write batch has been answered.
    const onRequest = (e: { route: string }) => {
      if (!takeover && e.route.startsWith('PATCH /composite')) {
        takeover = w.store.acquireRunLock('intruder', { staleAfterMs: 0, now: new Date(Date.now() + 1_000) });
      }
    };
    sf.log.on('request', onRequest);
    const stopped = await withRunLock(w.store, { owner, staleAfterMs: 60_000, waitMs: 0 }, (lock) =>
      w.run({
        lock: {
          lost: async () => {
            await takeover;
            return lock.lost();
          },
        },
      }),
    );
    sf.log.off('request', onRequest);
    expect(takeover).not.toBeNull();
    expect(stopped.run.status).toBe('failed');
    expect(stopped.run.error).toMatch(/lost its lock \(intruder took it over\)/);
    expect(words(stopped)).toContain('lost its lock');
    expect(w.writes.of('hubspot').size).toBe(0);
    const firstWritten = new Set(w.writes.of('salesforce').keys());
    expect(firstWritten.size).toBeGreaterThan(0);
    expectNothingWrittenTwice(w);

    await w.store.releaseRunLock('intruder');
    const next = await w.run();
    expect(next.run.status).toBe('succeeded');
    expect(wb(next, 'hubspot')?.written).toBeGreaterThan(0);
    // What the stopped run wrote is not written again.
    for (const id of w.writes.of('salesforce').keys()) expect(firstWritten).not.toContain(id);
    expectNothingWrittenTwice(w);
  });
});

describe('fault matrix', () => {
  let server: TestWorld;
  beforeAll(async () => {
    server = await createTestWorld({ partners: 30 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('8. Slack markup in partner names reaches the webhook escaped: no mention, no disguised link', async () => {
    const bodies: string[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        bodies.push(body);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const address = hook.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const summary = makePromotions('<!channel> Acme', '<https://evil.example|Verify your account>');
    try {
      const problem = await notifyWebhook(`http://127.0.0.1:${port}/hook`, {
        runId: 'abcdef1234',
        status: 'succeeded',
        summary,
        writeback: [],
      });
      expect(problem).toBeNull();
    } finally {
      await new Promise<void>((resolve) => hook.close(() => resolve()));
    }
    const text = (JSON.parse(bodies[0] ?? '{}') as { text?: string }).text ?? '';
    expect(text).toContain('&lt;!channel&gt; Acme');
    expect(text).toContain('&lt;https://evil.example|Verify your account&gt;');
    expect(text).not.toMatch(/<[!h]/);
  });

  it('9. bearer token guessing is answered 429 after the limit, and the valid token is still accepted', async () => {
    const app = createApp({ ...server.deps, authFailureLimit: { windowMs: 60_000, limit: 5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await request(app).get('/api/runs').set('Authorization', `Bearer guess-${i}`)).status);
    }
    expect(statuses).toEqual([...Array(5).fill(401), 429, 429, 429]);
    const refused = await request(app).get('/api/runs').set('Authorization', 'Bearer one-more');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await request(app).get('/api/runs').set('Authorization', `Bearer ${TEST_TOKEN}`).expect(200);
  });

  it('10. with --trust-proxy behind an https proxy: Secure cookies and HSTS; without it, or over plain http, neither', async () => {
    const app = createApp({ ...server.deps, trustProxy: 1 });
    const { loginCookie, signedIn } = await signInOverHttps(app);
    expect(loginCookie).toMatch(/Secure/);
    expect(sessionCookie(signedIn)).toMatch(/Secure/);
    expect(signedIn.headers['strict-transport-security']).toMatch(/max-age=/);

    for (const [plain, proto] of [
      [createApp(server.deps), 'https'],
      [app, 'http'],
    ] as const) {
      const res = await request(plain).get('/login').set('X-Forwarded-Proto', proto);
      expect(res.headers['set-cookie']?.toString()).not.toMatch(/Secure/);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });
});
