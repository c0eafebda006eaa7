#!/usr/bin/env node
/**
 * `atlas`: runs the compiled CLI in dist/. When dist/ is missing or older than the sources (code edited
 * without `npm run build`), it runs the TypeScript through tsx instead and says so: slower, never stale.
 * It does not rebuild: a build takes tens of seconds, and code mid-edit may not typecheck yet. Either way the CLI
 * runs in this process, no child, so SIGTERM and SIGINT reach the command itself (`atlas serve` stops cleanly).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isBuildFresh } from './build-stamp.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let entry = join(root, 'dist', 'src', 'cli.js');
if (!isBuildFresh(root)) {
  process.stderr.write(
    'atlas: dist/ is missing or older than the sources, so running them through tsx (npm run build to start fast)\n',
  );
  (await import('tsx/esm/api')).register();
  entry = join(root, 'src', 'cli.ts');
}
const { main } = await import(pathToFileURL(entry).href);
await main(process.argv);
