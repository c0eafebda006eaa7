/** Level overrides a programme team set, and the demotions waiting for (or past) their review. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { AtlasError } from '../errors.js';
import {
  type Actor,
  type DemotionReview,
  DemotionReviewSchema,
  type DemotionStatus,
  type LevelOverride,
  LevelOverrideSchema,
  type NewDemotionReview,
  type NewLevelOverride,
} from '../model/index.js';
import { canonicalTime } from './column-values.js';
import { inTransaction } from './in-transaction.js';
import { parseRow } from './row-validation.js';
import type { Database, DemotionReviewsTable, LevelOverridesTable } from './schema.js';
import type { DemotionReviewUpdate, ListOverridesOptions } from './store.js';

function actorOf(userId: string | null, name: string | null): Actor | null {
  return name === null ? null : { userId, name };
}

function toOverride(row: Selectable<LevelOverridesTable>): LevelOverride {
  return parseRow(
    LevelOverrideSchema,
    {
      id: row.id,
      partnerId: row.partner_id,
      cell: row.cell,
      kind: row.kind,
      level: row.level,
      reason: row.reason,
      author: { userId: row.author_user_id, name: row.author_name },
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      removedAt: row.removed_at,
      removedBy: actorOf(row.removed_by_user_id, row.removed_by_name),
    },
    { table: 'level_overrides', rowId: row.id },
  );
}

function notFound(what: string, id: string): AtlasError {
  return new AtlasError('STORE_RECORD_NOT_FOUND', `No ${what} ${id} in the store`, { context: { id } });
}

export async function addOverride(db: Kysely<Database>, override: NewLevelOverride): Promise<LevelOverride> {
  const row = {
    id: randomUUID(),
    partner_id: override.partnerId,
    cell: override.cell,
    kind: override.kind,
    level: override.level,
    reason: override.reason,
    author_user_id: override.author.userId,
    author_name: override.author.name,
    created_at: canonicalTime(override.createdAt, 'createdAt'),
    expires_at: override.expiresAt === null ? null : canonicalTime(override.expiresAt, 'expiresAt'),
    removed_at: null,
    removed_by_user_id: null,
    removed_by_name: null,
  };
  await db.insertInto('level_overrides').values(row).execute();
  return toOverride(row);
}

export async function getOverride(db: Kysely<Database>, id: string): Promise<LevelOverride | undefined> {
  const row = await db.selectFrom('level_overrides').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toOverride(row);
}

export async function listOverrides(
  db: Kysely<Database>,
  options: ListOverridesOptions = {},
): Promise<LevelOverride[]> {
  let query = db.selectFrom('level_overrides').selectAll();
  if (options.partnerId !== undefined) query = query.where('partner_id', '=', options.partnerId);
  if (options.activeAt !== undefined) {
    const at = canonicalTime(options.activeAt, 'activeAt');
    query = query
      .where((eb) => eb.or([eb('removed_at', 'is', null), eb('removed_at', '>', at)]))
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
      .where('created_at', '<=', at);
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toOverride);
}

export async function removeOverride(
  db: Kysely<Database>,
  id: string,
  by: Actor,
  at: string,
): Promise<LevelOverride> {
  await db
    .updateTable('level_overrides')
    .set({ removed_at: canonicalTime(at, 'at'), removed_by_user_id: by.userId, removed_by_name: by.name })
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .execute();
  const override = await getOverride(db, id);
  if (override === undefined) throw notFound('override', id);
  return override;
}

function toReview(row: Selectable<DemotionReviewsTable>): DemotionReview {
  return parseRow(
    DemotionReviewSchema,
    {
      id: row.id,
      partnerId: row.partner_id,
      cell: row.cell,
      fromLevel: row.from_level,
      toLevel: row.to_level,
      status: row.status,
      firstRunId: row.first_run_id,
      firstSeenAt: row.first_seen_at,
      lastSeenAt: row.last_seen_at,
      decidedAt: row.decided_at,
      decidedBy: actorOf(row.decided_by_user_id, row.decided_by_name),
      note: row.note,
    },
    { table: 'demotion_reviews', rowId: row.id },
  );
}

export async function addDemotionReviews(
  db: Kysely<Database>,
  reviews: readonly NewDemotionReview[],
): Promise<DemotionReview[]> {
  const rows = reviews.map((review) => {
    const seen = canonicalTime(review.firstSeenAt, 'firstSeenAt');
    return {
      id: randomUUID(),
      partner_id: review.partnerId,
      cell: review.cell,
      from_level: review.fromLevel,
      to_level: review.toLevel,
      status: 'pending' satisfies DemotionStatus,
      first_run_id: review.firstRunId,
      first_seen_at: seen,
      last_seen_at: seen,
      decided_at: null,
      decided_by_user_id: null,
      decided_by_name: null,
      note: null,
    };
  });
  // 13 columns × 500 rows stay far under either dialect's parameter limit.
  await inTransaction(db, async (trx) => {
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto('demotion_reviews')
        .values(rows.slice(i, i + 500))
        .execute();
    }
  });
  return rows.map(toReview);
}

export async function getDemotionReview(
  db: Kysely<Database>,
  id: string,
): Promise<DemotionReview | undefined> {
  const row = await db.selectFrom('demotion_reviews').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toReview(row);
}

export async function listDemotionReviews(
  db: Kysely<Database>,
  filter: { status?: readonly DemotionStatus[]; partnerId?: string } = {},
): Promise<DemotionReview[]> {
  let query = db.selectFrom('demotion_reviews').selectAll();
  if (filter.status !== undefined) {
    if (filter.status.length === 0) return [];
    query = query.where('status', 'in', filter.status);
  }
  if (filter.partnerId !== undefined) query = query.where('partner_id', '=', filter.partnerId);
  const rows = await query.orderBy('first_seen_at').orderBy('id').execute();
  return rows.map(toReview);
}

export async function updateDemotionReviews(
  db: Kysely<Database>,
  updates: readonly DemotionReviewUpdate[],
): Promise<number> {
  return inTransaction(db, async (trx) => {
    let applied = 0;
    for (const update of updates) if (await updateReview(trx, update)) applied++;
    return applied;
  });
}

/** Whether the update applied: false when its `ifStatus` no longer holds. */
async function updateReview(db: Kysely<Database>, update: DemotionReviewUpdate): Promise<boolean> {
  const set: Partial<Selectable<DemotionReviewsTable>> = {};
  if (update.status !== undefined) set.status = update.status;
  if (update.toLevel !== undefined) set.to_level = update.toLevel;
  if (update.lastSeenAt !== undefined) set.last_seen_at = canonicalTime(update.lastSeenAt, 'lastSeenAt');
  if (update.decidedAt !== undefined)
    set.decided_at = update.decidedAt === null ? null : canonicalTime(update.decidedAt, 'decidedAt');
  if (update.decidedBy !== undefined) {
    set.decided_by_user_id = update.decidedBy?.userId ?? null;
    set.decided_by_name = update.decidedBy?.name ?? null;
  }
  if (update.note !== undefined) set.note = update.note;
  if (Object.keys(set).length === 0) return true;
  let query = db.updateTable('demotion_reviews').set(set).where('id', '=', update.id);
  if (update.ifStatus !== undefined) query = query.where('status', '=', update.ifStatus);
  const result = await query.executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return true;
  if (update.ifStatus !== undefined && (await getDemotionReview(db, update.id)) !== undefined) return false;
  throw notFound('demotion review', update.id);
}
