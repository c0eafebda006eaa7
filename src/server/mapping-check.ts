/** The editor's check of one edited mapping text against the whole directory: what the checking thread runs. */
import { z } from 'zod';
import { type MappingSources, parseYamlFile, readMappingSources } from '../mapping/index.js';
import { checkDirectory, type MappingName, type Validation } from './mapping-files.js';

export interface EditRequest {
  dir: string;
  name: MappingName;
  text: string;
}

export interface EditCheck {
  validation: Validation;
  /** The entity names and CRM objects a connector mapping reads (for field pickers and previews). */
  objects: { entity: string; object: string }[];
}

const EntitiesSchema = z.object({
  entities: z.record(z.string(), z.object({ object: z.string() }).passthrough()),
});

/** The entity names and CRM objects a connector mapping's text reads; none for other files or broken text. */
export function entitiesOf(name: MappingName, text: string): EditCheck['objects'] {
  if (name !== 'salesforce' && name !== 'hubspot') return [];
  const parsed = parseYamlFile(`${name}.yaml`, text, EntitiesSchema);
  if (!parsed.ok) return [];
  return Object.entries(parsed.value.entities).map(([entity, e]) => ({ entity, object: e.object }));
}

/** The directory checked as it would be with `text` in place of file `name`; nothing touches disk. */
export function checkEdit({ dir, name, text }: EditRequest): EditCheck {
  const { sources, problems } = readMappingSources(dir);
  const edited: MappingSources = { ...sources, [name]: { file: sources[name].file, text } };
  return { validation: checkDirectory(edited, problems), objects: entitiesOf(name, text) };
}
