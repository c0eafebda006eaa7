/**
 * Benefit fields end to end on both emulators: `atlas provision` creates each as a picklist (Salesforce) or a
 * dropdown enumeration (HubSpot) holding every value of its benefit, and a run writes each partner's value.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../../devkit/cli/demo-run.js';
import { type RunningEmulators, startEmulators } from '../../devkit/seeder/index.js';
import { type LoadedMappings, loadMappings } from '../../src/mapping/index.js';
import { benefitOptions } from '../../src/model/benefits.js';
import type { CrmSystem } from '../../src/model/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { openConnectors } from '../../src/sync/open-connectors.js';
import { runPipeline } from '../../src/sync/run-pipeline.js';
import { ROOT as root } from '../support/atlas-process.js';

const SYSTEMS: CrmSystem[] = ['salesforce', 'hubspot'];
const LEAD_PRIORITY = { salesforce: 'Atlas_Lead_Priority__c', hubspot: 'atlas_lead_priority' } as const;

let work: string;
let emulators: RunningEmulators;
let mappings: LoadedMappings;
let store: Store;

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'atlas-benefits-e2e-'));
  mappings = loadMappings(join(root, 'mappings'));
  emulators = await startEmulators({
    partners: 30,
    dealsPerPartner: 16,
    certifications: 30 * 6,
    seed: 5,
    now: '2026-06-30',
    taxonomy: mappings.taxonomy,
    systems: SYSTEMS,
  });
  store = await openStore({ dbPath: join(work, 'atlas.db') });
});

afterEach(async () => {
  await store.close();
  await emulators.close();
  rmSync(work, { recursive: true, force: true });
});

describe('benefit fields', () => {
  it('are provisioned with every value of the benefit on both CRMs, then hold each partner value', async () => {
    const env = emulatorEnv(emulators.env);
    const values = benefitOptions(mappings.benefits.find((b) => b.key === 'lead-priority') ?? null);
    expect(values).toEqual(['High', 'Medium', 'Standard']);

    const connectors = await openConnectors(SYSTEMS, env, mappings);
    for (const system of SYSTEMS) {
      const connector = connectors[system]!;
      const plan = await connector.planProvision();
      expect(plan.steps.find((s) => s.name.endsWith(LEAD_PRIORITY[system]))).toMatchObject({
        kind: 'field',
        action: 'create',
      });
      await connector.applyProvision(plan);
      // Safe to re-run: the field and its values are there.
      const again = await connector.planProvision();
      const steps = again.steps.filter((s) => s.name.endsWith(LEAD_PRIORITY[system]));
      expect(steps.every((s) => s.action === 'unchanged')).toBe(true);
    }
    const sfField = emulators
      .salesforce!.emulator.state.object('Account')
      ?.fields.get(LEAD_PRIORITY.salesforce);
    expect(sfField).toMatchObject({ type: 'picklist', restrictedPicklist: true });
    expect(sfField?.picklistValues.map((p) => p.value)).toEqual(values);
    const hs = emulators.hubspot!.emulator.state;
    const hsProperty = hs.schemas.property(hs.type('companies'), LEAD_PRIORITY.hubspot);
    expect(hsProperty).toMatchObject({ type: 'enumeration', fieldType: 'select' });
    expect(hsProperty?.options.map((o) => o.value)).toEqual(values);

    try {
      await runPipeline({ store, mappings, connectors, scoreAt: '2026-06-30T02:00:00.000Z' });
    } finally {
      for (const c of Object.values(connectors)) await c?.close();
    }
    for (const system of SYSTEMS) {
      const object = system === 'salesforce' ? 'Account' : 'companies';
      const written = (await store.listLastWritten({ system, object })).filter(
        (w) => w.field === LEAD_PRIORITY[system],
      );
      expect(written.length).toBeGreaterThan(0);
      for (const w of written) {
        expect(values).toContain(w.value);
        const inCrm =
          system === 'salesforce'
            ? emulators.salesforce!.emulator.state.get(w.recordId)?.[LEAD_PRIORITY.salesforce]
            : hs.get('companies', w.recordId)?.properties[LEAD_PRIORITY.hubspot];
        expect(inCrm).toBe(w.value);
      }
    }
  });
});
