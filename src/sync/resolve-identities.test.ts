import { beforeEach, describe, expect, it } from 'vitest';
import {
  makeCertification,
  makeDeal,
  makePartner,
  makePerson,
  resetFactories,
} from '../../test/support/factories.js';
import { PartnerSchema } from '../model/partner.js';
import { resolveIdentities } from './resolve-identities.js';

const empty = { deals: [], certifications: [], people: [] };

beforeEach(() => resetFactories());

describe('resolveIdentities', () => {
  it('merges a HubSpot company into the Salesforce account its salesforceaccountid names', () => {
    const sf = makePartner({
      name: 'Acme Consulting',
      domain: 'acme.example',
      country: null,
      legacyTier: 'Gold',
    });
    const hs = makePartner({
      system: 'hubspot',
      crmId: '9001',
      name: 'ACME consulting GmbH',
      domain: 'acme-other.example',
      country: 'DE',
      crossRefs: [sf.sourceRefs[0]!],
    });
    const deal = makeDeal({ partners: [{ partnerId: hs.id, role: 'sourced' }] });
    const cert = makeCertification({ partnerId: hs.id });
    const person = makePerson({ partnerId: hs.id });

    const out = resolveIdentities({
      partners: [hs, sf],
      deals: [deal],
      certifications: [cert],
      people: [person],
    });

    expect(out.partners).toHaveLength(1);
    const merged = out.partners[0]!;
    expect(PartnerSchema.parse(merged)).toEqual(merged);
    expect(merged.id).toBe(sf.id);
    expect(merged.name).toBe('Acme Consulting');
    expect(merged.country).toBe('DE');
    expect(merged.legacyTier).toBe('Gold');
    expect(merged.sourceRefs.map((r) => r.system)).toEqual(['hubspot', 'salesforce']);
    expect(merged.crossRefs).toEqual([]);
    expect(out.deals[0]!.partners).toEqual([{ partnerId: sf.id, role: 'sourced' }]);
    expect(out.certifications[0]!.partnerId).toBe(sf.id);
    expect(out.people[0]!.partnerId).toBe(sf.id);
    expect(out.merged.get(hs.id)).toBe(sf.id);
    expect(out.conflicts.map((c) => c.kind)).toEqual(['cross-ref-domain-mismatch']);
  });

  it('falls back to the normalised web domain when no cross reference exists', () => {
    const sf = makePartner({ domain: 'northwind.example' });
    const hs = makePartner({ system: 'hubspot', crmId: '17', domain: 'Northwind.example' });
    const out = resolveIdentities({ partners: [sf, hs], ...empty });
    expect(out.partners.map((p) => p.id)).toEqual([sf.id]);
    expect(out.conflicts).toEqual([]);
  });

  it('never merges by name alone', () => {
    const sf = makePartner({ name: 'Same Name Ltd' });
    const hs = makePartner({ system: 'hubspot', crmId: '18', name: 'Same Name Ltd' });
    expect(resolveIdentities({ partners: [sf, hs], ...empty }).partners).toHaveLength(2);
  });

  it('merges every record sharing a domain, and lists the duplicates inside one CRM', () => {
    const a = makePartner({ domain: 'shared.example', name: 'Shared Ltd' });
    const b = makePartner({ domain: 'shared.example', name: 'Shared Limited' });
    const hs = makePartner({ system: 'hubspot', crmId: '19', domain: 'shared.example' });
    const out = resolveIdentities({ partners: [a, b, hs], ...empty });
    expect(out.partners).toHaveLength(1);
    expect(out.partners[0]!.sourceRefs).toHaveLength(3);
    expect(out.conflicts).toEqual([]);
    expect(out.duplicates).toEqual([
      {
        domain: 'shared.example',
        partnerIds: [a.id, b.id].sort(),
        detail:
          '2 Salesforce records share shared.example (Shared Ltd, Shared Limited): merged into one partner',
      },
    ]);
  });

  it('merges nothing on a domain several companies share, and lists the conflict', () => {
    const free = [1, 2].map((i) => makePartner({ domain: 'gmail.com', name: `Freelancer ${i}` }));
    const many = [1, 2, 3, 4, 5].map((i) =>
      makePartner({
        domain: 'group.example',
        ...(i > 3 ? { system: 'hubspot' as const, crmId: `${i}` } : {}),
      }),
    );
    const out = resolveIdentities({ partners: [...free, ...many], ...empty });
    expect(out.partners).toHaveLength(7);
    expect(out.duplicates).toEqual([]);
    expect(out.conflicts.map((c) => [c.kind, c.partnerIds.length])).toEqual([
      ['shared-domain', 2],
      ['shared-domain', 5],
    ]);
  });

  it('merges two records of the same CRM that share a domain, pointing their deals at one partner', () => {
    const a = makePartner({ domain: 'twins.example' });
    const b = makePartner({ domain: 'twins.example' });
    const deal = makeDeal({ partners: [{ partnerId: b.id, role: 'sourced' }] });
    const out = resolveIdentities({ ...empty, partners: [a, b], deals: [deal] });
    expect(out.partners).toHaveLength(1);
    const [only] = out.partners;
    expect(out.deals[0]!.partners).toEqual([{ partnerId: only!.id, role: 'sourced' }]);
    expect(out.duplicates).toHaveLength(1);
  });

  it('reports a cross reference to an account that was not synced, and still matches by domain', () => {
    const sf = makePartner({ domain: 'contoso.example' });
    const hs = makePartner({
      system: 'hubspot',
      crmId: '20',
      domain: 'contoso.example',
      crossRefs: [{ system: 'salesforce', object: 'Account', id: '001000000000999AAA' }],
    });
    const out = resolveIdentities({ partners: [sf, hs], ...empty });
    expect(out.partners.map((p) => p.id)).toEqual([sf.id]);
    expect(out.conflicts.map((c) => c.kind)).toEqual(['dangling-cross-ref']);
  });

  it('reports two HubSpot duplicates that claim the same account, merging all three', () => {
    const sf = makePartner();
    const ref = sf.sourceRefs[0]!;
    const h1 = makePartner({ system: 'hubspot', crmId: '21', crossRefs: [ref] });
    const h2 = makePartner({ system: 'hubspot', crmId: '22', crossRefs: [ref] });
    const out = resolveIdentities({ partners: [h1, h2, sf], ...empty });
    expect(out.partners).toHaveLength(1);
    expect(out.partners[0]!.sourceRefs).toHaveLength(3);
    expect(out.conflicts.map((c) => c.kind)).toEqual(['duplicate-claim']);
  });

  it('keeps one link per partner and role when a deal named both merged records', () => {
    const sf = makePartner();
    const hs = makePartner({ system: 'hubspot', crmId: '23', crossRefs: [sf.sourceRefs[0]!] });
    const deal = makeDeal({
      partners: [
        { partnerId: sf.id, role: 'sourced' },
        { partnerId: hs.id, role: 'sourced' },
        { partnerId: hs.id, role: 'delivered' },
      ],
    });
    const out = resolveIdentities({ partners: [sf, hs], deals: [deal], certifications: [], people: [] });
    expect(out.deals[0]!.partners).toEqual([
      { partnerId: sf.id, role: 'sourced' },
      { partnerId: sf.id, role: 'delivered' },
    ]);
  });

  it('is deterministic whatever the input order', () => {
    const sf = makePartner({ domain: 'd.example' });
    const hs = makePartner({ system: 'hubspot', crmId: '24', domain: 'd.example' });
    const other = makePartner({ system: 'hubspot', crmId: '25' });
    const one = resolveIdentities({ partners: [sf, hs, other], ...empty });
    const two = resolveIdentities({ partners: [other, hs, sf], ...empty });
    expect(two.partners).toEqual(one.partners);
  });
});

