#!/usr/bin/env node
/**
 * `npm run build`, and `npm install` through `prepare`: compiles src/ and connectors/ to dist/ with
 * tsconfig.build.json, copies their other files (the admin app's public/ assets) beside the JavaScript,
 * and stamps the build so `bin/atlas.js` can tell it is current.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCE_DIRS, writeBuildStamp } from './build-stamp.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const startedAt = Date.now();

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // An install without dev dependencies has no compiler; `atlas` then runs the sources through tsx.
  console.error(
    'build: TypeScript (a dev dependency) is not installed; `atlas` will run the sources through tsx',
  );
  process.exit(process.env.npm_lifecycle_event === 'prepare' ? 0 : 1);
}

// From scratch, so the output of a deleted or renamed source cannot linger.
rmSync(dist, { recursive: true, force: true });
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
// Code finds its assets beside itself (`src/server/index.ts` serves `./public`), so they sit beside the
// compiled code too and dist/ runs on its own.
for (const dir of SOURCE_DIRS) {
  cpSync(join(root, dir), join(dist, dir), { recursive: true, filter: (path) => !path.endsWith('.ts') });
}
writeBuildStamp(root, startedAt);
