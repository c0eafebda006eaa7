/** A benchmark's `--name value` options, validated by its zod schema (every option is a string on the command line). */
import { parseArgs } from 'node:util';
import type { z } from 'zod';

export function benchOptions<S extends z.ZodObject>(args: string[], schema: S): z.infer<S> {
  const options = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, { type: 'string' as const }]),
  );
  const { values } = parseArgs({ args, options, strict: true });
  return schema.parse(values);
}
