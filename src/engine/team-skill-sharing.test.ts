import { describe, expect, it } from 'vitest';
import { SAMPLE_TAXONOMY } from '../generator/sample-taxonomy.js';
import { SkillSharingOfPartnerSchema } from '../model/score.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { scoreEcosystem } from './score-ecosystem.js';
import { certs, coDeal, evidence, specialist, wins } from './team-fixtures.js';
import { suggestSkillSharing } from './team-skill-sharing.js';
import { inputOf, makeDeal, makePartner, partnerId } from './test-builders.js';

const base = { taxonomy: SAMPLE_TAXONOMY, config: DEFAULT_SCORING_CONFIG };
const P = partnerId;

/**
 * Retail × CRM: P20 is the Specialist; P21 wins there (6 customers) with nobody certified; P22–P25 have
 * a win and a certified person each (the peers that make P21's skills weak). P26 is a CRM Specialist in energy.
 */
function world(options: { openDeal?: boolean; extra?: Parameters<typeof evidence> } = {}) {
  const partners = [20, 21, 22, 23, 24, 25, 26].map((n) =>
    makePartner(n, n === 26 ? { region: 'North America' } : {}),
  );
  const { deals, certifications } = evidence(
    specialist(20, 'retail', 'crm'),
    { deals: wins(21, 6, 'retail', 'crm'), certifications: [] },
    ...[22, 23, 24, 25].map((n) => ({
      deals: wins(n, 1, 'retail', 'crm'),
      certifications: certs(n, 1, 'crm', 'professional'),
    })),
    specialist(26, 'energy', 'crm'),
    ...(options.extra ?? []),
  );
  const open =
    options.openDeal === false
      ? []
      : [makeDeal({ partner: 21, sector: 'retail', technologies: ['crm'], status: 'open' })];
  const run = scoreEcosystem(inputOf({ partners, deals: [...deals, ...open], certifications }));
  return { partners, run };
}

describe('suggestSkillSharing', () => {
  it('pairs a partner that needs technical enablement with the Specialists of its cell, then of its technology', () => {
    const { partners, run } = world();
    const needs = run.partners.find((p) => p.partnerId === P(21))!.needs;
    expect(needs.filter((n) => n.need === 'technical-enablement').map((n) => n.cell)).toEqual(['retail|crm']);
    const sharing = suggestSkillSharing({ ...base, scores: run, partners });
    for (const s of sharing) expect(SkillSharingOfPartnerSchema.parse(s)).toEqual(s);
    expect(sharing.map((s) => [s.partnerId, s.learnFrom.length, s.teach.length])).toEqual([
      [P(20), 0, 1],
      [P(21), 2, 0],
      [P(26), 0, 1],
    ]);
    const learner = sharing.find((s) => s.partnerId === P(21))!;
    expect(learner.learnFrom.map((s) => [s.cell, s.mentor.partnerId, s.mentor.cell, s.mode])).toEqual([
      ['retail|crm', P(20), 'retail|crm', 'subcontracting'],
      ['retail|crm', P(26), '*|crm', 'subcontracting'],
    ]);
    const first = learner.learnFrom[0]!;
    expect(first.mentor).toMatchObject({ level: 'Specialist', wonCustomers: 8, certifiedPeople: 4 });
    expect(first.learner).toMatchObject({ wonCustomers: 6, certifiedPeople: 0, openDeals: 1 });
    expect(first.learner.need).toBe(needs.find((n) => n.need === 'technical-enablement')!.summary);
    expect(first.reason).toBe(
      'Partner 20 is Specialist in Retail × CRM & Customer Experience (4 certified people, 8 won customers); ' +
        'Partner 21 wins in Retail × CRM & Customer Experience (6 won customers) with 0 certified people: ' +
        'subcontracting (Partner 21 has 1 open deal there to deliver)',
    );
    expect(sharing.find((s) => s.partnerId === P(20))!.teach).toEqual([first]);
  });

  it('proposes joint delivery to partners that already co-delivered, mentoring without open deals', () => {
    const { partners, run } = world({
      openDeal: false,
      extra: [{ deals: [coDeal([26, 21], 'energy', 'security')], certifications: [] }],
    });
    const learner = suggestSkillSharing({ ...base, scores: run, partners }).find(
      (s) => s.partnerId === P(21),
    )!;
    expect(learner.learnFrom.map((s) => [s.mentor.partnerId, s.mode, s.coDeliveredWonDeals])).toEqual([
      [P(20), 'mentoring', 0],
      [P(26), 'joint-delivery', 1],
    ]);
  });

  it('returns nothing when nobody needs technical enablement', () => {
    const partners = [makePartner(1)];
    const run = scoreEcosystem(inputOf({ partners, ...specialist(1, 'retail', 'crm') }));
    expect(suggestSkillSharing({ ...base, scores: run, partners })).toEqual([]);
  });
});
