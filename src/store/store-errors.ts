/** Turns SQLite (better-sqlite3) and PostgreSQL (pg) failures into AtlasErrors that say what to do next. */
import { z } from 'zod';
import { AtlasError } from '../errors.js';
import type { DialectName } from './dialects.js';

/** Where a failure happened: enough to name the store in a message, never a password. */
export interface StoreWhere {
  dialect: DialectName;
  /** File path or password-free URL. */
  location: string;
  readOnly: boolean;
}

// better-sqlite3's SqliteError and pg's DatabaseError both carry a string `code`
// (SQLITE_* result codes, PostgreSQL SQLSTATE); socket failures carry Node's (ECONNREFUSED...).
const DriverErrorSchema = z.object({ code: z.string(), message: z.string() });

type Kind =
  | 'STORE_READ_ONLY'
  | 'STORE_CORRUPT'
  | 'STORE_BUSY'
  | 'STORE_FULL'
  | 'STORE_IO_ERROR'
  | 'STORE_CANT_OPEN'
  | 'STORE_UNAVAILABLE'
  | 'STORE_PERMISSION_DENIED'
  | 'STORE_CONSTRAINT'
  | 'STORE_ERROR';

/** SQLite result codes: https://www.sqlite.org/rescode.html ; PostgreSQL SQLSTATEs: https://www.postgresql.org/docs/current/errcodes-appendix.html */
function classify(code: string): Kind {
  if (code.startsWith('SQLITE_')) {
    if (code.startsWith('SQLITE_READONLY')) return 'STORE_READ_ONLY';
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'STORE_CORRUPT';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'STORE_BUSY';
    if (code === 'SQLITE_FULL') return 'STORE_FULL';
    if (code.startsWith('SQLITE_IOERR')) return 'STORE_IO_ERROR';
    if (code.startsWith('SQLITE_CANTOPEN')) return 'STORE_CANT_OPEN';
    if (code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH')) return 'STORE_PERMISSION_DENIED';
    if (code.startsWith('SQLITE_CONSTRAINT')) return 'STORE_CONSTRAINT';
    return 'STORE_ERROR';
  }
  if (['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH'].includes(code)) {
    return 'STORE_UNAVAILABLE';
  }
  if (code === 'EACCES' || code === 'EPERM') return 'STORE_PERMISSION_DENIED';
  if (code === 'EROFS') return 'STORE_READ_ONLY';
  if (!/^[0-9A-Z]{5}$/.test(code)) return 'STORE_ERROR';
  if (code === '25006') return 'STORE_READ_ONLY';
  if (code === 'XX001' || code === 'XX002') return 'STORE_CORRUPT';
  if (code === '53100') return 'STORE_FULL';
  if (code === '42501') return 'STORE_PERMISSION_DENIED';
  if (code === '55P03' || code === '40P01' || code === '40001') return 'STORE_BUSY';
  if (code.startsWith('23')) return 'STORE_CONSTRAINT';
  if (code.startsWith('08') || code.startsWith('57P') || code === '3D000' || code.startsWith('28')) {
    return 'STORE_UNAVAILABLE';
  }
  return 'STORE_ERROR';
}

function advice(kind: Kind, where: StoreWhere): string {
  const file = where.dialect === 'sqlite';
  switch (kind) {
    case 'STORE_READ_ONLY':
      if (where.readOnly) return 'it was opened read-only; open it without readOnly to change it';
      return file
        ? 'the file is read-only: make it, its -wal / -shm companions and its folder writable by this user, or set ATLAS_DB to a writable path'
        : 'the server accepts no writes (a hot standby, or default_transaction_read_only): point DATABASE_URL at the primary';
    case 'STORE_CORRUPT':
      return file
        ? 'the file is not a valid SQLite database or is damaged: move it aside (keep it for diagnosis) and restore a backup, or remove it so Atlas creates an empty store and the next run syncs everything again'
        : 'PostgreSQL reports damaged data: restore from a backup or REINDEX the damaged relation';
    case 'STORE_BUSY':
      return file
        ? 'another process held the file locked for longer than the busy timeout: retry when it has finished'
        : 'a lock or serialization conflict stopped the statement: retry';
    case 'STORE_FULL':
      return 'the disk is full: free space and retry';
    case 'STORE_IO_ERROR':
      return 'the disk reported an I/O error: check the volume, then retry';
    case 'STORE_CANT_OPEN':
      return 'check that the folder exists and that this user may create and write files in it';
    case 'STORE_UNAVAILABLE':
      return 'check that the database server is running and that DATABASE_URL names the right host, database and user';
    case 'STORE_PERMISSION_DENIED':
      return file
        ? 'this user may not write the file or its folder: fix the permissions or set ATLAS_DB'
        : "the database user lacks a privilege on Atlas's tables: grant it, or use the owner of the schema";
    case 'STORE_CONSTRAINT':
      return 'the records break a uniqueness or reference rule (e.g. one id used by two source records); nothing of this write was kept';
    case 'STORE_ERROR':
      return 'nothing of this write was kept; see the cause';
  }
}

/**
 * Wraps a driver error as an AtlasError naming the store, the operation and what to do; an AtlasError
 * passes through unchanged. The message never contains the database password (locations are masked).
 */
export function toStoreError(error: unknown, where: StoreWhere, operation: string): AtlasError {
  if (error instanceof AtlasError) return error;
  const driver = DriverErrorSchema.safeParse(error);
  const kind = driver.success ? classify(driver.data.code) : 'STORE_ERROR';
  const what =
    where.dialect === 'sqlite' ? `store file ${where.location}` : `PostgreSQL store ${where.location}`;
  const detail = driver.success
    ? driver.data.message
    : error instanceof Error
      ? error.message
      : String(error);
  return new AtlasError(kind, `${operation} failed on the ${what}: ${advice(kind, where)} (${detail})`, {
    context: {
      dialect: where.dialect,
      location: where.location,
      operation,
      driverCode: driver.success ? driver.data.code : undefined,
    },
    cause: error,
  });
}
