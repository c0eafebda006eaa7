/** The model records in the store: round trip, idempotent upserts, soft deletes, bulk chunking, atomicity. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtlasError } from '../../src/errors.js';
import {
  CertificationSchema,
  type Deal,
  DealIdSchema,
  DealSchema,
  PartnerSchema,
  PersonSchema,
} from '../../src/model/index.js';
import { DIALECTS } from '../../src/store/index.js';
import {
  accountRef,
  companyRef,
  makeBareDeal,
  makeCertification,
  makeDeal,
  makePartner,
  makePerson,
  partnerId,
} from '../support/store-factories.js';
import { initTest, skipDialect, type TestContext } from '../support/store-setup.js';

const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));

for (const dialect of DIALECTS) {
  describe.skipIf(skipDialect(dialect))(`${dialect}: model records`, () => {
    let ctx: TestContext;
    beforeEach(async () => {
      ctx = await initTest(dialect);
    });
    afterEach(async () => {
      await ctx.destroy();
    });

    it('reads back exactly what it stored, and every record passes its model schema', async () => {
      const merged = makePartner(1, {
        sourceRefs: [accountRef(1), companyRef(1)],
        crossRefs: [accountRef(7)],
      });
      const bare = makePartner(2, {
        domain: null,
        country: null,
        region: null,
        partnerType: null,
        legacyTier: null,
      });
      const deals = [
        makeDeal(1, {
          partners: [
            { partnerId: merged.id, role: 'delivered' },
            { partnerId: bare.id, role: 'sourced' },
          ],
        }),
        makeBareDeal(2, { signals: { renewal: null, expansion: false, satisfaction: null } }),
      ];
      const certifications = [
        makeCertification(1),
        makeCertification(2, { personId: null, sector: 'healthcare' }),
      ];
      const people = [makePerson(1), makePerson(2, { partnerId: null, email: null })];

      await ctx.store.upsertPartners([merged, bare]);
      await ctx.store.upsertDeals(deals);
      await ctx.store.upsertCertifications(certifications);
      await ctx.store.upsertPeople(people);
      const model = await ctx.store.loadModel();

      expect(byId(model.partners)).toEqual(byId([merged, bare]));
      expect(model.deals).toEqual(deals);
      expect(byId(model.certifications)).toEqual(byId(certifications));
      expect(byId(model.people)).toEqual(byId(people));
      for (const p of model.partners) PartnerSchema.parse(p);
      for (const d of model.deals) DealSchema.parse(d);
      for (const c of model.certifications) CertificationSchema.parse(c);
      for (const p of model.people) PersonSchema.parse(p);
      expect(await ctx.store.countModel()).toEqual({ partners: 2, deals: 2, certifications: 2, people: 2 });
    });

    it('keeps one row per source ref: a second upsert updates it and replaces its partner links', async () => {
      const a = makePartner(1);
      const b = makePartner(2);
      await ctx.store.upsertPartners([a, b]);
      await ctx.store.upsertDeals([
        makeDeal(1, {
          partners: [
            { partnerId: a.id, role: 'sourced' },
            { partnerId: b.id, role: 'delivered' },
          ],
        }),
      ]);
      const changed = makeDeal(1, {
        stage: 'Closed Lost',
        isWon: false,
        amount: { amount: 5, currency: 'USD' },
        partners: [{ partnerId: b.id, role: 'influenced' }],
      });
      await ctx.store.upsertDeals([changed]);
      await ctx.store.upsertPartners([{ ...a, name: 'Renamed' }]);

      const model = await ctx.store.loadModel();
      expect(model.deals).toEqual([changed]);
      expect(model.partners.find((p) => p.id === a.id)?.name).toBe('Renamed');
      expect(await ctx.store.countModel()).toMatchObject({ partners: 2, deals: 1 });
    });

    it('stores a record given twice in one batch once, the last one winning', async () => {
      await ctx.store.upsertDeals([makeDeal(1, { name: 'first' }), makeDeal(1, { name: 'second' })]);
      await ctx.store.upsertPeople([makePerson(1, { name: 'first' }), makePerson(1, { name: 'second' })]);
      await ctx.store.upsertCertifications([makeCertification(1, { level: 'expert' }), makeCertification(1)]);
      const model = await ctx.store.loadModel();
      expect(model.deals.map((d) => d.name)).toEqual(['second']);
      expect(model.people.map((p) => p.name)).toEqual(['second']);
      expect(model.certifications.map((c) => c.level)).toEqual(['professional']);
    });

    it('moves a source ref to the partner it was merged into and drops the partner left without refs', async () => {
      const sf = makePartner(1);
      const hs = makePartner(2, { id: partnerId(companyRef(2)), sourceRefs: [companyRef(2)] });
      await ctx.store.upsertPartners([sf, hs]);
      const merged = { ...sf, sourceRefs: [accountRef(1), companyRef(2)] };
      await ctx.store.upsertPartners([merged]);

      const model = await ctx.store.loadModel();
      expect(model.partners).toEqual([merged]);
      expect(await ctx.store.countModel()).toMatchObject({ partners: 1 });
    });

    it('soft-deletes by CRM id, keeps the rows, and brings a record back when it is upserted again', async () => {
      const partner = makePartner(1, { sourceRefs: [accountRef(1), companyRef(1)] });
      await ctx.store.upsertPartners([partner]);
      await ctx.store.upsertDeals([makeDeal(1), makeDeal(2), makeDeal(3)]);
      await ctx.store.upsertCertifications([makeCertification(1)]);
      await ctx.store.upsertPeople([makePerson(1)]);
      const at = '2025-03-01T00:00:00.000Z';

      const deals = [makeDeal(1).source.id, makeDeal(3).source.id, 'unknown'];
      expect(await ctx.store.markDeleted('salesforce', 'Opportunity', deals, at)).toBe(2);
      expect(await ctx.store.markDeleted('salesforce', 'Opportunity', deals, at)).toBe(0);
      expect(
        await ctx.store.markDeleted(
          'salesforce',
          'Partner_Certification__c',
          [makeCertification(1).source.id],
          at,
        ),
      ).toBe(1);
      expect(await ctx.store.markDeleted('salesforce', 'Contact', [makePerson(1).source.id], at)).toBe(1);
      // Only the HubSpot side of the merged partner is gone: the partner stays, with its Salesforce ref.
      expect(await ctx.store.markDeleted('hubspot', 'companies', [companyRef(1).id], at)).toBe(1);

      expect(await ctx.store.liveSourceIds('salesforce', 'Opportunity')).toEqual([makeDeal(2).source.id]);
      expect(await ctx.store.liveSourceIds('salesforce', 'Account')).toEqual([accountRef(1).id]);
      expect(await ctx.store.liveSourceIds('hubspot', 'companies')).toEqual([]);

      let model = await ctx.store.loadModel();
      expect(model.deals.map((d) => d.id)).toEqual([makeDeal(2).id]);
      expect(model.certifications).toEqual([]);
      expect(model.people).toEqual([]);
      expect(model.partners.map((p) => p.sourceRefs)).toEqual([[accountRef(1)]]);

      await ctx.store.markDeleted('salesforce', 'Account', [accountRef(1).id], at);
      await ctx.store.upsertDeals([makeDeal(3, { name: 'restored from the recycle bin' })]);
      model = await ctx.store.loadModel();
      expect(model.partners).toEqual([]);
      expect(model.deals.map((d) => d.name)).toEqual(['Deal 2', 'restored from the recycle bin']);
      expect(await ctx.store.countModel()).toEqual({ partners: 0, deals: 2, certifications: 0, people: 0 });
    });

    it('splits bulk writes under the parameter limit and pages loadModel, in order and complete', async () => {
      const partners = Array.from({ length: 50 }, (_, i) => makePartner(i));
      // 12,000 deals × 19 columns and 24,000 links × 4 exceed one statement on both dialects;
      // 12,000 deals also span two loadModel pages.
      const deals = Array.from({ length: 12_000 }, (_, i) =>
        makeDeal(i, {
          partners: [
            { partnerId: partners[i % 50]!.id, role: 'sourced' },
            { partnerId: partners[(i + 1) % 50]!.id, role: 'delivered' },
          ],
        }),
      );
      await ctx.store.upsertPartners(partners);
      await ctx.store.upsertDeals(deals);
      // The second write replays the compiled statements with new values.
      const renamed = deals.map((d) => ({ ...d, name: `${d.name} v2`, partners: d.partners.slice(1) }));
      await ctx.store.upsertDeals(renamed);
      await ctx.store.markDeleted(
        'salesforce',
        'Opportunity',
        [deals[10_500]!.source.id],
        '2025-03-01T00:00:00.000Z',
      );

      const model = await ctx.store.loadModel();
      expect(model.deals).toHaveLength(11_999);
      expect(model.deals).toEqual(renamed.filter((_, i) => i !== 10_500));
    });

    it('writes nothing of a batch that fails part-way (one id claimed by two source records)', async () => {
      const deals: Deal[] = Array.from({ length: 5_000 }, (_, i) => makeDeal(i));
      // The last deal reuses the first deal's id under another source ref: the failing row is in the
      // last statement, after earlier statements of the same call succeeded.
      deals[4_999] = makeDeal(4_999, { id: DealIdSchema.parse(deals[0]!.id) });

      const failure = await ctx.store.upsertDeals(deals).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(AtlasError);
      expect(failure).toMatchObject({
        code: 'STORE_CONSTRAINT',
        context: { operation: 'upsertDeals', dialect },
      });
      expect(await ctx.store.countModel()).toMatchObject({ deals: 0 });
    });

    it('commits a page and its cursor together, or neither when the work fails', async () => {
      await ctx.store.transaction(async (tx) => {
        await tx.upsertDeals([makeDeal(1)]);
        await tx.saveCursor('salesforce', 'Opportunity', { since: 'a' }, '2025-03-01T00:00:00.000Z');
      });
      const boom = new Error('connector failed mid-page');
      await expect(
        ctx.store.transaction(async (tx) => {
          await tx.upsertDeals([makeDeal(2)]);
          await tx.saveCursor('salesforce', 'Opportunity', { since: 'b' }, '2025-03-02T00:00:00.000Z');
          throw boom;
        }),
      ).rejects.toBe(boom);

      expect((await ctx.store.loadModel()).deals.map((d) => d.id)).toEqual([makeDeal(1).id]);
      expect(await ctx.store.getCursor('salesforce', 'Opportunity')).toEqual({ since: 'a' });
    });
  });
}
