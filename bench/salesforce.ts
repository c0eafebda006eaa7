/** `npm run bench -- salesforce [--partners N] [--deals N] [--seed N]`: the Salesforce connector against a seeded emulator in a worker thread. */
import { z } from 'zod';
import { createSalesforceConnector } from '../connectors/salesforce/index.js';
import { SF_BULK_RESULTS_PAGE } from '../connectors/salesforce/limits.js';
import { cheapestRead, restCalls } from '../connectors/salesforce/read-choice.js';
import type { Connector, FieldUpdate, ReadPlan } from '../connectors/types.js';
import { startEmulatorWorkers } from '../devkit/seeder/index.js';
import { compileMapping, loadMappings } from '../src/mapping/index.js';
import { benchOptions } from './bench-options.js';
import type { Benchmark } from './run.js';

const ArgsSchema = z.object({
  partners: z.coerce.number().int().positive().default(20_000),
  /** Default: 10 deals per partner (the 20k partners / 200k deals). */
  deals: z.coerce.number().int().min(0).optional(),
  seed: z.coerce.number().int().default(42),
  /** Share of partners changed between the full and the incremental sync. */
  changed: z.coerce.number().gt(0).max(1).default(0.01),
});

const COLLECTION = 200;
const ENTITIES = ['partners', 'deals', 'certifications', 'people'] as const;

interface ReadFigures {
  records: number;
  calls: number;
  seconds: number;
  via: string;
  cursor: unknown;
}

async function readEntity(
  connector: Connector,
  plan: ReadPlan,
  cursor: unknown,
  runStartedAt: string,
  expectedRecords?: number,
): Promise<ReadFigures> {
  connector.resetUsage();
  const t = performance.now();
  let records = 0;
  let last: unknown = cursor;
  const via = new Set<string>();
  const options = { cursor, runStartedAt, lookbackMs: 0, ...(expectedRecords ? { expectedRecords } : {}) };
  for await (const page of connector.read(plan, options)) {
    records += page.records.length;
    last = page.cursor;
    via.add(page.via);
  }
  return {
    records,
    calls: connector.usage().calls,
    seconds: (performance.now() - t) / 1000,
    via: [...via].join('+') || 'rest',
    cursor: last,
  };
}

/** Pages the same SOQL with bare fetch and no parsing beyond JSON: the emulator's raw paging speed. */
async function rawPaging(
  url: string,
  token: string,
  soql: string,
): Promise<{ records: number; seconds: number }> {
  const t = performance.now();
  let records = 0;
  let next: string | undefined = `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`;
  while (next) {
    const res = await fetch(`${url}${next}`, { headers: { authorization: `Bearer ${token}` } });
    const body = z
      .object({ records: z.array(z.unknown()), nextRecordsUrl: z.string().optional() })
      .parse(await res.json());
    records += body.records.length;
    next = body.nextRecordsUrl;
  }
  return { records, seconds: (performance.now() - t) / 1000 };
}

const rate = (records: number, seconds: number) => (seconds > 0 ? Math.round(records / seconds) : 0);

/** The cheaper path's cost at the count actually read, as if the count were known for free. */
const minimumOf = (plan: ReadPlan, records: number) =>
  cheapestRead(records, { resultsPage: SF_BULK_RESULTS_PAGE, bulkAllowed: plan.children.length === 0 });

const ratio = (calls: number, minimum: number) =>
  minimum > 0 ? Math.round((calls / minimum) * 1000) / 1000 : null;

