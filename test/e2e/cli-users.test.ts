/** `atlas users …` in-process over a real store: tokens shown once and stored hashed, roles, disabling, errors naming the user. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { reportError } from '../../src/cli/report-error.js';
import { buildProgram } from '../../src/cli.js';
import { loadEnv } from '../../src/config.js';
import { loadMappings } from '../../src/mapping/index.js';
import { sha256Hex } from '../../src/server/sessions.js';
import { openStore } from '../../src/store/index.js';
import { runOnSample } from '../support/sample-run.js';

const work = mkdtempSync(join(tmpdir(), 'atlas-cli-users-'));
const db = join(work, 'atlas.db');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `atlas <args> --db <db>` in-process; what it printed and its exit code. */
async function atlas(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const context: CliContext = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: () => loadEnv({ ATLAS_DB: db }),
    exit: (c) => {
      code = c;
    },
    isTty: false,
  };
  try {
    await buildProgram(context).parseAsync(['node', 'atlas', ...args, '--db', db]);
  } catch (error) {
    code = reportError(error, (line) => err.push(line));
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('atlas users', () => {
  it('adds a user, prints the token once with how to sign in, and stores only its hash', async () => {
    const added = await atlas('users', 'add', 'Ana Souza', '--role', 'editor', '--email', 'Ana@Example.com');
    expect(added.code).toBe(0);
    expect(added.out).toContain('Added Ana Souza as an editor.');
    expect(added.out).toContain('paste it on the sign-in page');
    const token = /^\s+(atlas_\S+)$/m.exec(added.out)?.[1] ?? '';
    expect(token).not.toBe('');
    const store = await openStore({ dbPath: db });
    try {
      expect(await store.findUserByTokenHash(sha256Hex(token))).toMatchObject({
        name: 'Ana Souza',
        email: 'ana@example.com',
      });
      const [event] = await store.listAuditEvents({ action: 'user-added' });
      expect(event).toMatchObject({
        actor: { name: expect.stringMatching(/^Command line \(atlas users/) },
        subject: 'Ana Souza',
      });
      expect(JSON.stringify(event)).not.toContain(token);
    } finally {
      await store.close();
    }
  });

  it('lists users with plurals, changes a role, disables, and gives a new token', async () => {
    await atlas('users', 'add', 'Bo Lind', '--role', 'viewer');
    const list = await atlas('users', 'list');
    expect(list.out).toMatch(/^2 users in /);
    expect(list.out).toMatch(/Bo Lind\s+viewer\s+–\s+token\s+added just now/);
    expect((await atlas('users', 'set-role', 'bo lind', 'editor')).out).toBe(
      'Bo Lind is now an editor (was a viewer); their sessions ended.',
    );
    const renewed = await atlas('users', 'new-token', 'Bo Lind');
    expect(renewed.out).toContain('the old one no longer works');
    expect(renewed.out).toMatch(/^\s+atlas_\S+$/m);
    expect((await atlas('users', 'disable', 'Bo Lind')).out).toContain('Bo Lind is disabled');
    expect((await atlas('users', 'list')).out).toMatch(/Bo Lind\s+editor.*disabled just now/);
  });

  it('names the user or the role it cannot use, and exits 2', async () => {
    const unknown = await atlas('users', 'disable', 'Nobody Here');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no user called "Nobody Here"');
    const role = await atlas('users', 'add', 'Cy Park', '--role', 'owner');
    expect(role.code).toBe(2);
    expect(role.err).toContain('the role must be admin, editor or viewer, not "owner"');
    const twice = await atlas('users', 'add', 'ana souza', '--role', 'viewer');
    expect(twice.code).toBe(1);
    expect(twice.err).toContain('there is already a user called Ana Souza');
  });
});

describe('atlas score, typed on the command line', () => {
  it('is in the audit trail as a run started from the command line', async () => {
    const store = await openStore({ dbPath: db });
    try {
      await runOnSample({
        store,
        mappings: loadMappings('mappings'),
        partners: 30,
        seed: 3,
        now: '2025-06-30',
      });
    } finally {
      await store.close();
    }
    expect((await atlas('score', '--now', '2025-07-01T02:00:00Z')).code).toBe(0);
    const reopened = await openStore({ dbPath: db });
    try {
      const [event] = await reopened.listAuditEvents({ action: 'run-started' });
      const [run] = await reopened.listRuns({ limit: 1 });
      expect(event).toMatchObject({
        actor: { userId: null, name: expect.stringMatching(/^Command line \(atlas score/) },
        subject: expect.stringMatching(/^Scoring of \d+ \w+ \d\d:\d\d$/),
        details: { runId: run?.id, dryRun: false },
      });
    } finally {
      await reopened.close();
    }
  });
});
