import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mappingSchema, parseYamlFile } from '../src/mapping/index.js';
import { CRM_PLUGINS, CRM_SYSTEMS, crmPlugin, findCrmSystem } from './registry.js';

const text = (system: string) =>
  readFileSync(`mappings/${crmPlugin(findCrmSystem(system)!).mapping.file}`, 'utf8');

describe('the CRM plugin registry', () => {
  it('lists Salesforce and HubSpot, each with its own mapping file', () => {
    expect(CRM_SYSTEMS).toEqual(['salesforce', 'hubspot']);
    expect(CRM_PLUGINS.map((p) => [p.label, p.mapping.file])).toEqual([
      ['Salesforce', 'salesforce.yaml'],
      ['HubSpot', 'hubspot.yaml'],
    ]);
    expect(findCrmSystem('pipedrive')).toBeUndefined();
  });

  it("accepts each CRM's own mapping file and rejects the other CRM's", () => {
    for (const system of CRM_SYSTEMS) {
      for (const other of CRM_SYSTEMS) {
        const parsed = parseYamlFile(`${other}.yaml`, text(other), mappingSchema(system));
        expect(parsed.ok, `${other}.yaml read as ${system}`).toBe(system === other);
      }
    }
  });

  it('applies each dialect: a dotted HubSpot property is refused, a Salesforce parent path is not', () => {
    const hubspot = crmPlugin('hubspot').mapping;
    const salesforce = crmPlugin('salesforce').mapping;
    expect(hubspot.checkPath('associatedcompany.name', 'record')?.message).toContain('flat');
    expect(salesforce.checkPath('Account.Owner.Name', 'record')).toBeUndefined();
    expect(salesforce.checkPath('A.B.C.D.E.F.Name', 'record')?.message).toContain('relationships deep');
  });
});
