/** What a run recorded about how it was started (`runs.options`), read back validated instead of cast. */
import { z } from 'zod';
import type { Run } from '../store/index.js';

/**
 * The options `runPipeline` stores. Every key is optional: runs of other kinds (samples, imports) and runs
 * recorded by older versions store fewer, and a reader only needs to know whether a flag was set.
 */
export const RunOptionsSchema = z
  .object({
    dryRun: z.boolean(),
    full: z.boolean(),
    trigger: z.string(),
    scoreAt: z.string().nullable(),
  })
  .partial();
export type RunOptions = z.infer<typeof RunOptionsSchema>;

/** The run's options, or none when what is stored is not an options object (then no flag was set). */
export function runOptionsOf(run: Pick<Run, 'options'>): RunOptions {
  const parsed = RunOptionsSchema.safeParse(run.options);
  return parsed.success ? parsed.data : {};
}
