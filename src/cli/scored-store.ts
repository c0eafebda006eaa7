/** Opens the store and scores it as of now: what the read-only analysis commands share. */
import { mappingsDir } from '../config.js';
import { type LoadedMappings, loadMappings } from '../mapping/index.js';
import { type CurrentScores, currentScores } from '../sync/current-scores.js';
import type { CliContext } from './context.js';
import { openCommandStore } from './store-from-options.js';

export async function withCurrentScores<T>(
  context: CliContext,
  options: { db?: string; now?: string },
  work: (current: CurrentScores, mappings: LoadedMappings) => T | Promise<T>,
): Promise<T> {
  const env = context.env();
  const mappings = loadMappings(mappingsDir(env));
  const store = await openCommandStore(env, options.db, true);
  try {
    const now = options.now ? new Date(options.now).toISOString() : new Date().toISOString();
    return await work(await currentScores(store, mappings, now), mappings);
  } finally {
    await store.close();
  }
}
