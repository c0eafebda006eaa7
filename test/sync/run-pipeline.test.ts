/** The nightly run's logic over an in-memory CRM: cursors, deletions, diffs, drift, failures, dry runs, resume. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProvisionPlan, ReadPlan, SchemaProblem } from '../../connectors/types.js';
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
  dir = mkdtempSync(join(tmpdir(), 'atlas-pipeline-'));
  store = await openStore({ dbPath: join(dir, 'atlas.db') });
  mappings = loadMappings('mappings');
  crm = new MemoryCrm({ partners: 40, seed: 7, now: NOW, taxonomy: mappings.taxonomy });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (options: { full?: boolean; dryRun?: boolean; clock?: () => Date } = {}) =>
  runPipeline({ store, mappings, connectors: { salesforce: crm }, scoreAt: NOW, ...options });

const sf = (result: Awaited<ReturnType<typeof run>>) => result.figures.systems.salesforce!;
const accountValue = (id: string, field: string) => crm.records.get(id)?.values[field];

describe('runPipeline', () => {
  it('pulls everything, scores, writes back every partner once and creates the segment lists', async () => {
    const result = await run();
    expect(result.run.status).toBe('succeeded');
    const pull = sf(result).pull!;
    expect(pull.entities.partners?.fetched).toBe(crm.idsOf('Account').length);
    expect(pull.entities.deals?.fetched).toBe(crm.idsOf('Opportunity').length);
    expect(pull.entities.deals?.full).toBe(true);
    expect(result.figures.score?.partnersWithSegments).toBeGreaterThan(0);
    const wb = sf(result).writeback!;
    expect(wb.written).toBe(40);
    expect(wb.failed).toBe(0);
    expect(crm.writeCalls).toHaveLength(1);
    expect(wb.lists.created).toBeGreaterThan(0);
    const withSegment = result.scores!.partners.find((p) => p.primarySegment !== null)!;
    const accountId = withSegment.partnerId.split(':')[2]!;
    expect(accountValue(accountId, 'Atlas_Primary_Segment__c')).toBe(withSegment.primarySegment!.label);
    // Lists: sector × technology cells at the top two levels by default (mappings/salesforce.yaml `lists`).
    const listed = result.scores!.partners.find((p) =>
      p.segments.some((s) => s.kind === 'pair' && ['Specialist', 'Proven'].includes(s.level)),
    )!;
    const listedId = listed.partnerId.split(':')[2]!;
    expect([...crm.lists.values()].some((members) => members.has(listedId))).toBe(true);
    expect(await store.listLastWritten({ system: 'salesforce' })).not.toHaveLength(0);
  });

  it('writes nothing on a second run over unchanged data, and reads back only what it wrote', async () => {
    await run();
    const calls = crm.writeCalls.length;
    const second = await run();
    expect(crm.writeCalls.length).toBe(calls);
    expect(sf(second).writeback?.written).toBe(0);
    expect(sf(second).writeback?.recordsUnchanged).toBe(40);
    // The accounts and opportunities (recommended partners) we wrote changed their modification stamp:
    // read again once, then equal to the ledger.
    expect(crm.dealWriteCalls.length).toBeGreaterThan(0);
    expect(sf(second).pull?.entities.deals?.fetched).toBe(new Set(crm.dealWriteCalls.flat()).size);
    expect(sf(second).pull?.entities.partners?.fetched).toBe(40);
    expect(sf(second).writeback?.drift).toBe(0);
    expect(second.changeSummary?.counts.promoted).toBe(0);
  });

  it('writes only the partners whose evidence changed', async () => {
    const first = await run();
    const target = first.scores!.partners.find((p) => p.segments.length === 0)!;
    const accountId = target.partnerId.split(':')[2]!;
    // The partner loses every deal: its top score drops.
    crm.removeDealsOf(accountId);
    const second = await run();
    expect(sf(second).pull?.entities.deals?.deleted).toBeGreaterThan(0);
    const written = crm.writeCalls.at(-1) ?? [];
    expect(written).toContain(accountId);
    expect(written.length).toBeLessThan(40);
  });

  it('summarises what changed: a partner that lost its deals is listed as demoted, with the reason', async () => {
    const first = await run();
    expect(first.changeSummary?.since).toBeNull();
    const target = first.scores!.partners.find((p) => p.segments.some((s) => s.kind === 'pair'))!;
    const accountId = target.partnerId.split(':')[2]!;
    crm.removeDealsOf(accountId);
    const second = await run();
    const summary = second.changeSummary!;
    expect(summary.since?.runId).toBe(first.run.id);
    const demoted = summary.demoted.filter((d) => d.partnerId === target.partnerId);
    expect(demoted.length).toBeGreaterThan(0);
    expect(demoted[0]?.reasons.join(' ')).toMatch(/won deals no longer in the CRM/);
    expect(summary.counts.demoted).toBeGreaterThanOrEqual(demoted.length);
    const stored = await store.getRun(second.run.id);
    expect(stored?.changeSummary).toEqual(summary);
  });

  it('overwrites a hand edit of an Atlas field, reports it as drift, and does not loop', async () => {
    const first = await run();
    const partner = first.scores!.partners.find((p) => p.primarySegment !== null)!;
    const accountId = partner.partnerId.split(':')[2]!;
    crm.put('Account', accountId, { Atlas_Primary_Segment__c: 'Gold partner' });
    const second = await run();
    expect(sf(second).writeback?.drift).toBe(1);
    expect(sf(second).writeback?.driftReport[0]).toMatchObject({
      recordId: accountId,
      found: 'Gold partner',
    });
    expect(accountValue(accountId, 'Atlas_Primary_Segment__c')).toBe(partner.primarySegment!.label);
    const calls = crm.writeCalls.length;
    const third = await run();
    expect(sf(third).writeback?.drift).toBe(0);
    expect(crm.writeCalls.length).toBe(calls);
  });

  it('a dry run previews every update and list without writing or keeping a snapshot', async () => {
    const result = await run({ dryRun: true });
    expect(crm.writeCalls).toHaveLength(0);
    expect(crm.lists.size).toBe(0);
    const wb = sf(result).writeback!;
    expect(wb.preview?.updates).toHaveLength(40);
    expect(wb.preview?.lists.create.length).toBeGreaterThan(0);
    expect(await store.listLastWritten({ system: 'salesforce' })).toEqual([]);
    expect(await store.listScores(result.run.id)).toEqual([]);
    // The real run after it writes what the preview showed.
    const real = await run();
    expect(sf(real).writeback?.written).toBe(40);
  });

  it('before provisioning, a dry run says so and previews the fields to create and the values to write', async () => {
    // The CRM lacks Atlas's fields: the schema check reports them, provisioning would create them, and
    // its lists cannot be read yet. (Object.assign: MemoryCrm's own methods are typed for its defaults.)
    const provision: ProvisionPlan = {
      system: 'salesforce',
      steps: [
        {
          kind: 'field',
          name: 'Account.Atlas_Segments__c',
          action: 'create',
          detail: 'multi-select picklist',
        },
        { kind: 'permission', name: 'Atlas Integration', action: 'unchanged', detail: 'in place' },
      ],
    };
    const planLists = crm.planLists.bind(crm);
    Object.assign(crm, {
      checkSchema: async (plans: readonly ReadPlan[]): Promise<SchemaProblem[]> =>
        plans.flatMap((p) =>
          p.fields
            .filter((f) => f.startsWith('Atlas_'))
            .map((field) => ({
              entity: p.entity,
              object: p.object,
              field,
              reason: 'missing' as const,
              message: 'no such field',
            })),
        ),
      planProvision: async () => provision,
      planLists: async () => {
        throw new Error('INVALID_FIELD: No such column Atlas_Segments__c');
      },
    });
    const dry = await run({ dryRun: true });
    expect(dry.run.status).toBe('succeeded');
    expect(dry.figures.dryRun).toBe(true);
    const wb = sf(dry).writeback!;
    expect(wb.provisioned).toBe(false);
    expect(wb.preview?.provision?.map((s) => s.name)).toEqual(['Account.Atlas_Segments__c']);
    expect(wb.preview?.updates).toHaveLength(40);
    // The lists cannot be read yet: every list is one to create.
    expect(wb.preview?.lists.create.length).toBeGreaterThan(0);
    expect(crm.writeCalls).toHaveLength(0);
    const text = formatRun(dry.run).join('\n');
    expect(text).toMatch(
      /^Dry run of \d{1,2} \w{3} \d\d:\d\d \(just now\): succeeded in [\d.]+ s; a dry run, nothing was written to the CRMs/,
    );
    expect(text).toContain('write-back: would write 40 records');
    expect(text).toContain(
      'not provisioned yet: `atlas provision salesforce --apply` would first make 1 change:',
    );
    expect(text).toContain('+ field Account.Atlas_Segments__c: multi-select picklist');
    expect(text).toMatch(/values that would be written:\n {4}\S+ Atlas_/);
    // A real run before provisioning still skips the write-back.
    Object.assign(crm, { planLists });
    const real = await run();
    expect(sf(real).writeback).toBeNull();
    expect(real.figures.dryRun).toBe(false);
  });

  it('retries failed writes night after night up to 5 attempts; a permanent failure goes through once fixed', async () => {
    const ids = crm.idsOf('Account');
    crm.failing.set(ids[0]!, { transient: true });
    crm.failing.set(ids[1]!, { transient: false });
    let night = 0;
    const nightly = (options: { full?: boolean } = {}) => {
      night++;
      return run({ ...options, clock: () => new Date(Date.parse(NOW) + night * 86_400_000) });
    };
    const tries = (id: string) => crm.writeCalls.filter((call) => call.includes(id)).length;
    const first = await nightly();
    expect(first.run.status).toBe('partial');
    expect(sf(first).writeback?.failed).toBe(2);
    const failures = await store.listWriteFailures({ system: 'salesforce' });
    expect(failures.map((f) => [f.recordId, f.transient])).toEqual(
      [
        [ids[0], true],
        [ids[1], false],
      ].sort(),
    );
    // The validation rule is fixed: the next night writes the record that failed permanently.
    crm.failing.delete(ids[1]!);
    await nightly();
    expect(tries(ids[1]!)).toBe(2);
    expect(accountValue(ids[1]!, 'Atlas_Scored_At__c')).not.toBeUndefined();
    expect((await store.listWriteFailures()).map((f) => f.recordId)).toEqual([ids[0]]);
    for (let i = 0; i < 3; i++) await nightly();
    expect(tries(ids[0]!)).toBe(5);
    const capped = await nightly();
    expect(tries(ids[0]!)).toBe(5);
    expect(sf(capped).writeback?.heldRecords).toMatchObject([
      { recordId: ids[0], reason: 'too-many-attempts', code: 'UNABLE_TO_LOCK_ROW', attempts: 5 },
    ]);
    expect(formatRun(capped.run).join('\n')).toMatch(
      new RegExp(`waiting ${ids[0]}: UNABLE_TO_LOCK_ROW .*not tried again after 5 attempts`),
    );
    // --full tries every waiting record again.
    crm.failing.clear();
    const full = await nightly({ full: true });
    expect(tries(ids[0]!)).toBe(6);
    expect(full.run.status).toBe('succeeded');
    expect(await store.listWriteFailures()).toEqual([]);
  });

  it('resumes a read that crashed mid-way from its cursor, reading each record once', async () => {
    crm.crashAfterPages = 3;
    const first = await run();
    expect(first.run.status).toBe('partial');
    const firstFetched = Object.values(sf(first).pull!.entities).reduce((n, e) => n + (e?.fetched ?? 0), 0);
    crm.crashAfterPages = null;
    const second = await run();
    const deals = crm.idsOf('Opportunity').length;
    const pulled = (r: typeof first, e: 'deals' | 'partners') => sf(r).pull?.entities[e]?.fetched ?? 0;
    expect(pulled(first, 'deals') + pulled(second, 'deals')).toBe(deals);
    expect(firstFetched).toBeGreaterThan(0);
    expect(second.run.status).toBe('succeeded');
    expect((await store.countModel()).deals).toBe(deals);
  });
});

describe('the change summary webhook', () => {
  it('POSTs the summary in a body a Slack incoming webhook accepts, and a failing webhook never fails the run', async () => {
    const received: unknown[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const result = await runPipeline({
        store,
        mappings,
        connectors: { salesforce: crm },
        scoreAt: NOW,
        webhookUrl: `http://127.0.0.1:${port}/hooks/atlas`,
      });
      expect(received).toHaveLength(1);
      const body = received[0] as {
        text: string;
        partnerAtlas: { runId: string; summary: { counts: object } };
      };
      expect(body.text).toContain(`Partner Atlas run ${result.run.id.slice(0, 8)}: succeeded`);
      expect(body.text).toContain('salesforce: 40 records written, 0 failed');
      expect(body.partnerAtlas.runId).toBe(result.run.id);
      expect(body.partnerAtlas.summary.counts).toMatchObject({ promoted: 0, demoted: 0 });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // The same port, now closed: the run still succeeds and says why nothing was delivered.
    const unreachable = await runPipeline({
      store,
      mappings,
      connectors: { salesforce: crm },
      scoreAt: NOW,
      webhookUrl: `http://127.0.0.1:${port}/hooks/atlas`,
    });
    expect(unreachable.run.status).toBe('succeeded');
    const events = await store.listRunEvents(unreachable.run.id);
    expect(events.find((e) => e.step === 'notify')?.message).toMatch(/could not be reached/);
    expect(JSON.stringify(events)).not.toContain('/hooks/atlas');
  });
});
