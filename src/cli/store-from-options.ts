/** The store a command works on: `--db`, else `ATLAS_DB` / `DATABASE_URL`. */
import type { AtlasEnv } from '../config.js';
import { openStore, type Store } from '../store/index.js';

export function openCommandStore(env: AtlasEnv, db: string | undefined, readOnly = false): Promise<Store> {
  return openStore(
    db ? { dbPath: db, readOnly } : { dbPath: env.ATLAS_DB, databaseUrl: env.DATABASE_URL, readOnly },
  );
}
