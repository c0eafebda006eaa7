/** The emulator org's schema: the brief's default objects and fields (or a plain org's), with describe metadata and relationships. */

/** Describe `type` values the emulator uses (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/field_types.htm). */
export type SalesforceFieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'url'
  | 'email'
  | 'picklist'
  | 'multipicklist'
  | 'boolean'
  | 'currency'
  | 'double'
  | 'int'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference';

export interface PicklistEntry {
  value: string;
  label: string;
  active: boolean;
  defaultValue: boolean;
}

/** One field of an sObject as the emulator knows it. */
export interface FieldDef {
  name: string;
  label: string;
  type: SalesforceFieldType;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  calculated: boolean;
  nillable: boolean;
  length: number;
  precision: number;
  scale: number;
  picklistValues: PicklistEntry[];
  /** Restricted picklists refuse values outside `picklistValues`. */
  restrictedPicklist: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  /** Name of the child relationship this lookup creates on its parent (e.g. `Contacts`). */
  childRelationshipName: string | null;
  /**
   * True for fields created through the Metadata API: like Salesforce, they are invisible to the
   * integration user until a permission set assigned to that user grants read (and edit) access.
   */
  requiresPermission: boolean;
  /** External ID: upserts may name records by it (`/composite/sobjects/X/Field__c`). */
  externalId: boolean;
  /** Unique: no two records hold the same value (case-insensitive unless the metadata says otherwise). */
  unique: boolean;
  /** Used by the emulator only: the metadata that created the field, returned by readMetadata. */
  metadata?: Record<string, unknown>;
}

export interface ChildRelationship {
  childSObject: string;
  field: string;
  relationshipName: string;
}

/** One sObject type. */
export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  fields: Map<string, FieldDef>;
  /** Lower-cased field name → canonical name (SOQL is case-insensitive). */
  fieldsLower: Map<string, string>;
}

/** Options every field builder takes. */
type FieldOptions = Partial<Omit<FieldDef, 'name' | 'type' | 'picklistValues'>> & {
  values?: readonly string[];
};

function field(name: string, type: SalesforceFieldType, options: FieldOptions = {}): FieldDef {
  const { values, ...rest } = options;
  const custom = name.endsWith('__c');
  const system = ['Id', 'IsDeleted', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'].includes(name);
  const defaults: FieldDef = {
    name,
    label: labelOf(name),
    type,
    custom,
    createable: !system,
    updateable: !system,
    calculated: false,
    nillable: !system && type !== 'boolean',
    length:
      type === 'string' || type === 'url' || type === 'email'
        ? 255
        : type === 'id' || type === 'reference'
          ? 18
          : 0,
    precision: 0,
    scale: 0,
    picklistValues: (values ?? []).map((v) => ({ value: v, label: v, active: true, defaultValue: false })),
    restrictedPicklist: false,
    referenceTo: [],
    relationshipName: null,
    childRelationshipName: null,
    requiresPermission: false,
    externalId: false,
    unique: false,
  };
  if (type === 'picklist' || type === 'multipicklist') defaults.length = 255;
  if (type === 'multipicklist') defaults.length = 4099;
  if (type === 'textarea') defaults.length = 32768;
  return { ...defaults, ...rest };
}

function labelOf(name: string): string {
  const base = name.replace(/__c$/, '').replace(/Id$/, '').replace(/_/g, ' ');
  return base.replace(/([a-z])([A-Z])/g, '$1 $2').trim() || name;
}

function lookup(
  name: string,
  to: string,
  relationshipName: string,
  child: string | null,
  options: FieldOptions = {},
) {
  return field(name, 'reference', {
    referenceTo: [to],
    relationshipName,
    childRelationshipName: child,
    ...options,
  });
}

function systemFields(): FieldDef[] {
  return [
    field('Id', 'id', { label: 'Record ID' }),
    field('IsDeleted', 'boolean', { label: 'Deleted' }),
    field('CreatedDate', 'datetime', { label: 'Created Date' }),
    field('LastModifiedDate', 'datetime', { label: 'Last Modified Date' }),
    field('SystemModstamp', 'datetime', { label: 'System Modstamp' }),
  ];
}

/** Account.Industry, the standard picklist (32 values). */
export const ACCOUNT_INDUSTRIES = [
  'Agriculture',
  'Apparel',
  'Banking',
  'Biotechnology',
  'Chemicals',
  'Communications',
  'Construction',
  'Consulting',
  'Education',
  'Electronics',
  'Energy',
  'Engineering',
  'Entertainment',
  'Environmental',
  'Finance',
  'Food & Beverage',
  'Government',
  'Healthcare',
  'Hospitality',
  'Insurance',
  'Machinery',
  'Manufacturing',
  'Media',
  'Not For Profit',
  'Other',
  'Recreation',
  'Retail',
  'Shipping',
  'Technology',
  'Telecommunications',
  'Transportation',
  'Utilities',
] as const;

export const ACCOUNT_TYPES = [
  'Prospect',
  'Customer - Direct',
  'Customer - Channel',
  'Channel Partner / Reseller',
  'Installation Partner',
  'Technology Partner',
  'Other',
] as const;

/**
 * Account.Type of the plain org: its admins folded the two customer values into one "Customer", as many
 * orgs do, so that every value naming a partner or a channel is a partner type.
 */
export const PLAIN_ACCOUNT_TYPES = [
  'Prospect',
  'Customer',
  'Channel Partner / Reseller',
  'Installation Partner',
  'Technology Partner',
  'Other',
] as const;

export const PARTNER_ROLES = [
  'System Integrator',
  'Agency',
  'Advertiser',
  'VAR/Reseller',
  'Distributor',
  'Developer',
  'Broker',
  'Lender',
  'Supplier',
  'Institution',
  'Contractor',
  'Dealer',
  'Consultant',
] as const;

export const OPPORTUNITY_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
] as const;

