/** The brief's default HubSpot schema: companies, contacts, deals, line items and the certifications object. */

import { CERTIFICATIONS_SCHEMA } from '../../../connectors/hubspot/provision.js';
import { HUBSPOT_INDUSTRY_OPTIONS } from './industry-options.js';
import type { ObjectTypeDefinition } from './object-types.js';
import {
  customProperty,
  hubspotProperty,
  optionsOf,
  type PropertyDefinition,
} from './property-definitions.js';

/** Default deal pipeline stages of HubSpot's "Sales Pipeline" (pipeline `default`). */
export const DEFAULT_DEAL_STAGES: ReadonlyArray<readonly [string, string]> = [
  ['appointmentscheduled', 'Appointment Scheduled'],
  ['qualifiedtobuy', 'Qualified To Buy'],
  ['presentationscheduled', 'Presentation Scheduled'],
  ['decisionmakerboughtin', 'Decision Maker Bought-In'],
  ['contractsent', 'Contract Sent'],
  ['closedwon', 'Closed Won'],
  ['closedlost', 'Closed Lost'],
];

/** Product families of the emulated vendor (line item `product_family`); overridable at start. */
export const DEFAULT_PRODUCT_FAMILIES: ReadonlyArray<readonly [string, string]> = [
  ['data_ai', 'Data & AI'],
  ['cloud_infrastructure', 'Cloud Infrastructure'],
  ['security', 'Security'],
  ['collaboration', 'Collaboration'],
  ['networking', 'Networking'],
  ['analytics', 'Analytics'],
];

const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'AUD', 'CAD', 'CHF', 'SEK', 'INR', 'BRL'] as const;

export interface DefaultSchemaOptions {
  portalId: number;
  /** Time the portal's definitions were created (ms). */
  at: number;
  productFamilies: ReadonlyArray<readonly [string, string]>;
}

/** `[type, fieldType]` of the property kinds the default schema uses. */
const KINDS = {
  text: ['string', 'text'],
  number: ['number', 'number'],
  datetime: ['datetime', 'date'],
  select: ['enumeration', 'select'],
  radio: ['enumeration', 'radio'],
  checkbox: ['bool', 'booleancheckbox'],
} as const satisfies Record<string, readonly [PropertyDefinition['type'], PropertyDefinition['fieldType']]>;
type Kind = keyof typeof KINDS;
type Extra = Omit<
  Parameters<typeof hubspotProperty>[0],
  'name' | 'label' | 'type' | 'fieldType' | 'groupName'
> & {
  groupName?: string;
};

/** Property builders of one object: HubSpot's own (`builtIn`) and the portal admins' (`custom`), in `group`. */
function propertiesOf(group: string, at: number) {
  const input = (name: string, label: string, kind: Kind, extra: Extra) => {
    const [type, fieldType] = KINDS[kind];
    return { name, label, type, fieldType, groupName: group, ...extra };
  };
  return {
    builtIn: (name: string, label: string, kind: Kind, extra: Extra = {}) =>
      hubspotProperty(input(name, label, kind, extra), at),
    custom: (name: string, label: string, kind: Kind, extra: Extra = {}) =>
      customProperty(input(name, label, kind, extra), at),
  };
}

/** What one standard object declares; the rest is the same for every standard object. */
interface StandardObject {
  objectTypeId: string;
  name: string;
  singularName: string;
  labels: { singular: string; plural: string };
  idBase: number;
  /** Default: `hs_lastmodifieddate`. */
  modifiedDateProperties?: string[];
  defaultProperties: string[];
  /** Default: the primary display property. */
  searchableProperties?: string[];
  primaryDisplayProperty: string;
  /** Default: none. */
  secondaryDisplayProperties?: string[];
  /** `[name, label]` of its property groups, the first holding the system properties. */
  groups: Array<[string, string]>;
  properties: PropertyDefinition[];
}

