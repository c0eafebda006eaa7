/** The integration user's system permissions (UserPermissionAccess) and the ones each capability of the connector needs. */
import { z } from 'zod';
import { CrmApiError } from '../../src/errors.js';
import type { SalesforceClient } from './client.js';
import { SalesforceQueryPageSchema } from './raw.js';

/**
 * System permissions the connector may need, by API name (`PermissionSet.userPermissions.name`, and
 * `Permissions<Name>` on UserPermissionAccess), with the label Setup shows.
 */
export const SF_USER_PERMISSIONS = {
  ApiEnabled: 'API Enabled',
  ViewSetup: 'View Setup and Configuration',
  CustomizeApplication: 'Customize Application',
  ModifyMetadata: 'Modify Metadata Through Metadata API Functions',
  ModifyAllData: 'Modify All Data',
  AssignPermissionSets: 'Assign Permission Sets',
} as const;
export type SalesforceUserPermission = keyof typeof SF_USER_PERMISSIONS;

/** What the connector does, each with the system permissions it needs. */
export type SalesforceCapability =
  | 'read'
  | 'field write-back'
  | 'picklist values'
  | 'list views'
  | 'provisioning';

/**
 * Metadata API use needs Modify Metadata Through Metadata API Functions (or Modify All Data), and creating,
 * updating or deleting components Customize Application as well:
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_modify_metadata_perm.htm
 * Provisioning also assigns the permission set (PermissionSetAssignment): Assign Permission Sets.
 * Object and field access (Read on the mapped objects, Edit on the write-back object and fields) come from the
 * permission sets in `salesforce-dx/`, not from system permissions.
 */
export const SF_CAPABILITY_PERMISSIONS: Record<SalesforceCapability, readonly SalesforceUserPermission[]> = {
  read: ['ApiEnabled'],
  'field write-back': ['ApiEnabled'],
  'picklist values': ['ApiEnabled', 'ModifyMetadata', 'CustomizeApplication'],
  'list views': ['ApiEnabled', 'ModifyMetadata', 'CustomizeApplication'],
  provisioning: ['ApiEnabled', 'ModifyMetadata', 'CustomizeApplication', 'AssignPermissionSets'],
};

/** The user's answer for each permission asked about. */
export type UserPermissions = ReadonlyMap<SalesforceUserPermission, boolean>;

const PERMISSION_NAMES = Object.keys(SF_USER_PERMISSIONS) as SalesforceUserPermission[];
const PermissionRowSchema = z.record(z.string(), z.unknown());

/**
 * The session user's system permissions, one query. UserPermissionAccess (API 41.0+) answers for the current
 * user and needs no View Setup. https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_userpermissionaccess.htm
 * Null when the org does not answer it (the caller then just tries, and reads Salesforce's refusal).
 */
export async function readUserPermissions(client: SalesforceClient): Promise<UserPermissions | null> {
  const soql = `SELECT ${PERMISSION_NAMES.map((p) => `Permissions${p}`).join(', ')} FROM UserPermissionAccess`;
  let body: unknown;
  try {
    body = await client.get('query', `/query?q=${encodeURIComponent(soql)}`);
  } catch (error) {
    // A refused query is "unknown"; a spent budget, a lost session or a dead org stop the caller as usual.
    if (error instanceof CrmApiError && !error.details.retryable) return null;
    throw error;
  }
  const [row] = SalesforceQueryPageSchema.parse(body).records;
  const parsed = PermissionRowSchema.safeParse(row);
  if (!parsed.success) return null;
  const rowLower = new Map(Object.entries(parsed.data).map(([k, v]) => [k.toLowerCase(), v]));
  return new Map(
    PERMISSION_NAMES.map((p) => [p, rowLower.get(`permissions${p.toLowerCase()}`) === true] as const),
  );
}

/** The permissions a capability needs that the user lacks (Modify All Data stands in for Modify Metadata). */
export function missingPermissions(
  permissions: UserPermissions,
  capability: SalesforceCapability,
): SalesforceUserPermission[] {
  return SF_CAPABILITY_PERMISSIONS[capability].filter((p) => {
    if (permissions.get(p) === true) return false;
    return !(p === 'ModifyMetadata' && permissions.get('ModifyAllData') === true);
  });
}

/** `Modify Metadata Through Metadata API Functions (ModifyMetadata), Customize Application (CustomizeApplication)`. */
export function permissionWords(names: readonly SalesforceUserPermission[]): string {
  return names.map((p) => `${SF_USER_PERMISSIONS[p]} (${p})`).join(', ');
}

/** The permission set (in `salesforce-dx/`) that grants what a Metadata API capability needs. */
export const SF_METADATA_PERMISSION_SET = 'Partner_Atlas_Metadata';

/** Metadata API faults that mean "this user may not": no retry fixes them. */
export function isAccessRefusal(error: unknown): boolean {
  return error instanceof CrmApiError && error.details.vendorCode === 'INSUFFICIENT_ACCESS';
}

/**
 * The refusal of a Metadata API capability, naming the permissions to grant. A CrmApiError with Salesforce's
 * own code (INSUFFICIENT_ACCESS), whether Salesforce refused or UserPermissionAccess said it would.
 */
export function permissionRefusal(
  capability: SalesforceCapability,
  missing: readonly SalesforceUserPermission[],
  client: SalesforceClient,
  cause?: unknown,
): CrmApiError {
  const needed = missing.length > 0 ? missing : SF_CAPABILITY_PERMISSIONS[capability];
  return new CrmApiError(
    `Salesforce ${capability} need the Metadata API, which the integration user may not use: grant ${permissionWords(needed)}, e.g. with the ${SF_METADATA_PERMISSION_SET} permission set in salesforce-dx/ (https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_modify_metadata_perm.htm)`,
    {
      system: 'salesforce',
      operation: 'metadata',
      method: 'POST',
      path: `/services/Soap/m/${client.apiVersion}`,
      vendorCode: 'INSUFFICIENT_ACCESS',
      retryable: false,
    },
    cause === undefined ? {} : { cause },
  );
}

/**
 * Checks a Metadata API capability before its first call: throws {@link permissionRefusal} when
 * UserPermissionAccess says the user lacks a permission; passes when the org does not say.
 */
export async function assertCapability(
  client: SalesforceClient,
  capability: SalesforceCapability,
  known?: UserPermissions | null,
): Promise<void> {
  const permissions = known === undefined ? await readUserPermissions(client) : known;
  if (!permissions) return;
  const missing = missingPermissions(permissions, capability);
  if (missing.length > 0) throw permissionRefusal(capability, missing, client);
}

/** Runs a Metadata API step; a refusal Salesforce answers is rethrown naming the permissions it needs. */
export async function withMetadataAccess<T>(
  client: SalesforceClient,
  capability: SalesforceCapability,
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    // Ours (operation `metadata`) already names the permissions; Salesforce's (`metadata.read` …) does not.
    if (isAccessRefusal(error) && error instanceof CrmApiError && error.details.operation !== 'metadata')
      throw permissionRefusal(capability, [], client, error);
    throw error;
  }
}
