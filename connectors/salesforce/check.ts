/**
 * `atlas connect salesforce --check`: who we are, the org's quota and limits, access to every mapped field,
 * and the system permissions the integration user lacks per capability (read, write-back, list views, provisioning).
 */
import type { ConnectionCheck, FieldAccess, ReadPlan } from '../types.js';
import type { SalesforceClient } from './client.js';
import { DescribeSession } from './describe.js';
import { readMetadata } from './metadata.js';
import { SF_VIEWER_LABEL, SF_VIEWER_PERMISSION_SET } from './permission-sets.js';
import {
  isAccessRefusal,
  missingPermissions,
  permissionWords,
  readUserPermissions,
  type SalesforceCapability,
  SF_CAPABILITY_PERMISSIONS,
  type UserPermissions,
} from './permissions.js';
import { SalesforceLimitsSchema, SalesforceQueryPageSchema } from './raw.js';
import { planPaths } from './schema-check.js';
import { soqlString } from './soql.js';

/** Limits worth printing (the rest of /limits is storage and features). */
const REPORTED_LIMITS = [
  'DailyApiRequests',
  'DailyBulkV2QueryJobs',
  'DailyBulkApiBatches',
  'DailyBulkV2QueryFileStorageMB',
];

/** What each capability does when its permissions are missing, for the notices. */
const WITHOUT: Record<SalesforceCapability, string> = {
  read: 'nothing can be read',
  'field write-back': 'no field is written',
  'picklist values': 'a segment or need value the picklists lack cannot be added (records holding it fail)',
  'list views': 'list views are skipped with a warning; fields are still written',
  provisioning: '`atlas provision salesforce --apply` cannot create fields or assign the permission set',
};

/** One notice per capability the user lacks system permissions for; none when it has them all. */
export function permissionNotices(permissions: UserPermissions | null): string[] {
  if (!permissions) {
    return [
      "The integration user's system permissions could not be read (UserPermissionAccess); grant them as in salesforce-dx/ (Partner_Atlas_Integration, Partner_Atlas_Metadata)",
    ];
  }
  const notices: string[] = [];
  for (const capability of Object.keys(SF_CAPABILITY_PERMISSIONS) as SalesforceCapability[]) {
    const missing = missingPermissions(permissions, capability);
    if (missing.length > 0) {
      notices.push(
        `Missing for ${capability}: ${permissionWords(missing)}; without it ${WITHOUT[capability]}`,
      );
    }
  }
  return notices;
}

/**
 * Who besides admins can read what Atlas writes: the people holding the viewer permission set directly
 * (assignments through a permission set group or a profile's own grants are not counted).
 */
async function viewerNotice(client: SalesforceClient): Promise<string> {
  const query = async (soql: string) =>
    SalesforceQueryPageSchema.parse(await client.get('query', `/query?q=${encodeURIComponent(soql)}`))
      .records;
  const [set] = await query(
    `SELECT Id FROM PermissionSet WHERE Name = ${soqlString(SF_VIEWER_PERMISSION_SET)}`,
  );
  if (typeof set?.Id !== 'string') {
    return `Reps cannot read the Atlas fields yet unless their profile grants it: the read-only permission set ${SF_VIEWER_LABEL} does not exist (run \`atlas provision salesforce --apply\`, then assign it)`;
  }
  const holders = await query(
    `SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSetId = ${soqlString(set.Id)}`,
  );
  return holders.length === 0
    ? `Nobody holds ${SF_VIEWER_LABEL} (read-only Atlas fields and Atlas Expertise records): assign it, or add it to the reps' permission set group`
    : holders.length === 1
      ? `1 user holds ${SF_VIEWER_LABEL} directly and can read the Atlas fields and Atlas Expertise records`
      : `${holders.length} users hold ${SF_VIEWER_LABEL} directly and can read the Atlas fields and Atlas Expertise records`;
}

export async function checkConnection(
  client: SalesforceClient,
  plans: readonly ReadPlan[],
  writeObject: string,
  writeFields: readonly string[],
  notices: readonly string[] = [],
): Promise<ConnectionCheck> {
  let user: string | null = null;
  if (client.identity) {
    const body = await client.get(
      'query',
      `/query?q=${encodeURIComponent(`SELECT Username FROM User WHERE Id = ${soqlString(client.identity.userId)}`)}`,
    );
    const [row] = SalesforceQueryPageSchema.parse(body).records;
    user = typeof row?.Username === 'string' ? row.Username : null;
  }
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_limits.htm
  const limitsBody = SalesforceLimitsSchema.parse(await client.get('limits', '/limits'));
  const limits: Record<string, number> = {};
  for (const name of REPORTED_LIMITS) {
    const l = limitsBody[name];
    if (l) {
      limits[`${name}.Max`] = l.Max;
      limits[`${name}.Remaining`] = l.Remaining;
    }
  }
  const session = new DescribeSession(client);
  const fields: FieldAccess[] = [];
  for (const plan of plans) {
    for (const path of planPaths(plan)) {
      const r = await session.resolve(plan.object, path);
      fields.push({
        object: plan.object,
        field: path,
        exists: r.ok,
        readable: r.ok,
        writable: r.ok && !path.includes('.') && r.field.updateable,
      });
    }
  }
  const invisible: string[] = [];
  for (const field of writeFields) {
    const r = await session.resolve(writeObject, field);
    if (!r.ok) invisible.push(field);
    fields.push({
      object: writeObject,
      field,
      exists: r.ok,
      readable: r.ok,
      writable: r.ok && r.field.updateable,
    });
  }
  const permissions = await readUserPermissions(client);
  const metadataReadable =
    !permissions || permissions.get('ModifyMetadata') === true || permissions.get('ModifyAllData') === true;
  if (invisible.length > 0 && metadataReadable) {
    // describe hides fields the user may not read: the Metadata API tells whether they exist at all.
    const found = await readMetadata(
      client,
      'CustomField',
      invisible.map((f) => `${writeObject}.${f}`),
    ).catch((error: unknown) => {
      if (isAccessRefusal(error)) return new Map<string, unknown>();
      throw error;
    });
    for (const access of fields) {
      if (access.object === writeObject && !access.exists && found.has(`${writeObject}.${access.field}`))
        access.exists = true;
    }
  }
  const daily = client.usage().daily;
  const api = limitsBody.DailyApiRequests;
  return {
    system: 'salesforce',
    accountId: client.identity?.orgId ?? '',
    baseUrl: client.instanceUrl,
    user,
    usage: {
      ...client.usage(),
      daily: daily ?? (api ? { used: api.Max - api.Remaining, max: api.Max } : null),
    },
    missingScopes: [],
    limits,
    fields,
    associationLabels: [],
    notices: [
      ...notices,
      ...permissionNotices(permissions),
      await viewerNotice(client).catch((error: unknown) => {
        if (isAccessRefusal(error))
          return `Cannot tell who reads the Atlas fields: the integration user may not read permission sets`;
        throw error;
      }),
    ],
  };
}