/** A standard object (created at `at`) with HubSpot's system properties ahead of its own. */
function standardObject(o: StandardObject, at: number): ObjectTypeDefinition {
  const group = o.groups[0]?.[0] ?? '';
  const modified = o.modifiedDateProperties ?? ['hs_lastmodifieddate'];
  const properties = [...systemProperties(group, modified, at), ...o.properties];
  return {
    objectTypeId: o.objectTypeId,
    name: o.name,
    fullyQualifiedName: o.name,
    singularName: o.singularName,
    labels: o.labels,
    custom: false,
    idBase: o.idBase,
    createdDateProperty: 'createdate',
    modifiedDateProperties: modified,
    defaultProperties: o.defaultProperties,
    searchableProperties: o.searchableProperties ?? [o.primaryDisplayProperty],
    primaryDisplayProperty: o.primaryDisplayProperty,
    secondaryDisplayProperties: o.secondaryDisplayProperties ?? [],
    requiredProperties: [],
    createdAt: at,
    updatedAt: at,
    groups: new Map(
      o.groups.map(([name, label], i) => [name, { name, label, displayOrder: i, archived: false }]),
    ),
    properties: new Map(properties.map((p) => [p.name, p])),
  };
}

/** The record id, `createdate` and the object's last-modified stamps, all read-only. */
function systemProperties(group: string, modified: string[], at: number): PropertyDefinition[] {
  const { builtIn } = propertiesOf(group, at);
  return [
    builtIn('hs_object_id', 'Record ID', 'number', { readOnlyValue: true }),
    builtIn('createdate', 'Create Date', 'datetime'),
    ...modified.map((name) =>
      builtIn(
        name,
        name === 'lastmodifieddate' ? 'Last Modified Date' : 'Object last modified date/time',
        'datetime',
        { readOnlyValue: true },
      ),
    ),
  ];
}

function companies(o: DefaultSchemaOptions): ObjectTypeDefinition {
  const { builtIn, custom } = propertiesOf('companyinformation', o.at);
  return standardObject(
    {
      objectTypeId: '0-2',
      name: 'companies',
      singularName: 'company',
      labels: { singular: 'Company', plural: 'Companies' },
      idBase: 200_000_000,
      defaultProperties: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
      searchableProperties: ['name', 'domain', 'website'],
      primaryDisplayProperty: 'name',
      secondaryDisplayProperties: ['domain'],
      groups: [
        ['companyinformation', 'Company information'],
        ['salesforceinformation', 'Salesforce information'],
      ],
      properties: [
        builtIn('name', 'Company name', 'text'),
        builtIn('domain', 'Company Domain Name', 'text'),
        builtIn('website', 'Website URL', 'text'),
        builtIn('country', 'Country/Region', 'text'),
        builtIn('industry', 'Industry', 'select', {
          description:
            'The type of business the company performs. By default, this property has approximately 150 pre-defined options to select from.',
          options: optionsOf(HUBSPOT_INDUSTRY_OPTIONS),
        }),
        builtIn('type', 'Type', 'select', {
          options: optionsOf([
            ['PROSPECT', 'Prospect'],
            ['PARTNER', 'Partner'],
            ['RESELLER', 'Reseller'],
            ['VENDOR', 'Vendor'],
            ['OTHER', 'Other'],
          ]),
        }),
        builtIn('salesforceaccountid', 'Salesforce Account ID', 'text', {
          groupName: 'salesforceinformation',
        }),
        custom('partner_tier', 'Partner tier', 'select', {
          options: optionsOf([
            ['bronze', 'Bronze'],
            ['silver', 'Silver'],
            ['gold', 'Gold'],
            ['platinum', 'Platinum'],
          ]),
        }),
        custom('partner_region', 'Partner region', 'select', {
          options: optionsOf([
            ['emea', 'EMEA'],
            ['north_america', 'North America'],
            ['apac', 'APAC'],
            ['latam', 'LATAM'],
          ]),
        }),
      ],
    },
    o.at,
  );
}

function contacts(o: DefaultSchemaOptions): ObjectTypeDefinition {
  const { builtIn } = propertiesOf('contactinformation', o.at);
  return standardObject(
    {
      objectTypeId: '0-1',
      name: 'contacts',
      singularName: 'contact',
      labels: { singular: 'Contact', plural: 'Contacts' },
      idBase: 100_000_000,
      modifiedDateProperties: ['lastmodifieddate', 'hs_lastmodifieddate'],
      defaultProperties: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
      searchableProperties: ['firstname', 'lastname', 'email'],
      primaryDisplayProperty: 'email',
      secondaryDisplayProperties: ['firstname', 'lastname'],
      groups: [['contactinformation', 'Contact information']],
      properties: [
        builtIn('firstname', 'First Name', 'text'),
        builtIn('lastname', 'Last Name', 'text'),
        builtIn('email', 'Email', 'text', { hasUniqueValue: true }),
      ],
    },
    o.at,
  );
}

