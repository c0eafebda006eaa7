/** Least-privilege permission sets for the integration user, built from the mapping: reads + field write-back, read-only, Metadata API. */
import type { ReadPlan } from '../types.js';
import { cellFieldsMetadata } from './cell-records.js';
import type { MetadataRecord } from './metadata.js';
import {
  type SalesforceUserPermission,
  SF_CAPABILITY_PERMISSIONS,
  SF_METADATA_PERMISSION_SET,
} from './permissions.js';
import { recommendationFieldsMetadata } from './recommendation-fields.js';
import type { SalesforceWriteback } from './writeback-schema.js';

/** Reads and field write-back: what the nightly run needs when no segment value and no list view is new. */
export const SF_INTEGRATION_PERMISSION_SET = 'Partner_Atlas_Integration';
/** Read-only access for people (reps, managers) to everything Atlas writes. */
export const SF_VIEWER_PERMISSION_SET = 'Partner_Atlas_Viewer';
/** The viewer permission set's label: what Setup shows and what messages name. */
export const SF_VIEWER_LABEL = 'Partner Atlas Viewer';
/** Reads only, for `atlas run --dry-run` and `atlas connect --check`. */
export const SF_READ_ONLY_PERMISSION_SET = 'Partner_Atlas_Integration_Read';
/** Everything `atlas provision salesforce --apply` needs on top of the Metadata API set. */
export const SF_PROVISIONING_PERMISSION_SET = 'Partner_Atlas_Provisioning';

/**
 * Full names (`Object.Field__c`) of every field Atlas writes: the write-back fields, the per-cell object's,
 * then the recommended partners' on Opportunity.
 */
export function writebackFieldNames(wb: SalesforceWriteback): string[] {
  const cells = wb.cellRecords
    ? cellFieldsMetadata(wb.cellRecords.object).map((f) => String(f.fullName))
    : [];
  const recommendations = wb.recommendations
    ? recommendationFieldsMetadata(wb.recommendations).map((f) => String(f.fullName))
    : [];
  return [...wb.fields.map((f) => `${wb.object}.${f.field}`), ...cells, ...recommendations];
}

/** Object permissions on the per-cell object: full for the integration user, read for the rest. */
function cellObjectPermissions(wb: SalesforceWriteback, write: boolean, viewAll: boolean) {
  if (!wb.cellRecords) return [];
  return [
    {
      allowCreate: write,
      allowDelete: write,
      allowEdit: write,
      allowRead: true,
      modifyAllRecords: false,
      object: wb.cellRecords.object,
      viewAllRecords: viewAll,
    },
  ];
}

/**
 * The read-only permission set for people: read on every field Atlas writes (the Account Atlas fields and
 * the per-cell object's) and on the per-cell object. Provisioning creates it; admins assign it (or add it
 * to a permission set group) for the users who should see the expertise.
 */
export function viewerPermissionSet(wb: SalesforceWriteback): MetadataRecord {
  return {
    fullName: SF_VIEWER_PERMISSION_SET,
    description:
      'Read the partner expertise Partner Atlas writes: the Atlas fields and the Atlas Expertise records. Assign it to the people who should see them.',
    fieldPermissions: writebackFieldNames(wb).map((field) => ({ editable: false, field, readable: true })),
    hasActivationRequired: false,
    label: SF_VIEWER_LABEL,
    objectPermissions: cellObjectPermissions(wb, false, false),
  };
}

/** Objects reached through the standard relationships the default mappings follow. */
const RELATIONSHIP_OBJECTS: Record<string, string> = {
  Account: 'Account',
  Contact: 'Contact',
  Opportunity: 'Opportunity',
  Owner: 'User',
  Product2: 'Product2',
  PricebookEntry: 'PricebookEntry',
  OpportunityLineItems: 'OpportunityLineItem',
  OpportunityPartnersFrom: 'OpportunityPartner',
  Contacts: 'Contact',
};

/**
 * Objects whose access a permission set cannot grant: it follows their parent's (line items and opportunity
 * partners follow Opportunity, line items Product2 too) or every user has it (User).
 */
const ACCESS_FOLLOWS_PARENT = new Set(['OpportunityLineItem', 'OpportunityPartner', 'User']);