export const OPPORTUNITY_TYPES = [
  'New Customer',
  'Existing Customer - Upgrade',
  'Existing Customer - Replacement',
  'Existing Customer - Downgrade',
] as const;

/** Default vendor product families and certification technologies; override with `picklists`. */
export const DEFAULT_PRODUCT_FAMILIES = [
  'Data & AI',
  'Cloud Infrastructure',
  'Security',
  'Collaboration',
  'Analytics',
  'Integration',
] as const;

export const CERTIFICATION_LEVELS = ['Foundational', 'Associate', 'Professional', 'Expert'] as const;

/** Key prefixes (first three id characters) of the objects the emulator serves. */
export const KEY_PREFIXES = {
  Account: '001',
  Contact: '003',
  User: '005',
  Opportunity: '006',
  OpportunityPartner: '00I',
  OpportunityLineItem: '00k',
  Product2: '01t',
  Partner_Certification__c: 'a0X',
  PermissionSet: '0PS',
  PermissionSetAssignment: '0Pa',
  PermissionSetGroup: '0PG',
  Profile: '00e',
} as const;

/** Key prefixes of the objects only the plain org has (KEY_PREFIXES lists the default org's). */
export const PLAIN_ORG_KEY_PREFIXES = {
  Certification__c: 'a0Y',
} as const;

/** Prefixes of non-record ids the emulator hands out. */
export const OTHER_PREFIXES = {
  organization: '00D',
  queryLocator: '01g',
  bulkJob: '750',
  customField: '00N',
  customObject: '01I',
  listView: '00B',
  layout: '00h',
} as const;

function objectDef(
  name: string,
  label: string,
  labelPlural: string,
  fields: FieldDef[],
  keyPrefix: string,
): ObjectDef {
  const all = [...systemFields(), ...fields];
  const map = new Map(all.map((f) => [f.name, f]));
  return {
    name,
    label,
    labelPlural,
    keyPrefix,
    custom: name.endsWith('__c'),
    fields: map,
    fieldsLower: new Map(all.map((f) => [f.name.toLowerCase(), f.name])),
  };
}

/**
 * Which org the schema imitates. `prm`: partner relationship management on (Account.IsPartner,
 * Opportunity.PartnerAccountId), multi-currency, and Atlas's custom fields and Partner_Certification__c.
 * `plain`: none of these, as in an org that never enabled PRM or multiple currencies; partners are told
 * apart by Account.Type, named on deals only through the Opportunity Partners related list, and
 * certifications live in the admin's own Certification__c object.
 */
