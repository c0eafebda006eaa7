/**
 * `npm run bench -- pipeline [--partners 20000] [--deals 200000]`: the nightly run end to end against both
 * emulators (worker threads, real HTTP): provisioning, a full run, a second run over unchanged data, then
 * a third scored one day later over unchanged data. Counts each run's calls the way the CRM bills them, from
 * the emulators' request logs, per entity and per kind, next to the fewest calls the documented limits
 * allow; and `writesOnUnchangedNight`: records the next-day run wrote ÷ records (≤ 1 %).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import {
  HS_ASSOCIATION_BATCH_MAX,
  HS_BATCH_MAX,
  HS_LIST_MEMBERSHIP_PAGE_MAX,
  HS_LIST_PAGE_MAX,
  HS_LIST_SEARCH_PAGE_MAX,
  HS_MEMBERSHIP_CHANGE_MAX,
  HS_SEARCH_PAGE_MAX,
  HS_SEARCH_RESULT_CAP,
} from '../connectors/hubspot/limits.js';
import {
  SF_BULK_RESULTS_PAGE,
  SF_COLLECTION_MAX,
  SF_QUERY_BATCH_MAX,
} from '../connectors/salesforce/limits.js';
import { cheapestRead } from '../connectors/salesforce/read-choice.js';
import { emulatorEnv } from '../devkit/cli/demo-run.js';
import { startEmulatorWorkers } from '../devkit/seeder/index.js';
import { compileMapping, loadMappings } from '../src/mapping/index.js';
import type { CrmSystem } from '../src/model/index.js';
import { openStore } from '../src/store/index.js';
import { openConnectors } from '../src/sync/open-connectors.js';
import { type PipelineResult, runPipeline } from '../src/sync/run-pipeline.js';
import { benchOptions } from './bench-options.js';
import type { Benchmark } from './run.js';

const ArgsSchema = z.object({
  partners: z.coerce.number().int().positive().default(20_000),
  deals: z.coerce.number().int().min(0).default(200_000),
  certifications: z.coerce.number().int().min(0).default(60_000),
  seed: z.coerce.number().int().default(42),
});

const SYSTEMS: CrmSystem[] = ['salesforce', 'hubspot'];
/** The control endpoint keeps the last 10,000 entries; Salesforce runs make far fewer calls. */
const LOG_ENTRIES_MAX = 10_000;

/** What a call is billed as. */
type CallKind =
  | 'read page'
  | 'association read'
  | 'associated-record batch read'
  | 'write batch'
  | 'list lookup'
  | 'list create'
  | 'list membership read'
  | 'list membership change'
  | 'list rename'
  | 'other';

/** `GET /__emulator/requests` (devkit/emulators/kit/control-routes.ts). */
const RequestLogSchema = z.object({
  total: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  entries: z.array(z.object({ seq: z.number().int(), route: z.string(), path: z.string() })),
});
type RequestLogAnswer = z.infer<typeof RequestLogSchema>;

const ListSearchSchema = z.object({
  lists: z.array(
    z.object({
      name: z.string(),
      additionalProperties: z.record(z.string(), z.string()).default({}),
    }),
  ),
  hasMore: z.boolean(),
  offset: z.number().int(),
});

async function requestLog(url: string): Promise<RequestLogAnswer> {
  const answer = await fetch(`${url}/__emulator/requests?limit=${LOG_ENTRIES_MAX}`);
  if (!answer.ok) throw new Error(`emulator request log at ${url}: HTTP ${answer.status}`);
  return RequestLogSchema.parse(await answer.json());
}

/** Per-route counts of one run: the log's counts now minus before. */
function countsSince(before: RequestLogAnswer, after: RequestLogAnswer): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [route, n] of Object.entries(after.counts)) {
    const d = n - (before.counts[route] ?? 0);
    if (d > 0) out[route] = d;
  }
  return out;
}

