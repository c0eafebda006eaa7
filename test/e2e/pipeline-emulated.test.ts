/**
 * The nightly run end to end: both emulators over real HTTP, the real connectors, a SQLite store. Full
 * run, a second run with zero writes, changes, dry run, write failures, kill -9 and resume, two runs at once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../../devkit/cli/demo-run.js';
import { type RunningEmulators, startEmulators } from '../../devkit/seeder/index.js';
import type { AtlasEnv } from '../../src/config.js';
import { type LoadedMappings, loadMappings } from '../../src/mapping/index.js';
import type { CrmSystem } from '../../src/model/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { currentScores } from '../../src/sync/current-scores.js';
import { openConnectors } from '../../src/sync/open-connectors.js';
import { runOptionsOf } from '../../src/sync/run-options.js';
import { type PipelineOptions, type RunFigures, runPipeline } from '../../src/sync/run-pipeline.js';
import { storedHeadline } from '../../src/sync/stored-run-figures.js';
import { teammateNames } from '../../src/sync/teammate-names.js';
import { desiredRecords, noticeable, sameValue, writebackTarget } from '../../src/writeback/index.js';
import { ROOT as root, spawnAtlas } from '../support/atlas-process.js';

const NOW = '2026-06-30';
const SCORE_AT = '2026-06-30T02:00:00.000Z';
const SYSTEMS: CrmSystem[] = ['salesforce', 'hubspot'];
/** Requests that change Atlas fields or lists in each CRM. */
const SF_WRITES = ['PATCH /composite/sobjects', 'POST /jobs/ingest'];
const HS_WRITE =
  /^(POST \/crm\/v3\/objects\/companies\/batch\/update|POST \/crm\/v3\/lists\/?(\?|$)|(PUT|PATCH|DELETE) \/crm\/v3\/lists)/;

let work: string;
let emulators: RunningEmulators;
let env: AtlasEnv;
let mappings: LoadedMappings;
let store: Store;

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'atlas-pipeline-e2e-'));
  mappings = loadMappings(join(root, 'mappings'));
  emulators = await startEmulators({
    partners: 50,
    dealsPerPartner: 24,
    certifications: 50 * 8,
    seed: 11,
    now: NOW,
    taxonomy: mappings.taxonomy,
    systems: SYSTEMS,
  });
  env = emulatorEnv(emulators.env);
  const connectors = await openConnectors(SYSTEMS, env, mappings);
  for (const connector of Object.values(connectors)) {
    if (connector) await connector.applyProvision(await connector.planProvision());
  }
  store = await openStore({ dbPath: join(work, 'atlas.db') });
});

afterEach(async () => {
  await store.close();
  await emulators.close();
  rmSync(work, { recursive: true, force: true });
});

async function run(options: Partial<PipelineOptions> = {}) {
  const connectors = await openConnectors(SYSTEMS, env, mappings);
  try {
    return await runPipeline({ store, mappings, connectors, scoreAt: SCORE_AT, ...options });
  } finally {
    for (const c of Object.values(connectors)) await c?.close();
  }
}

function writeRequests(): number {
  const sf = emulators.salesforce!.emulator.log.entries.filter((e) =>
    SF_WRITES.some((w) => e.route.startsWith(w)),
  );
  const hs = emulators.hubspot!.emulator.log.entries.filter((e) => HS_WRITE.test(`${e.method} ${e.path}`));
  return sf.length + hs.length;
}

/** Records whose Atlas fields in the CRM differ from what the stored model says they should hold. */
async function recordsOff(): Promise<{ system: CrmSystem; recordId: string; field: string }[]> {
  const { model, scores } = await currentScores(store, mappings, SCORE_AT);
  const teammates = teammateNames(scores, model, mappings);
  const off: { system: CrmSystem; recordId: string; field: string }[] = [];
  for (const system of SYSTEMS) {
    const writeback = mappings[system]?.writeback;
    if (!writeback) continue;
    const target = writebackTarget(system, writeback);
    for (const record of desiredRecords(target, scores, model.partners, {
      taxonomy: mappings.taxonomy,
      scoredAt: SCORE_AT,
      teammates,
    })) {
      const current =
        system === 'salesforce'
          ? (emulators.salesforce!.emulator.state.get(record.recordId) as Record<string, unknown> | undefined)
          : emulators.hubspot!.emulator.state.get('companies', record.recordId)?.properties;
      for (const field of target.fields) {
        if (field.shape === 'datetime') continue;
        const [want, held] = [record.values[field.name], current?.[field.name]];
        // A top-score move under SCORE_STEP points is not written on its own (README: what triggers a write).
        if (!sameValue(field.shape, want, held) && noticeable(field, want, held)) {
          off.push({ system, recordId: record.recordId, field: field.name });
        }
      }
    }
  }
  return off;
}

