import { describe, expect, it } from 'vitest';
import { CertificationSchema } from '../../src/model/certification.js';
import { DealSchema } from '../../src/model/deal.js';
import { PartnerSchema } from '../../src/model/partner.js';
import { PersonSchema } from '../../src/model/person.js';
import { DEFAULT_SCORING_CONFIG } from '../../src/model/scoring.js';
import { generateEcosystem } from './generate-ecosystem.js';
import { ARCHETYPES, TRUE_EXPERT_THRESHOLD } from './latent-expertise.js';
import { LEGACY_TIERS } from './legacy-tiers.js';
import { spearman } from './ranking-quality.js';
import { salesforceIdSuffix } from './record-ids.js';
import { SAMPLE_TAXONOMY } from './sample-taxonomy.js';

const options = {
  partners: 1500,
  dealsPerPartner: 20,
  certifications: 6000,
  seed: 42,
  taxonomy: SAMPLE_TAXONOMY,
  now: '2025-06-30',
};
const eco = generateEcosystem(options);
const S = 6;
const T = 5;

describe('generateEcosystem', () => {
  it('is deterministic for a seed and different for another', () => {
    const small = { ...options, partners: 40, certifications: 120 };
    const a = JSON.stringify(generateEcosystem(small));
    expect(JSON.stringify(generateEcosystem(small))).toBe(a);
    expect(JSON.stringify(generateEcosystem({ ...small, seed: 43 }))).not.toBe(a);
  });

  it('makes exactly the records asked for, each valid in the model', () => {
    expect(eco.partners).toHaveLength(1500);
    expect(eco.deals).toHaveLength(30_000);
    expect(eco.certifications).toHaveLength(6000);
    for (const p of eco.partners.slice(0, 50)) PartnerSchema.parse(p);
    for (const d of eco.deals.slice(0, 500)) DealSchema.parse(d);
    for (const c of eco.certifications.slice(0, 500)) CertificationSchema.parse(c);
    for (const p of eco.people.slice(0, 200)) PersonSchema.parse(p);
    expect(new Set(eco.deals.map((d) => d.id)).size).toBe(30_000);
  });

  it('uses real-looking 18-character Salesforce ids with their case-safe suffix', () => {
    expect(salesforceIdSuffix('001A0000006Vm9r')).toBe('IAC');
    const id = eco.deals[0]!.source.id;
    expect(id).toMatch(/^006[0-9A-Za-z]{15}$/);
    expect(id.slice(15)).toBe(salesforceIdSuffix(id.slice(0, 15)));
    expect(eco.deals[0]!.id).toBe(`salesforce:Opportunity:${id}`);
  });

  it('keeps partner size independent of expertise, so there are big generalists and small specialists', () => {
    const best = eco.partners.map((_, p) =>
      Math.max(...eco.truth.expertise.subarray(p * S * T, (p + 1) * S * T)),
    );
    expect(Math.abs(spearman(Array.from(eco.truth.size), best))).toBeLessThan(0.1);
    const bySize = eco.partners.map((_, p) => p).sort((a, b) => eco.truth.size[b]! - eco.truth.size[a]!);
    const biggest = bySize.slice(0, 150);
    const generalists = biggest.filter((p) => ARCHETYPES[eco.truth.archetypes[p]!] === 'generalist').length;
    expect(generalists).toBeGreaterThan(30);
    const smallest = bySize.slice(-750);
    expect(
      smallest.filter((p) => ARCHETYPES[eco.truth.archetypes[p]!] === 'specialist').length,
    ).toBeGreaterThan(150);
  });

  it('makes wins more likely where the partner is truly expert', () => {
    const index = new Map<string, number>(eco.partners.map((p, i) => [p.id, i]));
    const rate = (lo: number, hi: number) => {
      let won = 0;
      let closed = 0;
      for (const d of eco.deals) {
        if (!d.isClosed || d.partners.length !== 1) continue;
        const p = index.get(d.partners[0]!.partnerId)!;
        const s = SAMPLE_TAXONOMY.sectors.findIndex((e) => e.key === d.sector);
        const t = SAMPLE_TAXONOMY.technologies.findIndex((e) => e.key === d.technologies[0]);
        const e = eco.truth.expertise[p * S * T + s * T + t]!;
        if (e < lo || e >= hi) continue;
        closed++;
        if (d.isWon) won++;
      }
      return won / closed;
    };
    expect(rate(TRUE_EXPERT_THRESHOLD, 1)).toBeGreaterThan(rate(0, 0.3) + 0.4);
  });

  it('assigns legacy tiers by revenue, as revenue programmes do', () => {
    const tiers = Object.fromEntries(
      LEGACY_TIERS.map((t) => [t, eco.partners.filter((p) => p.legacyTier === t).length]),
    );
    expect(tiers).toEqual({ Platinum: 45, Gold: 180, Silver: 450, Bronze: 825 });
    const revenue = new Map<string, number>();
    for (const d of eco.deals) {
      if (!d.isWon || d.amount === null || d.closeDate! < '2023-07-01') continue;
      const value = d.amount.amount * (DEFAULT_SCORING_CONFIG.currency.rates[d.amount.currency] ?? 0);
      for (const dp of d.partners) revenue.set(dp.partnerId, (revenue.get(dp.partnerId) ?? 0) + value);
    }
    const mean = (tier: string) => {
      const members = eco.partners.filter((p) => p.legacyTier === tier);
      return members.reduce((s, p) => s + (revenue.get(p.id) ?? 0), 0) / members.length;
    };
    expect(mean('Platinum')).toBeGreaterThan(mean('Gold'));
    expect(mean('Gold')).toBeGreaterThan(mean('Silver'));
    expect(mean('Silver')).toBeGreaterThan(mean('Bronze'));
  });

  it('has the texture of real data: co-delivery, pipeline, several currencies, expired certifications', () => {
    const shares = {
      coDelivered: eco.deals.filter((d) => d.partners.length === 2).length / eco.deals.length,
      open: eco.deals.filter((d) => !d.isClosed).length / eco.deals.length,
      expired:
        eco.certifications.filter((c) => c.expiryDate !== null && c.expiryDate <= '2025-06-30').length / 6000,
    };
    expect(shares.coDelivered).toBeGreaterThan(0.03);
    expect(shares.open).toBeGreaterThan(0.08);
    expect(shares.expired).toBeGreaterThan(0.2);
    expect(new Set(eco.deals.map((d) => d.amount?.currency)).size).toBeGreaterThan(5);
    expect(eco.deals.every((d) => !d.isClosed || d.closeDate! <= '2025-06-30')).toBe(true);
  });
});
