// E2E: every emulator profile holds what it says, `atlas mappings init` writes starters from it for both CRMs,
// and a full run on those starters gives partners segments with no entity failing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeStarterMappings } from '../../devkit/cli/demo-mappings.js';
import { emulatorEnv } from '../../devkit/cli/demo-run.js';
import {
  EMULATOR_PROFILES,
  type EmulatorProfileName,
  type RunningEmulators,
  startEmulators,
} from '../../devkit/seeder/index.js';
import { loadMappings } from '../../src/mapping/index.js';
import type { CrmSystem } from '../../src/model/index.js';
import { openStore } from '../../src/store/index.js';
import { openConnectors } from '../../src/sync/open-connectors.js';
import { runPipeline } from '../../src/sync/run-pipeline.js';
import { ROOT } from '../support/atlas-process.js';

const BOTH: CrmSystem[] = ['salesforce', 'hubspot'];
const PROFILES = Object.keys(EMULATOR_PROFILES) as EmulatorProfileName[];
const SHIPPED = join(ROOT, 'mappings');
/** The emulators take the password flow, which the connector warns about on every login. */
const QUIET = 'ATLAS_LOG_LEVEL=error';

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'atlas-profiles-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Both emulators seeded small with one profile: 30 partners, enough for every entity and a few segments. */
function startProfile(profile: EmulatorProfileName): Promise<RunningEmulators> {
  return startEmulators({
    partners: 30,
    dealsPerPartner: 24,
    certifications: 240,
    seed: 9,
    now: '2026-06-30',
    taxonomy: loadMappings(SHIPPED).taxonomy,
    systems: BOTH,
    profile,
  });
}

describe('emulator profiles', { timeout: 60_000 }, () => {
  it.each(PROFILES)('%s: mappings init, then a full run that scores every entity', async (profile) => {
    const emulators = await startProfile(profile);
    try {
      const out = join(work, profile);
      await writeStarterMappings({
        env: emulatorEnv([...emulators.env, QUIET, `ATLAS_MAPPINGS_DIR=${SHIPPED}`]),
        out,
        systems: BOTH,
        onStep: () => {},
      });
      const mappings = loadMappings(out);
      const store = await openStore({ dbPath: join(work, `${profile}.db`) });
      try {
        const env = emulatorEnv([...emulators.env, QUIET, `ATLAS_MAPPINGS_DIR=${out}`]);
        const result = await runPipeline({
          store,
          mappings,
          scoreAt: '2026-06-30T02:00:00.000Z',
          full: true,
          steps: { pull: true, score: true, writeback: false },
          connectors: await openConnectors(BOTH, env, mappings),
        });
        for (const system of BOTH) {
          const pull = result.figures.systems[system]?.pull;
          expect(pull?.schemaProblems, system).toEqual([]);
          for (const [name, entity] of Object.entries(pull?.entities ?? {}))
            expect(entity?.error, `${system} ${name}`).toBeUndefined();
          expect(pull?.entities.deals?.fetched, system).toBeGreaterThan(0);
        }
        expect(result.figures.systems.salesforce?.pull?.entities.certifications?.fetched).toBeGreaterThan(0);
        expect(result.figures.score?.partnersWithSegments).toBeGreaterThan(0);
        const model = await store.loadModel();
        // Customers are told apart from partners (30 generated, some duplicated), whichever way the org does it.
        expect(model.partners.length).toBeLessThanOrEqual(40);
        // The starters map where customers are, in both CRMs: deals carry their customer's region.
        for (const system of BOTH) {
          const deals = model.deals.filter((d) => d.source.system === system);
          const placed = deals.filter((d) => d.customerRegion);
          expect(placed.length / deals.length, system).toBeGreaterThan(0.9);
        }
      } finally {
        await store.close();
      }
      const salesforceYaml = readFileSync(join(out, 'salesforce.yaml'), 'utf8');
      const hubspotYaml = readFileSync(join(out, 'hubspot.yaml'), 'utf8');
      if (profile === 'plain') {
        // No PRM: partners by Account.Type, one currency, certifications in the org's own object.
        expect(salesforceYaml).not.toMatch(/(path|field): IsPartner/);
        expect(salesforceYaml).toMatch(/field: Type[\s,]+op: in/);
        expect(salesforceYaml).toMatch(/currency: \{ const: USD \}/);
        expect(salesforceYaml).toMatch(/object: Certification__c/);
        expect(hubspotYaml).toMatch(/Reseller: sourced/);
        expect(hubspotYaml).toMatch(/"Implementation partner": delivered/);
        expect(hubspotYaml).toMatch(/Certifications left out/);
      } else {
        expect(salesforceYaml).toMatch(/object: Partner_Certification__c/);
        expect(hubspotYaml).toMatch(/"Delivery partner": delivered/);
      }
    } finally {
      await emulators.close();
    }
  });

  it('plain: the org and the portal hold none of what partner relationship management or Atlas adds', async () => {
    const emulators = await startProfile('plain');
    try {
      const sf = emulators.salesforce?.emulator.state;
      const fields = (object: string) => [...(sf?.object(object)?.fields.keys() ?? [])];
      expect(fields('Account')).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^(IsPartner|Partner_\w+__c)$/)]),
      );
      for (const name of ['PartnerAccountId', 'CurrencyIsoCode', 'Delivery_Partner__c', 'CSAT__c'])
        expect(fields('Opportunity')).not.toContain(name);
      expect(sf?.object('Partner_Certification__c')).toBeUndefined();
      expect(sf?.count('Certification__c')).toBeGreaterThan(0);
      // Partners are named on deals through the Opportunity Partners related list only.
      expect(sf?.count('OpportunityPartner')).toBeGreaterThan(0);

      const hs = emulators.hubspot?.emulator.state;
      expect(hs?.schemas.customTypes()).toEqual([]);
      const labels = hs?.associations.types('0-3', '0-2').flatMap((t) => (t.label === null ? [] : [t.label]));
      expect(labels).toEqual(expect.arrayContaining(['Reseller', 'Implementation partner', 'Advisor']));
      expect(labels).not.toContain('Delivery partner');
    } finally {
      await emulators.close();
    }
  });
});
