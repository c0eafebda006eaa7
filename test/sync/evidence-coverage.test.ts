/** No silent zero: every run reports each CRM's evidence coverage, and deals that yield no evidence fail the CRM's part. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatRun } from '../../src/cli/format-run.js';
import { type LoadedMappings, loadMappings } from '../../src/mapping/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { runPipeline } from '../../src/sync/run-pipeline.js';
import { MemoryCrm } from '../support/memory-crm.js';

const NOW = '2026-11-20T02:00:00.000Z';
let dir: string;
let store: Store;
let mappings: LoadedMappings;
let crm: MemoryCrm;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-coverage-'));
  store = await openStore({ dbPath: join(dir, 'atlas.db') });
  mappings = loadMappings('mappings');
  crm = new MemoryCrm({ partners: 30, seed: 3, now: NOW, taxonomy: mappings.taxonomy });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (m: LoadedMappings) =>
  runPipeline({ store, mappings: m, connectors: { salesforce: crm }, scoreAt: NOW });

describe('evidence coverage', () => {
  it('is reported for every run: won deals without partner, sector or technology', async () => {
    const result = await run(mappings);
    const coverage = result.figures.systems.salesforce?.coverage;
    expect(coverage?.deals).toBe(crm.idsOf('Opportunity').length);
    expect(coverage?.wonDeals).toBeGreaterThan(0);
    expect(coverage?.wonWithoutPartner).toBeLessThan(coverage!.wonDeals);
    expect(coverage?.usableDeals).toBeGreaterThan(0);
    expect(formatRun(result.run).join('\n')).toMatch(
      /evidence: [\d,]+ of [\d,]+ won deals? ha(s|ve) no partner, [\d,]+ of [\d,]+ won deals? ha(s|ve) no sector/,
    );
  });

  it('a CRM whose deals name no synced partner fails with the cause, and nothing is written to it', async () => {
    const sf = mappings.salesforce!;
    const broken: LoadedMappings = {
      ...mappings,
      salesforce: {
        ...sf,
        entities: {
          ...sf.entities,
          deals: {
            ...sf.entities.deals!,
            partners: [{ kind: 'lookup', path: 'Reseller__c', role: 'sourced' }],
          },
        },
      },
    };
    const result = await run(broken);
    expect(result.run.status).toBe('failed');
    const figures = result.figures.systems.salesforce!;
    expect(figures.coverage?.wonWithoutPartner).toBe(figures.coverage?.wonDeals);
    expect(figures.error).toMatch(
      /^salesforce holds [\d,]+ deals but yields no evidence: none names a synced partner: check the deal → partner linkage/,
    );
    expect(crm.writeCalls).toEqual([]);
  });
});
