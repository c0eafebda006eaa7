// E2E: the HubSpot connector against stalls and brief errors — each request bounded in time and retried, rate limits never taken for the daily limit.
import { describe, expect, it } from 'vitest';
import type { ReadPage } from '../../connectors/types.js';
import { CrmApiError } from '../../src/errors.js';
import {
  type ConnectorWorld,
  planOf,
  seedCompanies,
  useConnectorWorlds,
} from '../support/hubspot-connector-world.js';
import { WORLD_START } from '../support/hubspot-world.js';

const open = useConnectorWorlds();
/** Short enough for a test; the default is 60 s (ATLAS_CRM_TIMEOUT_MS). */
const TIMEOUT_MS = 500;

async function readPartners(w: ConnectorWorld, connector = w.connector): Promise<string[]> {
  const ids: string[] = [];
  const pages: AsyncIterable<ReadPage> = connector.read(planOf('partners'), {
    cursor: null,
    runStartedAt: WORLD_START,
    lookbackMs: 0,
  });
  for await (const page of pages) ids.push(...page.records.map((r) => r.id));
  return ids;
}

describe('HubSpot connector time limits', () => {
  it('a stalled request times out and is retried; the read completes', async () => {
    const w = await open({ connector: { timeoutMs: TIMEOUT_MS } });
    seedCompanies(w, 10);
    w.emulator.faults.stallNext(1);
    expect(await readPartners(w)).toHaveLength(10);
    // At least the stalled one (a loaded machine may push another past the short limit).
    expect(w.connector.usage().retries).toBeGreaterThanOrEqual(1);
  });

  it('a request that keeps stalling fails naming the call and the time limit, as retryable', async () => {
    const w = await open({ connector: { timeoutMs: TIMEOUT_MS, limits: { maxRetries: 1 } } });
    seedCompanies(w, 10);
    w.emulator.faults.stallNext(5);
    const error = await readPartners(w).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmApiError);
    expect((error as CrmApiError).message).toMatch(/HubSpot \w+ \/crm\/.* failed \(no answer within 0\.5 s/);
    expect((error as CrmApiError).details).toMatchObject({ retryable: true, vendorCode: 'NO_ANSWER' });
  });
});

describe('HubSpot connector rate limits', () => {
  it('five 429s in a row, then an answer: the pull completes', async () => {
    const w = await open();
    seedCompanies(w, 10);
    w.emulator.faults.burst429(5);
    expect(await readPartners(w)).toHaveLength(10);
    expect(w.connector.usage()).toMatchObject({ rateLimited: 5 });
  });

  it('a ten-secondly 429 that outlasts the retries is a rate limit, never the daily limit', async () => {
    const w = await open({ connector: { limits: { maxRetries: 1 } } });
    seedCompanies(w, 10);
    w.emulator.faults.burst429(5);
    const error = await readPartners(w).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmApiError);
    expect((error as CrmApiError).code).not.toBe('API_BUDGET_REACHED');
    expect((error as CrmApiError).details).toMatchObject({ status: 429, retryable: true });
  });
});
