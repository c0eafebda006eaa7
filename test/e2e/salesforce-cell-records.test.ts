// E2E: per-cell records (Atlas_Expertise__c) through the write-back step and the Salesforce connector against
// the emulator: provisioned, written once, unchanged on the next run, updated and deleted as cells change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SF_CELL_OBJECT } from '../../connectors/salesforce/cell-records.js';
import type { CellRecord } from '../../connectors/types.js';
import { loadMappings } from '../../src/mapping/index.js';
import { DEFAULT_SCORING_CONFIG, type PartnerId } from '../../src/model/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { RunCheckpoint } from '../../src/sync/run-checkpoint.js';
import { RunReporter } from '../../src/sync/run-reporter.js';
import { writebackSystem } from '../../src/sync/writeback-system.js';
import { type DesiredRecord, writebackTarget } from '../../src/writeback/index.js';
import { type ConnectorWorld, useConnectorWorlds, writeback } from '../support/salesforce-connector-world.js';

const open = useConnectorWorlds();
const UPSERTS = `PATCH /composite/sobjects/:type/:field`;
const DELETES = 'DELETE /composite/sobjects';
const SCORED_AT = '2025-07-01T02:00:00.000Z';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function cellOf(accountId: string, cell: string, level: string, scoredAt = SCORED_AT): CellRecord {
  const [sector = '', technology = ''] = cell.split('|');
  return {
    key: `${accountId}|${cell}`,
    parentId: accountId,
    name: `${sector} × ${technology}`,
    sector,
    technology,
    level,
    score: level === 'Specialist' ? 86 : 64,
    confidence: 72,
    wonCustomers: 3,
    certifiedPeople: 2,
    nextLevel:
      level === 'Specialist' ? '' : `Specialist in ${sector} × ${technology} needs 2 more won customers`,
    scoredAt,
  };
}

/** Desired records carrying only per-cell records (the Account fields are other tests' business). */
function desiredOf(cells: readonly CellRecord[]): DesiredRecord[] {
  const byParent = new Map<string, CellRecord[]>();
  for (const c of cells) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  return [...byParent].map(([recordId, own]) => ({
    recordId,
    partnerId: `salesforce:Account:${recordId}` as PartnerId,
    values: {},
    score: {
      partnerId: `salesforce:Account:${recordId}` as PartnerId,
      segments: [],
      primarySegment: null,
      topScore: 0,
      needs: [],
    },
    segments: [],
    cells: own,
  }));
}

async function storeOf(): Promise<{ store: Store; runId: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-cells-'));
  dirs.push(dir);
  const store = await openStore({ dbPath: join(dir, 'atlas.db') });
  const run = await store.createRun({ kind: 'sync', startedAt: SCORED_AT, options: {} });
  return { store, runId: run.id };
}

async function runCells(
  w: ConnectorWorld,
  store: Store,
  runId: string,
  cells: readonly CellRecord[],
  dryRun = false,
) {
  const target = { ...writebackTarget('salesforce', writeback), fields: [], lists: [] };
  const outcome = await writebackSystem({
    connector: w.connector,
    store,
    target,
    desired: desiredOf(cells),
    crmValues: new Map(),
    dryRun,
    maxAttempts: 3,
    retryHeld: false,
    syncLists: true,
    provisioned: true,
    checkpoint: new RunCheckpoint({ deadline: Number.MAX_SAFE_INTEGER, deadlineMinutes: 60 }),
    reporter: new RunReporter(store, runId),
    listVocabulary: {
      taxonomy: loadMappings('mappings').taxonomy,
      ladder: DEFAULT_SCORING_CONFIG.levels.ladder,
    },
    now: () => new Date(w.clock.now()),
  });
  expect(outcome.figures.error).toBeUndefined();
  return outcome.figures;
}

describe('Salesforce per-cell records', () => {
  it('upserts once, writes nothing when nothing changed, updates a changed level and deletes a gone cell', async () => {
    const w = await open({ partners: 6 });
    await w.connector.applyProvision(await w.connector.planProvision());
    const [a, b] = w.sf.state.all('Account').map((r) => r.Id) as [string, string];
    const { store, runId } = await storeOf();
    const cells = [
      cellOf(a, 'Healthcare|Data & AI', 'Specialist'),
      cellOf(a, 'Retail|Security', 'Proven'),
      cellOf(b, 'Healthcare|Data & AI', 'Emerging'),
    ];

    const dry = await runCells(w, store, runId, cells, true);
    expect(dry.cellRecords).toEqual({ created: 3, updated: 0, unchanged: 0, deleted: 0, failed: 0 });
    expect(w.sf.state.count(SF_CELL_OBJECT)).toBe(0);

    const first = await runCells(w, store, runId, cells);
    expect(first.cellRecords).toEqual({ created: 3, updated: 0, unchanged: 0, deleted: 0, failed: 0 });
    expect(w.sf.log.count(UPSERTS)).toBe(1);
    const rows = w.sf.state.all(SF_CELL_OBJECT);
    expect(rows.map((r) => [r.Account__c, r.Name, r.Level__c, r.Score__c, r.Confidence__c])).toEqual([
      [a, 'Healthcare × Data & AI', 'Specialist', 86, 72],
      [a, 'Retail × Security', 'Proven', 64, 72],
      [b, 'Healthcare × Data & AI', 'Emerging', 64, 72],
    ]);

    // The next night: the same figures, scored a day later — nothing is written.
    const later = cells.map((c) => ({ ...c, scoredAt: '2025-07-02T02:00:00.000Z' }));
    const second = await runCells(w, store, runId, later);
    expect(second.cellRecords).toEqual({ created: 0, updated: 0, unchanged: 3, deleted: 0, failed: 0 });
    expect(w.sf.log.count(UPSERTS)).toBe(1);
    expect(w.sf.log.count(DELETES)).toBe(0);

    // Partner b's cell lost its level, partner a's Proven cell became Specialist.
    const changed = [later[0] as CellRecord, cellOf(a, 'Retail|Security', 'Specialist')];
    const third = await runCells(w, store, runId, changed);
    expect(third.cellRecords).toEqual({ created: 0, updated: 1, unchanged: 1, deleted: 1, failed: 0 });
    expect(w.sf.log.count(DELETES)).toBe(1);
    expect(w.sf.state.all(SF_CELL_OBJECT).map((r) => [r.Atlas_Key__c, r.Level__c, r.Next_Level__c])).toEqual([
      [`${a}|Healthcare|Data & AI`, 'Specialist', null],
      [`${a}|Retail|Security`, 'Specialist', null],
    ]);
    await store.close();
  });

  it('lists a record Salesforce refuses as a failure and writes it again next run', async () => {
    const w = await open({ partners: 6 });
    await w.connector.applyProvision(await w.connector.planProvision());
    const [a] = w.sf.state.all('Account').map((r) => r.Id) as [string];
    const { store, runId } = await storeOf();
    const tooLong = { ...cellOf(a, 'Energy|Cloud', 'Proven'), level: 'x'.repeat(41) };
    const first = await runCells(w, store, runId, [cellOf(a, 'Energy|Security', 'Proven'), tooLong]);
    expect(first.cellRecords).toMatchObject({ created: 1, failed: 1 });
    expect(first.failures).toEqual([
      expect.objectContaining({ recordId: tooLong.key, code: 'STRING_TOO_LONG', transient: false }),
    ]);
    const second = await runCells(w, store, runId, [cellOf(a, 'Energy|Security', 'Proven'), tooLong]);
    expect(second.cellRecords).toMatchObject({ created: 0, unchanged: 1, failed: 1 });
    await store.close();
  });
});
