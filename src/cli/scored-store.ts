/** Opens the store and scores it as of now: what the read-only analysis commands share. */
import { mappingsDir } from '../config.js';
import { AtlasError } from '../errors.js';
import { type LoadedMappings, loadMappings } from '../mapping/index.js';
import type { Store } from '../store/index.js';
import { type CurrentScores, currentScores } from '../sync/current-scores.js';
import type { CliContext } from './context.js';
import { openCommandStore, storeFixHint } from './store-from-options.js';

/** {@link currentScores}, with an empty store's error telling the CLI user which store to read instead. */
async function scoredOrHint(store: Store, mappings: LoadedMappings, now: string): Promise<CurrentScores> {
  try {
    return await currentScores(store, mappings, now);
  } catch (error) {
    if (!(error instanceof AtlasError) || error.code !== 'STORE_EMPTY') throw error;
    throw new AtlasError('STORE_EMPTY', `No partners in ${store.location} yet: ${storeFixHint()}.`, {
      context: { location: store.location },
      cause: error,
    });
  }
}

export async function withCurrentScores<T>(
  context: CliContext,
  options: { db?: string; now?: string },
  work: (current: CurrentScores, mappings: LoadedMappings) => T | Promise<T>,
): Promise<T> {
  const env = context.env();
  const mappings = loadMappings(mappingsDir(env));
  const store = await openCommandStore(env, options.db, { readOnly: true, note: context.err });
  try {
    const now = options.now ? new Date(options.now).toISOString() : new Date().toISOString();
    return await work(await scoredOrHint(store, mappings, now), mappings);
  } finally {
    await store.close();
  }
}
