import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMappings } from '../../src/mapping/index.js';
import { dxSourceFiles } from './dx-source.js';
import { SF_DEFAULT_API_VERSION } from './limits.js';
import { customFieldMetadata } from './provision.js';
import { SalesforceWritebackSchema } from './writeback-schema.js';

const writeback = SalesforceWritebackSchema.optional().parse(loadMappings('mappings').salesforce?.writeback);

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('salesforce-dx source folder', () => {
  it('holds exactly what provisioning creates for the default mapping (run `npx tsx salesforce-dx/generate.ts` after editing the writeback section)', () => {
    if (!writeback) throw new Error('the default mapping has no writeback section');
    const expected = dxSourceFiles(writeback, SF_DEFAULT_API_VERSION);
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
});
