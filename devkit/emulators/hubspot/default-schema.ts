/** The brief's default HubSpot schema: companies, contacts, deals, line items and the certifications object. */
import { HUBSPOT_INDUSTRY_OPTIONS } from './industry-options.js';
import type { ObjectTypeDefinition } from './object-types.js';
import {
  customProperty,
  hubspotProperty,
  optionsOf,
  type PropertyDefinition,
  type PropertyGroupDefinition,
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

function groups(...pairs: Array<[string, string]>): Map<string, PropertyGroupDefinition> {
  return new Map(pairs.map(([name, label], i) => [name, { name, label, displayOrder: i, archived: false }]));
}

function byName(list: PropertyDefinition[]): Map<string, PropertyDefinition> {
  return new Map(list.map((p) => [p.name, p]));
}

function systemProperties(
  group: string,
  created: string,
  modified: string[],
  at: number,
): PropertyDefinition[] {
  return [
    hubspotProperty(
      {
        name: 'hs_object_id',
        label: 'Record ID',
        type: 'number',
        fieldType: 'number',
        groupName: group,
        readOnlyValue: true,
      },
      at,
    ),
    hubspotProperty(
      {
        name: created,
        label: 'Create Date',
        type: 'datetime',
        fieldType: 'date',
        groupName: group,
      },
      at,
    ),
    ...modified.map((name) =>
      hubspotProperty(
        {
          name,
          label: name === 'lastmodifieddate' ? 'Last Modified Date' : 'Object last modified date/time',
          type: 'datetime',
          fieldType: 'date',
          groupName: group,
          readOnlyValue: true,
        },
        at,
      ),
    ),
  ];
}

function companies(o: DefaultSchemaOptions): ObjectTypeDefinition {
  const g = 'companyinformation';
  const at = o.at;
  return {
    objectTypeId: '0-2',
    name: 'companies',
    fullyQualifiedName: 'companies',
    singularName: 'company',
    labels: { singular: 'Company', plural: 'Companies' },
    custom: false,
    idBase: 200_000_000,
    createdDateProperty: 'createdate',
    modifiedDateProperties: ['hs_lastmodifieddate'],
    defaultProperties: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
    searchableProperties: ['name', 'domain', 'website'],
    primaryDisplayProperty: 'name',
    secondaryDisplayProperties: ['domain'],
    requiredProperties: [],
    createdAt: at,
    updatedAt: at,
    groups: groups([g, 'Company information'], ['salesforceinformation', 'Salesforce information']),
    properties: byName([
      ...systemProperties(g, 'createdate', ['hs_lastmodifieddate'], at),
      hubspotProperty(
        { name: 'name', label: 'Company name', type: 'string', fieldType: 'text', groupName: g },
        at,
      ),
      hubspotProperty(
        { name: 'domain', label: 'Company Domain Name', type: 'string', fieldType: 'text', groupName: g },
        at,
      ),
      hubspotProperty(
        { name: 'website', label: 'Website URL', type: 'string', fieldType: 'text', groupName: g },
        at,
      ),
      hubspotProperty(
        { name: 'country', label: 'Country/Region', type: 'string', fieldType: 'text', groupName: g },
        at,
      ),
      hubspotProperty(
        {
          name: 'industry',
          label: 'Industry',
          type: 'enumeration',
          fieldType: 'select',
          groupName: g,
          description:
            'The type of business the company performs. By default, this property has approximately 150 pre-defined options to select from.',
          options: optionsOf(HUBSPOT_INDUSTRY_OPTIONS),
        },
        at,
      ),
      hubspotProperty(
        {
          name: 'type',
          label: 'Type',
          type: 'enumeration',
          fieldType: 'select',
          groupName: g,
          options: optionsOf([
            ['PROSPECT', 'Prospect'],
            ['PARTNER', 'Partner'],
            ['RESELLER', 'Reseller'],
            ['VENDOR', 'Vendor'],
            ['OTHER', 'Other'],
          ]),
        },
        at,
      ),
      hubspotProperty(
        {
          name: 'salesforceaccountid',
          label: 'Salesforce Account ID',
          type: 'string',
          fieldType: 'text',
          groupName: 'salesforceinformation',
        },
        at,
      ),
      customProperty(
        {
          name: 'partner_tier',
          label: 'Partner tier',
          type: 'enumeration',
          fieldType: 'select',
          groupName: g,
          options: optionsOf([
            ['bronze', 'Bronze'],
            ['silver', 'Silver'],
            ['gold', 'Gold'],
            ['platinum', 'Platinum'],
          ]),
        },
        at,
      ),
      customProperty(
        {
          name: 'partner_region',
          label: 'Partner region',
          type: 'enumeration',
          fieldType: 'select',
          groupName: g,
          options: optionsOf([
            ['emea', 'EMEA'],
            ['north_america', 'North America'],
            ['apac', 'APAC'],
            ['latam', 'LATAM'],
          ]),
        },
        at,
      ),
    ]),
  };
}

function contacts(o: DefaultSchemaOptions): ObjectTypeDefinition {
  const g = 'contactinformation';
  const at = o.at;
  return {
    objectTypeId: '0-1',
    name: 'contacts',
    fullyQualifiedName: 'contacts',
    singularName: 'contact',
    labels: { singular: 'Contact', plural: 'Contacts' },
    custom: false,
    idBase: 100_000_000,
    createdDateProperty: 'createdate',
    modifiedDateProperties: ['lastmodifieddate', 'hs_lastmodifieddate'],
    defaultProperties: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
    searchableProperties: ['firstname', 'lastname', 'email'],
    primaryDisplayProperty: 'email',
    secondaryDisplayProperties: ['firstname', 'lastname'],
    requiredProperties: [],
    createdAt: at,
    updatedAt: at,
    groups: groups([g, 'Contact information']),
    properties: byName([
      ...systemProperties(g, 'createdate', ['lastmodifieddate', 'hs_lastmodifieddate'], at),
      hubspotProperty(
        { name: 'firstname', label: 'First Name', type: 'string', fieldType: 'text', groupName: g },
        at,
      ),
      hubspotProperty(
        { name: 'lastname', label: 'Last Name', type: 'string', fieldType: 'text', groupName: g },
        at,
      ),
      hubspotProperty(
        {
          name: 'email',
          label: 'Email',
          type: 'string',
          fieldType: 'text',
          groupName: g,
          hasUniqueValue: true,
        },
        at,
      ),
    ]),
  };
}

function deals(o: DefaultSchemaOptions): ObjectTypeDefinition {
  const g = 'dealinformation';
  const at = o.at;
  return {
    objectTypeId: '0-3',
    name: 'deals',
    fullyQualifiedName: 'deals',
    singularName: 'deal',
    labels: { singular: 'Deal', plural: 'Deals' },
    custom: false,
    idBase: 300_000_000,
    createdDateProperty: 'createdate',
    modifiedDateProperties: ['hs_lastmodifieddate'],
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
    searchableProperties: ['dealname'],
    primaryDisplayProperty: 'dealname',
    secondaryDisplayProperties: [],
    requiredProperties: [],
    createdAt: at,
    updatedAt: at,
    groups: groups([g, 'Deal information']),
    properties: byName([
      ...systemProperties(g, 'createdate', ['hs_lastmodifieddate'], at),
      hubspotProperty(
        { name: 'dealname', label: 'Deal Name', type: 'string', fieldType: 'text', groupName: g },
        at,
      ),
      hubspotProperty(
        {
          name: 'amount',
          label: 'Amount',
          type: 'number',
          fieldType: 'number',
          groupName: g,
          showCurrencySymbol: true,
        },
        at,
      ),
      hubspotProperty(
        {
          name: 'deal_currency_code',
          label: 'Currency',
          type: 'enumeration',
          fieldType: 'select',
          groupName: g,
          options: optionsOf(CURRENCIES.map((c) => [c, c] as const)),
        },
        at,
      ),
      hubspotProperty(
        {
          name: 'dealstage',
          label: 'Deal Stage',
          type: 'enumeration',
          fieldType: 'radio',
          groupName: g,
          options: optionsOf(DEFAULT_DEAL_STAGES),
        },
        at,
      ),
      hubspotProperty(
        {
          name: 'pipeline',
          label: 'Pipeline',
          type: 'enumeration',
          fieldType: 'select',
          groupName: g,
          options: optionsOf([['default', 'Sales Pipeline']]),
        },
        at,
      ),
      hubspotProperty(
        { name: 'closedate', label: 'Close Date', type: 'datetime', fieldType: 'date', groupName: g },
        at,
      ),
      hubspotProperty(
        {
          name: 'hs_is_closed_won',
          label: 'Is closed won',
          type: 'bool',
          fieldType: 'booleancheckbox',
          groupName: g,
          options: optionsOf([
            ['true', 'True'],
            ['false', 'False'],
          ]),
          readOnlyValue: true,
          calculated: true,
        },
        at,
      ),
      hubspotProperty(
        {
          name: 'hs_is_closed',
          label: 'Is Deal Closed?',
          type: 'bool',
          fieldType: 'booleancheckbox',
          groupName: g,
          options: optionsOf([
            ['true', 'True'],
            ['false', 'False'],
          ]),
          readOnlyValue: true,
          calculated: true,
        },
        at,
      ),
      hubspotProperty(
        {
          name: 'dealtype',
          label: 'Deal Type',
          type: 'enumeration',
          fieldType: 'radio',
          groupName: g,
          options: optionsOf([
            ['newbusiness', 'New Business'],
            ['existingbusiness', 'Existing Business'],
          ]),
        },
        at,
      ),
      customProperty(
        {
          name: 'csat_score',
          label: 'CSAT score',
          type: 'number',
          fieldType: 'number',
          groupName: g,
          description: 'Customer satisfaction, 0 to 10.',
        },
        at,
      ),
    ]),
  };
}

function lineItems(o: DefaultSchemaOptions): ObjectTypeDefinition {
  const g = 'lineiteminformation';
  const at = o.at;
  return {
    objectTypeId: '0-8',
    name: 'line_items',
    fullyQualifiedName: 'line_items',
    singularName: 'line_item',
    labels: { singular: 'Line Item', plural: 'Line Items' },
    custom: false,
    idBase: 400_000_000,
    createdDateProperty: 'createdate',
    modifiedDateProperties: ['hs_lastmodifieddate'],
    defaultProperties: ['amount', 'createdate', 'hs_lastmodifieddate', 'hs_object_id', 'name', 'quantity'],
    searchableProperties: ['name'],
    primaryDisplayProperty: 'name',
    secondaryDisplayProperties: [],
    requiredProperties: [],
    createdAt: at,
    updatedAt: at,
    groups: groups([g, 'Line item information']),
    properties: byName([
      ...systemProperties(g, 'createdate', ['hs_lastmodifieddate'], at),
      hubspotProperty({ name: 'name', label: 'Name', type: 'string', fieldType: 'text', groupName: g }, at),
      hubspotProperty(
        { name: 'quantity', label: 'Quantity', type: 'number', fieldType: 'number', groupName: g },
        at,
      ),
      hubspotProperty(
        { name: 'amount', label: 'Net price', type: 'number', fieldType: 'number', groupName: g },
        at,
      ),
      customProperty(
        {
          name: 'product_family',
          label: 'Product family',
          type: 'enumeration',
          fieldType: 'select',
          groupName: g,
          options: optionsOf(o.productFamilies),
        },
        at,
      ),
    ]),
  };
}

/** The standard objects of the brief's schema (custom objects are created through the schema registry). */
export function defaultStandardObjectTypes(o: DefaultSchemaOptions): ObjectTypeDefinition[] {
  return [contacts(o), companies(o), deals(o), lineItems(o)];
}

/** Body of the certifications schema as provisioning (or the emulator at start) creates it. */
export function certificationSchemaInput(productFamilies: ReadonlyArray<readonly [string, string]>) {
  return {
    name: 'certifications',
    description: 'Partner certifications held by people at partner companies.',
    labels: { singular: 'Certification', plural: 'Certifications' },
    primaryDisplayProperty: 'certification_name',
    secondaryDisplayProperties: ['technology', 'level'],
    searchableProperties: ['certification_name'],
    requiredProperties: ['certification_name'],
    associatedObjects: ['COMPANY', 'CONTACT'],
    properties: [
      {
        name: 'certification_name',
        label: 'Certification name',
        type: 'string' as const,
        fieldType: 'text' as const,
      },
      {
        name: 'technology',
        label: 'Technology',
        type: 'enumeration' as const,
        fieldType: 'select' as const,
        options: optionsOf(productFamilies),
      },
      { name: 'industry', label: 'Industry', type: 'string' as const, fieldType: 'text' as const },
      {
        name: 'level',
        label: 'Level',
        type: 'enumeration' as const,
        fieldType: 'select' as const,
        options: optionsOf([
          ['foundational', 'Foundational'],
          ['associate', 'Associate'],
          ['professional', 'Professional'],
          ['expert', 'Expert'],
        ]),
      },
      { name: 'earned_date', label: 'Earned date', type: 'date' as const, fieldType: 'date' as const },
      { name: 'expiry_date', label: 'Expiry date', type: 'date' as const, fieldType: 'date' as const },
    ],
  };
}
