import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileMapping, loadMappings } from '../../src/mapping/index.js';
import { dxSourceFiles } from './dx-source.js';
import { SF_DEFAULT_API_VERSION } from './limits.js';
import {
  readObjectsOf,
  SF_INTEGRATION_PERMISSION_SET,
  SF_PROVISIONING_PERMISSION_SET,
  SF_READ_ONLY_PERMISSION_SET,
  SF_VIEWER_PERMISSION_SET,
  writebackFieldNames,
} from './permission-sets.js';
import { SF_METADATA_PERMISSION_SET } from './permissions.js';
import { customFieldMetadata } from './provision.js';
import { SalesforceWritebackSchema } from './writeback-schema.js';

const loaded = loadMappings('mappings');
const writeback = SalesforceWritebackSchema.optional().parse(loaded.salesforce?.writeback);
const readObjects = loaded.salesforce
  ? readObjectsOf(compileMapping(loaded.salesforce, loaded.taxonomy).readPlans())
  : [];

function permissionSet(name: string): string {
  return readFileSync(
    `salesforce-dx/force-app/main/default/permissionsets/${name}.permissionset-meta.xml`,
    'utf8',
  );
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('salesforce-dx source folder', () => {
  it('holds exactly what provisioning creates for the default mapping (run `npx tsx salesforce-dx/generate.ts` after editing the writeback section)', () => {
    if (!writeback) throw new Error('the default mapping has no writeback section');
    const expected = dxSourceFiles(writeback, SF_DEFAULT_API_VERSION, readObjects);
    const onDisk = filesUnder('salesforce-dx').filter(
      (f) =>
        !/^(?:generate\.ts|package\.json|jest\.config\.js|\.forceignore)$|^(?:jest-mocks|force-app\/main\/default\/lwc|\.sfdx|\.sf|\.localdevserver)\//.test(
          f,
        ),
    );
    expect(onDisk.sort()).toEqual([...expected.keys()].sort());
    for (const [path, text] of expected) expect(readFileSync(join('salesforce-dx', path), 'utf8')).toBe(text);
  });

  it('holds the recommended partners on Opportunity: lookups to Account, reasons, time, readable by viewers', () => {
    if (!writeback?.recommendations) throw new Error('the default mapping recommends no partners');
    const field = (name: string) =>
      readFileSync(
        `salesforce-dx/force-app/main/default/objects/Opportunity/fields/${name}.field-meta.xml`,
        'utf8',
      );
    const lookup = field('Atlas_Partner_1__c');
    for (const part of [
      '<type>Lookup</type>',
      '<referenceTo>Account</referenceTo>',
      '<relationshipName>Atlas_Partner_1_Opportunities</relationshipName>',
      '<deleteConstraint>SetNull</deleteConstraint>',
    ])
      expect(lookup).toContain(part);
    const reason = field('Atlas_Partner_3_Reason__c');
    for (const part of ['<type>Text</type>', '<length>255</length>']) expect(reason).toContain(part);
    expect(field('Atlas_Recommended_At__c')).toContain('<type>DateTime</type>');
    for (const name of [writeback.permissionSet, SF_VIEWER_PERMISSION_SET]) {
      expect(permissionSet(name)).toContain('<field>Opportunity.Atlas_Partner_2__c</field>');
    }
  });

  it('names every write-back field with the type and label provisioning uses', () => {
    if (!writeback) throw new Error('the default mapping has no writeback section');
    for (const f of writeback.fields) {
      const xml = readFileSync(
        `salesforce-dx/force-app/main/default/objects/${writeback.object}/fields/${f.field}.field-meta.xml`,
        'utf8',
      );
      const md = customFieldMetadata(writeback.object, f);
      expect(xml).toContain(`<type>${String(md.type)}</type>`);
      expect(xml).toContain(`<label>${String(md.label)}</label>`);
      expect(
        readFileSync(
          `salesforce-dx/force-app/main/default/permissionsets/${writeback.permissionSet}.permissionset-meta.xml`,
          'utf8',
        ),
      ).toContain(`<field>${writeback.object}.${f.field}</field>`);
    }
  });

  it('grants the integration user reads and field write-back without Metadata API rights, and those rights apart', () => {
    if (!writeback) throw new Error('the default mapping has no writeback section');
    expect(readObjects).toEqual([
      'Account',
      'Contact',
      'Opportunity',
      'OpportunityLineItem',
      'OpportunityPartner',
      'Partner_Certification__c',
      'Product2',
    ]);
    const integration = permissionSet(SF_INTEGRATION_PERMISSION_SET);
    const readOnly = permissionSet(SF_READ_ONLY_PERMISSION_SET);
    for (const xml of [integration, readOnly]) {
      expect(xml).toContain('<name>ApiEnabled</name>');
      expect(xml).not.toContain('ModifyMetadata');
      expect(xml).not.toContain('CustomizeApplication');
      for (const object of ['Account', 'Contact', 'Opportunity', 'Partner_Certification__c', 'Product2'])
        expect(xml).toContain(`<object>${object}</object>`);
      // Line items and opportunity partners follow Opportunity: a permission set cannot name them.
      expect(xml).not.toContain('<object>OpportunityLineItem</object>');
      expect(xml).not.toContain('<object>OpportunityPartner</object>');
    }
    // Edit on the write-back object, on Opportunity for the recommended partners, and full access to the
    // per-cell object's records.
    expect(integration.match(/<allowEdit>true<\/allowEdit>/g)).toHaveLength(
      1 + (writeback.cellRecords ? 1 : 0) + (writeback.recommendations ? 1 : 0),
    );
    if (writeback.recommendations) {
      expect(integration).toMatch(
        /<allowEdit>true<\/allowEdit>\s*<allowRead>true<\/allowRead>\s*<modifyAllRecords>false<\/modifyAllRecords>\s*<object>Opportunity<\/object>/,
      );
    }
    expect(integration).toMatch(
      /<allowEdit>true<\/allowEdit>\s*<allowRead>true<\/allowRead>\s*<modifyAllRecords>false<\/modifyAllRecords>\s*<object>Account<\/object>/,
    );
    const written = writebackFieldNames(writeback);
    expect(integration.match(/<editable>true<\/editable>/g)).toHaveLength(written.length);
    expect(readOnly).not.toContain('<allowEdit>true</allowEdit>');
    expect(readOnly).not.toContain('<editable>true</editable>');
    expect(readOnly.match(/<readable>true<\/readable>/g)).toHaveLength(written.length);

    const metadata = permissionSet(SF_METADATA_PERMISSION_SET);
    for (const p of ['ApiEnabled', 'CustomizeApplication', 'ModifyMetadata', 'ViewSetup'])
      expect(metadata).toContain(`<name>${p}</name>`);
    expect(metadata).not.toContain('AssignPermissionSets');
    expect(permissionSet(SF_PROVISIONING_PERMISSION_SET)).toContain('<name>AssignPermissionSets</name>');
  });

  it('lets people read every Atlas field and the per-cell records, and edit none', () => {
    if (!writeback?.cellRecords) throw new Error('the default mapping keeps no per-cell records');
    const viewer = permissionSet(SF_VIEWER_PERMISSION_SET);
    const written = writebackFieldNames(writeback);
    expect(viewer.match(/<readable>true<\/readable>/g)).toHaveLength(written.length);
    for (const field of written) expect(viewer).toContain(`<field>${field}</field>`);
    expect(viewer).not.toContain('<editable>true</editable>');
    expect(viewer).not.toMatch(/<allow(?:Create|Edit|Delete)>true</);
    expect(viewer).toMatch(/<allowRead>true<\/allowRead>[\s\S]*<object>Atlas_Expertise__c<\/object>/);
  });

  it('reports on the per-cell records: a report type joining Account to them and a sector × technology matrix', () => {
    const dir = 'salesforce-dx/force-app/main/default';
    const type = readFileSync(`${dir}/reportTypes/Atlas_Expertise.reportType-meta.xml`, 'utf8');
    expect(type).toContain('<baseObject>Account</baseObject>');
    expect(type).toContain('<relationship>Atlas_Expertise__r</relationship>');
    expect(type).toContain('<label>Accounts with Atlas Expertise</label>');
    const report = readFileSync(
      `${dir}/reports/Partner_Atlas/Atlas_Expertise_Matrix.report-meta.xml`,
      'utf8',
    );
    expect(report).toContain('<format>Matrix</format>');
    expect(report).toContain('<reportType>Atlas_Expertise__c</reportType>');
    expect(report).toMatch(/<groupingsDown>[\s\S]*Atlas_Expertise__r\$Sector__c[\s\S]*<\/groupingsDown>/);
    expect(report).toMatch(
      /<groupingsAcross>[\s\S]*Atlas_Expertise__r\$Technology__c[\s\S]*<\/groupingsAcross>/,
    );
    expect(report).toMatch(
      /<aggregateTypes>Maximum<\/aggregateTypes>\s*<field>Account\.Atlas_Expertise__r\$Score__c<\/field>/,
    );
  });
});
