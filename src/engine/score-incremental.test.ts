import { describe, expect, it } from 'vitest';
import { type GeneratedEcosystem, generateEcosystem } from '../../devkit/generator/generate-ecosystem.js';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import { createRandom, type Random } from '../../devkit/seeded-random.js';
import type { Certification, CertificationId } from '../model/certification.js';
import type { Deal, DealId } from '../model/deal.js';
import type { Partner, PartnerId } from '../model/partner.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { computeScores, type ScoreCore, type ScoreInput } from './score-core.js';
import { resultOf } from './score-ecosystem.js';
import { rescoreIncrementally, touchedPartners } from './score-incremental.js';

const NOW = '2025-06-30';

function ecosystem(seed: number): GeneratedEcosystem {
  return generateEcosystem({
    partners: 300,
    deals: 6000,
    certifications: 1500,
    seed,
    taxonomy: SAMPLE_TAXONOMY,
    now: NOW,
  });
}

const inputOf = (eco: Pick<ScoreInput, 'partners' | 'deals' | 'certifications'>): ScoreInput => ({
  partners: eco.partners,
  deals: eco.deals,
  certifications: eco.certifications,
  taxonomy: SAMPLE_TAXONOMY,
  config: DEFAULT_SCORING_CONFIG,
  now: NOW,
});

/** A random night of changes, and every version of every record it touched (old and new). */
interface ChangeSet {
  input: ScoreInput;
  touched: { deals: Deal[]; certifications: Certification[] };
}

/**
 * Changes amounts and stages, moves deals to other partners, removes and adds deals (some for partners
 * that are new), moves, removes and re-levels certifications.
 */
function randomChanges(input: ScoreInput, random: Random, round: number): ChangeSet {
  const touched = { deals: [] as Deal[], certifications: [] as Certification[] };
  const pick = <T>(items: readonly T[]) => items[random.int(items.length)]!;
  const newPartners: Partner[] = Array.from({ length: 3 }, (_, i) => ({
    ...input.partners[0]!,
    id: `new-${round}-${i}` as PartnerId,
    name: `New partner ${round}-${i}`,
  }));
  const partners = [...input.partners, ...newPartners];
  const deals: Deal[] = [];
  for (const deal of input.deals) {
    const u = random.next();
    if (u < 0.01) {
      touched.deals.push(deal); // removed
      continue;
    }
    if (u < 0.03) {
      const changed: Deal = {
        ...deal,
        amount: deal.amount === null ? null : { ...deal.amount, amount: deal.amount.amount * 1.7 },
        isWon: random.chance(0.5),
        isClosed: random.chance(0.8),
        partners: random.chance(0.3)
          ? [{ partnerId: pick(partners).id, role: deal.partners[0]?.role ?? 'sourced' }]
          : deal.partners,
      };
      touched.deals.push(deal, changed);
      deals.push(changed);
      continue;
    }
    deals.push(deal);
  }
  for (let i = 0; i < 60; i++) {
    const added: Deal = {
      ...pick(input.deals),
      id: `added-${round}-${i}` as DealId,
      partners: [{ partnerId: pick(partners).id, role: 'delivered' }],
      customerId: random.chance(0.5) ? `customer-${round}-${i % 7}` : null,
    };
    touched.deals.push(added);
    deals.splice(random.int(deals.length + 1), 0, added);
  }
  const certifications: Certification[] = [];
  for (const cert of input.certifications) {
    const u = random.next();
    if (u < 0.01) {
      touched.certifications.push(cert);
      continue;
    }
    if (u < 0.03) {
      const changed: Certification = {
        ...cert,
        partnerId: random.chance(0.5) ? pick(partners).id : cert.partnerId,
        level: random.chance(0.5) ? 'professional' : cert.level,
      };
      touched.certifications.push(cert, changed);
      certifications.push(changed);
      continue;
    }
    certifications.push(cert);
  }
  for (let i = 0; i < 10; i++) {
    const added: Certification = {
      ...pick(input.certifications),
      id: `added-cert-${round}-${i}` as CertificationId,
      partnerId: pick(partners).id,
    };
    touched.certifications.push(added);
    certifications.push(added);
  }
  return { input: { ...input, partners, deals, certifications }, touched };
}

const snapshotOf = (core: ScoreCore) => resultOf(core).toSnapshot();

describe('rescoreIncrementally', () => {
  it('equals a full rescore after several random change sets, each from the last incremental run', () => {
    const random = createRandom(20);
    let input = inputOf(ecosystem(3));
    let core = computeScores(input);
    for (let round = 0; round < 4; round++) {
      const change = randomChanges(input, random, round);
      input = { ...change.input, previous: resultOf(core).levels() };
      const incremental = rescoreIncrementally(core, input, touchedPartners(change.touched));
      const full = computeScores(input);
      expect(incremental.table.rows).toBe(full.table.rows);
      expect(incremental.score).toEqual(full.score);
      expect(incremental.confidence).toEqual(full.confidence);
      expect(incremental.level).toEqual(full.level);
      expect(snapshotOf(incremental)).toEqual(snapshotOf(full));
      core = incremental;
    }
  });

  it('reuses the evidence of partners it is not told about (so callers must name every touched partner)', () => {
    const input = inputOf(ecosystem(4));
    const core = computeScores(input);
    const change = randomChanges(input, createRandom(5), 0);
    const full = computeScores(change.input);
    const told = rescoreIncrementally(core, change.input, touchedPartners(change.touched));
    const untold = rescoreIncrementally(core, change.input, []);
    expect(told.table.proofMass).toEqual(full.table.proofMass);
    expect(untold.table.proofMass).not.toEqual(full.table.proofMass);
  });

  it('rescores in full when now changes', () => {
    const input = inputOf(ecosystem(6));
    const later = { ...input, now: '2025-09-30' };
    const core = rescoreIncrementally(computeScores(input), later, []);
    expect(snapshotOf(core)).toEqual(snapshotOf(computeScores(later)));
  });
});
