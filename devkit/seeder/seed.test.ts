// E2E: the synthetic ecosystem seeded into both emulators, read back through jsforce and @hubspot/api-client.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@hubspot/api-client';
import jsforce from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileMapping, loadMappings, type RawRecord } from '../../src/mapping/index.js';
import type { Deal } from '../../src/model/index.js';
import { Op } from '../../test/support/hubspot-client-enums.js';
import { createManualClock, type ManualClock } from '../emulators/kit/index.js';
import { generateEcosystem } from '../generator/generate-ecosystem.js';
import {
  CLEAN,
  type DirtyRates,
  parseGroundTruthFile,
  type RunningEmulators,
  startEmulators,
} from './index.js';

const loaded = loadMappings('mappings');
const taxonomy = loaded.taxonomy;
const NOW = '2025-06-30';
const VOLUMES = { partners: 150, dealsPerPartner: 8, certifications: 400 };
/** Higher than the defaults, so 150 partners surely get some of every kind of dirt. */
const DIRTY: DirtyRates = {
  unmappedValues: 0.06,
  missingIndustries: 0.06,
  duplicatePartners: 0.06,
  unicodeNames: 0.1,
  danglingCrossRefs: 0.15,
  domainVariants: 0.25,
};

interface World {
  running: RunningEmulators;
  clock: ManualClock;
  conn: jsforce.Connection;
  hubspot: Client;
  close(): Promise<void>;
}

