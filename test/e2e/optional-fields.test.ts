// E2E: a CRM without the optional fields the default mappings name (custom fields, a Salesforce
// integration's property) still runs every entity, with one warning per field naming its mapping line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatedRunWorld, startEmulatedRunWorld } from '../support/emulated-run-world.js';

let w: EmulatedRunWorld;

beforeAll(async () => {
  w = await startEmulatedRunWorld({ partners: 24, seed: 5 });
  const sf = w.emulators.salesforce!.emulator.state;
  sf.removeField('Opportunity', 'CSAT__c');
  sf.removeField('Account', 'Partner_Region__c');
  const hs = w.emulators.hubspot!.emulator.state;
  const deals = hs.schemas.find('deals')!;
  hs.schemas.archiveProperty(deals, 'csat_score');
});

afterAll(async () => {
  await w?.close();
});

describe('optional mapping fields the CRM lacks', () => {
  it('are left out of the read with a located warning; no entity stops and partners still get segments', async () => {
    const result = await w.run({ full: true });
    const sf = result.figures.systems.salesforce!.pull!;
    const hs = result.figures.systems.hubspot!.pull!;
    expect(sf.schemaProblems).toEqual([]);
    expect(hs.schemaProblems).toEqual([]);
    for (const pull of [sf, hs]) {
      for (const entity of Object.values(pull.entities)) expect(entity?.error).toBeUndefined();
    }
    expect(sf.entities.deals?.fetched).toBeGreaterThan(0);
    expect(sf.missingOptional).toHaveLength(2);
    expect(sf.missingOptional?.join('\n')).toMatch(/salesforce\.yaml:\d+:\d+ .*CSAT__c/);
    expect(sf.missingOptional?.join('\n')).toMatch(/salesforce\.yaml:\d+:\d+ .*Partner_Region__c/);
    expect(hs.missingOptional).toEqual([expect.stringMatching(/hubspot\.yaml:\d+:\d+ .*csat_score/)]);
    expect(result.run.status).toBe('succeeded');
    expect(result.scores?.partners.some((p) => p.segments.length > 0)).toBe(true);
  });
});
