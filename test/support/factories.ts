/** Builders of model records with seeded, readable ids, for tests: `makeDeal({ ...overrides })`. */
import { type Certification, CertificationIdSchema } from '../../src/model/certification.js';
import { type Deal, DealIdSchema } from '../../src/model/deal.js';
import { type Partner, type PartnerId, PartnerIdSchema } from '../../src/model/partner.js';
import type { Person } from '../../src/model/person.js';
import type { CellScore } from '../../src/model/score-cell.js';
import { type CrmSystem, refKey, type SourceRef } from '../../src/model/source-ref.js';
import type { ChangeSummary } from '../../src/sync/change-summary.js';

const FIXED_TIME = '2026-01-15T10:00:00.000Z';
let sequence = 0;

function nextId(prefix: string): string {
  sequence += 1;
  return `${prefix}${String(sequence).padStart(12, '0')}`;
}

/** Restarts id numbering, so a test that builds its own world gets the same ids every time. */
export function resetFactories(): void {
  sequence = 0;
}

const OBJECTS: Record<CrmSystem, { partner: string; deal: string; certification: string; person: string }> = {
  salesforce: {
    partner: 'Account',
    deal: 'Opportunity',
    certification: 'Partner_Certification__c',
    person: 'Contact',
  },
  hubspot: { partner: 'companies', deal: 'deals', certification: 'certifications', person: 'contacts' },
};

function makeRef(system: CrmSystem, kind: keyof (typeof OBJECTS)['salesforce'], id?: string): SourceRef {
  return { system, object: OBJECTS[system][kind], id: id ?? nextId(system === 'salesforce' ? '001' : '') };
}

export function partnerIdOf(ref: SourceRef): PartnerId {
  return PartnerIdSchema.parse(refKey(ref));
}

export function makePartner(
  overrides: Partial<Partner> & { system?: CrmSystem; crmId?: string } = {},
): Partner {
  const { system = 'salesforce', crmId, ...rest } = overrides;
  const ref = makeRef(system, 'partner', crmId);
  return {
    id: partnerIdOf(ref),
    name: `Partner ${ref.id}`,
    domain: null,
    country: null,
    region: null,
    partnerType: null,
    legacyTier: null,
    sourceRefs: [ref],
    crossRefs: [],
    lastModified: FIXED_TIME,
    ...rest,
  };
}

export function makeDeal(overrides: Partial<Deal> & { system?: CrmSystem } = {}): Deal {
  const { system = 'salesforce', ...rest } = overrides;
  const ref = makeRef(system, 'deal');
  return {
    id: DealIdSchema.parse(refKey(ref)),
    source: ref,
    name: `Deal ${ref.id}`,
    partners: [],
    customerId: null,
    sector: null,
    technologies: [],
    amount: null,
    stage: 'Closed Won',
    isWon: true,
    isClosed: true,
    closeDate: '2026-01-10',
    signals: { renewal: null, expansion: null, satisfaction: null },
    lastModified: FIXED_TIME,
    ...rest,
  };
}

export function makeCertification(
  overrides: Partial<Certification> & { system?: CrmSystem; partnerId: PartnerId },
): Certification {
  const { system = 'salesforce', ...rest } = overrides;
  const ref = makeRef(system, 'certification');
  return {
    id: CertificationIdSchema.parse(refKey(ref)),
    source: ref,
    name: null,
    personId: null,
    technology: null,
    sector: null,
    level: 'associate',
    earnedDate: '2025-06-01',
    expiryDate: null,
    lastModified: FIXED_TIME,
    ...rest,
  };
}

export function makePerson(overrides: Partial<Person> & { system?: CrmSystem } = {}): Person {
  const { system = 'salesforce', ...rest } = overrides;
  const ref = makeRef(system, 'person');
  return {
    id: refKey(ref),
    source: ref,
    name: `Person ${ref.id}`,
    email: null,
    partnerId: null,
    lastModified: FIXED_TIME,
    ...rest,
  };
}

/**
 * A cell score as the engine hands it out, with `wonCustomers` won customers (one deal each) and
 * `certifiedPeople` certified people; anything else by `overrides`. For tests of what is written and printed.
 */
export function makeCellScore(
  cell: string,
  wonCustomers: number,
  certifiedPeople: number,
  overrides: Partial<CellScore> = {},
): CellScore {
  return {
    partnerId: PartnerIdSchema.parse('salesforce:Account:P1'),
    cell,
    kind: cell.endsWith('|*') ? 'sector' : cell.startsWith('*|') ? 'technology' : 'pair',
    score: 40,
    confidence: 0.5,
    level: 'Emerging',
    previousLevel: null,
    components: { proof: 20, skills: 10, winRate: 5, delivery: 5 },
    figures: {
      wonDeals: wonCustomers,
      closedDeals: wonCustomers,
      openDeals: 0,
      openAmount: 0,
      wonCustomers,
      certifiedPeople,
      activeCertifications: certifiedPeople,
      expiredCertifications: 0,
      winRate: wonCustomers > 0 ? 1 : null,
      proofMass: wonCustomers,
      skillsMass: certifiedPeople,
    },
    top: [],
    next: null,
    ...overrides,
  };
}

/** A change summary promoting partners with these names (Proven → Specialist in one cell), for webhook text. */
export function makePromotions(...partners: string[]): ChangeSummary {
  return {
    since: null,
    counts: { promoted: partners.length, demoted: 0, newGaps: 0, closedGaps: 0, coverageMoved: 0 },
    promoted: partners.map((partner) => ({
      partnerId: 'p1',
      partner,
      cell: 'finance|cloud',
      label: 'Finance × Cloud',
      from: 'Proven',
      to: 'Specialist',
      reasons: [],
    })),
    demoted: [],
    newGaps: [],
    closedGaps: [],
    coverageMoved: [],
  };
}
