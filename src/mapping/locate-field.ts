/** Finds where a mapping file names a CRM field, so a problem the CRM reports (schema drift) points at the line. */
import type { MappingProblem } from '../errors.js';
import type { EntityName } from './model-fields.js';
import { type KeyPath, parseYamlText } from './yaml-positions.js';

/** Depth-first search for a scalar equal to `wanted` (case-insensitive, as Salesforce names are). */
function findValue(node: unknown, wanted: string, path: PropertyKey[]): KeyPath | null {
  if (typeof node === 'string') return node.toLowerCase() === wanted ? path : null;
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) {
      const found = findValue(item, wanted, [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      const found = findValue(value, wanted, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * A problem at the entry of `entities.<entity>` that reads `field` (a path such as `Account.Industry`, or
 * the part of it after a child relationship), or at the entity's `object` when no entry names it.
 */
export function locateMappingField(
  file: string,
  text: string,
  entity: EntityName,
  field: string,
  message: string,
): MappingProblem {
  const { data, locator } = parseYamlText(file, text);
  const root: PropertyKey[] = ['entities', entity];
  const entityNode = (data as { entities?: Record<string, unknown> } | null)?.entities?.[entity];
  const segments = field.split('.');
  for (let start = 0; start < segments.length; start++) {
    const wanted = segments.slice(start).join('.').toLowerCase();
    const found = findValue(entityNode, wanted, root);
    if (found) return locator.problem(found, message, undefined, 'value');
  }
  return locator.problem([...root, 'object'], message, undefined, 'value');
}
