/** Widens multi-select picklist fields with new values (segments, needs) through the Metadata API before writes. */
import { AtlasError } from '../../src/errors.js';
import type { FieldOptions, ProvisionStep } from '../types.js';
import type { SalesforceClient } from './client.js';
import { SF_MULTISELECT_SEPARATOR, SF_PICKLIST_VALUE_MAX_LENGTH, SF_PICKLIST_VALUES_MAX } from './limits.js';
import { asArray, readMetadata, upsertMetadata } from './metadata.js';
import { soqlPath } from './soql.js';

function checkValue(field: string, value: string): void {
  if (
    value === '' ||
    value.length > SF_PICKLIST_VALUE_MAX_LENGTH ||
    value.includes(SF_MULTISELECT_SEPARATOR)
  ) {
    throw new AtlasError(
      'PICKLIST_VALUE_INVALID',
      `"${value.slice(0, 80)}" cannot be a value of ${field}: picklist values hold 1 to ${SF_PICKLIST_VALUE_MAX_LENGTH} characters and no "${SF_MULTISELECT_SEPARATOR}"`,
      { context: { field } },
    );
  }
}

/** Adds the missing values to each field's value set (existing values, including inactive ones, are kept). */
export async function ensurePicklistValues(
  client: SalesforceClient,
  object: string,
  options: readonly FieldOptions[],
): Promise<ProvisionStep[]> {
  soqlPath(object);
  const names = options.map((o) => `${object}.${soqlPath(o.field)}`);
  const current = await readMetadata(client, 'CustomField', names);
  const steps: ProvisionStep[] = [];
  const changed: Array<Record<string, unknown>> = [];
  for (const o of options) {
    const fullName = `${object}.${o.field}`;
    const md = current.get(fullName);
    if (!md) {
      throw new AtlasError(
        'FIELD_NOT_PROVISIONED',
        `${fullName} does not exist: run \`atlas provision salesforce --apply\` first`,
        {
          context: { field: fullName },
        },
      );
    }
    const valueSet = (md.valueSet ?? {}) as Record<string, unknown>;
    const definition = (valueSet.valueSetDefinition ?? {}) as Record<string, unknown>;
    const values = asArray<Record<string, unknown>>(definition.value);
    const have = new Set(values.map((v) => String(v.fullName ?? v.label ?? '')));
    const missing = [...new Set(o.values)].filter((v) => !have.has(v));
    for (const v of missing) checkValue(fullName, v);
    if (values.length + missing.length > SF_PICKLIST_VALUES_MAX) {
      throw new AtlasError(
        'PICKLIST_TOO_MANY_VALUES',
        `${fullName} would hold ${values.length + missing.length} values; Salesforce allows ${SF_PICKLIST_VALUES_MAX}`,
        {
          context: { field: fullName },
        },
      );
    }
    steps.push({
      kind: 'options',
      name: fullName,
      action: missing.length > 0 ? 'update' : 'unchanged',
      detail:
        missing.length > 0
          ? `add ${missing.slice(0, 5).join(' | ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`
          : `none missing (of ${have.size})`,
    });
    if (missing.length > 0) {
      changed.push({
        ...md,
        fullName,
        valueSet: {
          ...valueSet,
          valueSetDefinition: {
            ...definition,
            sorted: definition.sorted ?? false,
            value: [...values, ...missing.map((v) => ({ fullName: v, default: false, label: v }))],
          },
        },
      });
    }
  }
  if (changed.length > 0) await upsertMetadata(client, 'CustomField', changed);
  return steps;
}
