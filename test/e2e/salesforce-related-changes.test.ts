// E2E: an incremental Salesforce read re-reads the deals whose customer Account, line items or partners changed.
import { describe, expect, it } from 'vitest';
import type { RawRecord, ReadPage } from '../../connectors/types.js';
import { ACCOUNT_INDUSTRIES } from '../../devkit/emulators/salesforce/schema.js';
import {
  type ConnectorWorld,
  compiled,
  planOf,
  runFrom,
  useConnectorWorlds,
} from '../support/salesforce-connector-world.js';

const open = useConnectorWorlds();
const deals = planOf('deals');

/**
 * A full read of the deals a minute after the seed (whose products are stamped at its very start: a run
 * starting at that instant would look at them again), then a minute later: the cursor the next night starts from.
 */
async function afterFullRead(w: ConnectorWorld): Promise<unknown> {
  w.clock.advance(60_000);
  const full = await w.readAll(deals);
  w.clock.advance(60_000);
  return full.at(-1)?.cursor;
}

/** The next night's read: the schema check first (as a run does, filling the describes), then the read. */
async function nextNight(w: ConnectorWorld, cursor: unknown): Promise<ReadPage[]> {
  w.clock.advance(60_000);
  await w.connector.checkSchema([deals]);
  w.connector.resetUsage();
  return w.readAll(deals, runFrom(w, cursor));
}

const records = (pages: readonly ReadPage[], via?: string): RawRecord[] =>
  pages.filter((p) => via === undefined || p.via === via).flatMap((p) => p.records);

describe('Salesforce incremental reads follow related changes', () => {
  it("a customer Account's corrected Industry re-reads every one of its deals with the new sector", async () => {
    const w = await open({ partners: 12 });
    const cursor = await afterFullRead(w);
    const opportunities = w.sf.state.all('Opportunity');
    const perCustomer = new Map<string, typeof opportunities>();
    for (const o of opportunities)
      perCustomer.set(String(o.AccountId), [...(perCustomer.get(String(o.AccountId)) ?? []), o]);
    const [customerId, itsDeals] = [...perCustomer].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
    expect(itsDeals?.length).toBeGreaterThan(1);
    const customer = w.sf.state.row(String(customerId));
    const industry = ACCOUNT_INDUSTRIES.find((i) => i !== customer?.values.Industry) as string;
    w.sf.state.updateRecord(customer!, { Industry: industry });

    const pages = await nextNight(w, cursor);
    const reread = records(pages, 'related');
    expect(reread.map((r) => r.id).sort()).toEqual(itsDeals!.map((o) => o.Id).sort());
    expect(reread.every((r) => (r.values.Account as { Industry: unknown }).Industry === industry)).toBe(true);
    const sectors = new Set(compiled.mapPage('deals', reread).records.map((d) => d.sector));
    expect(sectors.size).toBe(1);
    // Nothing else changed: the window's own read found nothing, and the related pages kept the start cursor.
    expect(records(pages, 'rest')).toEqual([]);
    expect(pages.filter((p) => p.via === 'related').every((p) => p.cursor === pages[0]?.cursor)).toBe(true);
  });

  it('an OpportunityPartner added to an old won opportunity re-reads that opportunity with its new partner', async () => {
    const w = await open({ partners: 12 });
    const cursor = await afterFullRead(w);
    const won = w.sf.state.all('Opportunity').find((o) => o.IsWon === true);
    const partner = w.sf.state.all('Account').find((a) => a.IsPartner === true);
    const stampBefore = w.sf.state.row(won!.Id)?.modstamp;
    w.sf.state.createRecord('OpportunityPartner', {
      OpportunityId: won!.Id,
      AccountToId: partner!.Id,
      Role: 'System Integrator',
      IsPrimary: false,
    });
    // As in Salesforce: the junction record's creation leaves the opportunity's own stamp where it was.
    expect(w.sf.state.row(won!.Id)?.modstamp).toBe(stampBefore);

    const reread = records(await nextNight(w, cursor));
    expect(reread.map((r) => r.id)).toEqual([won!.Id]);
    const [deal] = compiled.mapPage('deals', reread).records;
    expect(deal?.partners).toContainEqual(expect.objectContaining({ role: 'delivered' }));
    expect(JSON.stringify(deal?.partners)).toContain(partner!.Id);
  });

  it('a changed OpportunityLineItem re-reads its opportunity', async () => {
    const w = await open({ partners: 12 });
    const cursor = await afterFullRead(w);
    const item = w.sf.state.rows('OpportunityLineItem')[0];
    w.sf.state.updateRecord(item!, { Quantity: 42 });

    const pages = await nextNight(w, cursor);
    expect(records(pages).map((r) => r.id)).toEqual([item!.values.OpportunityId]);
    expect(pages.map((p) => p.via)).toEqual(['related', 'rest']);
  });

  it('an unchanged night costs one query for the deals plus one per related object, and reads nothing', async () => {
    const w = await open({ partners: 12 });
    const cursor = await afterFullRead(w);
    const before = { query: w.sf.log.count('GET /query'), queryAll: w.sf.log.count('GET /queryAll') };

    const pages = await nextNight(w, cursor);
    expect(records(pages)).toEqual([]);
    // The deals' own window, then Account, OpportunityLineItems, OpportunityLineItems.Product2 and
    // OpportunityPartnersFrom; the describes came from the schema check.
    expect(w.connector.usage().callsByOperation).toEqual({ query: 3, queryAll: 2 });
    expect(w.sf.log.count('GET /query') - before.query).toBe(3);
    expect(w.sf.log.count('GET /queryAll') - before.queryAll).toBe(2);
  });

  it('a deal changed itself and through its account is read once, by the window, which moves the cursor', async () => {
    const w = await open({ partners: 12 });
    const cursor = await afterFullRead(w);
    const deal = w.sf.state.all('Opportunity')[0];
    w.sf.state.updateRecord(w.sf.state.row(deal!.Id)!, { CSAT__c: 9 });
    w.sf.state.updateRecord(w.sf.state.row(String(deal!.AccountId))!, { Industry: 'Banking' });
    const siblings = w.sf.state.all('Opportunity').filter((o) => o.AccountId === deal!.AccountId);

    const pages = await nextNight(w, cursor);
    const ids = records(pages).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(siblings.map((o) => o.Id).sort());
    expect(records(pages, 'rest').map((r) => r.id)).toEqual([deal!.Id]);
    expect(pages.at(-1)?.cursor).not.toEqual(cursor);
  });
});
