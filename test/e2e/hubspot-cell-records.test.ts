// E2E: per-cell records in HubSpot's `atlas_expertise` custom object through the write-back step and the HubSpot
// connector against the emulator: provisioned, written and associated once, unchanged on the next run, archived
// when a cell loses its level; and a portal without custom objects, where provisioning says so and the
// `atlas_expertise_cells` company property still works.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubSpotWriteback } from '../../connectors/hubspot/writeback-schema.js';
import type { CellRecord, Connector } from '../../connectors/types.js';
import { DEFAULT_SCORING_CONFIG, type PartnerId } from '../../src/model/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { RunCheckpoint } from '../../src/sync/run-checkpoint.js';
import { RunReporter } from '../../src/sync/run-reporter.js';
import { writebackSystem } from '../../src/sync/writeback-system.js';
import { type DesiredRecord, writebackTarget } from '../../src/writeback/index.js';
import {
  type ConnectorWorld,
  mappings,
  seedCompanies,
  useConnectorWorlds,
  writeback,
} from '../support/hubspot-connector-world.js';

/** The shipped write-back section with per-cell records switched on (an Enterprise portal). */
const withCells: HubSpotWriteback = {
  ...writeback,
  cellRecords: { object: 'atlas_expertise', levels: ['Specialist', 'Proven', 'Emerging'] },
};
const open = useConnectorWorlds({ writeback: withCells, readObjects: ['companies', 'deals'] });
/** The emulator's alias of the custom object (a bare custom object name is no API name). */
const CELLS = 'p_atlas_expertise';
const SCORED_AT = '2026-01-15T02:00:00.000Z';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function cellOf(companyId: string, cell: string, level: string, scoredAt = SCORED_AT): CellRecord {
  const [sector = '', technology = ''] = cell.split('|');
  return {
    key: `${companyId}|${cell}`,
    parentId: companyId,
    name: `${sector} × ${technology}`,
    sector,
    technology,
    level,
    score: level === 'Specialist' ? 86 : 64,
    confidence: 72,
    wonCustomers: 3,
    certifiedPeople: 2,
    nextLevel: level === 'Specialist' ? '' : `Specialist needs 2 more won customers`,
    scoredAt,
  };
}

/** Desired records carrying only per-cell records (the company properties are other tests' business). */
function desiredOf(cells: readonly CellRecord[]): DesiredRecord[] {
  const byParent = new Map<string, CellRecord[]>();
  for (const c of cells) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  return [...byParent].map(([recordId, own]) => {
    const partnerId = `hubspot:companies:${recordId}` as PartnerId;
    return {
      recordId,
      partnerId,
      values: {},
      score: { partnerId, segments: [], primarySegment: null, topScore: 0, needs: [] },
      segments: [],
      cells: own,
    };
  });
}

async function storeOf(): Promise<{ store: Store; runId: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-hs-cells-'));
  dirs.push(dir);
  const store = await openStore({ dbPath: join(dir, 'atlas.db') });
  const run = await store.createRun({ kind: 'sync', startedAt: SCORED_AT, options: {} });
  return { store, runId: run.id };
}

async function runCells(w: ConnectorWorld, store: Store, runId: string, cells: readonly CellRecord[]) {
  const target = { ...writebackTarget('hubspot', withCells), fields: [], lists: [] };
  const outcome = await writebackSystem({
    connector: w.connector,
    store,
    target,
    desired: desiredOf(cells),
    crmValues: new Map(),
    dryRun: false,
    maxAttempts: 3,
    retryHeld: false,
    syncLists: true,
    provisioned: true,
    checkpoint: new RunCheckpoint({ deadline: Number.MAX_SAFE_INTEGER, deadlineMinutes: 60 }),
    reporter: new RunReporter(store, runId),
    listVocabulary: { taxonomy: mappings.taxonomy, ladder: DEFAULT_SCORING_CONFIG.levels.ladder },
    now: () => new Date(w.clock.now()),
  });
  expect(outcome.figures.error).toBeUndefined();
  return outcome.figures;
}

/** Live records of the object: key, level, score and the company each is associated with. */
function heldCells(w: ConnectorWorld) {
  const table = w.emulator.state.table(CELLS);
  const rows: Array<[string | null, string | null, string | null, string[]]> = [];
  for (let row = 0; row < table.size; row++) {
    if (!table.isLive(row)) continue;
    const view = w.emulator.state.view(table, row);
    const companies = w.emulator.state.associationsOf(CELLS, view.id, 'companies').map((a) => a.id);
    rows.push([
      view.properties.atlas_key ?? null,
      view.properties.level ?? null,
      view.properties.score ?? null,
      companies,
    ]);
  }
  return rows;
}

const provision = async (connector: Connector) => connector.applyProvision(await connector.planProvision());

