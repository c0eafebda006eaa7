import { describe, expect, it } from 'vitest';
import type { Deal } from '../../src/model/deal.js';
import { PartnerIdSchema } from '../../src/model/partner.js';
import { makeDeal } from '../../test/support/engine-builders.js';
import type { GroundTruth } from './generate-ecosystem.js';
import {
  coversWithTrueExpertise,
  judgeTeams,
  revenueTeam,
  singleTrueExpertExists,
  teamOpportunities,
  topRevenuePerCell,
  trueCoverPossible,
} from './team-quality.js';

/** Two sectors × three technologies, three partners; expertise laid out p * 6 + s * 3 + t. */
function truth(): GroundTruth {
  const expertise = new Float32Array(3 * 6).fill(0.1);
  expertise[0 * 6 + 0 * 3 + 0] = 0.9; // A: retail × crm
  expertise[1 * 6 + 0 * 3 + 1] = 0.8; // B: retail × erp
  expertise[2 * 6 + 0 * 3 + 0] = 0.75; // C: retail × crm and retail × erp
  expertise[2 * 6 + 0 * 3 + 1] = 0.72;
  return {
    sectors: ['retail', 'energy'],
    technologies: ['crm', 'erp', 'cloud'],
    partnerIds: ['A', 'B', 'C'].map((id) => PartnerIdSchema.parse(id)),
    expertise,
    archetypes: new Uint8Array(3),
    size: new Float32Array(3).fill(1),
  };
}

function deal(
  partners: string[],
  sector: string,
  technologies: string[],
  amount: number,
  isWon = true,
): Deal {
  return makeDeal({
    partners: partners.map((id) => ({ partnerId: PartnerIdSchema.parse(id), role: 'sourced' })),
    sector,
    technologies,
    eur: amount,
    status: isWon ? 'won' : 'lost',
  });
}

describe('team quality', () => {
  it('enumerates every sector with every 2- and 3-technology combination', () => {
    const list = teamOpportunities(truth());
    expect(list).toHaveLength(2 * (3 + 1));
    expect(list.slice(0, 4)).toEqual([
      { sector: 'retail', technologies: ['crm', 'erp'] },
      { sector: 'retail', technologies: ['crm', 'cloud'] },
      { sector: 'retail', technologies: ['erp', 'cloud'] },
      { sector: 'retail', technologies: ['crm', 'erp', 'cloud'] },
    ]);
  });

  it('checks cover with true expertise (latent ≥ 0.7 in every needed cell)', () => {
    const t = truth();
    const need = { sector: 'retail', technologies: ['crm', 'erp'] };
    expect(coversWithTrueExpertise(t, [0, 1], need)).toBe(true);
    expect(coversWithTrueExpertise(t, [0], need)).toBe(false);
    expect(singleTrueExpertExists(t, need)).toBe(true); // C
    expect(trueCoverPossible(t, need)).toBe(true);
    expect(trueCoverPossible(t, { sector: 'retail', technologies: ['crm', 'cloud'] })).toBe(false);
  });

  it('staffs a need with the top won-revenue partner of each cell', () => {
    const t = truth();
    const top = topRevenuePerCell(
      t,
      [
        deal(['B'], 'retail', ['crm'], 500_000), // B sells the most CRM in retail, with no expertise
        deal(['A'], 'retail', ['crm'], 100_000),
        deal(['A', 'C'], 'retail', ['erp'], 90_000),
        deal(['C'], 'retail', ['erp'], 20_000),
        deal(['A'], 'retail', ['erp'], 900_000, false), // lost: no revenue
      ],
      { EUR: 1 },
    );
    expect(Array.from(top)).toEqual([1, 2, -1, -1, -1, -1]);
    const need = { sector: 'retail', technologies: ['crm', 'erp'] };
    expect(revenueTeam(t, top, need)).toEqual([1, 2]);
    expect(coversWithTrueExpertise(t, revenueTeam(t, top, need), need)).toBe(true);
    expect(revenueTeam(t, top, { sector: 'energy', technologies: ['crm', 'erp'] })).toEqual([]);
    expect(judgeTeams(t, top, need, [0])).toEqual({
      singleTrueExpert: true,
      teamCovers: false,
      revenueCovers: true,
    });
    expect(judgeTeams(t, top, need, null)?.teamCovers).toBe(false);
    expect(judgeTeams(t, top, { sector: 'retail', technologies: ['crm', 'cloud'] }, [0, 1, 2])).toBeNull();
  });
});