/** A HubSpot route key (devkit/emulators/hubspot/route-keys.ts) as a billed kind and the object it concerns. */
function hubspotCall(route: string): { kind: CallKind; object: string } {
  const m = (re: RegExp) => route.match(re);
  let r = m(/^GET \/crm\/v3\/objects\/([^/]+)$/) ?? m(/^POST \/crm\/v3\/objects\/([^/]+)\/search$/);
  if (r) return { kind: 'read page', object: r[1] ?? '' };
  r = m(/^POST \/crm\/v3\/objects\/([^/]+)\/batch\/read$/);
  if (r) return { kind: 'associated-record batch read', object: r[1] ?? '' };
  r = m(/^POST \/crm\/v3\/objects\/([^/]+)\/batch\/update$/);
  if (r) return { kind: 'write batch', object: r[1] ?? '' };
  r = m(/^POST \/crm\/v4\/associations\/([^/]+)\/([^/]+)\/batch\/read$/);
  if (r) return { kind: 'association read', object: `${r[1]}→${r[2]}` };
  if (route === 'POST /crm/v3/lists/search' || route.includes('/lists/object-type-id/'))
    return { kind: 'list lookup', object: 'lists' };
  if (route === 'POST /crm/v3/lists') return { kind: 'list create', object: 'lists' };
  if (route === 'GET /crm/v3/lists/:listId/memberships')
    return { kind: 'list membership read', object: 'lists' };
  if (route.startsWith('PUT /crm/v3/lists/:listId/memberships/'))
    return { kind: 'list membership change', object: 'lists' };
  if (route.endsWith('/update-list-name')) return { kind: 'list rename', object: 'lists' };
  return { kind: 'other', object: route };
}

/** The object of a SOQL query's outer FROM (subqueries removed first). */
function soqlObject(path: string): string | null {
  const q = new URL(path, 'http://emulator').searchParams.get('q');
  if (!q) return null;
  let outer = q;
  for (let prev = ''; prev !== outer; ) {
    prev = outer;
    outer = outer.replace(/\([^()]*\)/g, '');
  }
  return outer.match(/\bFROM\s+(\w+)/i)?.[1] ?? null;
}

/**
 * Salesforce calls in order, each with its kind and object. Query routes do not name their object past the
 * first page, and Bulk jobs never do in the path; entities are read one after another, so a call belongs
 * to the object of the last query that named one.
 */
function salesforceCalls(entries: RequestLogAnswer['entries'], writeObject: string) {
  let current = '(unknown)';
  return entries.map(({ route }, i) => {
    const method = route.split(' ')[0];
    if (/ \/(query|queryAll)$/.test(route)) current = soqlObject(entries[i]?.path ?? '') ?? current;
    if (/ \/(query|queryAll)(\/:locator)?$/.test(route) || route.includes('/jobs/query'))
      return { kind: 'read page' as const, object: current };
    if (route.includes('/composite/sobjects') && method !== 'GET')
      return { kind: 'write batch' as const, object: writeObject };
    if (route.includes('/jobs/ingest')) return { kind: 'write batch' as const, object: writeObject };
    return { kind: 'other' as const, object: route };
  });
}

