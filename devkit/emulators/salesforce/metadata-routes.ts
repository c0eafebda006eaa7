/** Metadata API (SOAP) as jsforce `conn.metadata` sends it: CRUD and list for CustomObject, CustomField, PermissionSet, PermissionSetGroup, ListView, Layout. */
import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { SF_METADATA_CRUD_MAX } from '../../../connectors/salesforce/limits.js';
import { createAccessRouter } from './access-routes.js';
import type { EmulatorContext } from './context.js';
import { KEY_PREFIXES, OTHER_PREFIXES } from './schema.js';
import {
  findElement,
  jsonToXml,
  parseXml,
  soapEnvelope,
  soapFault,
  type XmlElement,
  xmlToJson,
} from './soap-xml.js';
import { fieldFromMetadata, type MetadataEntry } from './state.js';
import { formatSalesforceDateTime } from './wire-values.js';

const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';
const ARRAYS = new Set([
  'metadata',
  'fullNames',
  'queries',
  'fieldPermissions',
  'objectPermissions',
  'userPermissions',
  'filters',
  'columns',
  'layoutSections',
  'layoutColumns',
  'layoutItems',
  'value',
  'relatedLists',
  'customButtons',
  'permissionSets',
  'mutingPermissionSets',
]);
const SUPPORTED = new Set([
  'CustomObject',
  'CustomField',
  'PermissionSet',
  'PermissionSetGroup',
  'ListView',
  'Layout',
]);
const ID_PREFIX: Record<string, string> = {
  CustomObject: OTHER_PREFIXES.customObject,
  CustomField: OTHER_PREFIXES.customField,
  PermissionSet: KEY_PREFIXES.PermissionSet,
  PermissionSetGroup: KEY_PREFIXES.PermissionSetGroup,
  ListView: OTHER_PREFIXES.listView,
  Layout: OTHER_PREFIXES.layout,
};

interface SaveOutcome {
  fullName: string;
  success: boolean;
  created?: boolean;
  error?: { statusCode: string; message: string; fields?: string };
}

class SoapFault extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const RecordSchema = z.record(z.string(), z.unknown());

function asRecord(v: unknown): Record<string, unknown> {
  const parsed = RecordSchema.safeParse(v);
  return parsed.success ? parsed.data : {};
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v];
}

/**
 * A permission set group names its permission sets by API name; each must exist. The group's record
 * (DeveloperName, MasterLabel, Status) follows its metadata.
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_permissionsetgroup.htm
 */
function applyPermissionSetGroup(
  ctx: EmulatorContext,
  fullName: string,
  md: Record<string, unknown>,
): SaveOutcome['error'] {
  const { state } = ctx;
  for (const name of [...list(md.permissionSets), ...list(md.mutingPermissionSets)].map(String)) {
    if (!state.all('PermissionSet').some((r) => r.Name === name)) {
      return {
        statusCode: 'INVALID_CROSS_REFERENCE_KEY',
        message: `In field: permissionSets - no PermissionSet named ${name} found`,
        fields: 'permissionSets',
      };
    }
  }
  const label = String(md.label ?? fullName);
  const row = state.rows('PermissionSetGroup').find((r) => !r.deleted && r.values.DeveloperName === fullName);
  if (row) state.updateRecord(row, { MasterLabel: label });
  else
    state.insertMany('PermissionSetGroup', [
      { DeveloperName: fullName, MasterLabel: label, Status: 'Updated' },
    ]);
  return undefined;
}

