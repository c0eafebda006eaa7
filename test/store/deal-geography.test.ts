/** A deal's customer country and region in the store: round trip, update by upsert, and deals without them. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../src/store/index.js';
import { makeBareDeal, makeDeal } from '../support/store-factories.js';
import { initTest, skipDialect, type TestContext } from '../support/store-setup.js';

for (const dialect of DIALECTS) {
  describe.skipIf(skipDialect(dialect))(`${dialect}: deal customer geography`, () => {
    let ctx: TestContext;
    beforeEach(async () => {
      ctx = await initTest(dialect);
    });
    afterEach(async () => {
      await ctx.destroy();
    });

    it('reads back the customer country and region, and leaves them absent on deals without', async () => {
      const placed = makeDeal(1, { customerCountry: 'DE', customerRegion: 'emea' });
      const unplaced = makeBareDeal(2);
      await ctx.store.upsertDeals([placed, unplaced]);

      const model = await ctx.store.loadModel();

      expect(model.deals).toEqual([placed, unplaced]);
      expect(model.deals[1]).not.toHaveProperty('customerRegion');
    });

    it('replaces the customer region when the deal is upserted again', async () => {
      await ctx.store.upsertDeals([makeDeal(1, { customerCountry: 'DE', customerRegion: 'emea' })]);
      await ctx.store.upsertDeals([makeDeal(1, { customerCountry: 'BR', customerRegion: 'latam' })]);

      const [deal] = (await ctx.store.loadModel()).deals;

      expect(deal).toMatchObject({ customerCountry: 'BR', customerRegion: 'latam' });
    });
  });
}
