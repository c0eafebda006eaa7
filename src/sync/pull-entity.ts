/**
 * Pulls one entity of one CRM: page by page, each page mapped, stored with its record issues and its
 * cursor in one transaction — a run killed anywhere resumes after the last stored page.
 */
import type { Connector, ReadPlan } from '../../connectors/types.js';
import type { CompiledEntity, EntityName } from '../mapping/index.js';
import type { Store } from '../store/index.js';
import { countCorrected } from './record-fingerprints.js';
import { storeEntityRecords } from './store-entity-page.js';

export interface EntityFigures {
  object: string;
  /** True when the read started without a cursor. */
  full: boolean;
  fetched: number;
  stored: number;
  issues: number;
  deleted: number;
  pages: number;
  /** How the CRM was read (`rest`, `bulk2`, `search`, …), as the connector reported it. */
  via: string[];
  /** Records read again because records they are read through changed (pages `via: related`). */
  related?: number;
  /** On a full read over a store that held the entity: records whose stored values it changed or added. */
  corrected?: number;
  durationMs: number;
  /** Set when the entity stopped (schema drift, API budget, error). */
  error?: string;
}

export interface PullEntityOptions<E extends EntityName> {
  connector: Connector;
  store: Store;
  entity: CompiledEntity<E>;
  runId: string;
  runStartedAt: string;
  full: boolean;
  lookbackMs: number;
  /** What to read this run: the entity's plan, less the optional fields the CRM lacks. */
  plan?: ReadPlan;
  /** Records Atlas wrote back, by id, with when (see ReadOptions.ownWrites); incremental reads only. */
  ownWrites?: ReadonlyMap<string, string>;
  /** The stored records' fingerprints by object, for a full read to count what it corrected (record-fingerprints.ts). */
  stored?: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Write-back fields read on the same records (partners only), to see hand edits. */
  extraFields?: readonly string[];
  /** Receives the extra fields' values of each record read. */
  onExtraValues?: (recordId: string, values: Record<string, unknown>) => void;
  onPage?: (figures: EntityFigures, expectedTotal: number | null) => void;
  /** Receives every record id read, when the read is full (for deletions without API calls). */
  seenIds?: Set<string>;
  signal?: AbortSignal;
}

/** The `via` of pages a connector reads again because related records changed (see ReadPage.via). */
const RELATED_VIA = 'related';

export function emptyEntityFigures(object: string, full: boolean): EntityFigures {
  return { object, full, fetched: 0, stored: 0, issues: 0, deleted: 0, pages: 0, via: [], durationMs: 0 };
}

function pickExtra(values: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const field of fields) if (field in values) picked[field] = values[field];
  return picked;
}

export async function pullEntity<E extends EntityName>(
  options: PullEntityOptions<E>,
): Promise<EntityFigures> {
  const { connector, store, entity } = options;
  const started = Date.now();
  const plan: ReadPlan = options.plan ?? entity.readPlan;
  const cursor = options.full ? null : ((await store.getCursor(plan.system, plan.object)) ?? null);
  const figures = emptyEntityFigures(plan.object, cursor === null);
  const extra = options.extraFields ?? [];
  try {
    // A full read is told how many records the last one stored, so a connector can pick its cheapest path
    // (from the full run's stored model when there is one, else from the store).
    const known = options.stored?.get(plan.object)?.size;
    const expected =
      cursor === null ? (known ?? (await store.liveSourceIds(plan.system, plan.object)).length) : 0;
    for await (const page of connector.read(plan, {
      cursor,
      runStartedAt: options.runStartedAt,
      lookbackMs: options.lookbackMs,
      extraFields: extra,
      ...(expected > 0 ? { expectedRecords: expected } : {}),
      ...(cursor !== null && options.ownWrites ? { ownWrites: options.ownWrites } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })) {
      const mapped = entity.mapPage(page.records);
      const stored = figures.full ? options.stored?.get(plan.object) : undefined;
      if (stored) figures.corrected = (figures.corrected ?? 0) + countCorrected(mapped.records, stored);
      await store.transaction(async (tx) => {
        await storeEntityRecords(tx, entity.entity, mapped.records);
        if (mapped.issues.length > 0) await tx.addRecordIssues(options.runId, mapped.issues);
        await tx.saveCursor(plan.system, plan.object, page.cursor, new Date().toISOString());
      });
      if (options.seenIds) for (const raw of page.records) options.seenIds.add(raw.id);
      if (extra.length > 0 && options.onExtraValues) {
        for (const raw of page.records) options.onExtraValues(raw.id, pickExtra(raw.values, extra));
      }
      figures.pages++;
      figures.fetched += page.records.length;
      figures.stored += mapped.records.length;
      figures.issues += mapped.issues.length;
      if (!figures.via.includes(page.via)) figures.via.push(page.via);
      if (page.via === RELATED_VIA) figures.related = (figures.related ?? 0) + page.records.length;
      options.onPage?.(figures, page.expectedTotal);
    }
  } finally {
    figures.durationMs = Date.now() - started;
  }
  return figures;
}
