/**
 * Run in a separate Node process by the suite (`node --import tsx store-child.ts <json>`), to act as another
 * process on the same store: `acquire` takes the run lock, `write` opens the store and writes one partner.
 * Prints one JSON line with the outcome or the AtlasError's code and message.
 */
import { z } from 'zod';
import { AtlasError } from '../../src/errors.js';
import { openStore } from '../../src/store/index.js';
import { makePartner } from './store-factories.js';

const CommandSchema = z.object({
  action: z.enum(['acquire', 'write']),
  dbPath: z.string().optional(),
  databaseUrl: z.string().optional(),
  owner: z.string().default('child'),
  now: z.iso.datetime().optional(),
});

async function main(): Promise<unknown> {
  const command = CommandSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  const store = await openStore({ dbPath: command.dbPath, databaseUrl: command.databaseUrl });
  try {
    if (command.action === 'acquire') {
      const now = new Date(command.now ?? Date.now());
      return await store.acquireRunLock(command.owner, { staleAfterMs: 60_000, now });
    }
    await store.upsertPartners([makePartner(1)]);
    return { written: 1 };
  } finally {
    await store.close();
  }
}

try {
  console.log(JSON.stringify({ ok: true, result: await main() }));
} catch (error) {
  const { code, message } =
    error instanceof AtlasError ? error : { code: 'NOT_ATLAS', message: String(error) };
  console.log(JSON.stringify({ ok: false, code, message }));
}
