/**
 * `npm run bench -- hubspot [--partners N] [--deals N] [--certifications N] [--changed 0.01] [--seed N]`:
 * the HubSpot connector against the emulator (in a worker thread, default 20k partners / 200k deals): the full
 * sync's calls next to the minimum HubSpot's batch limits allow, an incremental sync after changing 1 % of
 * the records, write-back calls for N companies next to ⌈N/100⌉, 429s seen, throughput.
 */
import { z } from 'zod';
import { createHubSpotConnector } from '../connectors/hubspot/index.js';
import type { ApiUsage, Connector, ReadPlan } from '../connectors/types.js';
import { startEmulatorWorkers } from '../devkit/seeder/index.js';
import { compileMapping, loadMappings } from '../src/mapping/index.js';
import { benchOptions } from './bench-options.js';
import type { Benchmark } from './run.js';

const ArgsSchema = z.object({
  partners: z.coerce.number().int().positive().default(20_000),
  deals: z.coerce.number().int().min(0).optional(),
  certifications: z.coerce.number().int().min(0).optional(),
  changed: z.coerce.number().min(0).max(1).default(0.01),
  seed: z.coerce.number().int().default(42),
});

/** HubSpot's page and batch sizes the minimum is computed from (same constants as the connector). */
const LIST_PAGE = 100;
const SEARCH_PAGE = 200;
const ASSOCIATION_BATCH = 1_000;
const BATCH = 100;
const ceil = (n: number, d: number) => (n <= 0 ? 0 : Math.ceil(n / d));

interface EntityFigures {
  entity: string;
  records: number;
  /** Distinct associated records per association object. */
  associated: Record<string, number>;
  archived: number;
}

/** The fewest calls a read of the entity can take: main pages, v4 association batches, associated batch reads, the archived pass. */
function minimumCalls(plan: ReadPlan, f: EntityFigures): number {
  const main = Math.max(
    1,
    plan.filter.length > 0 ? ceil(f.records, SEARCH_PAGE) : ceil(f.records, LIST_PAGE),
  );
  let calls = main + Math.max(1, ceil(f.archived, LIST_PAGE));
  for (const a of plan.associations) {
    calls += ceil(f.records, ASSOCIATION_BATCH);
    if (a.properties.length > 0) calls += ceil(f.associated[a.object] ?? 0, BATCH);
  }
  return calls;
}

async function readEntity(
  connector: Connector,
  plan: ReadPlan,
  cursor: unknown,
  runStartedAt: string,
): Promise<{ figures: EntityFigures; cursor: unknown; ids: string[]; via: string }> {
  const associated = new Map<string, Set<string>>();
  const ids: string[] = [];
  let last: unknown = cursor;
  let via = '';
  for await (const page of connector.read(plan, { cursor, runStartedAt, lookbackMs: 60_000 })) {
    via = page.via;
    for (const r of page.records) {
      ids.push(r.id);
      for (const a of plan.associations) {
        const set = associated.get(a.object) ?? new Set<string>();
        associated.set(a.object, set);
        const items = r.values[a.object];
        if (Array.isArray(items)) for (const item of items) set.add(String((item as { id: unknown }).id));
      }
    }
    last = page.cursor;
  }
  let archived = 0;
  for await (const page of connector.readDeleted(plan, { since: null, runStartedAt })) {
    if (page.kind === 'deleted') archived += page.ids.length;
  }
  return {
    figures: {
      entity: plan.entity,
      records: ids.length,
      associated: Object.fromEntries([...associated].map(([k, v]) => [k, v.size])),
      archived,
    },
    cursor: last,
    ids,
    via,
  };
}

function sum(usage: ApiUsage): { calls: number; rateLimited: number; retries: number } {
  return { calls: usage.calls, rateLimited: usage.rateLimited, retries: usage.retries };
}

