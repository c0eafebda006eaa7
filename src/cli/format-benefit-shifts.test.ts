import { describe, expect, it } from 'vitest';
import { benefitShiftLines } from './format-benefit-shifts.js';

describe('benefitShiftLines', () => {
  it('says per benefit that changes who would gain and lose each value, a few by name', () => {
    const lines = benefitShiftLines([
      {
        key: 'lead-priority',
        name: 'Lead priority',
        partnersChanged: 5,
        values: [
          { value: 'High', gained: 5, lost: 0, gainedBy: ['Acme', 'Bolt', 'Cobalt'], lostBy: [] },
          { value: 'Medium', gained: 0, lost: 1, gainedBy: [], lostBy: ['Acme'] },
          { value: null, gained: 0, lost: 4, gainedBy: [], lostBy: ['Bolt', 'Cobalt', 'Delta'] },
        ],
      },
      { key: 'mdf', name: 'MDF eligibility', partnersChanged: 0, values: [] },
    ]);
    expect(lines).toEqual([
      '  benefits:',
      '    Lead priority: 5 partners would change',
      '      "High": 5 partners gain it (Acme, Bolt, Cobalt and 2 more)',
      '      "Medium": 1 partner loses it (Acme)',
      '      no value: 4 partners lose it (Bolt, Cobalt, Delta and 1 more)',
    ]);
  });

  it('says in one line when no benefit changes', () => {
    expect(
      benefitShiftLines([{ key: 'mdf', name: 'MDF eligibility', partnersChanged: 0, values: [] }]),
    ).toEqual(["  benefits: no partner's benefits would change"]);
  });

  it('prints nothing without benefits', () => {
    expect(benefitShiftLines([])).toEqual([]);
  });
});
