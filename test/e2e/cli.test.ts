import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultText, edit, mappingDir, positionOf } from '../support/mapping-dir.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'atlas-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the real `atlas` bin entry, as `npx atlas` does; `dev`: the developer's entry, as `npm run demo` does. */
function atlas(args: string[], env: Record<string, string> = {}, dev = false) {
  const entry = dev ? ['--import', 'tsx', join(root, 'devkit/cli.ts')] : [join(root, 'bin/atlas.js')];
  const result = spawnSync(process.execPath, [...entry, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ATLAS_MAPPINGS_DIR: '', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
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
    const sf = edit(defaultText('salesforce.yaml'), '    object: Opportunity', '    objekt: Opportunity');
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
  it('seeds both emulators, runs through the real connectors, and Atlas finds true experts better than revenue tiers', () => {
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
  });

  it('prints the summary a new user reads', () => {
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
    expect(stdout).toMatch(/Run [0-9a-f-]{36} \(run\) succeeded/);
    expect(stdout).toMatch(/write-back: wrote \d+ records/);
    expect(stdout).toMatch(/Demo run finished in [\d.]+ s/);
  });

  it('simulates a candidate scoring file on the stored model, and locates errors in it', () => {
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
  });

  it('refuses bad options with a usage error', () => {
    const { code, stderr } = atlas(['demo', '--partners', 'many', '--db', join(work, 'x.db')], {}, true);
    expect(code).toBe(2);
    expect(stderr).toContain('--partners');
  });
});
