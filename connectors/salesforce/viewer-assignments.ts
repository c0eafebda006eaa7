/** `--assign-viewers`: the read-only viewer set added to permission set groups, or assigned to a profile's active users. */
import { AtlasError } from '../../src/errors.js';
import { chunk } from '../kit/chunk.js';
import { parseAnswer } from '../kit/parse-answer.js';
import type { ProvisionStep } from '../types.js';
import type { SalesforceClient } from './client.js';
import { SF_COLLECTION_MAX } from './limits.js';
import { asArray, type MetadataRecord, readMetadata, upsertMetadata } from './metadata.js';
import { SF_VIEWER_PERMISSION_SET, SF_VIEWER_LABEL as VIEWER_LABEL } from './permission-sets.js';
import { queryFirst, queryMore } from './query-pages.js';
import { type SalesforceSaveResult, SalesforceSaveResultsSchema } from './raw.js';
import { soqlString } from './soql.js';

/** The viewer set's label, as admins see it in Setup. */

/** Who a `--assign-viewers` name turned out to be. */
export type ViewerTarget =
  | { kind: 'group'; developerName: string; label: string; group: MetadataRecord }
  | { kind: 'profile'; name: string; activeUserIds: string[]; assignedUserIds: string[] };

/** Every record of a query, following `nextRecordsUrl`. */
async function queryAll(client: SalesforceClient, soql: string): Promise<Record<string, unknown>[]> {
  let page = await queryFirst({ client }, soql, 'query');
  const records = [...page.records];
  while (page.nextRecordsUrl) {
    page = await queryMore({ client }, page.nextRecordsUrl, 'query');
    records.push(...page.records);
  }
  return records;
}

const ids = (rows: readonly Record<string, unknown>[], field: string) =>
  rows.flatMap((r) => (typeof r[field] === 'string' ? [r[field]] : []));

/** The viewer set's record id, or null before provisioning created it. */
async function viewerSetId(client: SalesforceClient): Promise<string | null> {
  const [row] = await queryAll(
    client,
    `SELECT Id FROM PermissionSet WHERE Name = ${soqlString(SF_VIEWER_PERMISSION_SET)}`,
  );
  return typeof row?.Id === 'string' ? row.Id : null;
}

/**
 * Resolves a name as a permission set group (API name or label) first, then as a profile; throws naming
 * what was looked for when neither exists.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionsetgroup.htm
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_profile.htm
 */
async function resolveTarget(
  client: SalesforceClient,
  name: string,
  viewerId: string | null,
): Promise<ViewerTarget> {
  const [group] = await queryAll(
    client,
    `SELECT DeveloperName, MasterLabel FROM PermissionSetGroup WHERE DeveloperName = ${soqlString(name)} OR MasterLabel = ${soqlString(name)}`,
  );
  if (typeof group?.DeveloperName === 'string') {
    const developerName = group.DeveloperName;
    const md = (await readMetadata(client, 'PermissionSetGroup', [developerName])).get(developerName);
    return {
      kind: 'group',
      developerName,
      label: typeof group.MasterLabel === 'string' ? group.MasterLabel : developerName,
      group: md ?? { fullName: developerName },
    };
  }
  const [profile] = await queryAll(client, `SELECT Id, Name FROM Profile WHERE Name = ${soqlString(name)}`);
  if (typeof profile?.Id === 'string') {
    const activeUserIds = ids(
      await queryAll(
        client,
        `SELECT Id FROM User WHERE ProfileId = ${soqlString(profile.Id)} AND IsActive = true`,
      ),
      'Id',
    );
    const holders = viewerId
      ? new Set(
          ids(
            await queryAll(
              client,
              `SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSetId = ${soqlString(viewerId)}`,
            ),
            'AssigneeId',
          ),
        )
      : new Set<string>();
    return {
      kind: 'profile',
      name: typeof profile.Name === 'string' ? profile.Name : name,
      activeUserIds,
      assignedUserIds: activeUserIds.filter((id) => holders.has(id)),
    };
  }
  // A usage error: the admin named something the org does not have.
  throw new AtlasError(
    'USAGE',
    `No permission set group or profile named "${name}" in Salesforce: looked for a permission set group with that API name or label, then a profile with that name. Name one as Setup shows it.`,
    { context: { name } },
  );
}

/** Reads who each name is and who already holds the viewer set (deduplicated names, in order). */
export async function readViewerTargets(
  client: SalesforceClient,
  names: readonly string[],
): Promise<ViewerTarget[]> {
  const viewerId = await viewerSetId(client);
  const targets: ViewerTarget[] = [];
  for (const name of [...new Set(names)]) targets.push(await resolveTarget(client, name, viewerId));
  return targets;
}

/** Names of the permission sets a group holds. */
function groupSets(group: MetadataRecord): string[] {
  return asArray<unknown>(group.permissionSets).map(String);
}

