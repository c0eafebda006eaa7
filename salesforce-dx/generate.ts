/** `npx tsx salesforce-dx/generate.ts`: rewrites this DX source folder from the default mapping's write-back section. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dxSourceFiles } from '../connectors/salesforce/dx-source.js';
import { SF_DEFAULT_API_VERSION } from '../connectors/salesforce/limits.js';
import { loadMappings } from '../src/mapping/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const writeback = loadMappings(join(here, '..', 'mappings')).salesforce?.writeback;
if (!writeback) throw new Error('mappings/salesforce.yaml has no writeback section');
for (const [path, text] of dxSourceFiles(writeback, SF_DEFAULT_API_VERSION)) {
  const file = join(here, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`wrote salesforce-dx/${path}`);
}
