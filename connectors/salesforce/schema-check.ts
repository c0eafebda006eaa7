/** Schema drift: every mapped path of every plan checked against fresh describes; problems named per field. */
import type { ReadPlan, SchemaProblem } from '../types.js';
import type { SalesforceClient } from './client.js';
import { DescribeSession } from './describe.js';
import { readMetadata } from './metadata.js';

/** Every field path a plan reads on its own object (fields, the modified field, filter fields). */
export function planPaths(plan: ReadPlan): string[] {
  const paths = new Map<string, string>();
  for (const f of [
    ...plan.fields,
    ...(plan.modifiedField ? [plan.modifiedField] : []),
    ...plan.filter.map((c) => c.field),
  ]) {
    paths.set(f.toLowerCase(), f);
  }
  return [...paths.values()];
}

function problem(plan: ReadPlan, object: string, field: string, message: string): SchemaProblem {
  return { entity: plan.entity, object, field, reason: 'missing', message };
}

/**
 * Describes the plans' objects now and lists every mapped field that does not exist or that the integration
 * user cannot read (describe only shows fields the user may read, so both look the same: "missing or not
 * readable"). Relationship paths are followed (`Account.Industry` → describe Account) and child
 * relationships resolved to their object.
 */
export async function checkPlansSchema(
  client: SalesforceClient,
  plans: readonly ReadPlan[],
  session = new DescribeSession(client),
): Promise<SchemaProblem[]> {
  const problems: SchemaProblem[] = [];
  for (const plan of plans) {
    const root = await session.describe(plan.object);
    if (!root) {
      for (const path of planPaths(plan)) {
        problems.push(
          problem(
            plan,
            plan.object,
            path,
            `sObject ${plan.object} does not exist or the integration user cannot read it`,
          ),
        );
      }
      continue;
    }
    for (const path of planPaths(plan)) {
      const r = await session.resolve(plan.object, path);
      if (!r.ok) {
        problems.push(
          problem(
            plan,
            plan.object,
            path,
            `${path} on ${plan.object}: ${r.missing} is not a field the integration user can read on ${r.object} (missing, renamed, or no field-level read access)`,
          ),
        );
      }
    }
    for (const child of plan.children) {
      const childObject = await session.childObject(plan.object, child.relationship);
      if (!childObject) {
        for (const f of child.fields) {
          problems.push(
            problem(
              plan,
              plan.object,
              `${child.relationship}.${f}`,
              `${plan.object} has no child relationship ${child.relationship} the integration user can read`,
            ),
          );
        }
        continue;
      }
      for (const f of child.fields) {
        const r = await session.resolve(childObject, f);
        if (!r.ok) {
          problems.push(
            problem(
              plan,
              childObject,
              `${child.relationship}.${f}`,
              `${f} on ${childObject} (via ${child.relationship}): ${r.missing} is not a field the integration user can read on ${r.object}`,
            ),
          );
        }
      }
    }
  }
  return markUnreadable(client, problems);
}

/**
 * describe hides fields the integration user may not read; for custom fields on the plan's object the
 * Metadata API tells whether they exist (one call, only when something is missing): those are `unreadable`.
 */
async function markUnreadable(client: SalesforceClient, problems: SchemaProblem[]): Promise<SchemaProblem[]> {
  const custom = problems.filter((p) => /^[A-Za-z][A-Za-z0-9_]*__c$/.test(p.field));
  if (custom.length === 0) return problems;
  const existing = await readMetadata(client, 'CustomField', [
    ...new Set(custom.map((p) => `${p.object}.${p.field}`)),
  ]);
  return problems.map((p) =>
    existing.has(`${p.object}.${p.field}`)
      ? {
          ...p,
          reason: 'unreadable' as const,
          message: `${p.field} exists on ${p.object} but the integration user cannot read it: grant field-level read access (e.g. through the Partner Atlas permission set)`,
        }
      : p,
  );
}
