/**
 * The whole salesforce-dx project converts to deployable metadata (Metadata API format) with Salesforce's
 * own library, `@salesforce/source-deploy-retrieve`, the one `sf project deploy start` uses: a component,
 * object, field, permission set or report the conversion cannot read would fail a deploy the same way.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { afterAll, describe, expect, it } from 'vitest';

const project = join(import.meta.dirname, '..', '..', '..', 'salesforce-dx');
const out = mkdtempSync(join(tmpdir(), 'atlas-dx-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('salesforce-dx converts to deployable metadata', () => {
  it('converts every component of force-app, tests and tooling left out by .forceignore', async () => {
    // The resolver finds salesforce-dx/.forceignore itself, as the sf CLI does.
    const set = ComponentSet.fromSource(join(project, 'force-app'));
    const components = set.getSourceComponents().toArray();
    const types = new Set(components.map((c) => c.type.name));
    expect(types).toContain('CustomField');
    expect(types).toContain('PermissionSet');
    expect(types).toContain('LightningComponentBundle');

    const result = await new MetadataConverter().convert(set, 'metadata', {
      type: 'directory',
      outputDirectory: out,
    });
    const root = result.packagePath;
    if (root === undefined) throw new Error('the converter wrote no package');
    const files = filesUnder(root);
    const manifest = readFileSync(join(root, 'package.xml'), 'utf8');
    // A report folder is listed among its type's members (`<name>Report</name>`), not as a type of its own.
    for (const type of types) {
      if (!type.endsWith('Folder')) expect(manifest).toContain(`<name>${type}</name>`);
    }
    expect(files).toContain('objects/Atlas_Expertise__c.object');
    expect(files).toContain('lwc/atlasPartnerExpertise/atlasPartnerExpertise.js-meta.xml');
    expect(files).toContain('lwc/atlasRecommendedPartners/atlasRecommendedPartners.js-meta.xml');
    expect(files.some((f) => f.includes('__tests__'))).toBe(false);
  });
});