function deals(o: DefaultSchemaOptions): ObjectTypeDefinition {
  const { builtIn, custom } = propertiesOf('dealinformation', o.at);
  /** A true/false flag HubSpot computes from the deal stage. */
  const stageFlag = (name: string, label: string) =>
    builtIn(name, label, 'checkbox', {
      options: optionsOf([
        ['true', 'True'],
        ['false', 'False'],
      ]),
      readOnlyValue: true,
      calculated: true,
    });
  return standardObject(
    {
      objectTypeId: '0-3',
      name: 'deals',
      singularName: 'deal',
      labels: { singular: 'Deal', plural: 'Deals' },
      idBase: 300_000_000,
      defaultProperties: [
        'amount',
        'closedate',
        'createdate',
        'dealname',
        'dealstage',
        'hs_lastmodifieddate',
        'hs_object_id',
        'pipeline',
      ],
      primaryDisplayProperty: 'dealname',
      groups: [['dealinformation', 'Deal information']],
      properties: [
        builtIn('dealname', 'Deal Name', 'text'),
        builtIn('amount', 'Amount', 'number', { showCurrencySymbol: true }),
        builtIn('deal_currency_code', 'Currency', 'select', {
          options: optionsOf(CURRENCIES.map((c) => [c, c] as const)),
        }),
        builtIn('dealstage', 'Deal Stage', 'radio', { options: optionsOf(DEFAULT_DEAL_STAGES) }),
        builtIn('pipeline', 'Pipeline', 'select', { options: optionsOf([['default', 'Sales Pipeline']]) }),
        builtIn('closedate', 'Close Date', 'datetime'),
        stageFlag('hs_is_closed_won', 'Is closed won'),
        stageFlag('hs_is_closed', 'Is Deal Closed?'),
        builtIn('dealtype', 'Deal Type', 'radio', {
          options: optionsOf([
            ['newbusiness', 'New Business'],
            ['existingbusiness', 'Existing Business'],
          ]),
        }),
        custom('csat_score', 'CSAT score', 'number', { description: 'Customer satisfaction, 0 to 10.' }),
      ],
    },
    o.at,
  );
}

function lineItems(o: DefaultSchemaOptions): ObjectTypeDefinition {
  const { builtIn, custom } = propertiesOf('lineiteminformation', o.at);
  return standardObject(
    {
      objectTypeId: '0-8',
      name: 'line_items',
      singularName: 'line_item',
      labels: { singular: 'Line Item', plural: 'Line Items' },
      idBase: 400_000_000,
      defaultProperties: ['amount', 'createdate', 'hs_lastmodifieddate', 'hs_object_id', 'name', 'quantity'],
      primaryDisplayProperty: 'name',
      groups: [['lineiteminformation', 'Line item information']],
      properties: [
        builtIn('name', 'Name', 'text'),
        builtIn('quantity', 'Quantity', 'number'),
        builtIn('amount', 'Net price', 'number'),
        custom('product_family', 'Product family', 'select', { options: optionsOf(o.productFamilies) }),
      ],
    },
    o.at,
  );
}

/** The standard objects of the brief's schema (custom objects are created through the schema registry). */
export function defaultStandardObjectTypes(o: DefaultSchemaOptions): ObjectTypeDefinition[] {
  return [contacts(o), companies(o), deals(o), lineItems(o)];
}

/**
 * Body of the certifications schema as provisioning creates it (the connector's own), with the technology
 * property an enumeration of the emulated product families so that seeded records carry real options.
 */
export function certificationSchemaInput(productFamilies: ReadonlyArray<readonly [string, string]>) {
  return {
    ...CERTIFICATIONS_SCHEMA,
    properties: CERTIFICATIONS_SCHEMA.properties.map((p) =>
      p.name === 'technology'
        ? {
            ...p,
            type: 'enumeration' as const,
            fieldType: 'select' as const,
            options: optionsOf(productFamilies),
          }
        : p,
    ),
  };
}
