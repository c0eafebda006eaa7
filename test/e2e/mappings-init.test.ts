// E2E: `atlas mappings init` against both emulators writes starter folders that pass `atlas mappings check`,
// refuses to overwrite without --force, and a run on each starter gives partners segments with no entity failing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../../devkit/cli/demo-run.js';
import { type RunningEmulators, startEmulators } from '../../devkit/seeder/index.js';
import { loadMappings } from '../../src/mapping/index.js';
import type { CrmSystem } from '../../src/model/index.js';
import { openStore } from '../../src/store/index.js';
import { openConnector } from '../../src/sync/open-connectors.js';
import { runPipeline } from '../../src/sync/run-pipeline.js';
import { ROOT, spawnAtlas } from '../support/atlas-process.js';

let work: string;
let emulators: RunningEmulators;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'atlas-mappings-init-'));
  emulators = await startEmulators({
    partners: 30,
    dealsPerPartner: 24,
    certifications: 240,
    seed: 9,
    now: '2026-06-30',
    taxonomy: loadMappings(join(ROOT, 'mappings')).taxonomy,
    systems: ['salesforce', 'hubspot'],
  });
});

afterAll(async () => {
  await emulators?.close();
  rmSync(work, { recursive: true, force: true });
});

function atlas(args: string[]) {
  return spawnAtlas(args, { emulatorEnv: emulators.env, db: join(work, 'atlas.db') }).done;
}

/** A full pull and score of one CRM through its starter folder; the write-back is left out (nothing provisioned). */
async function runOn(system: CrmSystem, dir: string) {
  const mappings = loadMappings(dir);
  const store = await openStore({ dbPath: join(work, `${system}.db`) });
  try {
    return await runPipeline({
      store,
      mappings,
      scoreAt: '2026-06-30T02:00:00.000Z',
      full: true,
      steps: { pull: true, score: true, writeback: false },
      connectors: { [system]: () => openConnector(system, emulatorEnv(emulators.env), mappings) },
    });
  } finally {
    await store.close();
  }
}

describe('atlas mappings init', { timeout: 180_000 }, () => {
  it.each(['salesforce', 'hubspot'] as const)(
    'from %s: a checked starter folder, no overwrite without --force, and a run that scores',
    async (system) => {
      const out = join(work, system);
      const init = await atlas(['mappings', 'init', '--from-crm', system, '--out', out]);
      expect(init.stderr).toBe('');
      expect(init.code).toBe(0);
      expect(init.stdout).toContain(`Wrote ${join(out, `${system}.yaml`)}`);
      expect(init.stdout).toContain('Review before the first run:');
      const text = readFileSync(join(out, `${system}.yaml`), 'utf8');
      // The emulated CRMs have a certification object and product families to map in the taxonomy.
      expect(text).toMatch(/^ {2}certifications:$/m);
      expect(text).toMatch(/^# TAXONOMY: .+ holds .*data & ai/im);

      const again = await atlas(['mappings', 'init', '--from-crm', system, '--out', out]);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain(`${join(out, `${system}.yaml`)} already exists; pass --force`);

      const check = await atlas(['mappings', 'check', '--dir', out]);
      expect(check.stderr).toBe('');
      expect(check.code).toBe(0);

      const result = await runOn(system, out);
      const pull = result.figures.systems[system]?.pull;
      expect(pull?.schemaProblems).toEqual([]);
      for (const entity of Object.values(pull?.entities ?? {})) expect(entity?.error).toBeUndefined();
      expect(pull?.entities.deals?.fetched).toBeGreaterThan(0);
      expect(pull?.entities.certifications?.fetched).toBeGreaterThan(0);
      expect(result.figures.score?.partnersWithSegments).toBeGreaterThan(0);
    },
  );
});
