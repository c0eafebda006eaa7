/**
 * Recommended partners on open deals, end to end: both emulators over HTTP, the real connectors, provisioning
 * of the Opportunity fields and deal properties, then the nightly run. Open opportunities and deals carry
 * partners whose lookups / company ids point to partner records; a second run over the same data writes none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../../devkit/cli/demo-run.js';
import { type RunningEmulators, startEmulators } from '../../devkit/seeder/index.js';
import type { AtlasEnv } from '../../src/config.js';
import { type LoadedMappings, loadMappings } from '../../src/mapping/index.js';
import type { CrmSystem } from '../../src/model/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { openConnectors } from '../../src/sync/open-connectors.js';
import { runPipeline } from '../../src/sync/run-pipeline.js';
import { ROOT as root } from '../support/atlas-process.js';

const NOW = '2026-06-30';
const SCORE_AT = '2026-06-30T02:00:00.000Z';
const SYSTEMS: CrmSystem[] = ['salesforce', 'hubspot'];
const REASON = /^(?:\w+ · )?score \d+ · \d+% confidence · \d+ won customers? in .+$/;

let work: string;
let emulators: RunningEmulators;
let env: AtlasEnv;
let mappings: LoadedMappings;
let store: Store;

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'atlas-recommend-e2e-'));
  mappings = loadMappings(join(root, 'mappings'));
  emulators = await startEmulators({
    partners: 30,
    dealsPerPartner: 12,
    certifications: 30 * 6,
    seed: 17,
    now: NOW,
    taxonomy: mappings.taxonomy,
    systems: SYSTEMS,
  });
  env = emulatorEnv(emulators.env);
  store = await openStore({ dbPath: join(work, 'atlas.db') });
});

afterEach(async () => {
  await store.close();
  await emulators.close();
  rmSync(work, { recursive: true, force: true });
});

async function provision() {
  const connectors = await openConnectors(SYSTEMS, env, mappings);
  try {
    for (const connector of Object.values(connectors)) {
      if (connector) await connector.applyProvision(await connector.planProvision());
    }
  } finally {
    for (const c of Object.values(connectors)) await c?.close();
  }
}

async function run() {
  const connectors = await openConnectors(SYSTEMS, env, mappings);
  try {
    return await runPipeline({ store, mappings, connectors, scoreAt: SCORE_AT });
  } finally {
    for (const c of Object.values(connectors)) await c?.close();
  }
}

function openOpportunities() {
  return emulators.salesforce!.emulator.state.all('Opportunity').filter((o) => o.IsClosed !== true) as Record<
    string,
    unknown
  >[];
}

function openDeals() {
  const { state } = emulators.hubspot!.emulator;
  const table = state.table('deals');
  return Array.from({ length: table.size }, (_, row) => state.view(table, row).properties).filter(
    (p) => p.hs_is_closed !== 'true',
  );
}

/** Requests writing recommendations: Opportunity updates (Collections or Bulk), deal batch updates. */
function recommendationWrites(): number {
  const sf = emulators.salesforce!.emulator.log.entries.filter(
    (e) =>
      (e.route.startsWith('PATCH /composite/sobjects') || e.route.startsWith('POST /jobs/ingest')) &&
      JSON.stringify(e).includes('Opportunity'),
  );
  const hs = emulators.hubspot!.emulator.log.entries.filter((e) =>
    e.path.startsWith('/crm/v3/objects/deals/batch/update'),
  );
  return sf.length + hs.length;
}

describe('recommended partners on open deals', { timeout: 120_000 }, () => {
  it('provisions the fields, writes partners to open deals in both CRMs, and nothing on a second run', async () => {
    await provision();
    const opportunity = emulators.salesforce!.emulator.state.object('Opportunity')!;
    expect(opportunity.fields.get('Atlas_Partner_1__c')).toMatchObject({
      type: 'reference',
      referenceTo: ['Account'],
    });
    expect(emulators.hubspot!.emulator.state.type('deals')).toBeDefined();

    const first = await run();
    expect(first.run.status).toBe('succeeded');
    for (const system of SYSTEMS) {
      const rec = first.figures.systems[system]?.writeback?.recommendations;
      expect(rec?.deals).toBeGreaterThan(0);
      expect(rec?.written).toBeGreaterThan(0);
      expect(rec?.failed).toBe(0);
      // A few dozen needs at most, however many open deals.
      expect(rec?.needs).toBeLessThanOrEqual(rec?.deals ?? 0);
    }

    const accounts = new Map(
      emulators.salesforce!.emulator.state.all('Account').map((a) => [a.Id as string, a]),
    );
    const recommended = openOpportunities().filter((o) => o.Atlas_Partner_1__c);
    expect(recommended.length).toBeGreaterThan(0);
    for (const o of recommended) {
      const ids = [o.Atlas_Partner_1__c, o.Atlas_Partner_2__c, o.Atlas_Partner_3__c].filter(Boolean);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(accounts.has(id as string)).toBe(true);
      expect(o.Atlas_Partner_1_Reason__c).toMatch(REASON);
      expect(o.Atlas_Recommended_At__c).toBeTruthy();
    }

    const { state } = emulators.hubspot!.emulator;
    const deals = openDeals().filter((d) => d.atlas_partner_1_company_id);
    expect(deals.length).toBeGreaterThan(0);
    for (const d of deals) {
      const company = state.get('companies', String(d.atlas_partner_1_company_id));
      expect(company?.properties.name).toBe(d.atlas_partner_1);
      expect(d.atlas_partner_1_reason).toMatch(REASON);
    }

    const writes = recommendationWrites();
    const second = await run();
    expect(second.run.status).toBe('succeeded');
    for (const system of SYSTEMS) {
      const rec = second.figures.systems[system]?.writeback?.recommendations;
      expect(rec?.toUpdate).toBe(0);
      expect(rec?.written).toBe(0);
    }
    expect(recommendationWrites()).toBe(writes);
  });
});
