/** What real orgs hold: each CRM's evidence coverage (no silent zero), and duplicate records of one company in one CRM. */
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
      /^Salesforce holds [\d,]+ deals but yields no evidence: none names a synced partner: check the deal → partner linkage/,
    );
    expect(crm.writeCalls).toEqual([]);
  });
});

describe('duplicates inside one CRM', () => {
  it('two accounts of one company (same domain) become one partner, listed in the summary, and both receive its values', async () => {
    const [first] = crm.idsOf('Account');
    const original = crm.records.get(first!)!.values;
    const twin = '001DUPLICATE00001';
    crm.put('Account', twin, { ...original, Name: `${String(original.Name)} (old record)` });
    const result = await run(mappings);
    expect(result.figures.model?.duplicatesMerged).toBe(1);
    expect(result.figures.model?.duplicates?.[0]).toMatch(
      /^2 Salesforce records share .+ \(.+, .+ \(old record\)\): merged into one partner$/,
    );
    expect(formatRun(result.run).join('\n')).toContain(
      '1 duplicate merged (records of one company in one CRM):',
    );
    expect(result.scores?.partners.map((p) => p.partnerId)).not.toContain(`salesforce:Account:${twin}`);
    for (const field of ['Atlas_Primary_Segment__c', 'Atlas_Top_Score__c', 'Atlas_Segments__c'])
      expect(crm.records.get(twin)?.values[field]).toEqual(crm.records.get(first!)?.values[field]);
    expect(crm.records.get(twin)?.values.Atlas_Top_Score__c).toBeGreaterThan(0);
  });
});

describe('a full reconciliation', () => {
  it('corrects what incremental reads missed and says how many records it corrected', async () => {
    await run(mappings);
    const again = await runPipeline({
      store,
      mappings,
      connectors: { salesforce: crm },
      scoreAt: NOW,
      full: true,
    });
    for (const e of Object.values(again.figures.systems.salesforce!.pull!.entities))
      expect(e?.corrected ?? 0).toBe(0);

    // A change that moves no stamp (as an OpportunityPartner added to an old deal does in Salesforce).
    const [dealId] = crm.idsOf('Opportunity');
    crm.records.get(dealId!)!.values.Name = 'Renamed without a stamp';
    const incremental = await run(mappings);
    expect(incremental.figures.systems.salesforce!.pull!.entities.deals?.fetched).toBe(0);
    const full = await runPipeline({
      store,
      mappings,
      connectors: { salesforce: crm },
      scoreAt: NOW,
      full: true,
    });
    const deals = full.figures.systems.salesforce!.pull!.entities.deals!;
    expect(deals.corrected).toBe(1);
    expect(formatRun(full.run).join('\n')).toMatch(/Opportunity: [\d,]+ read \(full, .*; 1 corrected\)/);
  });
});