export const bench: Benchmark = {
  description:
    'HubSpot connector against the emulator (default 20k partners, 200k deals): full sync calls vs minimum, 1 % incremental, write-back calls vs ⌈N/100⌉, 429s, throughput',
  async run(args) {
    const o = benchOptions(args, ArgsSchema);
    const mappings = loadMappings('mappings');
    const hubspotMapping = mappings.hubspot;
    const writeback = hubspotMapping?.writeback;
    if (!hubspotMapping || !writeback)
      throw new Error('mappings/hubspot.yaml with a writeback section is needed');
    const compiled = compileMapping(hubspotMapping, mappings.taxonomy);
    const plans = (['partners', 'deals', 'certifications', 'people'] as const).flatMap((e) => {
      const entity = compiled.entity(e);
      return entity ? [entity.readPlan] : [];
    });

    const seeding = performance.now();
    const running = await startEmulatorWorkers({
      partners: o.partners,
      deals: o.deals ?? o.partners * 10,
      certifications: o.certifications ?? o.partners,
      seed: o.seed,
      now: '2025-06-30',
      taxonomy: mappings.taxonomy,
      systems: ['hubspot'],
      threads: 1,
    });
    const seedSeconds = (performance.now() - seeding) / 1000;
    const hubspot = running.hubspot;
    if (!hubspot) throw new Error('the HubSpot emulator did not start');
    const notes: string[] = [];
    try {
      const connector = await createHubSpotConnector({
        auth: { kind: 'private-app', accessToken: hubspot.accessToken },
        baseUrl: hubspot.url,
        writeback,
        readObjects: plans.map((p) => p.object),
        fieldOptions: [{ field: 'atlas_needs', values: ['technical_enablement', 'co_selling', 'marketing'] }],
      });
      const rows: Array<Record<string, number | string | null>> = [];

      // ── Full sync: schema check, then every entity with its archived pass. ─────────────────────────
      const fullStart = performance.now();
      const problems = await connector.checkSchema(plans);
      if (problems.length > 0)
        notes.push(`schema problems: ${problems.map((p) => `${p.object}.${p.field}`).join(', ')}`);
      const checkCalls = connector.usage().calls;
      const objects = new Set(plans.flatMap((p) => [p.object, ...p.associations.map((a) => a.object)]));
      // The schema check reads each object's properties once, plus the custom object schemas once.
      let minimum = objects.size + 1;
      const runStartedAt = new Date().toISOString();
      const cursors = new Map<string, unknown>();
      let records = 0;
      let partnerIds: string[] = [];
      let dealIds: string[] = [];
      for (const plan of plans) {
        const before = connector.usage().calls;
        const { figures, cursor, ids } = await readEntity(connector, plan, null, runStartedAt);
        cursors.set(plan.entity, cursor);
        const min = minimumCalls(plan, figures);
        minimum += min;
        records += figures.records;
        if (plan.entity === 'partners') partnerIds = ids;
        if (plan.entity === 'deals') dealIds = ids;
        rows.push({
          phase: `full: ${plan.entity}`,
          records: figures.records,
          calls: connector.usage().calls - before,
          minimum: min,
          'over min %': null,
          '429s': null,
          seconds: null,
          'records/s': null,
          'calls/s': null,
        });
      }
      const full = sum(connector.usage());
      const fullSeconds = (performance.now() - fullStart) / 1000;
      rows.push({
        phase: 'full sync',
        records,
        calls: full.calls,
        minimum,
        'over min %': Math.round(((full.calls - minimum) / minimum) * 10_000) / 100,
        '429s': full.rateLimited,
        seconds: Math.round(fullSeconds * 10) / 10,
        'records/s': Math.round(records / fullSeconds),
        'calls/s': Math.round((full.calls / fullSeconds) * 10) / 10,
      });
      notes.push(`schema check: ${checkCalls} calls (in the full sync's count and minimum)`);

      // ── Change 1 % of partners and deals (not counted), then the incremental sync. ─────────────────
      const pick = (ids: string[]) => ids.filter((_, i) => i % Math.max(1, Math.round(1 / o.changed)) === 0);
      const changedPartners = pick(partnerIds);
      const changedDeals = pick(dealIds);
      // Past the lookback: the incremental read then sees exactly the changed records.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      // A value that is there already changes nothing in HubSpot (no new hs_lastmodifieddate): append a mark.
      const changes = [
        ...(await connector.writeFields(
          'companies',
          changedPartners.map((id) => ({
            recordId: id,
            values: { website: `https://changed-${id}.example` },
          })),
        )),
        ...(await connector.writeFields(
          'deals',
          changedDeals.map((id) => ({ recordId: id, values: { dealname: `Changed deal ${id}` } })),
        )),
      ];
      const refused = changes.filter((c) => !c.ok);
      if (refused.length > 0)
        notes.push(`changing 1 %: ${refused.length} writes refused (${JSON.stringify(refused[0])})`);
      connector.resetUsage();
      const incStart = performance.now();
      const incStartedAt = new Date().toISOString();
      let incRecords = 0;
      const scanned: string[] = [];
      for (const plan of plans) {
        const { figures, via } = await readEntity(connector, plan, cursors.get(plan.entity), incStartedAt);
        incRecords += figures.records;
        if (via === 'list') scanned.push(`${plan.entity} (${figures.records})`);
      }
      if (scanned.length > 0) {
        notes.push(
          `incremental: small objects (at most 1,000 records) are scanned in full instead of searched: ${scanned.join(', ')}`,
        );
      }
      const inc = sum(connector.usage());
      const incSeconds = (performance.now() - incStart) / 1000;
      rows.push({
        phase: 'incremental sync',
        records: incRecords,
        calls: inc.calls,
        minimum: null,
        'over min %': null,
        '429s': inc.rateLimited,
        seconds: Math.round(incSeconds * 10) / 10,
        'records/s': Math.round(incRecords / incSeconds),
        'calls/s': Math.round((inc.calls / incSeconds) * 10) / 10,
      });
      notes.push(
        `incremental: changed ${changedPartners.length} partners + ${changedDeals.length} deals = ${changedPartners.length + changedDeals.length}; read ${incRecords} (${incRecords - changedPartners.length - changedDeals.length} more than changed)`,
      );

      // ── Write-back: provision, then every partner company's atlas properties. ────────────────────────
      await connector.applyProvision(await connector.planProvision());
      const segments = ['healthcare|data_ai|specialist', 'banking|security|expert'];
      await connector.ensureFieldOptions('companies', [{ field: 'atlas_segments', values: segments }]);
      connector.resetUsage();
      const wbStart = performance.now();
      const outcomes = await connector.writeFields(
        'companies',
        partnerIds.map((id, i) => ({
          recordId: id,
          values: {
            atlas_primary_segment: segments[i % 2] ?? null,
            atlas_segments: segments,
            atlas_top_score: (i % 100) / 100,
            atlas_scored_at: runStartedAt,
          },
        })),
      );
      const wb = connector.usage();
      const wbSeconds = (performance.now() - wbStart) / 1000;
      rows.push({
        phase: 'write-back',
        records: partnerIds.length,
        calls: wb.callsByOperation['batch/update'] ?? 0,
        minimum: ceil(partnerIds.length, BATCH),
        'over min %': null,
        '429s': wb.rateLimited,
        seconds: Math.round(wbSeconds * 10) / 10,
        'records/s': Math.round(partnerIds.length / wbSeconds),
        'calls/s': Math.round((wb.calls / wbSeconds) * 10) / 10,
      });
      const failed = outcomes.filter((x) => !x.ok).length;
      notes.push(`write-back: ${outcomes.length - failed} written, ${failed} failed`);
      notes.push(
        `429s over all phases: ${full.rateLimited + inc.rateLimited + wb.rateLimited} (must be 0); retries ${full.retries + inc.retries + wb.retries}`,
      );
      notes.push(
        `allowed rate 190 calls / 10 s = 19 calls/s (search 4/s of HubSpot's 5/s); seeded in ${seedSeconds.toFixed(1)} s: ${JSON.stringify(running.figures.hubspot)}`,
      );
      return { name: 'hubspot', rows, notes };
    } finally {
      await running.close();
    }
  },
};