export const bench: Benchmark = {
  description:
    'Salesforce connector vs the emulator (default 20k partners, 200k deals): full sync API calls vs the minimum, incremental after 1 % changes, write-back calls vs ⌈N/200⌉, throughput vs raw paging',
  async run(args) {
    const o = benchOptions(args, ArgsSchema);
    const loaded = loadMappings('mappings');
    const mapping = compileMapping(loaded.salesforce!, loaded.taxonomy);
    const writeback = loaded.salesforce!.writeback!;
    const seedStart = performance.now();
    const running = await startEmulatorWorkers({
      partners: o.partners,
      deals: o.deals ?? o.partners * 10,
      seed: o.seed,
      now: '2025-06-30',
      taxonomy: loaded.taxonomy,
      systems: ['salesforce'],
    });
    const seedSeconds = (performance.now() - seedStart) / 1000;
    try {
      const sf = running.salesforce;
      if (!sf) throw new Error('the Salesforce emulator did not start');
      const connector = await createSalesforceConnector({
        auth: { mode: 'password', ...sf.credentials },
        loginUrl: sf.url,
        writeback,
        budget: { runShare: 1, totalShare: 1 },
      });
      const rows: Record<string, string | number | null>[] = [];
      const plans = Object.fromEntries(ENTITIES.map((e) => [e, mapping.entity(e)?.readPlan])) as Record<
        (typeof ENTITIES)[number],
        ReadPlan | undefined
      >;

      // Full sync: first on an empty store (the count comes from the first REST page), then again as a
      // `--full` night does, told each entity's count from the last read (after the schema check's describes).
      type Full = Partial<Record<(typeof ENTITIES)[number], ReadFigures & { minimum: number }>>;
      const fullSync = async (label: string, known: Full | null): Promise<Full> => {
        const runStart = new Date().toISOString();
        const out: Full = {};
        if (known) {
          await connector.checkSchema(ENTITIES.flatMap((e) => plans[e] ?? []));
        }
        for (const entity of ENTITIES) {
          const plan = plans[entity];
          if (!plan) continue;
          const f = await readEntity(connector, plan, null, runStart, known?.[entity]?.records);
          const minimum = minimumOf(plan, f.records);
          out[entity] = { ...f, minimum: minimum.calls };
          rows.push({
            phase: `${label}: ${entity}`,
            records: f.records,
            'API calls': f.calls,
            minimum: minimum.calls,
            'calls / minimum': ratio(f.calls, minimum.calls),
            via: f.via,
            'cheapest path': minimum.path,
            seconds: Math.round(f.seconds * 100) / 100,
            'records/s': rate(f.records, f.seconds),
          });
        }
        const sum = (pick: (f: ReadFigures & { minimum: number }) => number) =>
          Object.values(out).reduce((n, f) => n + pick(f), 0);
        rows.push({
          phase: `${label}: total`,
          records: sum((f) => f.records),
          'API calls': sum((f) => f.calls),
          minimum: sum((f) => f.minimum),
          'calls / minimum': ratio(
            sum((f) => f.calls),
            sum((f) => f.minimum),
          ),
          via: '',
          'cheapest path': '',
          seconds: Math.round(sum((f) => f.seconds) * 100) / 100,
          'records/s': rate(
            sum((f) => f.records),
            sum((f) => f.seconds),
          ),
        });
        return out;
      };
      const full = await fullSync('full sync', null);
      const again = await fullSync('full sync, count known', full);
      const totals = (f: Full) => ({
        records: Object.values(f).reduce((n, e) => n + e.records, 0),
        calls: Object.values(f).reduce((n, e) => n + e.calls, 0),
        minimum: Object.values(f).reduce((n, e) => n + e.minimum, 0),
      });
      const { records: totalRecords, calls: totalCalls, minimum: totalMin } = totals(full);
      const known = totals(again);

      // Raw paging of the deals query (the biggest REST read) for comparison.
      const token = await passwordToken(sf.url, sf.credentials);
      const dealsPlan = plans.deals;
      if (dealsPlan && token) {
        const { buildSoql } = await import('../connectors/salesforce/soql.js');
        const raw = await rawPaging(sf.url, token, buildSoql(dealsPlan));
        rows.push({
          phase: 'raw paging: deals SOQL (fetch + JSON.parse)',
          records: raw.records,
          'API calls': restCalls(raw.records),
          minimum: restCalls(raw.records),
          'calls / minimum': 1,
          via: 'rest',
          'cheapest path': 'rest',
          seconds: Math.round(raw.seconds * 100) / 100,
          'records/s': rate(raw.records, raw.seconds),
        });
      }

      // Provision the write-back fields, then write back N changed partners (and a larger batch).
      await connector.applyProvision(await connector.planProvision());
      const partnerIds: string[] = [];
      for await (const ids of connector.listIds(plans.partners as ReadPlan, {})) partnerIds.push(...ids);
      const changedCount = Math.max(1, Math.round(partnerIds.length * o.changed));
      const writeBatch = async (ids: readonly string[], score: number) => {
        const updates: FieldUpdate[] = ids.map((recordId) => ({
          recordId,
          values: { Atlas_Top_Score__c: score },
        }));
        connector.resetUsage();
        const t = performance.now();
        const outcomes = await connector.writeFields('Account', updates);
        return {
          calls: connector.usage().calls,
          failed: outcomes.filter((x) => !x.ok).length,
          seconds: (performance.now() - t) / 1000,
        };
      };
      const changedIds = partnerIds
        .filter((_, i) => i % Math.round(1 / o.changed) === 0)
        .slice(0, changedCount);
      // Move past the full sync's run start so the changes are newer than its cursors.
      await new Promise((resolve) => setTimeout(resolve, 20));
      const w1 = await writeBatch(changedIds, 42.5);
      rows.push({
        phase: `write-back: ${changedIds.length} partners`,
        records: changedIds.length,
        'API calls': w1.calls,
        minimum: null,
        'calls / minimum': null,
        via: `⌈N/200⌉ = ${Math.ceil(changedIds.length / COLLECTION)}; failed ${w1.failed}`,
        seconds: Math.round(w1.seconds * 100) / 100,
        'records/s': rate(changedIds.length, w1.seconds),
      });
      // Incremental sync from the full sync's cursors.
      const incStart = new Date().toISOString();
      let incRecords = 0;
      let incCalls = 0;
      let incMin = 0;
      for (const entity of ENTITIES) {
        const plan = plans[entity];
        const f = full[entity];
        if (!plan || !f) continue;
        const inc = await readEntity(connector, plan, f.cursor, incStart);
        const minimum = minimumOf(plan, inc.records);
        incRecords += inc.records;
        incCalls += inc.calls;
        incMin += minimum.calls;
        rows.push({
          phase: `incremental: ${entity}`,
          records: inc.records,
          'API calls': inc.calls,
          minimum: minimum.calls,
          'calls / minimum': ratio(inc.calls, minimum.calls),
          via: inc.via,
          'cheapest path': minimum.path,
          seconds: Math.round(inc.seconds * 100) / 100,
          'records/s': rate(inc.records, inc.seconds),
        });
      }
      // A large write-back last (it rewrites every partner): Collections below the ingest threshold, one Bulk job above.
      const bigger = partnerIds;
      const w2 = await writeBatch(bigger, 50);
      rows.push({
        phase: `write-back: all ${bigger.length} partners`,
        records: bigger.length,
        'API calls': w2.calls,
        minimum: null,
        'calls / minimum': null,
        via: `⌈N/200⌉ = ${Math.ceil(bigger.length / COLLECTION)}${bigger.length > 10_000 ? ' (Bulk API 2.0 ingest above 10,000)' : ''}; failed ${w2.failed}`,
        seconds: Math.round(w2.seconds * 100) / 100,
        'records/s': rate(bigger.length, w2.seconds),
      });
      return {
        name: 'salesforce',
        rows,
        notes: [
          `emulator seeded in a worker thread in ${seedSeconds.toFixed(1)} s: ${JSON.stringify(running.figures.salesforce)}`,
          `full sync: ${totalCalls} API calls for ${totalRecords} records against a minimum of ${totalMin} (${ratio(totalCalls, totalMin)}×). Minimum per entity: the cheaper of REST (⌈n/2,000⌉) and Bulk API 2.0 (create + 1 status check + ⌈n/${SF_BULK_RESULTS_PAGE}⌉ results pages; plans with subqueries REST only) at the count read, as if the count were free. The connector learns the count from its first REST page, whose records it keeps, and reads the rest with one Bulk job when that costs fewer calls than paging on: an entity read with Bulk costs the minimum + 1 at most.`,
          `full sync with the count known (a \`--full\` night: the store holds the last read's count, and the schema check's describes type the Bulk CSV): ${known.calls} API calls against a minimum of ${known.minimum} (${ratio(known.calls, known.minimum)}×).`,
          `incremental sync after writing back ${changedIds.length} partners (${(o.changed * 100).toFixed(0)} %): read ${incRecords} records in ${incCalls} calls against a minimum of ${incMin}, one query per entity (lookback 0; those partners are the only records changed since the full sync).`,
          'write-back above 10,000 records switches to one Bulk API 2.0 ingest job: create, upload, close, status checks, and the failed-results list when any record failed.',
        ],
      };
    } finally {
      await running.close();
    }
  },
};

/** A session for the raw paging comparison (OAuth password flow, as the connector's own login). */
async function passwordToken(
  url: string,
  c: { username: string; password: string; clientId: string; clientSecret: string },
): Promise<string | null> {
  const res = await fetch(`${url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      username: c.username,
      password: c.password,
      client_id: c.clientId,
      client_secret: c.clientSecret,
    }),
  });
  const body = z.object({ access_token: z.string() }).safeParse(await res.json());
  return body.success ? body.data.access_token : null;
}