/** Validates one component and applies it to the org; returns the error text when it is refused. */
function applyComponent(
  ctx: EmulatorContext,
  type: string,
  md: Record<string, unknown>,
): SaveOutcome['error'] {
  const fullName = String(md.fullName ?? '');
  const { state } = ctx;
  switch (type) {
    case 'CustomObject': {
      if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(fullName) || fullName.includes('___')) {
        return {
          statusCode: 'FIELD_INTEGRITY_EXCEPTION',
          message: `Invalid custom object name: ${fullName}`,
          fields: 'fullName',
        };
      }
      const existing = state.object(fullName);
      if (existing && !ctx.state.metadata.get('CustomObject')?.has(fullName)) {
        return {
          statusCode: 'DUPLICATE_DEVELOPER_NAME',
          message: `${fullName} is a seeded object`,
          fields: 'fullName',
        };
      }
      const label = String(md.label ?? fullName);
      const nameField = asRecord(md.nameField);
      state.defineObject(
        fullName,
        label,
        String(md.pluralLabel ?? label),
        String(nameField.label ?? `${label} Name`),
      );
      return undefined;
    }
    case 'CustomField': {
      const [objectName = '', fieldName = ''] = fullName.split('.');
      const object = state.object(objectName);
      if (!object)
        return {
          statusCode: 'INVALID_CROSS_REFERENCE_KEY',
          message: `In field: fullName - no CustomObject named ${objectName} found`,
          fields: 'fullName',
        };
      if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(fieldName) || fieldName.includes('___')) {
        return {
          statusCode: 'FIELD_INTEGRITY_EXCEPTION',
          message: `Invalid custom field name: ${fieldName}`,
          fields: 'fullName',
        };
      }
      const existing = object.fields.get(fieldName);
      if (existing && !existing.requiresPermission) {
        return {
          statusCode: 'DUPLICATE_DEVELOPER_NAME',
          message: `${fieldName} is a standard or seeded field`,
          fields: 'fullName',
        };
      }
      try {
        state.defineField(object.name, fieldFromMetadata(fieldName, md));
      } catch (error) {
        return {
          statusCode: 'FIELD_INTEGRITY_EXCEPTION',
          message: error instanceof Error ? error.message : String(error),
          fields: 'type',
        };
      }
      return undefined;
    }
    case 'PermissionSet': {
      for (const p of list(md.fieldPermissions)) {
        const field = String(asRecord(p).field ?? '');
        const [objectName = '', fieldName = ''] = field.split('.');
        const object = state.object(objectName);
        if (!object?.fields.has(fieldName)) {
          return {
            statusCode: 'INVALID_CROSS_REFERENCE_KEY',
            message: `In field: field - no CustomField named ${field} found`,
            fields: 'field',
          };
        }
      }
      if (!state.all('PermissionSet').some((r) => r.Name === fullName)) {
        state.insertMany('PermissionSet', [
          { Name: fullName, Label: String(md.label ?? fullName), IsOwnedByProfile: false },
        ]);
      }
      return undefined;
    }
    case 'PermissionSetGroup':
      return applyPermissionSetGroup(ctx, fullName, md);
    case 'ListView': {
      const [objectName = ''] = fullName.split('.');
      if (!state.object(objectName) || !fullName.includes('.')) {
        return {
          statusCode: 'INVALID_CROSS_REFERENCE_KEY',
          message: `In field: fullName - no CustomObject named ${objectName} found`,
          fields: 'fullName',
        };
      }
      for (const p of list(md.filters)) {
        const f = String(asRecord(p).field ?? '');
        const object = state.object(objectName);
        if (object && !object.fieldsLower.has(f.toLowerCase()) && !/^[A-Z_]+$/.test(f)) {
          return {
            statusCode: 'FIELD_INTEGRITY_EXCEPTION',
            message: `Invalid filter field: ${f}`,
            fields: 'filters',
          };
        }
      }
      return undefined;
    }
    case 'Layout': {
      const [objectName = ''] = fullName.split('-');
      if (!state.object(objectName)) {
        return {
          statusCode: 'INVALID_CROSS_REFERENCE_KEY',
          message: `In field: fullName - no CustomObject named ${objectName} found`,
          fields: 'fullName',
        };
      }
      return undefined;
    }
    default:
      return {
        statusCode: 'INVALID_TYPE',
        message: `The Partner Atlas emulator does not model metadata type ${type}`,
      };
  }
}

/** The failure of a component that should exist and does not. */
function notFound(type: string, fullName: string): SaveOutcome {
  return {
    fullName,
    success: false,
    error: {
      statusCode: 'INVALID_CROSS_REFERENCE_KEY',
      message: `In field: fullName - no ${type} named ${fullName} found`,
    },
  };
}

function resultXml(outcome: SaveOutcome, withCreated: boolean): string {
  const errors = outcome.error
    ? `<errors>${outcome.error.fields ? `<fields>${outcome.error.fields}</fields>` : ''}${jsonToXml('message', outcome.error.message)}<statusCode>${outcome.error.statusCode}</statusCode></errors>`
    : '';
  const created = withCreated ? `<created>${outcome.created === true}</created>` : '';
  return `<result>${created}${errors}${jsonToXml('fullName', outcome.fullName)}<success>${outcome.success}</success></result>`;
}

