/** Write-back bookkeeping: the values last written to each CRM field, and the writes that failed. */
import type { Kysely } from 'kysely';
import type { CrmSystem } from '../model/index.js';
import type { BulkWriter } from './bulk-write.js';
import { canonicalTime, decodeBool, encodeBool, encodeJson } from './column-values.js';
import { inTransaction, lastByKey } from './in-transaction.js';
import { pushValues } from './model-rows.js';
import {
  type LastWrittenValue,
  LastWrittenValueSchema,
  type WriteFailure,
  type WriteFailureInput,
  WriteFailureSchema,
} from './records.js';
import { parseRow, readJson } from './row-validation.js';
import type { Database } from './schema.js';

export async function listLastWritten(
  db: Kysely<Database>,
  filter: { system: CrmSystem; object?: string },
): Promise<LastWrittenValue[]> {
  let query = db.selectFrom('last_written').selectAll().where('system', '=', filter.system);
  if (filter.object !== undefined) query = query.where('object', '=', filter.object);
  const rows = await query.orderBy('object').orderBy('record_id').orderBy('field').execute();
  return rows.map((row) => {
    const at = { table: 'last_written', rowId: `${row.system}/${row.object}/${row.record_id}/${row.field}` };
    return parseRow(
      LastWrittenValueSchema,
      {
        system: row.system,
        object: row.object,
        recordId: row.record_id,
        field: row.field,
        value: readJson(row.value, { ...at, column: 'value' }),
        writtenAt: row.written_at,
      },
      at,
    );
  });
}

/** Upserts by (system, object, record, field); the latest value and time win. */
export async function saveLastWritten(
  db: Kysely<Database>,
  bulk: BulkWriter,
  values: readonly LastWrittenValue[],
): Promise<void> {
  const rows = lastByKey(
    values.map((v) => ({
      system: v.system,
      object: v.object,
      record_id: v.recordId,
      field: v.field,
      value: encodeJson(v.value),
      written_at: canonicalTime(v.writtenAt, 'writtenAt'),
    })),
    (r) => [r.system, r.object, r.record_id, r.field].join('|'),
  );
  await inTransaction(db, (trx) =>
    bulk.run(trx, 'last_written:upsert', rows, pushValues, (chunk) =>
      trx
        .insertInto('last_written')
        .values([...chunk])
        .onConflict((oc) =>
          oc.columns(['system', 'object', 'record_id', 'field']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            written_at: eb.ref('excluded.written_at'),
          })),
        ),
    ),
  );
}

/** Inserts new failures with one attempt; a record already failing gets attempts + 1 and the latest error. */
export async function recordWriteFailures(
  db: Kysely<Database>,
  bulk: BulkWriter,
  failures: readonly WriteFailureInput[],
  at: string,
): Promise<void> {
  const now = canonicalTime(at, 'at');
  const rows = lastByKey(
    failures.map((f) => ({
      system: f.system,
      object: f.object,
      record_id: f.recordId,
      fields: encodeJson(f.fields),
      values_sent: f.values === null || f.values === undefined ? null : encodeJson(f.values),
      code: f.code,
      message: f.message,
      transient: encodeBool(f.transient),
      attempts: 1,
      first_at: now,
      last_at: now,
    })),
    (r) => [r.system, r.object, r.record_id].join('|'),
  );
  await inTransaction(db, (trx) =>
    bulk.run(trx, 'write_failures:upsert', rows, pushValues, (chunk) =>
      trx
        .insertInto('write_failures')
        .values([...chunk])
        .onConflict((oc) =>
          oc.columns(['system', 'object', 'record_id']).doUpdateSet((eb) => ({
            fields: eb.ref('excluded.fields'),
            values_sent: eb.ref('excluded.values_sent'),
            code: eb.ref('excluded.code'),
            message: eb.ref('excluded.message'),
            transient: eb.ref('excluded.transient'),
            attempts: eb(eb.ref('write_failures.attempts'), '+', eb.ref('excluded.attempts')),
            last_at: eb.ref('excluded.last_at'),
          })),
        ),
    ),
  );
}

export async function listWriteFailures(
  db: Kysely<Database>,
  filter: { system?: CrmSystem; object?: string } = {},
): Promise<WriteFailure[]> {
  let query = db.selectFrom('write_failures').selectAll();
  if (filter.system !== undefined) query = query.where('system', '=', filter.system);
  if (filter.object !== undefined) query = query.where('object', '=', filter.object);
  const rows = await query.orderBy('system').orderBy('object').orderBy('record_id').execute();
  return rows.map((row) => {
    const at = { table: 'write_failures', rowId: `${row.system}/${row.object}/${row.record_id}` };
    return parseRow(
      WriteFailureSchema,
      {
        system: row.system,
        object: row.object,
        recordId: row.record_id,
        fields: readJson(row.fields, { ...at, column: 'fields' }),
        values: readJson(row.values_sent, { ...at, column: 'values_sent' }),
        code: row.code,
        message: row.message,
        transient: decodeBool(row.transient),
        attempts: row.attempts,
        firstAt: row.first_at,
        lastAt: row.last_at,
      },
      at,
    );
  });
}

export async function clearWriteFailures(
  db: Kysely<Database>,
  bulk: BulkWriter,
  system: CrmSystem,
  object: string,
  recordIds: readonly string[],
): Promise<number> {
  const ids = [...new Set(recordIds)];
  return inTransaction(db, async (trx) => {
    let cleared = 0;
    for (const chunk of bulk.chunks(ids, 1, 2)) {
      const result = await trx
        .deleteFrom('write_failures')
        .where('system', '=', system)
        .where('object', '=', object)
        .where('record_id', 'in', chunk)
        .executeTakeFirst();
      cleared += Number(result.numDeletedRows);
    }
    return cleared;
  });
}