/**
 * Every object the read plans touch (their own, parents on dotted paths, children of subqueries), sorted;
 * custom relationships (`X__r`) are read through their lookup's object, which the plans read anyway.
 */
export function readObjectsOf(plans: readonly ReadPlan[]): string[] {
  const objects = new Set<string>();
  const parents = (fields: readonly string[]) => {
    for (const f of fields) {
      const [head] = f.split('.');
      const object = f.includes('.') && head ? RELATIONSHIP_OBJECTS[head] : undefined;
      if (object) objects.add(object);
    }
  };
  for (const plan of plans) {
    objects.add(plan.object);
    parents(plan.fields);
    for (const child of plan.children) {
      const object = RELATIONSHIP_OBJECTS[child.relationship];
      if (object) objects.add(object);
      parents(child.fields);
    }
  }
  return [...objects].sort();
}

/** Objects a permission set can grant access to (the rest follow their parent). */
function grantableObjects(objects: readonly string[]): string[] {
  return objects.filter((o) => !ACCESS_FOLLOWS_PARENT.has(o));
}

function userPermissions(names: readonly SalesforceUserPermission[]) {
  return [...new Set(names)].sort().map((name) => ({ enabled: true, name }));
}

/**
 * The integration user's permission set: API Enabled, Read (and View All, so sharing never hides a partner
 * or a deal from the sync) on every object the mapping reads, Edit on the write-back object, and read/edit on
 * each write-back field. `write: false` is the read-only variant for dry runs (the fields readable only).
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_permissionset.htm
 */
export function integrationPermissionSet(
  wb: SalesforceWriteback,
  readObjects: readonly string[],
  options: { write: boolean },
): MetadataRecord {
  // Edit on the objects Atlas writes fields to: the write-back object and, with recommendations, Opportunity.
  const written = [wb.object, ...(wb.recommendations ? [wb.recommendations.object] : [])];
  const objects = grantableObjects([...new Set([...readObjects, ...written])]).sort();
  const implied = readObjects.filter((o) => !objects.includes(o));
  return {
    fullName: options.write ? SF_INTEGRATION_PERMISSION_SET : SF_READ_ONLY_PERMISSION_SET,
    description: `${options.write ? 'Partner Atlas nightly run: read the mapped objects and write the Atlas fields' : 'Partner Atlas dry runs and checks: read only'}. No Metadata API rights (list views and new picklist values need ${SF_METADATA_PERMISSION_SET}).${implied.length > 0 ? ` ${implied.join(', ')}: access follows the parent object.` : ''}`,
    fieldPermissions: writebackFieldNames(wb).map((field) => ({
      editable: options.write,
      field,
      readable: true,
    })),
    hasActivationRequired: false,
    label: options.write ? 'Partner Atlas Integration' : 'Partner Atlas Integration (read only)',
    objectPermissions: [
      ...objects.map((object) => ({
        allowCreate: false,
        allowDelete: false,
        allowEdit: options.write && written.includes(object),
        allowRead: true,
        modifyAllRecords: false,
        object,
        viewAllRecords: true,
      })),
      ...cellObjectPermissions(wb, options.write, true),
    ],
    userPermissions: userPermissions(SF_CAPABILITY_PERMISSIONS.read),
  };
}

/** Metadata API rights for the nightly list views and new picklist values (and, with `provisioning`, setup). */
export function metadataPermissionSet(options: { provisioning: boolean }): MetadataRecord {
  const capabilities = options.provisioning
    ? SF_CAPABILITY_PERMISSIONS.provisioning
    : [...SF_CAPABILITY_PERMISSIONS['list views'], ...SF_CAPABILITY_PERMISSIONS['picklist values']];
  return {
    fullName: options.provisioning ? SF_PROVISIONING_PERMISSION_SET : SF_METADATA_PERMISSION_SET,
    description: options.provisioning
      ? 'Partner Atlas provisioning (atlas provision salesforce --apply): create the Atlas fields, permission set and layout section, and assign the permission set.'
      : 'Partner Atlas list views (one per segment) and new segment / need picklist values, through the Metadata API.',
    hasActivationRequired: false,
    label: options.provisioning ? 'Partner Atlas Provisioning' : 'Partner Atlas Metadata',
    // Customize Application needs View Setup and Configuration in every org.
    userPermissions: userPermissions([...capabilities, 'ViewSetup']),
  };
}
