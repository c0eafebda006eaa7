import { describe, expect, it } from 'vitest';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import { inputOf, makeCert, makeDeal, makePartner, partnerId } from '../../test/support/engine-builders.js';
import { certs, coDeal, evidence, market, specialist, wins } from '../../test/support/team-fixtures.js';
import { SkillSharingOfPartnerSchema } from '../model/score-gaps.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { scoreEcosystem } from './score-ecosystem.js';
import { suggestSkillSharing } from './team-skill-sharing.js';

const base = { taxonomy: SAMPLE_TAXONOMY, config: DEFAULT_SCORING_CONFIG };
const P = partnerId;

/**
 * Retail × CRM: P20 is the Specialist; P21 wins there (6 customers) with nobody certified; P22–P25 have
 * a win in three (CSAT 0.5) and a certified person each. P26 is a CRM Specialist in energy and in
 * manufacturing, so in CRM as a whole. An ordinary market (partners 900+, no work of its own in retail or
 * CRM) bids in Retail × CRM and in P26's cells: it sets their norms (P20 and P26 stand out from them) and
 * holds no level there. Its bidders in Retail × CRM each have a certified person in CRM, as P22–P25 do: there,
 * P21 is the partner that lacks skills.
 */
function world(options: { openDeal?: boolean; extra?: Parameters<typeof evidence> } = {}) {
  const cast = [20, 21, 22, 23, 24, 25, 26].map((n) =>
    makePartner(n, n === 26 ? { region: 'North America' } : {}),
  );
  const others = market(['retail|crm', 'energy|crm', 'manufacturing|crm'], ['retail|*', '*|crm']);
  const bidders = new Set(
    others.deals.filter((d) => d.sector === 'retail').flatMap((d) => d.partners.map((p) => p.partnerId)),
  );
  const bidderCerts = [...bidders].map((id) =>
    makeCert(id.split(':P')[1]!, `crm-${id}`, { technology: 'crm', level: 'professional' }),
  );
  const { deals, certifications } = evidence(
    specialist(20, 'retail', 'crm'),
    { deals: wins(21, 6, 'retail', 'crm'), certifications: [] },
    ...[22, 23, 24, 25].map((n) => ({
      deals: wins(n, 1, 'retail', 'crm', 2, { satisfaction: 0.5 }),
      certifications: certs(n, 1, 'crm', 'professional'),
    })),
    specialist(26, 'energy', 'crm'),
    specialist(26, 'manufacturing', 'crm'),
    others,
    { deals: [], certifications: bidderCerts },
    ...(options.extra ?? []),
  );
  const open =
    options.openDeal === false
      ? []
      : [makeDeal({ partner: 21, sector: 'retail', technologies: ['crm'], status: 'open' })];
  const partners = [...cast, ...others.partners];
  const run = scoreEcosystem(inputOf({ partners, deals: [...deals, ...open], certifications }));
  const level = (n: number, cell: string) => run.cellsOf(P(n)).find((c) => c.cell === cell)?.level ?? null;
  return { partners, run, level };
}

describe('suggestSkillSharing', () => {
  it('pairs a partner that needs technical enablement with the Specialists of its cell, then of its technology', () => {
    const { partners, run, level } = world();
    // The premises, read from the run: who holds what.
    expect(level(20, 'retail|crm')).toBe('Specialist');
    expect(level(20, '*|crm')).toBeNull(); // one CRM cell only
    expect(level(26, '*|crm')).toBe('Specialist');
    expect(level(21, 'retail|crm')).not.toBe('Specialist');
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
    expect(first.mentor).toMatchObject({ level: 'Specialist', wonCustomers: 8, certifiedPeople: 3 });
    expect(first.learner).toMatchObject({ wonCustomers: 6, certifiedPeople: 0, openDeals: 1 });
    expect(first.learner.need).toBe(needs.find((n) => n.need === 'technical-enablement')!.summary);
    expect(first.reason).toBe(
      'Partner 20 is Specialist in Retail × CRM & Customer Experience (3 certified people, 8 won customers); ' +
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

  it('suggests no mentor to a partner without a won customer in the cell (nothing to build on)', () => {
    const { partners, run } = world();
    // A bidder of the market in Retail × CRM: it has a score there but no won customer.
    const bidder = run.partners
      .map((p) => run.cellsOf(p.partnerId).find((c) => c.cell === 'retail|crm'))
      .find((c) => c !== undefined && c.figures.wonCustomers === 0 && c.level === null);
    expect(bidder).toBeDefined();
    const need = {
      need: 'technical-enablement' as const,
      cell: 'retail|crm',
      figures: {},
      summary: 'as stored',
    };
    const scores = {
      ...run,
      cellsOf: run.cellsOf.bind(run),
      partners: run.partners.map((p) =>
        p.partnerId === bidder?.partnerId ? { ...p, needs: [...p.needs, need] } : p,
      ),
    };
    const sharing = suggestSkillSharing({ ...base, scores, partners });
    expect(sharing.find((s) => s.partnerId === bidder?.partnerId)).toBeUndefined();
  });

  it('returns nothing when nobody needs technical enablement', () => {
    const partners = [makePartner(1)];
    const run = scoreEcosystem(inputOf({ partners, ...specialist(1, 'retail', 'crm') }));
    expect(suggestSkillSharing({ ...base, scores: run, partners })).toEqual([]);
  });
});
