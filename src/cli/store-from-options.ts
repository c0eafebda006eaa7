/**
 * The store a command works on: `--db`, else `ATLAS_DB` / `DATABASE_URL`, else `data/atlas.db`. A reading
 * command that finds no store there but finds the demo's reads the demo's, and says so; one that finds
 * neither names the file it looked for and how to fill it.
 */
import { existsSync } from 'node:fs';
import type { AtlasEnv } from '../config.js';
import { AtlasError } from '../errors.js';
import { DEFAULT_DB_PATH, openStore, type Store } from '../store/index.js';

/** Where `npm run demo` keeps its store unless told `--db`: apart from `ATLAS_DB`, so demo and real partners never mix. */
export const DEMO_DB_PATH = 'data/demo.db';

/** What the user can type to fill or choose a store, for messages about an empty or missing one. */
export function storeFixHint(): string {
  return existsSync(DEMO_DB_PATH)
    ? `run \`atlas run\` to fill it, or add \`--db ${DEMO_DB_PATH}\` to read the demo's store`
    : 'run `atlas run` to fill it (or `npm run demo -- --once` for a sample store in data/demo.db)';
}

/** The SQLite file a command with these options reads; null for PostgreSQL. */
function sqlitePath(env: AtlasEnv, db: string | undefined): string | null {
  if (db) return db;
  if (env.DATABASE_URL) return null;
  return env.ATLAS_DB ?? DEFAULT_DB_PATH;
}

export interface CommandStoreOptions {
  readOnly?: boolean;
  /** Told when a reading command falls back to the demo's store. */
  note?: (line: string) => void;
}

/**
 * Opens the command's store. Read-only with nothing configured (no `--db`, `ATLAS_DB` or `DATABASE_URL`)
 * and no `data/atlas.db` yet, it reads `data/demo.db` when the demo wrote one, so the commands the README
 * lists work right after `npm run demo`.
 */
export async function openCommandStore(
  env: AtlasEnv,
  db: string | undefined,
  options: CommandStoreOptions = {},
): Promise<Store> {
  const readOnly = options.readOnly ?? false;
  const path = sqlitePath(env, db);
  if (path === null) return openStore({ databaseUrl: env.DATABASE_URL, readOnly });
  if (readOnly && path !== ':memory:' && !existsSync(path)) {
    const configured = db !== undefined || env.ATLAS_DB !== undefined;
    if (!configured && existsSync(DEMO_DB_PATH)) {
      options.note?.(`No store in ${DEFAULT_DB_PATH} yet: reading the demo's, ${DEMO_DB_PATH}.`);
      return openStore({ dbPath: DEMO_DB_PATH, readOnly });
    }
    const given = db !== undefined ? '--db' : env.ATLAS_DB !== undefined ? 'ATLAS_DB' : 'the default store';
    throw new AtlasError('STORE_MISSING', `No store at ${path} (${given}) yet: ${storeFixHint()}.`, {
      context: { location: path },
    });
  }
  return openStore({ dbPath: path, readOnly });
}
