/**
 * The CRM-neutral side of `atlas mappings init`: the write-back section a starter carries over, and the check
 * of a starter by the loader `atlas mappings check` uses. Each CRM's plugin writes its own starter.
 */
import { perCrm } from '../../connectors/registry.js';
import type { MappingProblem } from '../errors.js';
import type { CrmSystem } from '../model/index.js';
import { checkMappingSources, MAPPING_FILES, type MappingSources } from './load.js';

/**
 * The `writeback:` section of a mapping file with the comments just above it, as text, so a starter can
 * carry it over unchanged (its fields are Atlas's own, created by provisioning, not found in the CRM).
 */
export function writebackSection(mappingText: string): string | null {
  const lines = mappingText.split('\n');
  let start = lines.findIndex((l) => /^writeback:/.test(l));
  if (start < 0) return null;
  while (start > 0 && lines[start - 1]?.startsWith('#')) start--;
  return `${lines.slice(start).join('\n').trimEnd()}\n`;
}

/** The files of a mapping folder as they will be once the starter is written. */
export interface StarterFiles {
  dir: string;
  system: CrmSystem;
  mapping: string;
  taxonomy: string;
  /** null: the documented defaults apply. */
  scoring: string | null;
  /** Absent or null: no benefits (a write-back field naming one is then a problem). */
  benefits?: string | null;
}

/** Every problem `atlas mappings check` would report in the starter (none, unless the generator has a bug). */
export function checkStarter(files: StarterFiles): MappingProblem[] {
  const path = (name: string) => `${files.dir.replace(/\/+$/, '')}/${name}`;
  const sources: MappingSources = {
    dir: files.dir,
    ...perCrm(({ system }) => ({
      file: path(MAPPING_FILES[system]),
      text: system === files.system ? files.mapping : null,
    })),
    taxonomy: { file: path(MAPPING_FILES.taxonomy), text: files.taxonomy },
    scoring: { file: path(MAPPING_FILES.scoring), text: files.scoring },
    benefits: { file: path(MAPPING_FILES.benefits), text: files.benefits ?? null },
  };
  return checkMappingSources(sources).problems;
}
