/** An absurd deal amount (1e39, Infinity, negative) never poisons scoring: the deal counts without its size. */
import { describe, expect, it } from 'vitest';
import { background, inputOf, makeDeal, makePartner } from '../../test/support/engine-builders.js';
import type { Deal } from '../model/deal.js';
import { ScoreSnapshotSchema } from '../model/score-snapshot.js';
import { dealProofWeight } from './evidence-weights.js';
import { scoreEcosystem } from './score-ecosystem.js';

/** An ordinary market, and partner 1 with a plain won deal plus a won and an open deal of `amount`. */
function ecosystemWith(amount: Deal['amount']) {
  const bg = background();
  return inputOf({
    partners: [...bg.partners, makePartner(1)],
    deals: [
      ...bg.deals,
      makeDeal({ partner: 1 }),
      makeDeal({ partner: 1, amount }),
      makeDeal({ partner: 1, status: 'open', amount }),
    ],
    certifications: bg.certifications,
  });
}

describe('absurd deal amounts', () => {
  it('scores the ecosystem normally with a deal of 1e39: as if the deal had no amount', () => {
    const absurd = scoreEcosystem(ecosystemWith({ amount: 1e39, currency: 'EUR' })).toSnapshot();
    const none = scoreEcosystem(ecosystemWith(null)).toSnapshot();
    // The snapshot schema accepts only scores between 0 and 100: NaN or Infinity anywhere fails it.
    expect(ScoreSnapshotSchema.safeParse(absurd).success).toBe(true);
    const scores = (snapshot: typeof absurd) => snapshot.cells.map((c) => [c.partnerId, c.cell, c.score]);
    expect(scores(absurd)).toEqual(scores(none));
    expect(absurd.cells.length).toBeGreaterThan(0);
  });

  it.each([Number.POSITIVE_INFINITY, Number.NaN, -5_000, 1e16])(
    'gives a won deal of %s the size factor of a deal without an amount',
    (amount) => {
      const config = inputOf({}).config;
      const today = 20_000;
      const deal = makeDeal({ partner: 1, amount: { amount, currency: 'EUR' } });
      const without = makeDeal({ partner: 1, amount: null });
      const weight = dealProofWeight(deal, deal.partners[0]!.partnerId, config, today);
      expect(weight).toBe(dealProofWeight(without, without.partners[0]!.partnerId, config, today));
    },
  );
});
