/** The taxonomy benches score against: the admin's `mappings/taxonomy.yaml` when it parses, else the built-in sample. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { SAMPLE_TAXONOMY } from '../devkit/generator/sample-taxonomy.js';
import { type Taxonomy, TaxonomySchema } from '../src/model/taxonomy.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The admin's taxonomy when it parses as the model's, else the built-in sample (6 × 5); `source` says which. */
export function loadTaxonomy(): { taxonomy: Taxonomy; source: string } {
  const path = join(root, 'mappings', 'taxonomy.yaml');
  if (existsSync(path)) {
    const parsed = TaxonomySchema.safeParse(parse(readFileSync(path, 'utf8')));
    if (parsed.success) return { taxonomy: parsed.data, source: 'mappings/taxonomy.yaml' };
  }
  return { taxonomy: SAMPLE_TAXONOMY, source: 'built-in sample taxonomy' };
}
