/** `npm run bench -- <name> [--json] [bench options]`: runs one benchmark and prints its figures. */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BenchUsage } from './bench-options.js';

/** What every `bench/<name>.ts` exports as `bench`. */
export interface Benchmark {
  description: string;
  /** Receives the arguments after the name (minus `--json`); returns rows of figures. */
  run(args: string[]): Promise<BenchResult>;
}

const FigureSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export const BenchResultSchema = z.object({
  name: z.string(),
  rows: z.array(z.record(z.string(), FigureSchema)),
  notes: z.array(z.string()).default([]),
});
export type BenchResult = z.input<typeof BenchResultSchema>;

const here = dirname(fileURLToPath(import.meta.url));

function available(): string[] {
  return readdirSync(here)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
}

function formatTable(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '(no rows)';
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) =>
    typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : String(v ?? '');
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ');
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => cell(r[c])))),
  ].join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const [name, ...rest] = argv.filter((a) => a !== '--json');
  const names = available();
  if (!name || !names.includes(name)) {
    console.error(`usage: npm run bench -- <name> [--json]\navailable benchmarks: ${names.join(', ')}`);
    process.exit(2);
  }
  const mod: { bench: Benchmark } = await import(join(here, `${name}.ts`));
  if (!json) console.error(`bench ${name}: ${mod.bench.description}`);
  let result: z.output<typeof BenchResultSchema>;
  try {
    result = BenchResultSchema.parse(await mod.bench.run(rest));
  } catch (error) {
    if (!(error instanceof BenchUsage)) throw error;
    console.error(`bench ${name}: ${error.message}`);
    process.exit(error.help ? 0 : 2);
  }
  if (json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(formatTable(result.rows));
    for (const note of result.notes) console.log(`note: ${note}`);
  }
}

await main();