/** Our HubSpot lists before a run and their sizes (the search answers `hs_list_size` with each list). */
async function hubspotListSizes(url: string, token: string, prefixes: readonly string[]): Promise<number[]> {
  const sizes: number[] = [];
  for (let offset = 0; ; ) {
    const answer = await fetch(`${url}/crm/v3/lists/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '',
        processingTypes: ['MANUAL'],
        offset,
        count: HS_LIST_SEARCH_PAGE_MAX,
      }),
    });
    const page = ListSearchSchema.parse(await answer.json());
    for (const l of page.lists) {
      if (prefixes.some((p) => l.name.startsWith(p)))
        sizes.push(Number(l.additionalProperties.hs_list_size ?? 0));
    }
    if (!page.hasMore || page.lists.length === 0) return sizes;
    offset = page.offset;
  }
}

const SchemasSchema = z.object({
  results: z.array(z.object({ objectTypeId: z.string(), name: z.string() })),
});

/** Custom object names by objectTypeId: `GET /crm-object-schemas/v3/schemas`. */
async function hubspotTypeNames(url: string, token: string): Promise<Record<string, string>> {
  const answer = await fetch(`${url}/crm-object-schemas/v3/schemas`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const { results } = SchemasSchema.parse(await answer.json());
  return Object.fromEntries(results.map((r) => [r.objectTypeId, r.name]));
}

interface CallRow {
  crm: CrmSystem;
  entity: string;
  kind: CallKind;
  actual: number;
  minimum: number;
}

/**
 * Fewest read pages for n records: Salesforce the cheaper of REST pages and a Bulk job (the connector's own
 * cost model; REST only for plans with subqueries, which Bulk API 2.0 cannot read); HubSpot search pages.
 */
function minimumReadPages(system: CrmSystem, n: number, bulkAllowed: boolean): number {
  if (system === 'salesforce')
    return cheapestRead(n, { resultsPage: SF_BULK_RESULTS_PAGE, bulkAllowed }).calls;
  // Search pages of 200, sorted by id with an id filter, so no query pages past the 10,000-result cap.
  return Math.max(1, Math.ceil(n / HS_SEARCH_PAGE_MAX));
}

/** What the run needed to know, per CRM, to bound its calls. */
interface RunFacts {
  result: PipelineResult;
  counts: Record<CrmSystem, Record<string, number>>;
  salesforceEntries: RequestLogAnswer['entries'];
  /** Sizes of our HubSpot lists before the run. */
  listSizesBefore: number[];
  /** True on the process's first run: it knows no list's members yet and must read every non-empty one. */
  listsUnknown: boolean;
  listPrefixes: number;
  /** Salesforce entities whose plans carry subqueries (read by REST pages only). */
  subqueries: ReadonlySet<string>;
  portal: Record<string, number>;
  /** Custom object names by objectTypeId (`2-…` in paths), so their calls land on their entity. */
  hubspotTypes: Record<string, string>;
}

/** HubSpot object name of each pulled entity, and records read per object. */
function pulled(result: PipelineResult, system: CrmSystem) {
  const entities = Object.entries(result.figures.systems[system]?.pull?.entities ?? {});
  const entityOf = (object: string) =>
    entities.find(([, e]) => e && (e.object === object || `p_${e.object}` === object))?.[0] ?? object;
  const fetchedOf = (object: string) =>
    entities.reduce(
      (n, [, e]) => n + (e && (e.object === object || `p_${e.object}` === object) ? e.fetched : 0),
      0,
    );
  return { entities, entityOf, fetchedOf };
}

function callRows(facts: RunFacts): CallRow[] {
  const rows = new Map<string, CallRow>();
  const add = (crm: CrmSystem, entity: string, kind: CallKind, actual: number, minimum = 0) => {
    const key = `${crm}|${entity}|${kind}`;
    const row = rows.get(key) ?? { crm, entity, kind, actual: 0, minimum: 0 };
    row.actual += actual;
    row.minimum = Math.max(row.minimum, minimum);
    rows.set(key, row);
  };
  for (const system of SYSTEMS) {
    const { entities, entityOf } = pulled(facts.result, system);
    // Every pulled entity costs at least one read, even on a night when nothing changed.
    for (const [name, e] of entities)
      if (e)
        add(system, name, 'read page', 0, minimumReadPages(system, e.fetched, !facts.subqueries.has(name)));
    const w = facts.result.figures.systems[system]?.writeback;
    const written = w?.written ?? 0;
    const batch = system === 'salesforce' ? SF_COLLECTION_MAX : HS_BATCH_MAX;
    if (w) add(system, 'partners', 'write batch', 0, Math.ceil(written / batch));
    if (system === 'salesforce') {
      const objects = salesforceCalls(facts.salesforceEntries, 'partners');
      for (const c of objects)
        add(system, c.object === 'partners' ? c.object : entityOf(c.object), c.kind, 1);
    }
  }
  const hs = pulled(facts.result, 'hubspot');
  const into = new Map<string, number>();
  const named = (object: string) => facts.hubspotTypes[object] ?? object;
  const hubspotCalls = Object.entries(facts.counts.hubspot).map(([route, n]) => {
    const call = hubspotCall(route);
    return { ...call, object: call.object.split('→').map(named).join('→'), n };
  });
  for (const { n, ...call } of hubspotCalls) {
    if (call.kind === 'association read') {
      const [from = '', to = ''] = call.object.split('→');
      const fetched = hs.fetchedOf(from);
      into.set(to, (into.get(to) ?? 0) + fetched);
      add(
        'hubspot',
        `${hs.entityOf(from)}→${to}`,
        call.kind,
        n,
        Math.ceil(fetched / HS_ASSOCIATION_BATCH_MAX),
      );
    } else if (call.kind === 'write batch') {
      add('hubspot', 'partners', call.kind, n);
    } else if (call.kind.startsWith('list')) {
      add('hubspot', 'lists', call.kind, n);
    } else if (call.kind !== 'associated-record batch read') {
      add('hubspot', hs.entityOf(call.object), call.kind, n);
    }
  }
  for (const { n, ...call } of hubspotCalls) {
    if (call.kind !== 'associated-record batch read') continue;
    // Distinct associated ids are not in the log: at least one per record read, at most the portal's records.
    const ids = Math.min(into.get(call.object) ?? 0, facts.portal[call.object] ?? Number.POSITIVE_INFINITY);
    add('hubspot', call.object, call.kind, n, Math.ceil(ids / HS_BATCH_MAX));
  }
  const lists = facts.result.figures.systems.hubspot?.writeback?.lists;
  if (lists) {
    // Every list created, changed or retired takes one add-and-remove call at least (renames aside).
    const changed = lists.created + lists.updated + lists.retired;
    const moved = lists.membersAdded + lists.membersRemoved;
    // One search page per prefix finds the lists; after changes, one more learns their new change signals.
    const pages = Math.max(1, Math.ceil(facts.listSizesBefore.length / HS_LIST_SEARCH_PAGE_MAX));
    const lookups = facts.listPrefixes * pages * (changed > 0 ? 2 : 1);
    add('hubspot', 'lists', 'list lookup', 0, lookups);
    add('hubspot', 'lists', 'list create', 0, lists.created);
    add(
      'hubspot',
      'lists',
      'list membership change',
      0,
      Math.max(changed, Math.ceil(moved / HS_MEMBERSHIP_CHANGE_MAX)),
    );
    // A list is read when its change signals moved since the process last knew it: in the bench, only on
    // the first run (every existing non-empty list, one page of 250 at a time); nothing changes between runs.
    const reads = facts.listsUnknown
      ? facts.listSizesBefore.reduce((s, size) => s + Math.ceil(size / HS_LIST_MEMBERSHIP_PAGE_MAX), 0)
      : 0;
    add('hubspot', 'lists', 'list membership read', 0, reads);
  }
  return [...rows.values()].sort(
    (a, b) => a.crm.localeCompare(b.crm) || a.entity.localeCompare(b.entity) || a.kind.localeCompare(b.kind),
  );
}

/** Records the run wrote ÷ records it could write, for one CRM or (system omitted) all of them. */
function writeShare(result: PipelineResult, system?: CrmSystem): number {
  const figures = (system ? [system] : SYSTEMS).map((s) => result.figures.systems[s]?.writeback);
  const records = figures.reduce((n, w) => n + (w?.records ?? 0), 0);
  const written = figures.reduce((n, w) => n + (w?.written ?? 0), 0);
  return records === 0 ? 0 : written / records;
}

const ratio = (actual: number, minimum: number) =>
  minimum === 0 ? null : Math.round((actual / minimum) * 100) / 100;

function rowsOf(label: string, facts: RunFacts, seconds: number) {
  const calls = callRows(facts);
  const summary = SYSTEMS.map((system) => {
    const f = facts.result.figures.systems[system];
    const read = Object.values(f?.pull?.entities ?? {}).reduce((n, e) => n + (e?.fetched ?? 0), 0);
    const mine = calls.filter((c) => c.crm === system);
    const billed = Object.values(facts.counts[system]).reduce((n, c) => n + c, 0);
    const minimum = mine.reduce((n, c) => n + c.minimum, 0);
    const lists = mine.filter((c) => c.kind.startsWith('list'));
    return {
      run: label,
      crm: system,
      status: facts.result.run.status,
      seconds: Math.round(seconds * 10) / 10,
      'records read': read,
      'records written': f?.writeback?.written ?? 0,
      'API calls': billed,
      'minimum calls': minimum,
      'actual/minimum': ratio(billed, minimum),
      'list calls': lists.reduce((n, c) => n + c.actual, 0),
      'list calls minimum': lists.reduce((n, c) => n + c.minimum, 0),
      '429s': f?.usage?.rateLimited ?? 0,
    };
  });
  const detail = calls.map((c) => ({
    run: label,
    crm: c.crm,
    entity: c.entity,
    kind: c.kind,
    'API calls': c.actual,
    'minimum calls': c.minimum,
    'actual/minimum': ratio(c.actual, c.minimum),
  }));
  return [...summary, ...detail];
}

export const bench: Benchmark = {
  description:
    'the nightly run end to end on both emulators (default 20k partners, 200k deals): time and billed API calls per entity and kind against the documented minimum',
  async run(args) {
    const o = benchOptions(args, ArgsSchema);
    const mappings = loadMappings('mappings');
    const work = mkdtempSync(join(tmpdir(), 'atlas-bench-pipeline-'));
    const emulators = await startEmulatorWorkers({
      partners: o.partners,
      deals: o.deals,
      certifications: o.certifications,
      seed: o.seed,
      now: '2026-06-30',
      taxonomy: mappings.taxonomy,
      systems: SYSTEMS,
      threads: 'auto',
    });
    const store = await openStore({ dbPath: join(work, 'atlas.db') });
    try {
      const env = emulatorEnv(emulators.env);
      const urls = { salesforce: emulators.salesforce?.url ?? '', hubspot: emulators.hubspot?.url ?? '' };
      const token = emulators.hubspot?.accessToken ?? '';
      const prefixes = (mappings.hubspot?.writeback?.lists ?? []).map((l) => l.namePrefix);
      const subqueries = new Set(
        compileMapping(mappings.salesforce!, mappings.taxonomy)
          .readPlans()
          .filter((p) => p.children.length > 0)
          .map((p) => p.entity as string),
      );
      const portal = emulators.figures.hubspot ?? {};
      const connectors = await openConnectors(SYSTEMS, env, mappings);
      for (const connector of Object.values(connectors)) {
        if (connector) await connector.applyProvision(await connector.planProvision());
      }
      const hubspotTypes = await hubspotTypeNames(urls.hubspot, token);
      let runs = 0;
      const timed = async (full: boolean, scoreAt = '2026-06-30T02:00:00.000Z') => {
        const listSizesBefore = await hubspotListSizes(urls.hubspot, token, prefixes);
        const before = {
          salesforce: await requestLog(urls.salesforce),
          hubspot: await requestLog(urls.hubspot),
        };
        const started = performance.now();
        const result = await runPipeline({ store, mappings, connectors, full, scoreAt });
        const seconds = (performance.now() - started) / 1000;
        const after = {
          salesforce: await requestLog(urls.salesforce),
          hubspot: await requestLog(urls.hubspot),
        };
        const lastSeen = before.salesforce.entries.at(-1)?.seq ?? 0;
        const facts: RunFacts = {
          result,
          counts: {
            salesforce: countsSince(before.salesforce, after.salesforce),
            hubspot: countsSince(before.hubspot, after.hubspot),
          },
          salesforceEntries: after.salesforce.entries.filter((e) => e.seq > lastSeen),
          listSizesBefore,
          listsUnknown: runs++ === 0,
          listPrefixes: prefixes.length,
          subqueries,
          portal,
          hubspotTypes,
        };
        return { facts, seconds };
      };
      const first = await timed(true);
      const second = await timed(false);
      // One day later, nothing changed in the CRMs: scores decay a little, and nothing should be written.
      const nextDay = await timed(false, '2026-07-01T02:00:00.000Z');
      const steps = Object.entries(first.facts.result.figures.durationsMs)
        .map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`)
        .join(', ');
      const share = writeShare(nextDay.facts.result);
      return {
        name: 'pipeline',
        rows: [
          ...rowsOf('full', first.facts, first.seconds),
          ...rowsOf('unchanged', second.facts, second.seconds),
          ...rowsOf('next day', nextDay.facts, nextDay.seconds),
          ...SYSTEMS.map((crm) => ({
            run: 'next day',
            crm,
            writesOnUnchangedNight: writeShare(nextDay.facts.result, crm),
          })),
          { run: 'next day', crm: 'all', writesOnUnchangedNight: share },
        ],
        notes: [
          `${o.partners} partners, ${o.deals} deals, ${o.certifications} certifications seeded across both emulators (worker threads)`,
          `full run steps: ${steps}`,
          `writesOnUnchangedNight: ${(share * 100).toFixed(2)} % of records written one day later over unchanged CRM data (target ≤ 1 %)`,
          'API calls: requests each emulator logged during the run (its /__emulator/requests counts), as the CRM bills them; provisioning and the bench’s own list-size look-ups are not counted',
          `minimum reads per entity: Salesforce the cheaper of REST pages of ${SF_QUERY_BATCH_MAX} and a Bulk API 2.0 job (create + 1 poll + results pages of ${SF_BULK_RESULTS_PAGE}); HubSpot search pages of ${HS_SEARCH_PAGE_MAX} (keyed on hs_object_id, so the ${HS_SEARCH_RESULT_CAP}-result cap of one query never binds; full reads by list pages of ${HS_LIST_PAGE_MAX} spend twice the calls to stay off the search rate limit); at least one call per entity, which is all an unchanged night needs`,
          `minimum HubSpot association reads: v4 batch reads of ${HS_ASSOCIATION_BATCH_MAX} ids per records read; associated-record batch reads of ${HS_BATCH_MAX} ids, estimated from records read (capped by the portal’s records of that type) since distinct ids are not in the log`,
          `minimum writes: batches of ${SF_COLLECTION_MAX} (Salesforce sObject Collections) and ${HS_BATCH_MAX} (HubSpot batch update) per record written`,
          `minimum HubSpot list calls: one search page (≤ ${HS_LIST_SEARCH_PAGE_MAX} lists) per list kind (a second after changes, for the lists' new change signals), one create per new list, add-and-remove calls of ≤ ${HS_MEMBERSHIP_CHANGE_MAX} ids for each changed list, and member pages (${HS_LIST_MEMBERSHIP_PAGE_MAX}) only of lists whose size / last add / last removal moved since the process last knew them (the memory lives as long as the process: the three runs here, or the scheduled runs of \`atlas serve\`; a process's first run, such as a separate CLI run each night, reads every existing non-empty list once)`,
          'Salesforce query-more and Bulk job calls name no object: each is counted under the object of the last query that named one (entities are read one after another)',
        ],
      };
    } finally {
      await store.close();
      await emulators.close();
      rmSync(work, { recursive: true, force: true });
    }
  },
};