describe('HubSpot per-cell records', () => {
  it('creates the object, upserts and associates once, writes nothing next night, archives a gone cell', async () => {
    const w = await open();
    const [a = '', b = ''] = seedCompanies(w, 2);
    const plan = await w.connector.planProvision();
    expect(plan.steps).toContainEqual(
      expect.objectContaining({ kind: 'object-schema', name: 'atlas_expertise', action: 'create' }),
    );
    await w.connector.applyProvision(plan);
    const schema = await w.fetchJson('GET', '/crm/v3/schemas/p_atlas_expertise');
    expect(schema.body).toMatchObject({
      primaryDisplayProperty: 'cell_name',
      properties: expect.arrayContaining([
        expect.objectContaining({ name: 'atlas_key', hasUniqueValue: true }),
      ]),
    });
    // Provisioning again finds the object.
    const again = await w.connector.planProvision();
    expect(again.steps.find((s) => s.name === 'atlas_expertise')?.action).toBe('unchanged');

    const { store, runId } = await storeOf();
    const cells = [
      cellOf(a, 'Healthcare|Data & AI', 'Specialist'),
      cellOf(a, 'Retail|Security', 'Proven'),
      cellOf(b, 'Healthcare|Data & AI', 'Emerging'),
    ];
    w.connector.resetUsage();
    const first = await runCells(w, store, runId, cells);
    expect(first.cellRecords).toEqual({ created: 3, updated: 0, unchanged: 0, deleted: 0, failed: 0 });
    expect(w.connector.usage().callsByOperation['batch/upsert']).toBe(1);
    expect(w.connector.usage().callsByOperation['associations/create']).toBe(1);
    expect(heldCells(w)).toEqual([
      [`${a}|Healthcare|Data & AI`, 'Specialist', '86', [a]],
      [`${a}|Retail|Security`, 'Proven', '64', [a]],
      [`${b}|Healthcare|Data & AI`, 'Emerging', '64', [b]],
    ]);

    // The next night: the same figures, scored a day later — one read, nothing written.
    const later = cells.map((c) => ({ ...c, scoredAt: '2026-01-16T02:00:00.000Z' }));
    w.connector.resetUsage();
    const second = await runCells(w, store, runId, later);
    expect(second.cellRecords).toEqual({ created: 0, updated: 0, unchanged: 3, deleted: 0, failed: 0 });
    expect(w.connector.usage().callsByOperation).not.toHaveProperty('batch/upsert');
    expect(w.connector.usage().callsByOperation).not.toHaveProperty('batch/archive');

    // Partner b's cell lost its level; partner a's Proven cell became Specialist.
    const changed = [later[0] as CellRecord, cellOf(a, 'Retail|Security', 'Specialist')];
    w.connector.resetUsage();
    const third = await runCells(w, store, runId, changed);
    expect(third.cellRecords).toEqual({ created: 0, updated: 1, unchanged: 1, deleted: 1, failed: 0 });
    expect(w.connector.usage().callsByOperation['batch/archive']).toBe(1);
    // An update keeps its company: nothing is associated again.
    expect(w.connector.usage().callsByOperation).not.toHaveProperty('associations/create');
    expect(heldCells(w)).toEqual([
      [`${a}|Healthcare|Data & AI`, 'Specialist', '86', [a]],
      [`${a}|Retail|Security`, 'Specialist', '86', [a]],
    ]);
    expect(w.emulator.state.count(CELLS, { archived: true })).toBe(1);
    await store.close();
  });

  it('lists a record whose company is gone as a failure, writes the others, and tries it again next run', async () => {
    const w = await open();
    const [a = ''] = seedCompanies(w, 1);
    await provision(w.connector);
    const { store, runId } = await storeOf();
    const orphan = cellOf('999999', 'Energy|Cloud', 'Proven');
    const first = await runCells(w, store, runId, [cellOf(a, 'Energy|Security', 'Proven'), orphan]);
    expect(first.cellRecords).toMatchObject({ created: 1, failed: 1 });
    expect(first.failures).toEqual([
      expect.objectContaining({ recordId: orphan.key, code: 'OBJECT_NOT_FOUND', transient: false }),
    ]);
    // Read back without its company, the record is written and associated again next run.
    w.connector.resetUsage();
    const second = await runCells(w, store, runId, [cellOf(a, 'Energy|Security', 'Proven'), orphan]);
    expect(second.cellRecords).toMatchObject({ created: 0, unchanged: 1, failed: 1 });
    expect(w.connector.usage().callsByOperation['associations/create']).toBe(1);
    await store.close();
  });

  it('on a portal without custom objects, provisioning says so and the company property is still created', async () => {
    const w = await open({ emulator: { customObjects: false } });
    const plan = await w.connector.planProvision();
    await expect(w.connector.applyProvision(plan)).rejects.toMatchObject({
      code: 'CUSTOM_OBJECTS_UNAVAILABLE',
      message: expect.stringContaining('atlas_expertise_cells company property'),
    });
    // Everything before the custom object was provisioned: the fallback property holds the cells.
    const property = await w.fetchJson('GET', '/crm/v3/properties/companies/atlas_expertise_cells');
    expect(property.status).toBe(200);
    const [a = ''] = seedCompanies(w, 1);
    const fallback = await w.connect({ writeback });
    const outcomes = await fallback.writeFields('companies', [
      {
        recordId: a,
        values: {
          atlas_expertise_cells: 'Healthcare × Data & AI — Specialist · score 86 · 72% confidence',
        },
      },
    ]);
    expect(outcomes).toEqual([{ recordId: a, ok: true }]);
    expect(w.emulator.state.get('companies', a)?.properties.atlas_expertise_cells).toContain('Specialist');
  });
});