const worlds: World[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((w) => w.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function startWorld(options: { seed?: number; dirty?: DirtyRates; groundTruthFile?: string } = {}) {
  const clock = createManualClock('2025-07-01T08:00:00.000Z');
  const running = await startEmulators({
    ...VOLUMES,
    seed: options.seed ?? 7,
    now: NOW,
    taxonomy,
    clock,
    dirty: options.dirty ?? DIRTY,
    ...(options.groundTruthFile === undefined ? {} : { groundTruthFile: options.groundTruthFile }),
  });
  const sf = running.salesforce!.emulator;
  const conn = new jsforce.Connection({
    instanceUrl: sf.url,
    accessToken: sf.issueAccessToken(),
    version: '62.0',
  });
  const hubspot = new Client({
    accessToken: running.hubspot!.accessToken,
    basePath: running.hubspot!.url,
    numberOfApiCallRetries: 0,
  });
  const world: World = { running, clock, conn, hubspot, close: () => running.close() };
  worlds.push(world);
  return world;
}

/** All rows of a SOQL query, child subqueries flattened to arrays (as the connector hands them on). */
async function soql(w: World, query: string): Promise<Array<Record<string, unknown>>> {
  const result = await w.conn.query<Record<string, unknown>>(query, { autoFetch: true, maxFetch: 100_000 });
  return result.records.map((record) => {
    const flat: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      const child = ChildResultSchema.safeParse(value);
      flat[key] = child.success ? child.data.records : value;
    }
    return flat;
  });
}
const ChildResultSchema = z.object({
  totalSize: z.number(),
  records: z.array(z.record(z.string(), z.unknown())),
});

/** HubSpot's search answers 5 requests per second: the manual clock moves a second before each one. */
async function hubspotSearch(
  w: World,
  objectType: string,
  filters: Array<{ propertyName: string; operator: Op; value?: string; values?: string[] }>,
  read = ['name', 'domain', 'type', 'industry', 'salesforceaccountid'],
) {
  const ids: string[] = [];
  const properties: Array<Record<string, string | null>> = [];
  let after: string | undefined;
  let total = 0;
  do {
    w.clock.advance(1_000);
    const page = await w.hubspot.crm.objects.searchApi.doSearch(objectType, {
      filterGroups: filters.length > 0 ? [{ filters }] : [],
      properties: read,
      limit: 200,
      ...(after === undefined ? {} : { after }),
    });
    total = page.total;
    for (const r of page.results) {
      ids.push(r.id);
      properties.push(r.properties);
    }
    after = page.paging?.next?.after;
  } while (after !== undefined);
  return { total, ids, properties };
}

/** Deals as the default HubSpot mapping reads them: properties plus labelled associated companies and line items. */
async function hubspotRawDeals(w: World): Promise<RawRecord[]> {
  const plan = compileMapping(loaded.hubspot!, taxonomy).entity('deals')!.readPlan;
  const deals: Array<{ id: string; properties: Record<string, string | null> }> = [];
  let after: string | undefined;
  do {
    const page = await w.hubspot.crm.deals.basicApi.getPage(100, after, plan.fields);
    deals.push(...page.results);
    after = page.paging?.next?.after;
  } while (after !== undefined);
  const associated = new Map<string, Array<Record<string, unknown>>>();
  for (const assoc of plan.associations) {
    const links = await w.hubspot.crm.associations.v4.batchApi.getPage('deals', assoc.object, {
      inputs: deals.map((d) => ({ id: d.id })),
    });
    const targetIds = [...new Set(links.results.flatMap((r) => r.to.map((t) => String(t.toObjectId))))];
    const props = new Map<string, Record<string, string | null>>();
    for (let i = 0; i < targetIds.length; i += 100) {
      const batch = await w.hubspot.crm.objects.batchApi.read(assoc.object, {
        inputs: targetIds.slice(i, i + 100).map((id) => ({ id })),
        properties: assoc.properties,
        propertiesWithHistory: [],
      });
      for (const r of batch.results) props.set(r.id, r.properties);
    }
    for (const r of links.results) {
      const list = associated.get(`${r._from.id}|${assoc.object}`) ?? [];
      for (const t of r.to) {
        const id = String(t.toObjectId);
        list.push({
          id,
          labels: t.associationTypes.flatMap((a) => (a.label ? [a.label] : [])),
          ...props.get(id),
        });
      }
      associated.set(`${r._from.id}|${assoc.object}`, list);
    }
  }
  return deals.map((d) => ({
    id: d.id,
    values: {
      ...d.properties,
      ...Object.fromEntries(
        plan.associations.map((a) => [a.object, associated.get(`${d.id}|${a.object}`) ?? []]),
      ),
    },
  }));
}

/** The generator's deals for a seed, generated exactly as the seed generates them. */
function generatedDeals(seed: number): Deal[] {
  return generateEcosystem({ ...VOLUMES, seed, taxonomy, now: NOW, system: 'salesforce' }).deals;
}

/** What a deal is evidence of, whatever CRM it came from: cell, outcome, close date, amount. */
const evidenceKey = (
  d: Pick<Deal, 'sector' | 'technologies' | 'isWon' | 'isClosed' | 'closeDate' | 'amount'>,
) =>
  [
    d.sector,
    [...d.technologies].sort().join('+'),
    d.isWon,
    d.isClosed,
    d.closeDate,
    d.amount?.amount ?? null,
  ].join('|');

const tally = (keys: string[]) => {
  const out = new Map<string, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
};

describe('emulator seed: the synthetic ecosystem in both emulators', () => {
  it('writes the records its figures count, as jsforce and the HubSpot client count them', async () => {
    const w = await startWorld();
    const f = w.running.figures;
    expect(f.generated).toMatchObject({ partners: 150, deals: 1200, certifications: 400 });
    expect(f.partners.salesforceOnly + f.partners.hubspotOnly + f.partners.both).toBe(150);
    expect(f.partners.both).toBeGreaterThan(10);
    for (const [object, count] of Object.entries(f.salesforce!)) {
      const result = await w.conn.query(`SELECT COUNT() FROM ${object}`);
      expect({ object, count: result.totalSize }).toEqual({ object, count });
    }
    const certifications = w.running
      .hubspot!.emulator.state.schemas.customTypes()
      .find((t) => t.name === 'certifications')!.objectTypeId;
    for (const [object, count] of Object.entries(f.hubspot!)) {
      if (object === 'associations') continue;
      const type = object === 'certifications' ? certifications : object;
      expect({ object, count: (await hubspotSearch(w, type, [])).total }).toEqual({ object, count });
    }
    // Deals split between the CRMs; only co-partners missing from a deal's CRM are left out.
    expect(f.salesforce!.Opportunity! + f.hubspot!.deals!).toBe(1200);
    expect(f.droppedPartnerLinks).toBeLessThan(1200 * 0.1);
  });

  it('links HubSpot companies to Salesforce Accounts through salesforceaccountid, a few of them dangling', async () => {
    const w = await startWorld();
    const f = w.running.figures;
    const claimed = await hubspotSearch(w, 'companies', [
      { propertyName: 'salesforceaccountid', operator: Op.HasProperty },
    ]);
    expect(claimed.total).toBe(f.partners.both + f.dirty.danglingCrossRefs);
    expect(f.dirty.danglingCrossRefs).toBeGreaterThan(0);
    const sfIds = claimed.properties.map((p) => p.salesforceaccountid!);
    const found = await soql(
      w,
      `SELECT Id, Name, Website, IsPartner FROM Account WHERE Id IN ('${sfIds.join("','")}')`,
    );
    expect(found).toHaveLength(f.partners.both);
    expect(found.every((a) => a.IsPartner === true)).toBe(true);
    // The same partner on both sides: same name, and (but for the dirty spellings) the same domain.
    const byId = new Map(found.map((a) => [String(a.Id), a]));
    let sameDomain = 0;
    for (const company of claimed.properties) {
      const account = byId.get(company.salesforceaccountid!);
      if (!account) continue;
      expect(company.name).toBe(account.Name);
      if (String(account.Website).endsWith(company.domain ?? '?')) sameDomain++;
    }
    expect(sameDomain).toBe(f.partners.both - f.dirty.domainVariants);
    expect(f.dirty.domainVariants).toBeGreaterThan(0);
  });

  it('ties every deal to a customer and to partners, in both CRMs', async () => {
    const w = await startWorld();
    const partners = new Set(
      (await soql(w, 'SELECT Id FROM Account WHERE IsPartner = true')).map((a) => String(a.Id)),
    );
    const opportunities = await soql(
      w,
      'SELECT Id, AccountId, Account.IsPartner, PartnerAccountId, Delivery_Partner__c, StageName, IsWon, IsClosed, ' +
        '(SELECT AccountToId, Role FROM OpportunityPartnersFrom), (SELECT Product2.Family FROM OpportunityLineItems) FROM Opportunity',
    );
    expect(opportunities).toHaveLength(w.running.figures.salesforce!.Opportunity!);
    const AccountRef = z.object({ IsPartner: z.boolean() });
    const Junction = z.array(z.object({ AccountToId: z.string(), Role: z.string() }));
    let viaJunction = 0;
    for (const o of opportunities) {
      expect(AccountRef.parse(o.Account).IsPartner).toBe(false);
      const junction = Junction.parse(o.OpportunityPartnersFrom ?? []);
      if (junction.length > 0) viaJunction++;
      const named = [o.PartnerAccountId, o.Delivery_Partner__c, ...junction.map((j) => j.AccountToId)].filter(
        (id): id is string => typeof id === 'string',
      );
      expect(named.length).toBeGreaterThan(0);
      expect(named.every((id) => partners.has(id))).toBe(true);
      expect(o.IsWon).toBe(o.StageName === 'Closed Won');
      expect(o.IsClosed).toBe(String(o.StageName).startsWith('Closed'));
      expect((o.OpportunityLineItems as unknown[]).length).toBeGreaterThan(0);
    }
    expect(viaJunction).toBeGreaterThan(opportunities.length * 0.15);

    const deals = await hubspotRawDeals(w);
    expect(deals).toHaveLength(w.running.figures.hubspot!.deals!);
    const partnerCompanies = await hubspotSearch(w, 'companies', [
      { propertyName: 'type', operator: Op.In, values: ['PARTNER', 'RESELLER'] },
    ]);
    const isPartner = new Set(partnerCompanies.ids);
    const Associated = z.array(z.object({ id: z.string(), labels: z.array(z.string()) }));
    for (const deal of deals) {
      const companies = Associated.parse(deal.values.companies);
      const customers = companies.filter((c) => c.labels.includes('Primary'));
      expect(customers).toHaveLength(1);
      expect(isPartner.has(customers[0]!.id)).toBe(false);
      const partnerLinks = companies.filter((c) =>
        c.labels.some((l) => ['Partner', 'Delivery partner', 'Influencer'].includes(l)),
      );
      expect(partnerLinks.length).toBeGreaterThan(0);
      expect(partnerLinks.every((p) => isPartner.has(p.id))).toBe(true);
      expect(Associated.parse(deal.values.line_items).length).toBeGreaterThan(0);
    }
  });

  it('maps back through the default mappings to the generator’s cells, outcomes, customers and partners', async () => {
    const seed = 11;
    const w = await startWorld({ seed, dirty: CLEAN });
    const generated = generatedDeals(seed);
    const byId = new Map(generated.map((d) => [d.source.id, d]));

    const sfDeals = compileMapping(loaded.salesforce!, taxonomy).entity('deals')!;
    const plan = sfDeals.readPlan;
    const query =
      `SELECT ${plan.fields.join(', ')}, ` +
      plan.children.map((c) => `(SELECT ${c.fields.join(', ')} FROM ${c.relationship})`).join(', ') +
      ` FROM ${plan.object}`;
    const rows = await soql(w, query);
    const mapped = sfDeals.mapPage(rows.map((values) => ({ id: String(values.Id), values })));
    expect(mapped.issues).toEqual([]);
    expect(mapped.records).toHaveLength(rows.length);
    const partnerAccounts = new Set(
      (await soql(w, 'SELECT Id FROM Account WHERE IsPartner = true')).map(
        (a) => `salesforce:Account:${a.Id}`,
      ),
    );
    for (const deal of mapped.records) {
      const truth = byId.get(deal.source.id)!;
      expect(truth).toBeDefined();
      expect(deal.sector).toBe(truth.sector);
      expect([...deal.technologies].sort()).toEqual([...truth.technologies].sort());
      expect([deal.isWon, deal.isClosed, deal.closeDate, deal.stage]).toEqual([
        truth.isWon,
        truth.isClosed,
        truth.closeDate,
        truth.stage,
      ]);
      expect(deal.customerId).toBe(truth.customerId);
      expect(deal.amount).toEqual(truth.amount);
      expect(deal.lastModified).toBe(truth.lastModified);
      if (truth.signals.satisfaction === null) expect(deal.signals.satisfaction).toBeNull();
      else expect(deal.signals.satisfaction).toBeCloseTo(truth.signals.satisfaction, 6);
      const expected = truth.partners.filter((p) => partnerAccounts.has(p.partnerId));
      const byPartner = (a: { partnerId: string }, b: { partnerId: string }) =>
        a.partnerId.localeCompare(b.partnerId);
      expect([...deal.partners].sort(byPartner)).toEqual([...expected].sort(byPartner));
    }

    // HubSpot ids are HubSpot's own: compare the evidence the deals carry, as multisets.
    const hsDeals = compileMapping(loaded.hubspot!, taxonomy).entity('deals')!;
    const hsMapped = hsDeals.mapPage(await hubspotRawDeals(w));
    expect(hsMapped.issues).toEqual([]);
    const inSalesforce = new Set(rows.map((r) => String(r.Id)));
    const rest = generated.filter((d) => !inSalesforce.has(d.source.id));
    expect(tally(hsMapped.records.map(evidenceKey))).toEqual(tally(rest.map(evidenceKey)));
    expect(tally(hsMapped.records.flatMap((d) => d.partners.map((p) => p.role))).size).toBe(3);

    // Where customers are: every deal carries its customer's country and region (Salesforce
    // Account.BillingCountry, HubSpot company country), mostly the region of the partner the customer first
    // bought through, some across borders.
    const partners = generateEcosystem({
      ...VOLUMES,
      seed,
      taxonomy,
      now: NOW,
      system: 'salesforce',
    }).partners;
    const regionKey = new Map((taxonomy.regions ?? []).map((r) => [r.label, r.key]));
    const homeOf = new Map<string, string | undefined>(
      partners.map((p) => [p.id, regionKey.get(p.region ?? '')]),
    );
    for (const deal of [...mapped.records, ...hsMapped.records]) {
      expect(deal.customerCountry, deal.source.id).toMatch(/^[A-Z]{2}$/);
      expect(deal.customerRegion, deal.source.id).toEqual(expect.any(String));
    }
    // A customer's home: the region of the first partner on its first deal, in the generator's order.
    const home = new Map<string, string | undefined>();
    for (const d of generated) {
      if (d.customerId !== null && !home.has(d.customerId))
        home.set(d.customerId, homeOf.get(d.partners[0]?.partnerId ?? ''));
    }
    const regionOfCustomer = new Map(mapped.records.map((d) => [d.customerId, d.customerRegion]));
    const atHome = [...regionOfCustomer].filter(([customer, region]) => home.get(customer ?? '') === region);
    expect(atHome.length / regionOfCustomer.size).toBeGreaterThan(0.75);
    expect(atHome.length).toBeLessThan(regionOfCustomer.size);
    expect(new Set(mapped.records.map((d) => d.customerRegion)).size).toBeGreaterThanOrEqual(3);
  });

  it('injects unmapped and missing industries, unmapped product families, duplicates and unicode names', async () => {
    const w = await startWorld();
    const f = w.running.figures;
    const lookup = new Map(
      taxonomy.sectors.flatMap((s) => s.values.map((v) => [v.toLowerCase(), s.key] as const)),
    );
    const customers = await soql(w, 'SELECT Industry FROM Account WHERE IsPartner = false');
    const industries = customers.map((c) => (c.Industry === null ? null : String(c.Industry)));
    const unmapped = industries.filter((i) => i !== null && !lookup.has(i.toLowerCase()));
    const missing = industries.filter((i) => i === null);
    const sfCustomers = customers.length;
    const hsCustomers = await hubspotSearch(w, 'companies', [
      { propertyName: 'type', operator: Op.NotHasProperty },
    ]);
    const hsIndustries = hsCustomers.properties.map((p) => p.industry ?? null);
    const hsUnmapped = hsIndustries.filter((i) => i !== null && !lookup.has(i.toLowerCase()));
    const hsMissing = hsIndustries.filter((i) => i === null);
    expect(unmapped.length + hsUnmapped.length).toBe(f.dirty.unmappedIndustries);
    expect(missing.length + hsMissing.length).toBe(f.dirty.missingIndustries);
    expect(f.dirty.unmappedIndustries).toBeGreaterThan((sfCustomers + hsCustomers.total) * 0.02);
    expect(new Set(unmapped)).toContain('Widgets');

    const techLookup = new Set(taxonomy.technologies.flatMap((t) => t.values.map((v) => v.toLowerCase())));
    const sfFamilies = (await soql(w, 'SELECT Product2.Family FROM OpportunityLineItem')).map((l) =>
      z.object({ Family: z.string() }).parse(l.Product2).Family.toLowerCase(),
    );
    const hsFamilies = (await hubspotSearch(w, 'line_items', [], ['product_family'])).properties.map((p) =>
      String(p.product_family).toLowerCase(),
    );
    const unknownFamilies = [...sfFamilies, ...hsFamilies].filter((family) => !techLookup.has(family));
    expect(unknownFamilies).toHaveLength(f.dirty.unmappedFamilies);
    expect(unknownFamilies.length).toBeGreaterThan(0);

    // Duplicates: a second partner record with the same name and website / domain.
    const accounts = await soql(w, 'SELECT Name, Website FROM Account WHERE IsPartner = true');
    const hsPartners = await hubspotSearch(w, 'companies', [
      { propertyName: 'type', operator: Op.HasProperty },
    ]);
    const names = [
      ...accounts.map((a) => `${a.Name}|${a.Website}`),
      ...hsPartners.properties.map((p) => `${p.name}|hs:${p.domain}`),
    ];
    expect(names.length - new Set(names).size).toBe(f.dirty.duplicatePartners);
    expect(f.dirty.duplicatePartners).toBeGreaterThan(0);
    const unicode = [
      ...accounts.map((a) => String(a.Name)),
      ...hsPartners.properties.map((p) => p.name ?? ''),
    ].filter((n) => /[^\u0000-\u007f]/.test(n));
    expect(unicode.length).toBeGreaterThanOrEqual(f.dirty.unicodeNames);
    expect(
      unicode.some(
        (n) => /[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/.test(n) || /\p{Extended_Pictographic}/u.test(n),
      ),
    ).toBe(true);
  });

  it('is deterministic: the same seed writes the same rows, another seed other rows', async () => {
    const a = await startWorld({ seed: 5 });
    const b = await startWorld({ seed: 5 });
    const c = await startWorld({ seed: 6 });
    const salesforceRows = (w: World) =>
      Object.keys(w.running.figures.salesforce!).map((object) =>
        w.running.salesforce!.emulator.state.all(object),
      );
    const hubspotRows = (w: World) => {
      const state = w.running.hubspot!.emulator.state;
      return state.schemas.all().map((def) => {
        const table = state.table(def);
        return table.ids.map((id) => ({
          record: state.view(table, table.rowOf(id)!),
          companies: state.associationsOf(def.objectTypeId, id, 'companies'),
        }));
      });
    };
    expect(salesforceRows(b)).toEqual(salesforceRows(a));
    expect(hubspotRows(b)).toEqual(hubspotRows(a));
    expect(b.running.figures.dirty).toEqual(a.running.figures.dirty);
    expect(salesforceRows(c)).not.toEqual(salesforceRows(a));
  });

  it('writes the ground truth as JSON keyed by canonical partner ids', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-truth-'));
    dirs.push(dir);
    const file = join(dir, 'nested', 'truth.json');
    const w = await startWorld({ groundTruthFile: file });
    const truth = parseGroundTruthFile(readFileSync(file, 'utf8'));
    expect(w.running.figures.groundTruthFile).toBe(file);
    expect(truth.partners).toHaveLength(150);
    expect(truth.sectors).toEqual(taxonomy.sectors.map((s) => s.key));
    const f = w.running.figures;
    expect(truth.partners.filter((p) => p.crm === 'both')).toHaveLength(f.partners.both);
    const sfIds = new Set(
      (await soql(w, 'SELECT Id FROM Account WHERE IsPartner = true')).map((a) => String(a.Id)),
    );
    for (const p of truth.partners) {
      if (p.salesforceId !== undefined) {
        expect(p.id).toBe(`salesforce:Account:${p.salesforceId}`);
        expect(sfIds.has(p.salesforceId)).toBe(true);
      } else {
        expect(p.id).toBe(`hubspot:companies:${p.hubspotId}`);
      }
      for (const e of Object.values(p.expertise)) expect(e).toBeGreaterThanOrEqual(truth.minExpertise);
    }
    // A partner in both CRMs: its HubSpot company claims its Account.
    const both = truth.partners.find((p) => p.crm === 'both')!;
    const company = w.running.hubspot!.emulator.state.get('companies', both.hubspotId!);
    expect(company?.properties.salesforceaccountid).toBe(both.salesforceId);
    // Specialists have a cell they truly master; size is independent of that.
    const specialists = truth.partners.filter((p) => p.archetype === 'specialist');
    expect(specialists.length).toBeGreaterThan(20);
    expect(
      specialists.every((p) => Object.values(p.expertise).some((e) => e >= truth.trueExpertThreshold)),
    ).toBe(true);
  });
});
