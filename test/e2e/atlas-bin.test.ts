/** `bin/atlas.js` runs the compiled CLI when dist/ is current, and the TypeScript through tsx when it is not. */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isBuildFresh, writeBuildStamp } from '../../bin/build-stamp.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'atlas-bin-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Preloaded into the child: prints every file module it loads to stderr as `loaded <url>`. */
const TRACE_LOADS = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(
  "import { writeSync } from 'node:fs';" +
  "export async function load(url, context, next) {" +
  "  if (url.startsWith('file:')) writeSync(2, 'loaded ' + url + '\\\\n');" +
  "  return next(url, context);" +
  "}"));`,
)}`;

function node(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Sources written an hour ago, built half an hour ago: a change now comes after the build. */
const anHourAgo = () => new Date(Date.now() - 3_600_000);
const BUILT_MINUTES_AGO = 30;

/** A package holding the real bin/ and two stand-in CLIs that say which of them ran; built unless `built: false`. */
function fakePackage(name: string, built = true): string {
  const root = join(work, name);
  cpSync(join(ROOT, 'bin'), join(root, 'bin'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  const sources = {
    'tsconfig.json': '{}\n',
    'tsconfig.build.json': '{}\n',
    'src/cli.ts':
      "export async function main(argv: string[]): Promise<void> {\n  console.log('source', argv[2]);\n}\n",
    'src/cli.test.ts': '// not built\n',
    'connectors/types.ts': 'export {};\n',
  };
  mkdirSync(join(root, 'src'));
  mkdirSync(join(root, 'connectors'));
  for (const [file, text] of Object.entries(sources)) writeFileSync(join(root, file), text);
  for (const path of [...Object.keys(sources), 'src', 'connectors']) {
    utimesSync(join(root, path), anHourAgo(), anHourAgo());
  }
  mkdirSync(join(root, 'dist', 'src'), { recursive: true });
  writeFileSync(
    join(root, 'dist/src/cli.js'),
    "export async function main(argv) {\n  console.log('compiled', argv[2]);\n}\n",
  );
  if (built) writeBuildStamp(root, Date.now() - BUILT_MINUTES_AGO * 60_000);
  return root;
}

describe('bin/atlas.js', () => {
  it('runs dist/src/cli.js when the build is newer than every source, quietly', () => {
    const root = fakePackage('fresh');
    expect(node(['bin/atlas.js', '--version'], root)).toEqual({
      code: 0,
      stdout: 'compiled --version\n',
      stderr: '',
    });
  });

  it('runs src/cli.ts through tsx, with a notice, when a source changed after the build', () => {
    const root = fakePackage('edited');
    utimesSync(join(root, 'src/cli.ts'), new Date(), new Date());
    const { code, stdout, stderr } = node(['bin/atlas.js', '--version'], root);
    expect(code).toBe(0);
    expect(stdout).toBe('source --version\n');
    expect(stderr).toMatch(/^atlas: dist\/ is missing or older than the sources.*npm run build.*\n$/);
  });

  it('runs the sources when nothing was built', () => {
    expect(node(['bin/atlas.js', '--version'], fakePackage('unbuilt', false)).stdout).toBe(
      'source --version\n',
    );
  });

  it('counts added and removed files and build settings as changes, edited tests not', () => {
    const root = fakePackage('changes');
    utimesSync(join(root, 'src/cli.test.ts'), new Date(), new Date());
    expect(isBuildFresh(root)).toBe(true);
    rmSync(join(root, 'connectors/types.ts'));
    expect(isBuildFresh(root)).toBe(false);
    const settings = fakePackage('settings');
    utimesSync(join(settings, 'tsconfig.build.json'), new Date(), new Date());
    expect(isBuildFresh(settings)).toBe(false);
  });

  it('in this repository, once built: `atlas --version` prints the package version from compiled code', (context) => {
    if (!isBuildFresh(ROOT)) {
      // CI runs `npm ci`, whose `prepare` script builds: a stale dist/ there is a broken build step.
      if (process.env.CI) throw new Error('dist/ is missing or older than the sources after npm ci');
      context.skip('dist/ is missing or older than the sources: run `npm run build` to include this test');
    }
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const { code, stdout, stderr } = node(['--import', TRACE_LOADS, 'bin/atlas.js', '--version'], ROOT);
    expect(code).toBe(0);
    expect(stdout).toBe(`${version}\n`);
    const loaded = [...stderr.matchAll(/^loaded file:\/\/(.+)$/gm)].map((m) => m[1]!);
    expect(loaded).toContain(join(ROOT, 'dist/src/cli.js'));
    expect(loaded.filter((file) => file.endsWith('.ts'))).toEqual([]);
  });
});