export const SALESFORCE_ORG_SHAPES = ['prm', 'plain'] as const;
export type SalesforceOrgShape = (typeof SALESFORCE_ORG_SHAPES)[number];

/** Picklist overrides keyed `Object.Field`, e.g. `{ 'Product2.Family': ['Data', 'Security'] }`. */
export type PicklistOverrides = Record<string, readonly string[]>;

/**
 * Builds the schema of an org of the given shape (the brief's default: `prm`), a fresh copy per emulator
 * so metadata changes stay per instance.
 */
export function createDefaultSchema(
  overrides: PicklistOverrides = {},
  shape: SalesforceOrgShape = 'prm',
): Map<string, ObjectDef> {
  const pick = (key: string, fallback: readonly string[]) => overrides[key] ?? fallback;
  const families = pick('Product2.Family', DEFAULT_PRODUCT_FAMILIES);
  /** Fields only an org with partner relationship management, multiple currencies and Atlas's fields has. */
  const prmOnly = (...fields: FieldDef[]) => (shape === 'prm' ? fields : []);
  const objects = [
    objectDef(
      'Account',
      'Account',
      'Accounts',
      [
        field('Name', 'string', { label: 'Account Name', nillable: false }),
        field('Website', 'url'),
        field('BillingCountry', 'string', { length: 80 }),
        field('Industry', 'picklist', { values: pick('Account.Industry', ACCOUNT_INDUSTRIES) }),
        field('Type', 'picklist', {
          label: 'Account Type',
          values: pick('Account.Type', shape === 'prm' ? ACCOUNT_TYPES : PLAIN_ACCOUNT_TYPES),
        }),
        ...prmOnly(
          field('IsPartner', 'boolean', { label: 'Partner Account' }),
          field('Partner_Tier__c', 'picklist', {
            values: pick('Account.Partner_Tier__c', ['Bronze', 'Silver', 'Gold', 'Platinum']),
          }),
          field('Partner_Region__c', 'picklist', {
            values: pick('Account.Partner_Region__c', ['EMEA', 'North America', 'APAC', 'LATAM']),
          }),
        ),
      ],
      KEY_PREFIXES.Account,
    ),
    objectDef(
      'Contact',
      'Contact',
      'Contacts',
      [
        field('FirstName', 'string', { length: 40 }),
        field('LastName', 'string', { length: 80, nillable: false }),
        field('Name', 'string', {
          label: 'Full Name',
          length: 121,
          createable: false,
          updateable: false,
          calculated: true,
        }),
        field('Email', 'email', { length: 80 }),
        lookup('AccountId', 'Account', 'Account', 'Contacts', { label: 'Account ID' }),
      ],
      KEY_PREFIXES.Contact,
    ),
    objectDef(
      'User',
      'User',
      'Users',
      [
        field('Username', 'string', { length: 80, nillable: false }),
        field('Name', 'string', { label: 'Full Name', length: 121, createable: false, updateable: false }),
        field('Email', 'email', { length: 128 }),
        field('IsActive', 'boolean', { label: 'Active' }),
        lookup('ProfileId', 'Profile', 'Profile', null, { label: 'Profile ID' }),
      ],
      KEY_PREFIXES.User,
    ),
    objectDef(
      'Opportunity',
      'Opportunity',
      'Opportunities',
      [
        field('Name', 'string', { label: 'Name', length: 120, nillable: false }),
        lookup('AccountId', 'Account', 'Account', 'Opportunities', { label: 'Account ID' }),
        ...prmOnly(
          lookup('PartnerAccountId', 'Account', 'PartnerAccount', null, { label: 'Partner Account ID' }),
          lookup('Delivery_Partner__c', 'Account', 'Delivery_Partner__r', 'Delivered_Opportunities__r', {
            label: 'Delivery Partner',
          }),
        ),
        field('StageName', 'picklist', {
          label: 'Stage',
          nillable: false,
          values: pick('Opportunity.StageName', OPPORTUNITY_STAGES),
        }),
        field('Amount', 'currency', { precision: 18, scale: 2 }),
        ...prmOnly(
          field('CurrencyIsoCode', 'picklist', {
            label: 'Opportunity Currency',
            values: pick('Opportunity.CurrencyIsoCode', ['USD', 'EUR', 'GBP', 'JPY', 'AUD', 'CAD']),
            restrictedPicklist: true,
            length: 3,
          }),
        ),
        field('CloseDate', 'date', { label: 'Close Date', nillable: false }),
        field('IsWon', 'boolean', { label: 'Won', createable: false, updateable: false, calculated: false }),
        field('IsClosed', 'boolean', { label: 'Closed', createable: false, updateable: false }),
        field('Type', 'picklist', {
          label: 'Opportunity Type',
          values: pick('Opportunity.Type', OPPORTUNITY_TYPES),
        }),
        ...prmOnly(field('CSAT__c', 'double', { label: 'CSAT', precision: 3, scale: 1 })),
      ],
      KEY_PREFIXES.Opportunity,
    ),
    objectDef(
      'OpportunityPartner',
      'Opportunity Partner',
      'Opportunity Partners',
      [
        lookup('OpportunityId', 'Opportunity', 'Opportunity', 'OpportunityPartnersFrom', {
          label: 'Opportunity ID',
          nillable: false,
        }),
        lookup('AccountToId', 'Account', 'AccountTo', null, { label: 'Account ID', nillable: false }),
        field('Role', 'picklist', { values: pick('OpportunityPartner.Role', PARTNER_ROLES) }),
        field('IsPrimary', 'boolean', { label: 'Primary' }),
      ],
      KEY_PREFIXES.OpportunityPartner,
    ),
    objectDef(
      'OpportunityLineItem',
      'Opportunity Product',
      'Opportunity Product',
      [
        lookup('OpportunityId', 'Opportunity', 'Opportunity', 'OpportunityLineItems', {
          label: 'Opportunity ID',
          nillable: false,
          updateable: false,
        }),
        lookup('Product2Id', 'Product2', 'Product2', null, { label: 'Product ID' }),
        field('Name', 'string', {
          label: 'Opportunity Product Name',
          length: 376,
          createable: false,
          updateable: false,
        }),
        field('Quantity', 'double', { precision: 12, scale: 2 }),
        field('TotalPrice', 'currency', { label: 'Total Price', precision: 18, scale: 2 }),
      ],
      KEY_PREFIXES.OpportunityLineItem,
    ),
    objectDef(
      'Product2',
      'Product',
      'Products',
      [
        field('Name', 'string', { label: 'Product Name', nillable: false }),
        field('Family', 'picklist', {
          label: 'Product Family',
          values: pick('Product2.Family', DEFAULT_PRODUCT_FAMILIES),
        }),
        field('IsActive', 'boolean', { label: 'Active' }),
      ],
      KEY_PREFIXES.Product2,
    ),
    shape === 'prm' ? partnerCertificationObject(pick, families) : certificationObject(pick, families),
    objectDef(
      'PermissionSet',
      'Permission Set',
      'Permission Sets',
      [
        field('Name', 'string', { length: 80, nillable: false }),
        field('Label', 'string', { length: 80, nillable: false }),
        field('IsOwnedByProfile', 'boolean', { createable: false, updateable: false }),
      ],
      KEY_PREFIXES.PermissionSet,
    ),
    objectDef(
      'PermissionSetAssignment',
      'Permission Set Assignment',
      'Permission Set Assignments',
      [
        lookup('AssigneeId', 'User', 'Assignee', null, {
          label: 'Assignee ID',
          nillable: false,
          updateable: false,
        }),
        lookup('PermissionSetId', 'PermissionSet', 'PermissionSet', 'Assignments', {
          label: 'Permission Set ID',
          nillable: false,
          updateable: false,
        }),
      ],
      KEY_PREFIXES.PermissionSetAssignment,
    ),
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionsetgroup.htm
    objectDef(
      'PermissionSetGroup',
      'Permission Set Group',
      'Permission Set Groups',
      [
        field('DeveloperName', 'string', { label: 'API Name', length: 80, nillable: false }),
        field('MasterLabel', 'string', { label: 'Label', length: 80, nillable: false }),
        field('Status', 'picklist', {
          values: ['Updated', 'Outdated', 'Updating', 'Failed'],
          createable: false,
          updateable: false,
        }),
      ],
      KEY_PREFIXES.PermissionSetGroup,
    ),
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_profile.htm
    objectDef(
      'Profile',
      'Profile',
      'Profiles',
      [field('Name', 'string', { length: 255, nillable: false })],
      KEY_PREFIXES.Profile,
    ),
  ];
  return new Map(objects.map((o) => [o.name, o]));
}

