/** `npx tsx salesforce-dx/generate.ts`: rewrites this DX source folder from the default mapping (write-back section and read plans). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dxSourceFiles } from '../connectors/salesforce/dx-source.js';
import { SF_DEFAULT_API_VERSION } from '../connectors/salesforce/limits.js';
import { readObjectsOf } from '../connectors/salesforce/permission-sets.js';
import { compileMapping, loadMappings } from '../src/mapping/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const loaded = loadMappings(join(here, '..', 'mappings'));
const writeback = loaded.salesforce?.writeback;
if (!loaded.salesforce || !writeback) throw new Error('mappings/salesforce.yaml has no writeback section');
const readObjects = readObjectsOf(compileMapping(loaded.salesforce, loaded.taxonomy).readPlans());
for (const [path, text] of dxSourceFiles(writeback, SF_DEFAULT_API_VERSION, readObjects)) {
  const file = join(here, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`wrote salesforce-dx/${path}`);
}
