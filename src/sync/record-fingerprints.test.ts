import { beforeEach, describe, expect, it } from 'vitest';
import { makeDeal, makePartner, resetFactories } from '../../test/support/factories.js';
import { countCorrected, fingerprint, storedFingerprints } from './record-fingerprints.js';

beforeEach(() => resetFactories());

describe('record fingerprints', () => {
  it('ignore key order, the order of object lists and lastModified, and see any other change', () => {
    const deal = makeDeal({
      partners: [
        { partnerId: makePartner().id, role: 'sourced' },
        { partnerId: makePartner().id, role: 'delivered' },
      ],
    });
    const reordered = {
      ...deal,
      partners: [...deal.partners].reverse(),
      lastModified: '2030-01-01T00:00:00.000Z',
    };
    expect(fingerprint(reordered)).toBe(fingerprint(deal));
    const moved: typeof deal = { ...deal, sector: 'other' };
    expect(fingerprint(moved)).not.toBe(fingerprint(deal));
  });

  it('are kept per CRM object of one system, so a first read of another CRM or object corrects nothing', () => {
    const sfPartner = makePartner();
    const hsPartner = makePartner({ system: 'hubspot', crmId: '7' });
    const sfDeal = makeDeal();
    const stored = storedFingerprints(
      { partners: [sfPartner, hsPartner], deals: [sfDeal], certifications: [], people: [] },
      'salesforce',
    );
    expect([...stored.keys()].sort()).toEqual([sfDeal.source.object, sfPartner.sourceRefs[0]!.object].sort());
    const accounts = stored.get(sfPartner.sourceRefs[0]!.object)!;
    expect(countCorrected([sfPartner], accounts)).toBe(0);
    expect(countCorrected([{ ...sfPartner, name: 'Renamed' }, makePartner()], accounts)).toBe(2);
  });
});
