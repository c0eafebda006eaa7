/** Starter mapping files from a CRM survey (`atlas mappings init`), checked by the loader `atlas mappings check` uses. */
import { crmPlugin, perCrm } from '../../connectors/registry.js';
import type { CrmSurvey, SurveyOptions } from '../../connectors/types.js';
import type { MappingProblem } from '../errors.js';
import type { CrmSystem } from '../model/index.js';
import { checkMappingSources, MAPPING_FILES, type MappingSources } from './load.js';
import { HUBSPOT_SURVEY, hubspotStarter } from './starter-mapping-hubspot.js';
import { SALESFORCE_SURVEY, salesforceStarter } from './starter-mapping-salesforce.js';
import { commentLines, type StarterMapping } from './starter-mapping-text.js';

export type { StarterMapping } from './starter-mapping-text.js';

/** Per CRM: what to survey, and the generator reading the answer (a new CRM without one fails the type check). */
const STARTERS = {
  salesforce: { survey: SALESFORCE_SURVEY, generate: salesforceStarter },
  hubspot: { survey: HUBSPOT_SURVEY, generate: hubspotStarter },
} as const satisfies Record<CrmSystem, { survey: SurveyOptions; generate: (s: CrmSurvey) => StarterMapping }>;

/** What a CRM's starter needs surveyed. */
export function starterSurvey(system: CrmSystem): SurveyOptions {
  return STARTERS[system].survey;
}

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

/**
 * The whole starter file for a surveyed CRM: a header, the entities with a comment on each choice, and the
 * write-back section of the mapping it starts from (or a note that the starter is read-only).
 */
export function starterMapping(survey: CrmSurvey, writeback: string | null): StarterMapping {
  const { system } = survey;
  const { label, mapping } = crmPlugin(system);
  const starter = STARTERS[system].generate(survey);
  const header = commentLines(
    0,
    `Partner Atlas ← ${label}: a starter mapping that \`atlas mappings init --from-crm ${system}\` wrote from the ${label} schema. Each choice carries a comment; REVIEW marks a guess to check. The field syntax is documented at the top of the default mappings/${mapping.file}. Check your edits with \`atlas mappings check\`.`,
  );
  const tail =
    writeback ??
    commentLines(
      0,
      `No write-back section: this mapping only reads. Copy \`writeback:\` from the default mappings/${mapping.file} to write results back, then run \`atlas provision ${system} --apply\`.`,
    ).join('\n');
  return { text: `${[...header, '', starter.text, tail.trimEnd()].join('\n')}\n`, review: starter.review };
}

/** The files of a mapping folder as they will be once the starter is written. */
export interface StarterFiles {
  dir: string;
  system: CrmSystem;
  mapping: string;
  taxonomy: string;
  /** null: the documented defaults apply. */
  scoring: string | null;
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
  };
  return checkMappingSources(sources).problems;
}
