/** When dist/ was built and whether the sources changed since: written by `bin/build.js`, read by `bin/atlas.js`. */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The folders tsconfig.build.json compiles; their other files (assets) are copied into dist/ as they are. */
export const SOURCE_DIRS = ['src', 'connectors'];
/** Besides the sources, a change to these calls for a new build. */
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json'];
const STAMP = join('dist', '.build-stamp');

/** Records that the build which began at `startedAt` (ms since the epoch) finished. */
export function writeBuildStamp(root, startedAt) {
  writeFileSync(join(root, STAMP), `${startedAt}\n`);
}

/**
 * True when dist/ holds a finished build begun after the last change below src/ and connectors/: a file
 * edited, or a folder whose listing changed (a file added, removed or renamed). Tests are not built, so
 * editing one keeps the build fresh.
 */
export function isBuildFresh(root) {
  let startedAt;
  try {
    startedAt = Number(readFileSync(join(root, STAMP), 'utf8'));
  } catch {
    return false;
  }
  const changed = (path) => statSync(path).mtimeMs >= startedAt;
  if (CONFIG_FILES.some((file) => changed(join(root, file)))) return false;
  for (const dir of SOURCE_DIRS) {
    if (changed(join(root, dir))) return false;
    for (const path of readdirSync(join(root, dir), { recursive: true })) {
      if (!path.endsWith('.test.ts') && changed(join(root, dir, path))) return false;
    }
  }
  return true;
}
