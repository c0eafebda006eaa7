/**
 * Finds the records a CRM deleted (or archived) since the last pass and soft-deletes them in the store.
 * When the CRM can no longer tell (its delete window has passed), compares full id sets instead.
 */
import { z } from 'zod';
import type { Connector, ReadPlan } from '../../connectors/types.js';
import type { Store } from '../store/index.js';

/** Deletion passes keep their own cursor next to the read cursor of the object. */
const deletesKey = (object: string) => `${object}#deletes`;
const DeletesCursorSchema = z.object({ since: z.iso.datetime() });

export interface DeletionFigures {
  deleted: number;
  reconciled: boolean;
}

export async function pullDeletions(options: {
  connector: Connector;
  store: Store;
  plan: ReadPlan;
  runStartedAt: string;
  /**
   * Ids of a read that started without a cursor and completed: every live record was just read, so the
   * stored ones not among them are gone, with no API call.
   */
  fullReadIds: ReadonlySet<string> | null;
  signal?: AbortSignal;
}): Promise<DeletionFigures> {
  const { connector, store, plan, runStartedAt } = options;
  const saved = DeletesCursorSchema.safeParse(await store.getCursor(plan.system, deletesKey(plan.object)));
  const since = saved.success ? saved.data.since : null;
  let deleted = 0;
  const markGone = async (live: ReadonlySet<string>) => {
    const gone = (await store.liveSourceIds(plan.system, plan.object)).filter((id) => !live.has(id));
    return store.markDeleted(plan.system, plan.object, gone, runStartedAt);
  };
  if (options.fullReadIds) {
    deleted = await markGone(options.fullReadIds);
    await store.saveCursor(
      plan.system,
      deletesKey(plan.object),
      { since: runStartedAt },
      new Date().toISOString(),
    );
    return { deleted, reconciled: true };
  }
  let reconcile = since === null;
  if (!reconcile) {
    for await (const page of connector.readDeleted(plan, {
      since,
      runStartedAt,
      ...(options.signal ? { signal: options.signal } : {}),
    })) {
      if (page.kind === 'reconcile') {
        reconcile = true;
        break;
      }
      deleted += await store.markDeleted(plan.system, plan.object, page.ids, runStartedAt);
    }
  }
  if (reconcile) {
    const live = new Set<string>();
    for await (const ids of connector.listIds(plan, options.signal ? { signal: options.signal } : {})) {
      for (const id of ids) live.add(id);
    }
    deleted += await markGone(live);
  }
  await store.saveCursor(
    plan.system,
    deletesKey(plan.object),
    { since: runStartedAt },
    new Date().toISOString(),
  );
  return { deleted, reconciled: reconcile };
}