describe('the nightly run against both emulators', { timeout: 120_000 }, () => {
  it('writes every partner on the first run, then nothing at all on a second run over unchanged data', async () => {
    const first = await run();
    expect(first.run.status).toBe('succeeded');
    for (const system of SYSTEMS) {
      const figures = first.figures.systems[system]!;
      expect(figures.pull?.entities.partners?.fetched).toBeGreaterThan(0);
      expect(figures.writeback?.written).toBeGreaterThan(0);
      expect(figures.writeback?.failed).toBe(0);
    }
    expect(await recordsOff()).toEqual([]);
    const writesAfterFirst = writeRequests();

    const second = await run();
    expect(second.run.status).toBe('succeeded');
    expect(writeRequests()).toBe(writesAfterFirst);
    for (const system of SYSTEMS) {
      expect(second.figures.systems[system]?.writeback?.written).toBe(0);
      expect(second.figures.systems[system]?.writeback?.drift).toBe(0);
    }
  });

  it('after changes in the CRM, reads only the changes and writes only the partners they move', async () => {
    const first = await run();
    const total = first.figures.systems.salesforce!.writeback!.records;
    const sf = emulators.salesforce!.emulator.state;
    // A partner loses its won opportunities (deleted in Salesforce).
    const partner = first.scores!.partners.find(
      (p) => p.partnerId.startsWith('salesforce:') && p.topScore > 0,
    )!;
    const accountId = partner.partnerId.split(':')[2]!;
    const lost = sf
      .all('Opportunity')
      .filter((o) => o['PartnerAccountId'] === accountId || o['Delivery_Partner__c'] === accountId);
    expect(lost.length).toBeGreaterThan(0);
    for (const o of lost) sf.deleteRecord(sf.row(String(o['Id']))!);

    const second = await run();
    const pull = second.figures.systems.salesforce!.pull!;
    expect(pull.entities.deals?.full).toBe(false);
    // Only what changed since the cursor (minus the look-back for clock skew) is read again, and the open
    // opportunities whose recommended partners the first run wrote (that write moved their stamp).
    const recommended = first.figures.systems.salesforce!.writeback!.recommendations?.written ?? 0;
    expect(pull.entities.deals?.fetched).toBeLessThan(
      first.figures.systems.salesforce!.pull!.entities.deals!.fetched / 10 + recommended,
    );
    expect(pull.entities.deals?.deleted).toBe(lost.length);
    // The first run's write-back moved every partner account's stamp; that is Atlas's own change, so their
    // contacts (read through Account.IsPartner) are not read again as related changes.
    expect(pull.entities.people?.related ?? 0).toBe(0);
    expect(await recordsOff()).toEqual([]);
    // Exactly the records whose desired values moved were written: compare with what the first run left.
    const changed = second.figures.systems.salesforce!.writeback!;
    expect(changed.written).toBe(changed.recordsToUpdate);
    expect(changed.written + changed.recordsUnchanged).toBe(total);
  });

  it('a dry run previews the write-back and writes nothing', async () => {
    const dry = await run({ dryRun: true });
    expect(writeRequests()).toBe(0);
    const preview = dry.figures.systems.salesforce!.writeback!.preview!;
    expect(preview.updates.length).toBeGreaterThan(0);
    expect(preview.lists.create.length).toBeGreaterThan(0);
    expect(dry.figures.systems.hubspot!.writeback!.preview!.updates.length).toBeGreaterThan(0);
    expect(await store.listLastWritten({ system: 'salesforce' })).toEqual([]);
    // The stored run says it was a dry run, and carries the same headline figures a real run would.
    expect(dry.figures.dryRun).toBe(true);
    expect(runOptionsOf(dry.run).dryRun).toBe(true);
    expect(storedHeadline(dry.run)?.partnersScored).toBe(dry.scores!.partners.length);
  });

  it('records transient and permanent write failures per record and retries both next run, once the faults are gone', async () => {
    const accounts = emulators
      .salesforce!.emulator.state.all('Account')
      .filter((a) => a['IsPartner'] === true);
    const [refused, locked] = [String(accounts[0]!['Id']), String(accounts[1]!['Id'])];
    emulators.salesforce!.emulator.faults.set({
      recordFailures: {
        ids: { [refused]: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', [locked]: 'UNABLE_TO_LOCK_ROW' },
      },
    });
    const first = await run();
    expect(first.run.status).toBe('partial');
    const failures = await store.listWriteFailures({ system: 'salesforce' });
    expect(failures.map((f) => [f.recordId, f.transient]).sort()).toEqual(
      [
        [refused, false],
        [locked, true],
      ].sort(),
    );

    emulators.salesforce!.emulator.faults.set({ recordFailures: { ids: {} } });
    const second = await run();
    const wb = second.figures.systems.salesforce!.writeback!;
    expect(wb.written).toBe(2);
    expect(wb.held).toBe(0);
    expect(await store.listWriteFailures({ system: 'salesforce' })).toEqual([]);
  });

  it('a Salesforce login failure fails only Salesforce: the run is in the history and the log, HubSpot is written', async () => {
    const logFile = join(work, 'atlas.log');
    const outcome = await spawnAtlas(['run', '--now', SCORE_AT], {
      emulatorEnv: emulators.env,
      db: join(work, 'atlas.db'),
      env: { SALESFORCE_PASSWORD: 'not-the-password', ATLAS_LOG_FILE: logFile, ATLAS_LOG_LEVEL: 'info' },
    }).done;
    expect(outcome.code).toBe(3);
    const [latest] = await store.listRuns({ limit: 1 });
    const figures = latest?.figures as RunFigures;
    expect(latest?.status).toBe('partial');
    expect(figures.systems.salesforce?.error).toMatch(/salesforce/i);
    expect(figures.systems.hubspot?.writeback?.written).toBeGreaterThan(0);
    expect(readFileSync(logFile, 'utf8')).toContain(figures.systems.salesforce?.error);
  });
});

function atlasRun(args: string[] = []) {
  return spawnAtlas(['run', '--now', SCORE_AT, ...args], {
    emulatorEnv: emulators.env,
    db: join(work, 'atlas.db'),
  });
}

describe('atlas run killed with SIGKILL, then run again', { timeout: 180_000 }, () => {
  /** Resolves once every pull of the newest run has finished: the run is then scoring. */
  async function pullsFinished(): Promise<void> {
    for (;;) {
      const [latest] = await store.listRuns({ limit: 1 });
      const events = latest ? await store.listRunEvents(latest.id) : [];
      if (events.some((e) => e.step === 'pull:hubspot:certifications')) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  for (const point of ['pull', 'score', 'write'] as const) {
    it(`resumes after a kill during the ${point}: the CRMs end as an uninterrupted run leaves them, nothing written twice`, async () => {
      const sf = emulators.salesforce!.emulator;
      // Slow the step a little so the kill lands inside it.
      sf.faults.set({
        latencyMs: 150,
        onlyRoutes: point === 'pull' ? ['GET /query/:locator', 'GET /query'] : ['PATCH /composite/sobjects'],
      });
      const killed = atlasRun();
      if (point === 'score') await pullsFinished();
      else {
        await sf.log.waitFor(
          (e) =>
            point === 'pull' ? e.route.startsWith('GET /query') : e.route.startsWith('PATCH /composite'),
          60_000,
        );
      }
      killed.kill('SIGKILL');
      expect((await killed.done).code).toBeNull();
      sf.faults.set({ latencyMs: 0, onlyRoutes: [] });

      const offBefore =
        point === 'write' ? (await recordsOff()).filter((o) => o.system === 'salesforce') : null;
      const resumed = atlasRun();
      const { code, stderr } = await resumed.done;
      expect(stderr).not.toContain('error');
      expect(code).toBe(0);
      expect(await recordsOff()).toEqual([]);
      const [last] = await store.listRuns({ limit: 1 });
      const figures = last!.figures as { systems: Record<string, { writeback: { written: number } }> };
      if (offBefore) {
        // Only the records the killed run had not yet written are written now.
        const recordsToFix = new Set(offBefore.map((o) => o.recordId)).size;
        expect(figures.systems.salesforce!.writeback.written).toBe(recordsToFix);
      }
      expect((await store.listRuns({ limit: 5 })).some((r) => r.status === 'running')).toBe(false);
    });
  }

  it('lets one run at a time through: refuses while the lock is held, waits with --wait, takes over a dead holder', async () => {
    const holder = `${hostname()}:${process.pid}:test`;
    expect((await store.acquireRunLock(holder, { staleAfterMs: 600_000, now: new Date() })).acquired).toBe(
      true,
    );
    const refused = await atlasRun().done;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('RUN_LOCKED');
    const waiting = atlasRun(['--wait', '120']);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await store.releaseRunLock(holder);
    expect((await waiting.done).code).toBe(0);

    // A holder whose process is gone (kill -9) is taken over at once, without waiting for staleness.
    const dead = `${hostname()}:2147483646:cli`;
    expect((await store.acquireRunLock(dead, { staleAfterMs: 600_000, now: new Date() })).acquired).toBe(
      true,
    );
    expect((await atlasRun().done).code).toBe(0);
  });
});
