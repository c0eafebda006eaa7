/**
 * The demo's mapping folder for a profile other than `prm`: what a new customer does first, `atlas mappings
 * init` against each CRM, here against the emulators, so the demo runs on mappings nobody wrote by hand.
 */
import { rmSync } from 'node:fs';
import type { CliContext } from '../../src/cli/context.js';
import { initMappings } from '../../src/cli/mappings-init-action.js';
import type { AtlasEnv } from '../../src/config.js';
import type { CrmSystem } from '../../src/model/index.js';

export interface StarterMappingsOptions {
  /** The environment reaching the emulators; its ATLAS_MAPPINGS_DIR gives the taxonomy, scoring and write-back to copy. */
  env: AtlasEnv;
  /** The folder to write, emptied first: it belongs to the demo, like its store. */
  out: string;
  systems: readonly CrmSystem[];
  onStep: (step: string, detail: string) => void;
}

/** Writes a starter mapping per CRM into `out` (taxonomy and scoring copied once), saying how much each asks to review. */
export async function writeStarterMappings(options: StarterMappingsOptions): Promise<void> {
  rmSync(options.out, { recursive: true, force: true });
  for (const system of options.systems) {
    const lines: string[] = [];
    const context: CliContext = {
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
      env: () => options.env,
      exit: () => {},
      isTty: false,
    };
    await initMappings(context, { fromCrm: system, out: options.out, force: true });
    const review = lines.filter((line) => line.startsWith('  - ')).length;
    options.onStep(
      'mappings',
      `${system}: a starter mapping from the emulated schema in ${options.out} (${review} ${review === 1 ? 'line' : 'lines'} to review, as \`atlas mappings init\` lists them)`,
    );
  }
}
