// The layering rule over the import graph: the product never loads the dev wing, connectors talk to the
// rest only through the model and the connector kit, and the engine does no I/O.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every TypeScript file below `dir`, as a path relative to the repository root with forward slashes. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/'));
}

const isTest = (file: string) => file.endsWith('.test.ts');

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** What a file imports: repository paths for relative imports, the bare specifier for packages and node:. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = (m[1] ?? m[2])!;
    out.push(spec.startsWith('.') ? join(dirname(file), spec).split('\\').join('/') : spec);
  }
  return out;
}

/** Product files: what `atlas` and the admin server ship (no tests, no test support). */
const product = [...sources('src'), ...sources('connectors')].filter((f) => !isTest(f));

function violations(files: string[], forbidden: (target: string, file: string) => boolean): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter((target) => forbidden(target, file))
      .map((target) => `${file} imports ${target}`),
  );
}

describe('layering', () => {
  it('the product never imports the dev wing (emulators, seeder, generator) or test support', () => {
    expect(violations(product, (t) => t.startsWith('devkit/') || t.startsWith('test/'))).toEqual([]);
  });

  it('a connector imports only its own folder, the connector port and the model (plus errors, log, config)', () => {
    const connectorFiles = product.filter((f) => f.startsWith('connectors/'));
    const allowed = (target: string, file: string) => {
      if (!target.startsWith('src/') && !target.startsWith('connectors/')) return true; // packages, node:
      if (['src/errors.js', 'src/log.js', 'src/config.js'].includes(target)) return true;
      const own = file.split('/').slice(0, 2).join('/');
      const isPort = (t: string) => /^connectors\/[^/]+\.js$/.test(t);
      // The port (top-level files) speaks the model's terms only; the registry also names each plugin's entry.
      if (!file.slice('connectors/'.length).includes('/')) {
        const plugin = file === 'connectors/registry.ts' && /^connectors\/[^/]+\/plugin\.js$/.test(target);
        return target.startsWith('src/model/') || isPort(target) || plugin;
      }
      return (
        target.startsWith(`${own}/`) ||
        target.startsWith('connectors/kit/') ||
        isPort(target) ||
        target.startsWith('src/model/')
      );
    };
    expect(violations(connectorFiles, (t, f) => !allowed(t, f))).toEqual([]);
  });

  it('the rest of the product reaches a CRM only through the port and the plugin registry', () => {
    const outside = product.filter((f) => f.startsWith('src/'));
    expect(violations(outside, (t) => /^connectors\/[^/]+\//.test(t))).toEqual([]);
  });

  it('the engine does no I/O: no file system, network, processes, store, sync or connectors', () => {
    const engine = product.filter((f) => f.startsWith('src/engine/'));
    const io = (t: string) =>
      /^(node:)?(fs|fs\/promises|net|http|https|child_process|worker_threads|dgram|tls)$/.test(t) ||
      /^src\/(store|sync|server|cli|writeback)\//.test(t) ||
      t.startsWith('connectors/') ||
      ['better-sqlite3', 'pg', 'kysely', 'jsforce', '@hubspot/api-client'].includes(t);
    expect(violations(engine, io)).toEqual([]);
  });

  it('the dev wing is reached only from the developer CLI, tests and benches', () => {
    // The product CLI's own entry must not be the dev one: `atlas --version` loads no emulator code.
    expect(importsOf('src/cli.ts').filter((t) => t.startsWith('devkit/'))).toEqual([]);
    expect(importsOf('devkit/cli.ts')).toContain('src/cli.js');
  });
});
