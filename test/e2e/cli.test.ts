import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultText, edit, mappingDir, positionOf } from '../support/mapping-dir.js';

/**
 * A whole demo (two emulators, provisioning, a run, lists) takes 10–20 s on two busy cores; under the full
 * suite's load it can pass the 30 s default, which is meant for single cases.
 */
const DEMO_TIMEOUT = 90_000;

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'atlas-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the real `atlas` bin entry, as `npx atlas` does; `dev`: the developer's entry, as `npm run demo` does. */
function atlas(args: string[], env: Record<string, string> = {}, dev = false, cwd = root) {
  const entry = dev ? ['--import', 'tsx', join(root, 'devkit/cli.ts')] : [join(root, 'bin/atlas.js')];
  const result = spawnSync(process.execPath, [...entry, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ATLAS_MAPPINGS_DIR: '', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A printed command's words: spaces split them, a "quoted" name (JSON string) is one word. */
function commandWords(line: string): string[] {
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => m[2] ?? String(JSON.parse(`"${m[1]}"`)));
}

describe('atlas mappings check', () => {
  it('passes on the default mappings and prints a summary', () => {
    const { code, stdout } = atlas(['mappings', 'check']);
    expect(code).toBe(0);
    expect(stdout).toContain('partners ← Account');
    expect(stdout).toContain('scoring (mappings/scoring.yaml): levels Specialist > Proven > Emerging');
    expect(stdout).toContain('are valid');
  });

  it('reports every problem of a broken copy with file:line:column and exits 2', () => {
    const sf = edit(
      defaultText('salesforce.yaml'),
      '    object: Opportunity\n    filter:',
      '    objekt: Opportunity\n    filter:',
    );
    const taxonomy = edit(defaultText('taxonomy.yaml'), 'key: data_ai', 'key: Data AI');
    const { dir, cleanup } = mappingDir({ 'salesforce.yaml': sf, 'taxonomy.yaml': taxonomy });
    try {
      const { code, stderr } = atlas(['mappings', 'check', '--dir', dir]);
      expect(code).toBe(2);
      const objekt = positionOf(sf, 'objekt');
      expect(stderr).toContain(`${join(dir, 'salesforce.yaml')}:${objekt.line}:${objekt.column}`);
      expect(stderr).toContain('did you mean "object"');
      expect(stderr).toContain(`${join(dir, 'taxonomy.yaml')}:${positionOf(taxonomy, 'Data AI').line}:`);
      expect(stderr).toMatch(/\d+ problem\(s\)/);
    } finally {
      cleanup();
    }
  });

  it('reads the directory from ATLAS_MAPPINGS_DIR', () => {
    const { code, stderr } = atlas(['mappings', 'check'], { ATLAS_MAPPINGS_DIR: join(work, 'nowhere') });
    expect(code).toBe(2);
    expect(stderr).toContain('taxonomy file is missing');
  });
});

describe('atlas demo', () => {
  it(
    'seeds both emulators, runs through the real connectors, and Atlas finds true experts better than revenue tiers',
    () => {
      const db = join(work, 'demo.db');
      const { code, stdout, stderr } = atlas(
        ['demo', '--partners', '80', '--seed', '7', '--db', db, '--now', '2026-06-30', '--json'],
        {},
        true,
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const figures = JSON.parse(stdout);
      expect(figures.run.status).toBe('succeeded');
      // A few dirty duplicates of the emulator seed survive identity resolution.
      expect(figures.partners).toBeGreaterThanOrEqual(80);
      expect(figures.deals).toBeGreaterThan(1000);
      const systems = figures.run.figures.systems;
      expect(systems.salesforce.writeback.written).toBeGreaterThan(0);
      expect(systems.hubspot.writeback.written).toBeGreaterThan(0);
      expect(figures.partnersWithSegments).toBeGreaterThan(0);
      expect(figures.ranking.atlas.precisionAt10).toBeGreaterThan(
        figures.ranking.revenueTiers.precisionAt10 + 0.2,
      );
    },
    DEMO_TIMEOUT,
  );

  it(
    'prints the summary a new user reads',
    () => {
      const db = join(work, 'demo-text.db');
      const { code, stdout } = atlas(
        ['demo', '--partners', '60', '--db', db, '--now', '2026-06-30', '--once'],
        {},
        true,
      );
      expect(code).toBe(0);
      for (const section of [
        'Ecosystem map',
        'would serve the most unmet demand',
        'Revenue tiers against expertise',
        'Partners explained',
      ]) {
        expect(stdout).toContain(section);
      }
      expect(stdout).toMatch(/Run of \d{1,2} \w{3,4} \d\d:\d\d \(just now\): succeeded/);
      expect(stdout).toMatch(/write-back: wrote \d+ records/);
      expect(stdout).toMatch(/Demo run finished in [\d.]+ s/);

      // Every command the demo prints next works as printed, on the demo's store.
      const next = stdout
        .split('Next, on the demo store:\n')[1]
        ?.split('\n')
        .filter((l) => l.startsWith('  npm run atlas -- '));
      expect(next?.map((l) => l.trim().split(' ')[4])).toEqual([
        'runs',
        'runs',
        'explain',
        'map',
        'match',
        'simulate',
      ]);
      for (const line of next ?? []) {
        const args = commandWords(line.trim().slice('npm run atlas -- '.length));
        expect(args.slice(-2)).toEqual(['--db', db]);
        const result = atlas(args);
        expect(result.code, `${line}\n${result.stderr}`).toBe(0);
        expect(result.stdout.length).toBeGreaterThan(0);
      }

      // Reading commands without --db, where no data/atlas.db exists, read the demo's store and say so.
      const fresh = mkdtempSync(join(tmpdir(), 'atlas-fresh-'));
      try {
        mkdirSync(join(fresh, 'data'));
        copyFileSync(db, join(fresh, 'data', 'demo.db'));
        const env = { ATLAS_MAPPINGS_DIR: join(root, 'mappings') };
        const runs = atlas(['runs'], env, false, fresh);
        expect(runs.code).toBe(0);
        expect(runs.stderr).toContain("No store in ./data/atlas.db yet: reading the demo's, data/demo.db.");
        expect(runs.stdout).toMatch(/succeeded/);
        rmSync(join(fresh, 'data', 'demo.db'));
        const empty = atlas(['map'], env, false, fresh);
        expect(empty.code).toBe(1);
        expect(empty.stderr).toContain(
          'No store at ./data/atlas.db (the default store) yet: run `atlas run`',
        );
        expect(empty.stderr).not.toMatch(/permission/i);
      } finally {
        rmSync(fresh, { recursive: true, force: true });
      }
    },
    DEMO_TIMEOUT,
  );

  it('honours --db after a subcommand: runs show ID --db FILE', () => {
    const missing = atlas(['runs', 'show', 'no-such-run', '--db', join(work, 'nowhere.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`No store at ${join(work, 'nowhere.db')} (--db) yet`);
  });

  it(
    'simulates a candidate scoring file on the stored model, and locates errors in it',
    () => {
      const db = join(work, 'demo-sim.db');
      expect(
        atlas(['demo', '--partners', '80', '--db', db, '--now', '2026-06-30', '--json'], {}, true).code,
      ).toBe(0);
      const scoring = defaultText('scoring.yaml');
      const looser = edit(
        scoring,
        'promote: { minScore: 80, minWonCustomers: 3, minCertifiedPeople: 1, minConfidence: 0.5 }',
        'promote: { minScore: 77, minWonCustomers: 2, minCertifiedPeople: 1, minConfidence: 0.45 }',
      );
      const candidate = join(work, 'looser.yaml');
      writeFileSync(candidate, looser);
      const run = atlas(['simulate', '--scoring', candidate, '--db', db, '--now', '2026-06-30', '--json']);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.levelsAfter.Specialist).toBeGreaterThanOrEqual(report.levelsBefore.Specialist);
      expect(report.byCell.every((c: { demoted: number }) => c.demoted === 0)).toBe(true);

      const broken = join(work, 'broken.yaml');
      writeFileSync(broken, edit(scoring, 'dealHalfLifeDays: 365', 'dealHalfLifeDays: -1'));
      const bad = atlas(['simulate', '--scoring', broken, '--db', db]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(`${broken}:${positionOf(scoring, 'dealHalfLifeDays').line}:`);
    },
    DEMO_TIMEOUT,
  );

  it('fails on a busy port before it replaces the store a running dashboard serves', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const address = busy.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const db = join(work, 'served.db');
      writeFileSync(db, 'the running demo store');
      const { code, stderr } = atlas(['demo', '--port', String(port), '--db', db], {}, true);
      expect(code).toBe(1);
      expect(stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(stderr).toContain('--port N');
      expect(readFileSync(db, 'utf8')).toBe('the running demo store');
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it('refuses bad options with a usage error', () => {
    const { code, stderr } = atlas(['demo', '--partners', 'many', '--db', join(work, 'x.db')], {}, true);
    expect(code).toBe(2);
    expect(stderr).toContain('--partners');
  });
});
