/** Options of a sandbox seed (volumes, seed, clock, CRM split, dirt) and the figures it reports. */
import { z } from 'zod';
import { CrmSystemSchema } from '../model/source-ref.js';
import { TaxonomySchema } from '../model/taxonomy.js';
import { CrmSplitSchema } from './crm-placement.js';
import { DirtyRatesSchema } from './dirty-data.js';

/** Deals per partner when neither `deals` nor `dealsPerPartner` is given. */
export const DEFAULT_DEALS_PER_PARTNER = 20;
/** Certifications per partner when `certifications` is not given. */
export const DEFAULT_CERTIFICATIONS_PER_PARTNER = 5;

export const SeedOptionsSchema = z.object({
  partners: z.number().int().min(1),
  /** Total deals; or `dealsPerPartner` (mean; sizes are heavy-tailed). Default 20 per partner. */
  deals: z.number().int().min(0).optional(),
  dealsPerPartner: z.number().min(0).optional(),
  /** Total certifications; default 5 per partner. */
  certifications: z.number().int().min(0).optional(),
  seed: z.number().int(),
  /** The generator's clock: deals close before it, pipeline after it. ISO date or UTC datetime. */
  now: z.union([z.iso.date(), z.iso.datetime({ offset: false })]),
  taxonomy: TaxonomySchema,
  /** The CRMs to write; default: those whose sandbox is given. */
  systems: z.array(CrmSystemSchema).min(1).optional(),
  /** Shares of partners only in Salesforce, only in HubSpot, in both (when both systems are seeded). */
  split: CrmSplitSchema.prefault({}),
  dirty: DirtyRatesSchema.prefault({}),
  /** Share of Salesforce deals naming their partners on the Opportunity Partners related list. */
  junctionShare: z.number().min(0).max(1).default(0.25),
  /** Where to write the ground truth JSON (nothing is written without it). */
  groundTruthFile: z.string().min(1).optional(),
  /** Cells below this latent expertise are left out of the ground truth file (0 keeps every cell). */
  groundTruthMinExpertise: z.number().min(0).max(1).default(0.5),
  /**
   * Deals converted and inserted per step. Small steps let the raw rows die young (cheap to collect)
   * instead of being copied by the garbage collector along with the sandboxes' records.
   */
  chunkSize: z.number().int().min(100).default(5_000),
});
export type SeedOptions = z.input<typeof SeedOptionsSchema>;
export type ResolvedSeedOptions = z.output<typeof SeedOptionsSchema>;

/** One progress report of a long seed. `done` of `total` records of the phase. */
export interface SeedProgress {
  phase: 'generate' | 'partners' | 'people' | 'certifications' | 'deals' | 'ground-truth';
  done: number;
  total: number;
}

/** Seconds spent per step: building raw rows and inserting them are timed apart, per CRM. */
export interface SeedSeconds {
  generate: number;
  /** Deciding which CRM holds each deal, and its customer's profile. */
  placement: number;
  salesforceRows: number;
  salesforceInsert: number;
  hubspotRows: number;
  hubspotInsert: number;
  groundTruth: number;
  total: number;
}

/** What a seed wrote. */
export interface SeedFigures {
  seed: number;
  /** Generated model records (before the CRM split and the dirt). */
  generated: { partners: number; people: number; deals: number; certifications: number; customers: number };
  /** Partners per CRM membership. */
  partners: { salesforceOnly: number; hubspotOnly: number; both: number };
  /** Records written per Salesforce object (null when Salesforce was not seeded). */
  salesforce: Record<string, number> | null;
  /** Records written per HubSpot object, and `associations` (null when HubSpot was not seeded). */
  hubspot: Record<string, number> | null;
  /** Dirty records injected, by kind. */
  dirty: {
    unmappedIndustries: number;
    missingIndustries: number;
    unmappedFamilies: number;
    duplicatePartners: number;
    unicodeNames: number;
    danglingCrossRefs: number;
    domainVariants: number;
  };
  /** Co-partners of a deal left out because they are not in the deal's CRM. */
  droppedPartnerLinks: number;
  groundTruthFile: string | null;
  seconds: SeedSeconds;
  /** Peak resident set size of the process so far, in MB. */
  peakRssMb: number;
}
