/** Builders of small, hand-made model records for the engine's tests (seeded ids, sensible defaults). */

import { SAMPLE_TAXONOMY } from '../generator/sample-taxonomy.js';
import {
  type Certification,
  CertificationIdSchema,
  type CertificationLevel,
} from '../model/certification.js';
import { type Deal, DealIdSchema, type DealRole } from '../model/deal.js';
import { type Partner, PartnerIdSchema } from '../model/partner.js';
import { DEFAULT_SCORING_CONFIG, type ScoringConfig } from '../model/scoring.js';
import type { ScoreInput } from './score-core.js';

/** The fixed clock of engine tests. */
export const NOW = '2025-06-30';

/** `salesforce:Account:P<n>`. */
export function partnerId(n: number | string) {
  return PartnerIdSchema.parse(`salesforce:Account:P${n}`);
}

export function makePartner(n: number | string, overrides: Partial<Partner> = {}): Partner {
  return {
    id: partnerId(n),
    name: `Partner ${n}`,
    domain: null,
    country: 'DE',
    region: 'EMEA',
    partnerType: null,
    legacyTier: null,
    sourceRefs: [{ system: 'salesforce', object: 'Account', id: `P${n}` }],
    crossRefs: [],
    lastModified: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

let dealSerial = 0;

export interface DealSpec extends Partial<Deal> {
  /** Partner number (shorthand for a one-partner deal). */
  partner?: number | string;
  role?: DealRole;
  /** Amount in EUR (shorthand for `amount`). */
  eur?: number;
  /** Won (default), lost or open. */
  status?: 'won' | 'lost' | 'open';
  satisfaction?: number | null;
}

/** A deal; by default won, 30 days before NOW, in healthcare × data_ai, 25 000 EUR, customer C<serial>. */
export function makeDeal(spec: DealSpec = {}): Deal {
  const serial = ++dealSerial;
  const { partner, role = 'sourced', eur, status = 'won', satisfaction = null, ...rest } = spec;
  const id = `D${serial}`;
  return {
    id: DealIdSchema.parse(`salesforce:Opportunity:${id}`),
    source: { system: 'salesforce', object: 'Opportunity', id },
    name: null,
    partners: partner === undefined ? [] : [{ partnerId: partnerId(partner), role }],
    customerId: `C${serial}`,
    sector: 'healthcare',
    technologies: ['data_ai'],
    amount: { amount: eur ?? 25_000, currency: 'EUR' },
    stage: status === 'won' ? 'Closed Won' : status === 'lost' ? 'Closed Lost' : 'Prospecting',
    isWon: status === 'won',
    isClosed: status !== 'open',
    closeDate: status === 'open' ? '2025-08-30' : '2025-05-31',
    signals: { renewal: null, expansion: null, satisfaction },
    lastModified: '2025-05-31T00:00:00.000Z',
    ...rest,
  };
}

let certSerial = 0;

/** An active certification (earned a year before NOW, valid three years) in data_ai, professional. */
export function makeCert(
  partner: number | string,
  person: string | null,
  overrides: Partial<Certification> & { level?: CertificationLevel } = {},
): Certification {
  const serial = ++certSerial;
  const id = `X${serial}`;
  return {
    id: CertificationIdSchema.parse(`salesforce:Partner_Certification__c:${id}`),
    source: { system: 'salesforce', object: 'Partner_Certification__c', id },
    name: null,
    partnerId: partnerId(partner),
    personId: person,
    technology: 'data_ai',
    sector: null,
    level: 'professional',
    earnedDate: '2024-06-30',
    expiryDate: '2027-06-30',
    lastModified: '2024-06-30T00:00:00.000Z',
    ...overrides,
  };
}

/** A config derived from the defaults. */
export function configWith(change: (c: ScoringConfig) => void): ScoringConfig {
  const config = structuredClone(DEFAULT_SCORING_CONFIG);
  change(config);
  return config;
}

/** A scoring input over the sample taxonomy with the default config at NOW. */
export function inputOf(parts: Partial<ScoreInput>): ScoreInput {
  return {
    partners: [],
    deals: [],
    certifications: [],
    taxonomy: SAMPLE_TAXONOMY,
    config: DEFAULT_SCORING_CONFIG,
    now: NOW,
    ...parts,
  };
}