/** Atlas's certification object, as the default mappings and provisioning know it. */
function partnerCertificationObject(
  pick: (key: string, fallback: readonly string[]) => readonly string[],
  families: readonly string[],
): ObjectDef {
  return objectDef(
    'Partner_Certification__c',
    'Partner Certification',
    'Partner Certifications',
    [
      field('Name', 'string', { label: 'Partner Certification Name', length: 80 }),
      lookup('Partner_Account__c', 'Account', 'Partner_Account__r', 'Partner_Certifications__r', {
        label: 'Partner Account',
      }),
      lookup('Contact__c', 'Contact', 'Contact__r', 'Partner_Certifications__r', { label: 'Contact' }),
      field('Technology__c', 'picklist', {
        values: pick('Partner_Certification__c.Technology__c', families),
      }),
      field('Industry__c', 'picklist', {
        values: pick('Partner_Certification__c.Industry__c', ACCOUNT_INDUSTRIES),
      }),
      field('Level__c', 'picklist', {
        values: pick('Partner_Certification__c.Level__c', CERTIFICATION_LEVELS),
      }),
      field('Earned_Date__c', 'date', { label: 'Earned Date' }),
      field('Expiry_Date__c', 'date', { label: 'Expiry Date' }),
    ],
    KEY_PREFIXES.Partner_Certification__c,
  );
}

