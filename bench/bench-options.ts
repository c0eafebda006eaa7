/** A benchmark's `--name value` options, validated by its zod schema (every option is a string on the command line). */
import { parseArgs } from 'node:util';
import type { z } from 'zod';

/** A command line the benchmark cannot take, or `--help`: run.ts prints the message instead of a stack. */
export class BenchUsage extends Error {
  constructor(
    message: string,
    readonly help: boolean,
  ) {
    super(message);
  }
}

function usage(schema: z.ZodObject): string {
  const keys = Object.keys(schema.shape);
  return keys.length === 0
    ? 'it takes no options'
    : `options: ${keys.map((k) => `--${k} <value>`).join(', ')}`;
}

export function benchOptions<S extends z.ZodObject>(args: string[], schema: S): z.infer<S> {
  if (args.includes('--help') || args.includes('-h')) throw new BenchUsage(usage(schema), true);
  const options = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, { type: 'string' as const }]),
  );
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args, options, strict: true }).values;
  } catch (error) {
    throw new BenchUsage(
      `${error instanceof Error ? error.message : String(error)}; ${usage(schema)}`,
      false,
    );
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`);
    throw new BenchUsage(`${problems.join('; ')}; ${usage(schema)}`, false);
  }
  return parsed.data;
}
