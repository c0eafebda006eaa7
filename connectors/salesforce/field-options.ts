/**
 * Widens multi-select picklist fields with new values (segments, needs) before writes. The values a field
 * already has are read from the REST describe, which needs no Metadata API rights: only a field that lacks
 * values costs Metadata API calls, so a least-privilege user writes fields as long as no value is new.
 */
import { AtlasError } from '../../src/errors.js';
import type { FieldOptions, ProvisionStep } from '../types.js';
import type { SalesforceClient } from './client.js';
import { DescribeSession } from './describe.js';
import { SF_MULTISELECT_SEPARATOR, SF_PICKLIST_VALUE_MAX_LENGTH, SF_PICKLIST_VALUES_MAX } from './limits.js';
import { asArray, readMetadata, upsertMetadata } from './metadata.js';
import { assertCapability, withMetadataAccess } from './permissions.js';
import type { SalesforceDescribe } from './raw.js';
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

/**
 * The fields whose every wanted value the describe already lists (active or not), as unchanged steps; the
 * others (values missing, or a field the describe hides from this user) go on to the Metadata API.
 */
export function splitByDescribe(
  object: string,
  describe: SalesforceDescribe | null,
  options: readonly FieldOptions[],
): { unchanged: Map<string, ProvisionStep>; pending: FieldOptions[] } {
  const unchanged = new Map<string, ProvisionStep>();
  const pending: FieldOptions[] = [];
  for (const o of options) {
    const field = describe?.fields.find((f) => f.name.toLowerCase() === o.field.toLowerCase());
    const have = new Set((field?.picklistValues ?? []).map((p) => p.value));
    if (field && [...new Set(o.values)].every((v) => have.has(v))) {
      unchanged.set(o.field, {
        kind: 'options',
        name: `${object}.${o.field}`,
        action: 'unchanged',
        detail: `none missing (of ${have.size})`,
      });
    } else pending.push(o);
  }
  return { unchanged, pending };
}

/**
 * Adds the missing values to each field's value set (existing values, including inactive ones, are kept).
 * One REST describe of the object; the Metadata API (read, then upsert) only for fields that lack values,
 * after checking the user may use it. A refusal names the permissions to grant.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
 */
export async function ensurePicklistValues(
  client: SalesforceClient,
  object: string,
  options: readonly FieldOptions[],
  describes: DescribeSession = new DescribeSession(client),
): Promise<ProvisionStep[]> {
  soqlPath(object);
  for (const o of options) soqlPath(o.field);
  if (options.length === 0) return [];
  const { unchanged, pending } = splitByDescribe(object, await describes.describe(object), options);
  const widened =
    pending.length === 0
      ? []
      : await withMetadataAccess(client, 'picklist values', async () => {
          await assertCapability(client, 'picklist values');
          return widenWithMetadata(client, object, pending);
        });
  const byField = new Map(widened.map((s) => [s.name, s]));
  return options.flatMap((o) => {
    const step = unchanged.get(o.field) ?? byField.get(`${object}.${o.field}`);
    return step ? [step] : [];
  });
}

/** Reads the fields' value sets through the Metadata API and upserts those that lack values. */
async function widenWithMetadata(
  client: SalesforceClient,
  object: string,
  options: readonly FieldOptions[],
): Promise<ProvisionStep[]> {
  const names = options.map((o) => `${object}.${o.field}`);
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