/**
 * A plain org's own certification object: the same facts under the names an admin might have chosen
 * (the holder is a Contact, the technology a product line, the sector a vertical).
 */
function certificationObject(
  pick: (key: string, fallback: readonly string[]) => readonly string[],
  families: readonly string[],
): ObjectDef {
  return objectDef(
    'Certification__c',
    'Certification',
    'Certifications',
    [
      field('Name', 'string', { label: 'Certification Name', length: 80 }),
      lookup('Account__c', 'Account', 'Account__r', 'Certifications__r', { label: 'Account' }),
      lookup('Holder__c', 'Contact', 'Holder__r', 'Certifications__r', { label: 'Holder' }),
      field('Product_Line__c', 'picklist', {
        label: 'Product Line',
        values: pick('Certification__c.Product_Line__c', families),
      }),
      field('Vertical__c', 'picklist', { values: pick('Certification__c.Vertical__c', ACCOUNT_INDUSTRIES) }),
      field('Certification_Level__c', 'picklist', {
        label: 'Certification Level',
        values: pick('Certification__c.Certification_Level__c', CERTIFICATION_LEVELS),
      }),
      field('Achieved__c', 'date', { label: 'Achieved On' }),
      field('Expires__c', 'date', { label: 'Expires On' }),
    ],
    PLAIN_ORG_KEY_PREFIXES.Certification__c,
  );
}

/**
 * A custom object as a CustomObject deploy creates it: system fields and its Name (Text 80), no custom
 * fields yet (those come as CustomField components).
 */
export function customObjectDef(
  name: string,
  label: string,
  labelPlural: string,
  nameLabel: string,
  keyPrefix: string,
): ObjectDef {
  return objectDef(
    name,
    label,
    labelPlural,
    [field('Name', 'string', { label: nameLabel, length: 80 })],
    keyPrefix,
  );
}

/** Builds a custom field definition (used by the Metadata API routes). */
export function customField(name: string, type: SalesforceFieldType, options: FieldOptions = {}): FieldDef {
  return field(name, type, { requiresPermission: true, ...options });
}

/** Child relationships of `parent` across the schema, computed from the lookups that point at it. */
export function childRelationshipsOf(schema: Map<string, ObjectDef>, parent: string): ChildRelationship[] {
  const out: ChildRelationship[] = [];
  for (const obj of schema.values()) {
    for (const f of obj.fields.values()) {
      if (f.type === 'reference' && f.childRelationshipName && f.referenceTo.includes(parent)) {
        out.push({ childSObject: obj.name, field: f.name, relationshipName: f.childRelationshipName });
      }
    }
  }
  return out;
}
