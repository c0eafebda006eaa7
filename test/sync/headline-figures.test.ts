/** One definition per figure: the run summary, the demo summary and `atlas simulate` show the same headline figures. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFigures, formatDemoSummary } from '../../devkit/cli/demo-summary.js';
import { generateEcosystem } from '../../devkit/generator/generate-ecosystem.js';
import { formatRun } from '../../src/cli/format-run.js';
import { simulateScoring } from '../../src/cli/simulate-action.js';
import { loadEnv } from '../../src/config.js';
import { type HeadlineFigures, headlineFigures, headlineLines } from '../../src/engine/index.js';
import { type LoadedMappings, loadMappings } from '../../src/mapping/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { type PipelineResult, runPipeline } from '../../src/sync/run-pipeline.js';
import { storedHeadline } from '../../src/sync/stored-run-figures.js';
import { MemoryCrm } from '../support/memory-crm.js';

const NOW = '2026-11-20T02:00:00.000Z';
const ECOSYSTEM = { partners: 40, seed: 7, now: NOW };
let dir: string;
let store: Store;
let mappings: LoadedMappings;
let result: PipelineResult;
let headline: HeadlineFigures;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-headline-'));
  store = await openStore({ dbPath: join(dir, 'atlas.db') });
  mappings = loadMappings('mappings');
  const crm = new MemoryCrm({ ...ECOSYSTEM, taxonomy: mappings.taxonomy });
  result = await runPipeline({ store, mappings, connectors: { salesforce: crm }, scoreAt: NOW });
  headline = storedHeadline(result.run)!;
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('headline figures', () => {
  it('are stored on the run as the engine defines them over its scores', () => {
    expect(headline).toEqual(headlineFigures(result.scores!, mappings.scoring));
    expect(headline.partnersScored).toBe(result.scores!.partners.length);
    expect(headline.topLevelCells).toBe(headline.levelCellsByLevel[headline.topLevel]);
    expect(headline.partnersAtTopLevel).toBeLessThanOrEqual(headline.topLevelCells);
    expect(headline.partnersWithSegments).toBeGreaterThan(0);
    expect(result.figures.score?.partners).toBe(headline.partnersScored);
  });

  it('read the same in the CLI run summary, the demo summary and atlas simulate', async () => {
    const lines = headlineLines(headline);
    expect(lines.join('\n')).toMatch(/Specialist cells?, held by \d+ partners? with a Specialist segment/);

    const cli = formatRun(result.run);
    for (const line of lines) expect(cli).toContain(`  ${line}`);

    const { truth } = generateEcosystem({
      partners: ECOSYSTEM.partners,
      dealsPerPartner: 30,
      certifications: ECOSYSTEM.partners * 12,
      seed: ECOSYSTEM.seed,
      taxonomy: mappings.taxonomy,
      now: NOW,
    });
    const model = await store.loadModel();
    const demo = demoFigures(result.scores!, model, truth, mappings.scoring);
    expect(demo.headline).toEqual(headline);
    expect(demo.tiers.reduce((n, t) => n + t.partners, 0)).toBe(headline.partnersScored);
    const summary = formatDemoSummary(
      demo,
      result.scores!,
      model,
      mappings.taxonomy,
      mappings.scoring,
      false,
    );
    for (const line of lines) expect(summary).toContain(`  ${line}`);

    // `atlas simulate` with the current scoring file: "now" and "candidate" are both the run's figures.
    const out: string[] = [];
    await simulateScoring(
      {
        out: (line) => out.push(line),
        err: () => {},
        env: () => loadEnv({ ATLAS_MAPPINGS_DIR: 'mappings', ATLAS_LOG_LEVEL: 'silent' }),
        exit: () => {},
        isTty: false,
      },
      { scoring: 'mappings/scoring.yaml', db: join(dir, 'atlas.db') },
    );
    expect(out[0]).toBe(
      `0 partners would change level in 0 cells (of ${headline.partnersScored} partners scored)`,
    );
    const levelLines = lines.filter((l) => !/ gaps? in the ecosystem map$/.test(l));
    expect(out).toEqual([
      out[0],
      '  now:',
      ...levelLines.map((l) => `    ${l}`),
      '  candidate:',
      ...levelLines.map((l) => `    ${l}`),
      "  benefits: no partner's benefits would change",
    ]);
  });
});
