// E2E: write-back through the Salesforce connector — Collections chunks of 200, per-record outcomes, lock retries, Bulk 2.0 ingest.
import { describe, expect, it } from 'vitest';
import type { FieldUpdate } from '../../connectors/types.js';
import { type ConnectorWorld, useConnectorWorlds } from '../support/salesforce-connector-world.js';

const open = useConnectorWorlds();

const SEGMENTS = ['Healthcare × Data & AI — Specialist', 'Banking × Security — Proven'];

function updatesFor(w: ConnectorWorld, n: number): FieldUpdate[] {
  const accounts = w.sf.state.all('Account').slice(0, n);
  return accounts.map((a, i) => ({
    recordId: a.Id,
    values: {
      Atlas_Segments__c: i % 2 === 0 ? SEGMENTS : [SEGMENTS[1] as string],
      Atlas_Top_Score__c: 71.5,
      Atlas_Scored_At__c: '2025-07-01T08:00:00.000Z',
      Atlas_Primary_Segment__c: i % 3 === 0 ? null : 'Banking × Security — Proven',
    },
  }));
}

describe('Salesforce connector write-back', () => {
  it('writes N records in ⌈N/200⌉ Collections calls, multi-select values joined with ;', async () => {
    const w = await open({ partners: 120 });
    w.sf.state.provisionWriteBackFields({ values: SEGMENTS });
    const updates = updatesFor(w, 450);
    expect(updates.length).toBeGreaterThan(400);
    w.connector.resetUsage();
    const outcomes = await w.connector.writeFields('Account', updates);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(outcomes.map((o) => o.recordId)).toEqual(updates.map((u) => u.recordId));
    expect(w.connector.usage().callsByOperation).toEqual({ composite: Math.ceil(updates.length / 200) });
    expect(w.sf.log.count('PATCH /composite/sobjects')).toBe(Math.ceil(updates.length / 200));
    const first = w.sf.state.get(updates[0]?.recordId ?? '');
    expect(first?.Atlas_Segments__c).toBe(SEGMENTS.join(';'));
    expect(first?.Atlas_Top_Score__c).toBe(71.5);
    expect(first?.Atlas_Primary_Segment__c).toBeNull();
    expect(String(first?.Atlas_Scored_At__c)).toMatch(/^2025-07-01T08:00:00/);
  });

  it('partial failures come back per record: permanent ones not retried, locks retried until they pass', async () => {
    const w = await open({ partners: 40 });
    w.sf.state.provisionWriteBackFields({ values: SEGMENTS });
    const updates = updatesFor(w, 30);
    const [validation, locked] = updates.map((u) => u.recordId) as [string, string];
    w.sf.faults.set({ recordFailures: { ids: { [validation]: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' } } });
    // A value too long for its field is refused by the org itself.
    const bad: FieldUpdate = {
      recordId: updates[2]?.recordId ?? '',
      values: { Atlas_Primary_Segment__c: 'x'.repeat(300) },
    };
    const malformed: FieldUpdate = { recordId: 'not-an-id', values: { Atlas_Top_Score__c: 1 } };
    // The locked record fails once, then passes: the emulator fails a rate-based record per attempt.
    let lockedOnce = false;
    w.sf.faults.on('fault', (e: { kind: string }) => {
      if (e.kind === 'record-failure') lockedOnce = true;
    });
    const lockUpdate = updates[1] as FieldUpdate;
    const outcomes = await (async () => {
      w.sf.faults.set({
        recordFailures: {
          ids: { [validation]: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', [locked]: 'UNABLE_TO_LOCK_ROW' },
        },
      });
      const pending = w.connector.writeFields('Account', [
        updates[0] as FieldUpdate,
        lockUpdate,
        bad,
        malformed,
        ...updates.slice(3),
      ]);
      // Unlock the row once the first attempt has failed on it.
      await w.sf.log.waitFor((e) => e.route === 'PATCH /composite/sobjects');
      w.sf.faults.set({ recordFailures: { ids: { [validation]: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' } } });
      return pending;
    })();
    expect(lockedOnce).toBe(true);
    const byId = new Map(outcomes.map((o) => [o.recordId, o]));
    expect(byId.get(validation)).toMatchObject({
      ok: false,
      code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      transient: false,
    });
    expect(byId.get(locked)).toEqual({ recordId: locked, ok: true });
    expect(byId.get(bad.recordId)).toMatchObject({
      ok: false,
      code: 'STRING_TOO_LONG',
      transient: false,
      fields: ['Atlas_Primary_Segment__c'],
    });
    expect(byId.get('not-an-id')).toMatchObject({ ok: false, code: 'MALFORMED_ID', transient: false });
    expect(outcomes).toHaveLength(31);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(28);
    // One call for the chunk, one for the locked record again; the permanent failure is not resent.
    expect(w.sf.log.count('PATCH /composite/sobjects')).toBe(2);
  });

  it('a 5xx storm on writes is retried by the connector (jsforce retries only GET)', async () => {
    const w = await open({ partners: 20 });
    w.sf.state.provisionWriteBackFields({ values: SEGMENTS });
    const updates = updatesFor(w, 10);
    w.sf.faults.failNext(2, 503);
    w.sf.faults.burst429(1);
    w.connector.resetUsage();
    const outcomes = await w.connector.writeFields('Account', updates);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(w.connector.usage()).toMatchObject({ retries: 3, rateLimited: 1, calls: 4 });
  });

  it('a budget reached before a chunk leaves its records unsent with a transient outcome', async () => {
    const w = await open({
      partners: 60,
      connector: { budget: { runShare: 0.25, totalShare: 0.8, maxCalls: 1 } },
    });
    w.sf.state.provisionWriteBackFields({ values: SEGMENTS });
    const updates = updatesFor(w, 300);
    w.connector.resetUsage();
    const outcomes = await w.connector.writeFields('Account', updates);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(200);
    expect(
      outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.code === 'API_BUDGET_REACHED' && o.transient),
    ).toBe(true);
  });
});
