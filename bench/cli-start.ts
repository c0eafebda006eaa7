/** `npm run bench -- cli-start [--runs N]`: how fast `atlas --version` and `atlas --help` start, compiled and through tsx. */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isBuildFresh } from '../bin/build-stamp.js';
import { benchOptions } from './bench-options.js';
import type { Benchmark } from './run.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const ArgsSchema = z.object({
  runs: z.coerce.number().int().positive().default(10),
});

/** Wall-clock milliseconds of each of `runs` spawns of `node <args>`, fastest first. */
function timeSpawns(args: string[], runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    times.push(performance.now() - start);
    if (result.status !== 0)
      throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return times.sort((a, b) => a - b);
}

/** The value at quantile `q` of sorted `values` (nearest rank). */
function quantile(values: readonly number[], q: number): number {
  return values[Math.max(0, Math.ceil(q * values.length) - 1)]!;
}

export const bench: Benchmark = {
  description: 'spawns `atlas --version` and `--help` N times: the compiled bin, the tsx path, bare node',
  async run(args) {
    const { runs } = benchOptions(args, ArgsSchema);
    if (!isBuildFresh(ROOT)) {
      throw new Error(
        'dist/ is missing or older than the sources (bin/atlas.js would use tsx): npm run build',
      );
    }
    const cases = [
      { entry: 'bin/atlas.js (dist, compiled)', args: ['bin/atlas.js'] },
      { entry: 'tsx src/cli.ts (npm run atlas)', args: ['--import', 'tsx', 'src/cli.ts'] },
    ];
    const rows = [];
    for (const c of cases) {
      for (const flag of ['--version', '--help']) {
        const times = timeSpawns([...c.args, flag], runs);
        rows.push({
          entry: c.entry,
          command: `atlas ${flag}`,
          runs,
          cliStartMs: quantile(times, 0.5),
          p90Ms: quantile(times, 0.9),
        });
      }
    }
    const floor = timeSpawns(['-e', '0'], runs);
    rows.push({
      entry: 'node -e 0 (the floor)',
      command: '',
      runs,
      cliStartMs: quantile(floor, 0.5),
      p90Ms: quantile(floor, 0.9),
    });
    return {
      name: 'cli-start',
      rows,
      notes: [
        'cliStartMs: median wall-clock time from spawn to exit of `node <entry> <command>`, run from the repository root; p90Ms: 90th percentile',
        'the tsx row is what bin/atlas.js falls back to when dist/ is stale, and what `npm run atlas` runs (through the tsx CLI, one process more)',
        `node ${process.version} on ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at the end: spawns run one after another, and a busy machine slows every row alike`,
      ],
    };
  },
};
