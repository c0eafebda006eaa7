/** The nightly run when one CRM fails, when it loses its lock, and one day later over unchanged data. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONNECTOR_ERRORS } from '../../connectors/types.js';
import { formatRun } from '../../src/cli/format-run.js';
import { AtlasError } from '../../src/errors.js';
import { type LoadedMappings, loadMappings } from '../../src/mapping/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { withRunLock } from '../../src/sync/run-lock.js';
import { type PipelineOptions, runPipeline } from '../../src/sync/run-pipeline.js';
import { MemoryCrm, memoryMappings } from '../support/memory-crm.js';

const NOW = '2026-11-20T02:00:00.000Z';
const DAY_MS = 86_400_000;
let dir: string;
let store: Store;
let mappings: LoadedMappings;
let sf: MemoryCrm;
let hs: MemoryCrm;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-isolation-'));
  store = await openStore({ dbPath: join(dir, 'atlas.db') });
  mappings = memoryMappings(loadMappings('mappings'));
  // The same seed: the same companies (web domains) in both CRMs, so every partner is linked to both.
  sf = new MemoryCrm({ partners: 30, seed: 7, now: NOW, taxonomy: mappings.taxonomy });
  hs = new MemoryCrm({ partners: 30, seed: 7, now: NOW, taxonomy: mappings.taxonomy, system: 'hubspot' });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (options: Partial<PipelineOptions> = {}) =>
  runPipeline({ store, mappings, connectors: { salesforce: sf, hubspot: hs }, scoreAt: NOW, ...options });

const written = (crm: MemoryCrm) => crm.writeCalls.flat();

describe('one CRM failing', () => {
  it('Salesforce failing to open: the run is recorded partial with the reason, HubSpot is pulled and written', async () => {
    const result = await run({
      connectors: {
        salesforce: async () => {
          throw new AtlasError(CONNECTOR_ERRORS.auth, 'Salesforce login failed: invalid_grant');
        },
        hubspot: hs,
      },
    });
    expect(result.run.status).toBe('partial');
    expect(result.figures.systems.salesforce?.error).toMatch(
      /could not connect to salesforce: .*invalid_grant/,
    );
    expect((await store.listRuns({ limit: 5 })).map((r) => r.id)).toEqual([result.run.id]);
    const events = await store.listRunEvents(result.run.id);
    expect(events.some((e) => e.level === 'error' && /invalid_grant/.test(e.message))).toBe(true);
    // Nothing was read from Salesforce, so every HubSpot partner is HubSpot-only: all written.
    expect(new Set(written(hs))).toEqual(new Set(hs.idsOf('Account')));
    expect(formatRun(result.run).join('\n')).toMatch(/salesforce: .*could not connect/);
  });

  it('HubSpot pull failing: no partner linked to HubSpot is written in either CRM; the others are', async () => {
    await run();
    const [linked] = sf.idsOf('Account');
    sf.removeDealsOf(linked!);
    sf.put('Account', '001SOLO', {
      Name: 'Solo Partner',
      Website: 'https://www.solo-partner.example',
      BillingCountry: 'DE',
      IsPartner: true,
    });
    const [sfCalls, hsCalls] = [sf.writeCalls.length, hs.writeCalls.length];
    hs.beforeRead = async () => {
      throw new AtlasError(CONNECTOR_ERRORS.auth, 'HubSpot token expired');
    };
    const result = await run({ scoreAt: new Date(Date.parse(NOW) + DAY_MS).toISOString() });
    expect(result.run.status).toBe('partial');
    expect(hs.writeCalls.length).toBe(hsCalls);
    expect(sf.writeCalls.slice(sfCalls).flat()).toEqual(['001SOLO']);
    const sfFigures = result.figures.systems.salesforce!;
    expect(sfFigures.heldBack?.records).toBe(30);
    expect(sfFigures.heldBack?.reason).toMatch(/the hubspot pull failed/);
    expect(result.figures.systems.hubspot?.heldBack?.records).toBe(30);
    const events = await store.listRunEvents(result.run.id);
    expect(events.some((e) => /30 records keep the values last written/.test(e.message))).toBe(true);
  });
});

describe('the run lock', () => {
  it('a run paused past the lock lifetime while another takes over writes nothing more and ends failed', async () => {
    let at = Date.parse(NOW);
    const clock = () => new Date(at);
    sf.beforeRead = async () => {
      sf.beforeRead = null;
      at += 5 * 60_000;
      const other = await store.acquireRunLock('host:2:schedule', { staleAfterMs: 60_000, now: clock() });
      expect(other.acquired).toBe(true);
    };
    const result = await withRunLock(
      store,
      { owner: 'host:1:cli', staleAfterMs: 60_000, waitMs: 0, now: clock },
      (lock) => runPipeline({ store, mappings, connectors: { salesforce: sf }, scoreAt: NOW, lock }),
    );
    expect(sf.writeCalls).toEqual([]);
    expect(sf.lists.size).toBe(0);
    expect(result.run.status).toBe('failed');
    expect(result.run.error).toMatch(/lost its lock/);
  });
});

describe('an unchanged night', () => {
  it('writes nothing one day later over unchanged CRM data', async () => {
    await run({ connectors: { salesforce: sf } });
    const calls = sf.writeCalls.length;
    const next = await run({
      connectors: { salesforce: sf },
      scoreAt: new Date(Date.parse(NOW) + DAY_MS).toISOString(),
    });
    expect(next.figures.systems.salesforce?.writeback?.written).toBe(0);
    expect(sf.writeCalls.length).toBe(calls);
  });
});

describe('a field-options failure', () => {
  it('still writes the fields, and the run ends partial saying so', async () => {
    sf.ensureFieldOptions = async () => {
      throw new AtlasError('CRM_API_ERROR', 'the Metadata API answered 500 three times');
    };
    const result = await run({ connectors: { salesforce: sf } });
    expect(result.figures.systems.salesforce?.writeback?.written).toBeGreaterThan(0);
    expect(result.figures.systems.salesforce?.writeback?.error).toMatch(/fields written anyway/);
    expect(result.run.status).toBe('partial');
  });
});
