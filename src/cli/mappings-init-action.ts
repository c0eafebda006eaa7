/** `atlas mappings init --from-crm <crm> --out DIR`: starter mapping files from what the CRM's schema holds. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crmPlugin } from '../../connectors/registry.js';
import { mappingsDir } from '../config.js';
import { AtlasError, formatMappingProblem } from '../errors.js';
import { createLogger } from '../log.js';
import { checkStarter, MAPPING_FILES, writebackSection } from '../mapping/index.js';
import { selectSystems } from '../sync/open-connectors.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';

export interface InitOptions {
  fromCrm: string;
  out: string;
  force?: boolean;
}

/** The mapping files shipped with Atlas: `mappings/` beside the package.json above this file (sources or dist). */
function shippedMappingsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    if (dirname(dir) === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = dirname(dir);
  }
  return join(dir, 'mappings');
}

/** A file of the current mapping folder, or the shipped one when that folder lacks it; null when neither has it. */
function templateText(name: string, dirs: readonly string[]): { path: string; text: string } | null {
  for (const dir of dirs) {
    const path = join(dir, name);
    if (existsSync(path)) return { path, text: readFileSync(path, 'utf8') };
  }
  return null;
}

export async function initMappings(context: CliContext, options: InitOptions): Promise<void> {
  const env = context.env();
  const [system] = selectSystems(env, [options.fromCrm]);
  if (!system) throw new AtlasError('USAGE', '--from-crm names no CRM');
  const plugin = crmPlugin(system);
  const templates = [mappingsDir(env), shippedMappingsDir()];
  const mappingPath = join(options.out, MAPPING_FILES[system]);
  // Refused before any CRM call: nothing is overwritten by surprise, and no quota is spent for nothing.
  if (existsSync(mappingPath) && !options.force) {
    throw new AtlasError('USAGE', `${mappingPath} already exists; pass --force to overwrite it`, {
      context: { file: mappingPath },
    });
  }
  // Taxonomy, scoring and benefits (which the carried-over write-back may name) are copied only where the folder
  // lacks them, so the folder is complete; never overwritten.
  const copies = (['taxonomy', 'scoring', 'benefits'] as const).map((kind) => {
    const path = join(options.out, MAPPING_FILES[kind]);
    const existing = existsSync(path) ? readFileSync(path, 'utf8') : null;
    return {
      kind,
      path,
      existing,
      template: existing === null ? templateText(MAPPING_FILES[kind], templates) : null,
    };
  });
  const [taxonomy, scoring, benefits] = copies;
  const taxonomyText = taxonomy?.existing ?? taxonomy?.template?.text;
  if (!taxonomy || taxonomyText === undefined) {
    throw new AtlasError(
      'CONFIG_INVALID',
      `no ${MAPPING_FILES.taxonomy} to start from in ${templates.join(' or ')}`,
    );
  }

  const connector = await plugin.open(env, {
    writeback: undefined,
    readObjects: [],
    possibleValues: () => null,
    logger: createLogger(env),
  });
  const survey = await connector.surveySchema(plugin.starterSurvey).finally(() => connector.close());
  const current = templateText(MAPPING_FILES[system], templates);
  const starter = plugin.starterMapping(survey, current ? writebackSection(current.text) : null);

  const problems = checkStarter({
    dir: options.out,
    system,
    mapping: starter.text,
    taxonomy: taxonomyText,
    scoring: scoring?.existing ?? scoring?.template?.text ?? null,
    benefits: benefits?.existing ?? benefits?.template?.text ?? null,
  });
  if (problems.length > 0) {
    throw new AtlasError(
      'MAPPING_INVALID',
      `the starter ${mappingPath} would not pass \`atlas mappings check\`, so nothing was written. This is a bug in \`atlas mappings init\`; please report it with these problems:\n${problems.map((p) => `  ${formatMappingProblem(p)}`).join('\n')}`,
      { context: { file: mappingPath, system } },
    );
  }

  mkdirSync(options.out, { recursive: true });
  writeFileSync(mappingPath, starter.text);
  context.out(`Wrote ${mappingPath}, a starter from the ${plugin.label} schema.`);
  for (const copy of copies) {
    if (copy.template) {
      writeFileSync(copy.path, copy.template.text);
      context.out(`Copied ${copy.template.path} to ${copy.path}.`);
    } else if (copy.existing !== null) {
      context.out(`Kept ${copy.path}, which was already there.`);
    }
  }
  if (starter.review.length > 0) {
    context.out('');
    context.out('Review before the first run:');
    for (const line of starter.review) context.out(`  - ${line}`);
  }
  context.out('');
  context.out(
    `Then check the folder with \`atlas mappings check --dir ${options.out}\`, and try it with \`ATLAS_MAPPINGS_DIR=${options.out} atlas run --dry-run\`.`,
  );
  context.exit(EXIT.ok);
}
