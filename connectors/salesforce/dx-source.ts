/** The write-back metadata as a Salesforce DX source folder (sfdx-project.json, CustomObject, CustomField incl. the Opportunity recommendation fields, PermissionSet, ReportType and Report XML). */
import { cellFieldsMetadata, cellObjectMetadata } from './cell-records.js';
import { cellReportComponents } from './cell-records-reports.js';
import type { MetadataRecord } from './metadata.js';
import { integrationPermissionSet, metadataPermissionSet, viewerPermissionSet } from './permission-sets.js';
import { customFieldMetadata, permissionSetMetadata } from './provision.js';
import { recommendationFieldsMetadata } from './recommendation-fields.js';
import type { SalesforceWriteback } from './writeback-schema.js';

const NS = 'http://soap.sforce.com/2006/04/metadata';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Metadata JSON as XML elements, in the key order given (Salesforce reads any order; we keep ours stable). */
function elements(value: Record<string, unknown>, indent: string): string {
  const out: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    for (const item of Array.isArray(v) ? v : [v]) {
      if (item === undefined || item === null) continue;
      if (typeof item === 'object') {
        const inner = elements(item as Record<string, unknown>, `${indent}    `);
        out.push(inner === '' ? `${indent}<${key}/>` : `${indent}<${key}>\n${inner}\n${indent}</${key}>`);
      } else out.push(`${indent}<${key}>${escapeXml(String(item))}</${key}>`);
    }
  }
  return out.join('\n');
}

function document(type: string, body: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${type} xmlns="${NS}">\n${elements(body, '    ')}\n</${type}>\n`;
}

function permissionSetFile(files: Map<string, string>, md: MetadataRecord): void {
  const { fullName, ...ps } = md;
  files.set(
    `force-app/main/default/permissionsets/${String(fullName)}.permissionset-meta.xml`,
    document('PermissionSet', ps),
  );
}

/**
 * Files of the DX source folder, by path relative to it. Field files drop the object from `fullName`
 * (the folder names it), as `sf project retrieve` writes them. Besides the fields' permission set that
 * provisioning creates, the least-privilege sets for the integration user: reads + field write-back
 * (`readObjects` are the objects the mapping reads), read-only, Metadata API, provisioning.
 */
export function dxSourceFiles(
  wb: SalesforceWriteback,
  apiVersion: string,
  readObjects: readonly string[] = [wb.object],
): Map<string, string> {
  const files = new Map<string, string>();
  files.set(
    'sfdx-project.json',
    `${JSON.stringify(
      {
        packageDirectories: [{ path: 'force-app', default: true }],
        name: 'partner-atlas-writeback',
        namespace: '',
        sfdcLoginUrl: 'https://login.salesforce.com',
        sourceApiVersion: apiVersion,
      },
      null,
      2,
    )}\n`,
  );
  for (const f of wb.fields) {
    const { fullName: _, ...rest } = customFieldMetadata(wb.object, f);
    files.set(
      `force-app/main/default/objects/${wb.object}/fields/${f.field}.field-meta.xml`,
      document('CustomField', { fullName: f.field, ...rest }),
    );
  }
  if (wb.cellRecords) {
    const object = wb.cellRecords.object;
    const { fullName: _object, ...objectBody } = cellObjectMetadata(object);
    files.set(
      `force-app/main/default/objects/${object}/${object}.object-meta.xml`,
      document('CustomObject', objectBody),
    );
    for (const field of cellFieldsMetadata(object)) {
      const name = String(field.fullName).slice(object.length + 1);
      const { fullName: _field, ...rest } = field;
      files.set(
        `force-app/main/default/objects/${object}/fields/${name}.field-meta.xml`,
        document('CustomField', { fullName: name, ...rest }),
      );
    }
    for (const c of cellReportComponents()) {
      files.set(`force-app/main/default/${c.path}`, document(c.type, c.body));
    }
  }
  for (const field of wb.recommendations ? recommendationFieldsMetadata(wb.recommendations) : []) {
    const [object = '', name = ''] = String(field.fullName).split('.');
    const { fullName: _field, ...rest } = field;
    files.set(
      `force-app/main/default/objects/${object}/fields/${name}.field-meta.xml`,
      document('CustomField', { fullName: name, ...rest }),
    );
  }
  permissionSetFile(files, permissionSetMetadata(wb, []));
  permissionSetFile(files, viewerPermissionSet(wb));
  permissionSetFile(files, integrationPermissionSet(wb, readObjects, { write: true }));
  permissionSetFile(files, integrationPermissionSet(wb, readObjects, { write: false }));
  permissionSetFile(files, metadataPermissionSet({ provisioning: false }));
  permissionSetFile(files, metadataPermissionSet({ provisioning: true }));
  return files;
}
