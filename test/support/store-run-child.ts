/** Runs store-child.ts in another Node process (optionally as another user) and parses its one-line answer. */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { z } from 'zod';

const script = join(dirname(fileURLToPath(import.meta.url)), 'store-child.ts');
// Resolved here, so the child may run in any working directory.
const tsx = import.meta.resolve('tsx');

const AnswerSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type ChildAnswer = z.infer<typeof AnswerSchema>;

export interface ChildOptions {
  /** Run under this uid / gid (the suite must be root), to meet file permissions as another user would. */
  user?: { uid: number; gid: number };
  /** Working directory of the child; defaults to ours. */
  cwd?: string;
}

export async function runStoreChild(command: object, options: ChildOptions = {}): Promise<ChildAnswer> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', tsx, script, JSON.stringify(command)],
    {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, HOME: '/tmp' },
      ...options.user,
    },
  );
  return AnswerSchema.parse(JSON.parse(stdout.trim().split('\n').at(-1) ?? ''));
}