function save(ctx: EmulatorContext, method: string, body: XmlElement): string {
  const components = body.children.filter((c) => c.name === 'metadata');
  if (components.length > SF_METADATA_CRUD_MAX) {
    throw new SoapFault(
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${SF_METADATA_CRUD_MAX} records in this operation`,
    );
  }
  const outcomes = components.map((el): SaveOutcome => {
    const type = el.attrs['xsi:type'] ?? '';
    const md = asRecord(xmlToJson(el, ARRAYS));
    const fullName = String(md.fullName ?? '');
    const exists = ctx.state.metadata.get(type)?.has(fullName) ?? false;
    if (!SUPPORTED.has(type))
      return {
        fullName,
        success: false,
        error: { statusCode: 'INVALID_TYPE', message: `Unsupported metadata type ${type}` },
      };
    if (method === 'createMetadata' && exists) {
      return {
        fullName,
        success: false,
        error: {
          statusCode: 'DUPLICATE_DEVELOPER_NAME',
          message: `There is already a ${type} named ${fullName}`,
        },
      };
    }
    if (method === 'updateMetadata' && !exists) {
      return notFound(type, fullName);
    }
    const error = applyComponent(ctx, type, md);
    if (error) return { fullName, success: false, error };
    const created = ctx.state.putMetadata(type, fullName, md, ID_PREFIX[type] ?? '000');
    if (type === 'PermissionSet') ctx.state.permissionsChanged();
    return { fullName, success: true, created };
  });
  return `<${method}Response>${outcomes.map((o) => resultXml(o, method === 'upsertMetadata')).join('')}</${method}Response>`;
}

function ordered(entry: MetadataEntry): Record<string, unknown> {
  const { fullName, ...rest } = entry.value;
  return { fullName, ...rest };
}

function read(ctx: EmulatorContext, body: XmlElement): string {
  const type = findElement(body, 'type')?.text.trim() ?? '';
  const names = body.children.filter((c) => c.name === 'fullNames').map((c) => c.text.trim());
  const records = names.map((name) => {
    const entry = ctx.state.metadata.get(type)?.get(name);
    return entry ? jsonToXml('records', ordered(entry), ` xsi:type="${type}"`) : '<records xsi:nil="true"/>';
  });
  return `<readMetadataResponse><result>${records.join('')}</result></readMetadataResponse>`;
}

function remove(ctx: EmulatorContext, body: XmlElement): string {
  const type = findElement(body, 'type')?.text.trim() ?? '';
  const names = body.children.filter((c) => c.name === 'fullNames').map((c) => c.text.trim());
  const outcomes = names.map((fullName): SaveOutcome => {
    const byName = ctx.state.metadata.get(type);
    if (!byName?.has(fullName)) {
      return notFound(type, fullName);
    }
    byName.delete(fullName);
    if (type === 'CustomField') {
      const [objectName = '', fieldName = ''] = fullName.split('.');
      ctx.state.removeField(objectName, fieldName);
    }
    if (type === 'PermissionSet') ctx.state.permissionsChanged();
    return { fullName, success: true };
  });
  return `<deleteMetadataResponse>${outcomes.map((o) => resultXml(o, false)).join('')}</deleteMetadataResponse>`;
}

function fileName(entry: MetadataEntry): string {
  switch (entry.type) {
    case 'CustomObject':
      return `objects/${entry.fullName}.object`;
    case 'CustomField':
    case 'ListView':
      return `objects/${entry.fullName.split('.')[0]}.object`;
    case 'PermissionSet':
      return `permissionsets/${entry.fullName}.permissionset`;
    case 'PermissionSetGroup':
      return `permissionsetgroups/${entry.fullName}.permissionsetgroup`;
    default:
      return `layouts/${entry.fullName}.layout`;
  }
}

function listComponents(ctx: EmulatorContext, body: XmlElement): string {
  const queries = body.children.filter((c) => c.name === 'queries');
  const results: string[] = [];
  for (const q of queries) {
    const type = findElement(q, 'type')?.text.trim() ?? '';
    for (const entry of ctx.state.metadata.get(type)?.values() ?? []) {
      results.push(
        jsonToXml('result', {
          createdById: ctx.state.userId,
          createdByName: 'Atlas Integration',
          createdDate: formatSalesforceDateTime(entry.createdDate).replace('+0000', 'Z'),
          fileName: fileName(entry),
          fullName: entry.fullName,
          id: entry.id,
          lastModifiedById: ctx.state.userId,
          lastModifiedByName: 'Atlas Integration',
          lastModifiedDate: formatSalesforceDateTime(entry.lastModifiedDate).replace('+0000', 'Z'),
          manageableState: 'unmanaged',
          type,
        }),
      );
    }
  }
  return `<listMetadataResponse>${results.join('')}</listMetadataResponse>`;
}

function sendSoap(res: Response, status: number, xml: string): void {
  res.status(status).type('text/xml; charset=utf-8').send(xml);
}

/**
 * Why the integration user may not make this call, or null. Metadata API needs "Modify Metadata Through
 * Metadata API Functions" or "Modify All Data"; creating, updating and deleting also "Customize Application"
 * (https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_modify_metadata_perm.htm).
 */
function refusal(ctx: EmulatorContext, call: string): string | null {
  const p = ctx.state.userPermissions;
  if (!p.ModifyMetadata && !p.ModifyAllData) {
    return 'use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permission';
  }
  if (call !== 'readMetadata' && call !== 'listMetadata' && !p.CustomizeApplication) {
    return `${call} requires a user with the CustomizeApplication permission`;
  }
  return null;
}

/** POST /services/Soap/m/:version. Authenticates with the SessionHeader, like Salesforce. */
export function createMetadataRouter(ctx: EmulatorContext): Router {
  const router = Router();
  // REST reads that need no Metadata API rights (list views, the user's permissions), ahead of the REST router.
  router.use(createAccessRouter(ctx));
  router.post(
    '/services/Soap/m/:version',
    express.text({ type: () => true, limit: '10mb' }),
    (req: Request, res: Response) => {
      let envelope: XmlElement;
      try {
        envelope = parseXml(String(req.body ?? ''));
      } catch (error) {
        sendSoap(
          res,
          500,
          soapFault('INVALID_XML', error instanceof Error ? error.message : 'malformed XML'),
        );
        return;
      }
      const sessionId = findElement(envelope, 'sessionId')?.text.trim();
      if (!ctx.tokens.isValid(sessionId)) {
        sendSoap(
          res,
          500,
          soapFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session'),
        );
        return;
      }
      if (!ctx.usage.consume()) {
        sendSoap(res, 500, soapFault('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'));
        return;
      }
      res.set('Sforce-Limit-Info', ctx.usage.header());
      const body = findElement(envelope, 'Body');
      const call = body?.children[0];
      if (!call) {
        sendSoap(res, 500, soapFault('INVALID_XML', 'empty SOAP body'));
        return;
      }
      const refused = refusal(ctx, call.name);
      if (refused) {
        sendSoap(res, 500, soapFault('INSUFFICIENT_ACCESS', refused));
        return;
      }
      try {
        let out: string;
        switch (call.name) {
          case 'createMetadata':
          case 'updateMetadata':
          case 'upsertMetadata':
            out = save(ctx, call.name, call);
            break;
          case 'readMetadata':
            out = read(ctx, call);
            break;
          case 'deleteMetadata':
            out = remove(ctx, call);
            break;
          case 'listMetadata':
            out = listComponents(ctx, call);
            break;
          default:
            sendSoap(
              res,
              500,
              soapFault('INVALID_OPERATION', `The Partner Atlas emulator does not implement ${call.name}`),
            );
            return;
        }
        sendSoap(res, 200, soapEnvelope(out, METADATA_NS));
      } catch (error) {
        if (!(error instanceof SoapFault)) throw error;
        sendSoap(res, 500, soapFault(error.code, error.message));
      }
    },
  );
  return router;
}

/** Layouts Salesforce orgs start with, so `read('Layout', 'Account-Account Layout')` has something to return. */
export function seedDefaultLayouts(ctx: EmulatorContext): void {
  ctx.state.putMetadata(
    'Layout',
    'Account-Account Layout',
    {
      layoutSections: [
        {
          customLabel: 'false',
          detailHeading: 'false',
          editHeading: 'true',
          label: 'Account Information',
          layoutColumns: [
            {
              layoutItems: [
                { behavior: 'Required', field: 'Name' },
                { behavior: 'Edit', field: 'Type' },
              ],
            },
            {
              layoutItems: [
                { behavior: 'Edit', field: 'Industry' },
                { behavior: 'Edit', field: 'Website' },
              ],
            },
          ],
          style: 'TwoColumnsTopToBottom',
        },
      ],
    },
    OTHER_PREFIXES.layout,
  );
}