describe('links to records the model lacks', () => {
  it('reports a deal naming a partner that was not synced, naming the deal and the partner record', () => {
    const sf = makePartner({});
    const missing = makePartner({ crmId: '001MISSING000001' });
    const deal = makeDeal({
      partners: [
        { partnerId: sf.id, role: 'sourced' },
        { partnerId: missing.id, role: 'delivered' },
      ],
    });
    const out = resolveIdentities({ partners: [sf], deals: [deal], certifications: [], people: [] });
    expect(out.deals).toHaveLength(1);
    expect(out.issues).toEqual([
      {
        system: 'salesforce',
        object: deal.source.object,
        recordId: deal.source.id,
        field: 'deals.partners',
        value: missing.id,
        reason: expect.stringContaining('not a synced partner'),
        severity: 'warning',
      },
    ]);
  });

  it('reports a certification naming a person that was not synced, once the CRM syncs people', () => {
    const sf = makePartner({});
    const person = makePerson({ partnerId: sf.id });
    const known = makeCertification({ partnerId: sf.id, personId: person.id });
    const unknown = makeCertification({ partnerId: sf.id, personId: 'salesforce:Contact:003MISSING000001' });
    const out = resolveIdentities({
      partners: [sf],
      deals: [],
      certifications: [known, unknown],
      people: [person],
    });
    expect(out.issues).toEqual([
      expect.objectContaining({
        recordId: unknown.source.id,
        field: 'certifications.personId',
        value: 'salesforce:Contact:003MISSING000001',
        severity: 'warning',
      }),
    ]);
    // Without any synced people of that CRM nothing can match, so nothing is reported.
    expect(
      resolveIdentities({ partners: [sf], deals: [], certifications: [unknown], people: [] }).issues,
    ).toEqual([]);
  });
});
