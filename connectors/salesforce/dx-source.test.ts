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
    const onDisk = filesUnder('salesforce-dx').filter((f) => f !== 'generate.ts');
    expect(onDisk.sort()).toEqual([...expected.keys()].sort());
    for (const [path, text] of expected) expect(readFileSync(join('salesforce-dx', path), 'utf8')).toBe(text);
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
    expect(integration.match(/<allowEdit>true<\/allowEdit>/g)).toHaveLength(1);
    expect(integration).toMatch(
      /<allowEdit>true<\/allowEdit>\s*<allowRead>true<\/allowRead>\s*<modifyAllRecords>false<\/modifyAllRecords>\s*<object>Account<\/object>/,
    );
    expect(integration.match(/<editable>true<\/editable>/g)).toHaveLength(writeback.fields.length);
    expect(readOnly).not.toContain('<allowEdit>true</allowEdit>');
    expect(readOnly).not.toContain('<editable>true</editable>');
    expect(readOnly.match(/<readable>true<\/readable>/g)).toHaveLength(writeback.fields.length);

    const metadata = permissionSet(SF_METADATA_PERMISSION_SET);
    for (const p of ['ApiEnabled', 'CustomizeApplication', 'ModifyMetadata', 'ViewSetup'])
      expect(metadata).toContain(`<name>${p}</name>`);
    expect(metadata).not.toContain('AssignPermissionSets');
    expect(permissionSet(SF_PROVISIONING_PERMISSION_SET)).toContain('<name>AssignPermissionSets</name>');
  });
});