/**
 * The users whose assignment failed, with why: an assignment that already exists (`DUPLICATE_VALUE`)
 * counts as done. Results come back in request order, one per record.
 */
export function failedAssignments(
  userIds: readonly string[],
  results: readonly SalesforceSaveResult[],
): Array<{ userId: string; reason: string }> {
  return userIds.flatMap((userId, i) => {
    const r = results[i];
    if (r?.success || r?.errors.some((e) => e.statusCode === 'DUPLICATE_VALUE')) return [];
    const reason = r ? r.errors.map((e) => `${e.statusCode} ${e.message}`).join('; ') : 'no result';
    return [{ userId, reason }];
  });
}

/**
 * Creates the viewer set's assignments in Collections of 200; throws naming how many users failed and why.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_create.htm
 */
export async function assignViewerSet(client: SalesforceClient, userIds: readonly string[]): Promise<void> {
  const viewerId = await viewerSetId(client);
  if (!viewerId) {
    throw new AtlasError(
      'PROVISION_NO_PERMISSION_SET',
      `The permission set ${VIEWER_LABEL} was not found: run \`atlas provision salesforce --apply\` first`,
    );
  }
  const failed: Array<{ userId: string; reason: string }> = [];
  for (const batch of chunk(userIds, SF_COLLECTION_MAX)) {
    const res = await client.rest('create', {
      method: 'POST',
      path: '/composite/sobjects',
      body: {
        allOrNone: false,
        records: batch.map((AssigneeId) => ({
          attributes: { type: 'PermissionSetAssignment' },
          AssigneeId,
          PermissionSetId: viewerId,
        })),
      },
    });
    failed.push(
      ...failedAssignments(
        batch,
        parseAnswer(SalesforceSaveResultsSchema, res.body, {
          crm: 'Salesforce',
          operation: 'composite',
          object: 'PermissionSetAssignment',
        }),
      ),
    );
  }
  const [first] = failed;
  if (first) {
    throw new AtlasError(
      'PROVISION_ASSIGNMENT_FAILED',
      `Salesforce refused ${failed.length === 1 ? 'one assignment' : `${failed.length} assignments`} of ${VIEWER_LABEL} (first: ${first.reason}); the others were made, run again after fixing it`,
      {
        context: {
          permissionSet: SF_VIEWER_PERMISSION_SET,
          failed: failed.length,
          firstUserId: first.userId,
        },
      },
    );
  }
}

const users = (n: number) => (n === 1 ? '1 active user' : `${n} active users`);

/** Whether a group already holds the viewer set. */
function groupHoldsViewer(group: MetadataRecord): boolean {
  return groupSets(group).some((s) => s.toLowerCase() === SF_VIEWER_PERMISSION_SET.toLowerCase());
}

/** Active users of a profile who do not hold the viewer set yet. */
function unassigned(t: Extract<ViewerTarget, { kind: 'profile' }>): string[] {
  const assigned = new Set(t.assignedUserIds);
  return t.activeUserIds.filter((id) => !assigned.has(id));
}

/** The step a target needs: the group holds the viewer set, or every active user of the profile does. */
export function viewerAssignmentStep(t: ViewerTarget): ProvisionStep {
  if (t.kind === 'group') {
    const has = groupHoldsViewer(t.group);
    return {
      kind: 'permission',
      name: `${SF_VIEWER_PERMISSION_SET} → group ${t.developerName}`,
      action: has ? 'unchanged' : 'update',
      detail: has
        ? `the permission set group ${t.label} holds ${VIEWER_LABEL}`
        : `Add ${VIEWER_LABEL} to the permission set group ${t.label}`,
    };
  }
  const missing = unassigned(t).length;
  return {
    kind: 'permission',
    name: `${SF_VIEWER_PERMISSION_SET} → profile ${t.name}`,
    action: missing === 0 ? 'unchanged' : 'create',
    detail:
      missing > 0
        ? `Assign ${VIEWER_LABEL} to ${users(missing)} of the profile ${t.name}`
        : t.activeUserIds.length === 0
          ? `the profile ${t.name} has no active users`
          : `every active user of the profile ${t.name} holds ${VIEWER_LABEL} (${users(t.activeUserIds.length)})`,
  };
}

/** Carries out a target's step: the group upserted with the viewer set added, or the missing assignments made. */
export function applyViewerAssignment(client: SalesforceClient, t: ViewerTarget): Promise<void> {
  if (t.kind === 'profile') return assignViewerSet(client, unassigned(t));
  // https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_permissionsetgroup.htm
  // `status` is Salesforce's own (the group is recalculated after the change), so it is not sent back.
  const { status: _recalculated, ...group } = t.group;
  return upsertMetadata(client, 'PermissionSetGroup', [
    {
      ...group,
      fullName: t.developerName,
      permissionSets: [...groupSets(t.group), SF_VIEWER_PERMISSION_SET],
    },
  ]);
}
