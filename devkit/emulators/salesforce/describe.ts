/** Describe results (global, sObject basic info, full describe) built from the schema and field permissions. */
import type { EmulatorContext } from './context.js';
import { childRelationshipsOf, type FieldDef, type ObjectDef } from './schema.js';

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  currency: 'xsd:double',
  double: 'xsd:double',
  percent: 'xsd:double',
  int: 'xsd:int',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

function objectUrls(apiVersion: string, name: string): Record<string, string> {
  const base = `/services/data/v${apiVersion}/sobjects/${name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function flags(o: ObjectDef) {
  const system = o.name === 'User' || o.name === 'PermissionSet' || o.name === 'PermissionSetAssignment';
  return {
    activateable: false,
    createable: true,
    custom: o.custom,
    customSetting: false,
    deletable: !system,
    deprecatedAndHidden: false,
    feedEnabled: false,
    keyPrefix: o.keyPrefix,
    label: o.label,
    labelPlural: o.labelPlural,
    layoutable: !system,
    mergeable: o.name === 'Account' || o.name === 'Contact',
    mruEnabled: !system,
    name: o.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: !system,
    triggerable: true,
    undeletable: !system,
    updateable: true,
  };
}

/** `GET /sobjects`: every object the integration user can see. */
export function describeGlobal(ctx: EmulatorContext, apiVersion: string) {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: [...ctx.state.schema.values()].map((o) => ({
      ...flags(o),
      urls: objectUrls(apiVersion, o.name),
    })),
  };
}

/** `GET /sobjects/X`: basic information and recent items. */
export function describeBasic(o: ObjectDef, apiVersion: string) {
  return { objectDescribe: { ...flags(o), urls: objectUrls(apiVersion, o.name) }, recentItems: [] };
}

function describeField(f: FieldDef, editable: boolean) {
  const numeric = f.type === 'currency' || f.type === 'double' || f.type === 'percent' || f.type === 'int';
  return {
    aggregatable: f.type !== 'textarea' && f.type !== 'multipicklist',
    autoNumber: false,
    byteLength: f.length * 3,
    calculated: f.calculated,
    caseSensitive: false,
    createable: f.createable && editable,
    custom: f.custom,
    defaultValue: null,
    defaultedOnCreate:
      f.name === 'Id' || f.type === 'boolean' || f.name.endsWith('Date') || f.name === 'SystemModstamp',
    dependentPicklist: false,
    digits: f.type === 'int' ? f.precision : 0,
    externalId: f.externalId,
    filterable: f.type !== 'textarea',
    groupable: !numeric && f.type !== 'textarea' && f.type !== 'multipicklist' && f.type !== 'datetime',
    idLookup: f.name === 'Id' || f.externalId,
    label: f.label,
    length: f.length,
    name: f.name,
    nameField: f.name === 'Name',
    nillable: f.nillable,
    picklistValues: f.picklistValues.map((p) => ({
      active: p.active,
      defaultValue: p.defaultValue,
      label: p.label,
      validFor: null,
      value: p.value,
    })),
    precision: f.precision,
    referenceTo: f.referenceTo,
    relationshipName: f.relationshipName,
    restrictedPicklist: f.restrictedPicklist,
    scale: f.scale,
    soapType: SOAP_TYPES[f.type] ?? 'xsd:string',
    sortable: f.type !== 'textarea' && f.type !== 'multipicklist',
    type: f.type,
    unique: f.unique,
    updateable: f.updateable && editable,
  };
}

/** `GET /sobjects/X/describe`: fields the user can read (with their edit rights) and child relationships. */
export function describeSObject(ctx: EmulatorContext, o: ObjectDef, apiVersion: string) {
  const fields = ctx.state
    .visibleFields(o)
    .map((f) => describeField(f, ctx.state.fieldAccess(o, f).editable));
  const childRelationships = childRelationshipsOf(ctx.state.schema, o.name).map((r) => ({
    cascadeDelete: r.childSObject === 'OpportunityLineItem' || r.childSObject === 'OpportunityPartner',
    childSObject: r.childSObject,
    deprecatedAndHidden: false,
    field: r.field,
    junctionIdListNames: [],
    junctionReferenceTo: [],
    relationshipName: r.relationshipName,
    restrictedDelete: false,
  }));
  return { ...flags(o), childRelationships, fields, urls: objectUrls(apiVersion, o.name) };
}
