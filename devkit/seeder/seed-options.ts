/** Options of an emulator seed (volumes, seed, generator clock, CRM split, dirt) and the figures it reports. */
import { z } from 'zod';
import { CrmSystemSchema } from '../../src/model/source-ref.js';
import { TaxonomySchema } from '../../src/model/taxonomy.js';
import { CrmSplitSchema } from './crm-placement.js';
import { DirtyRatesSchema } from './dirty-data.js';
import { EmulatorProfileNameSchema } from './profiles.js';

/** Deals per partner when neither `deals` nor `dealsPerPartner` is given. */
export const DEFAULT_DEALS_PER_PARTNER = 20;
/** Certifications per partner when `certifications` is not given. */
export const DEFAULT_CERTIFICATIONS_PER_PARTNER = 5;

/** What to generate and how to split it over the CRMs; parsed at the start of every seed. */
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
  /** What the org and the portal hold (see profiles.ts); the emulators must have been started with the same. */
  profile: EmulatorProfileNameSchema.default('prm'),
  /** The CRMs the ecosystem is split across; default: those whose emulator is given. */
  systems: z.array(CrmSystemSchema).min(1).optional(),
  /**
   * The CRMs this call writes (default: all of `systems`). Writing one CRM per call, with the same options,
   * gives exactly the records of one call writing both: every decision is keyed by the seed, not by order.
   */
  write: z.array(CrmSystemSchema).min(1).optional(),
  /** Shares of partners only in Salesforce, only in HubSpot, in both (when both systems are seeded). */
  split: CrmSplitSchema.prefault({}),
  dirty: DirtyRatesSchema.prefault({}),
  /** Share of Salesforce deals naming their partners on the Opportunity Partners related list (default: the profile's). */
  junctionShare: z.number().min(0).max(1).optional(),
  /** Where to write the ground truth JSON (nothing is written without it). */
  groundTruthFile: z.string().min(1).optional(),
  /** Cells below this latent expertise are left out of the ground truth file (0 keeps every cell). */
  groundTruthMinExpertise: z.number().min(0).max(1).default(0.5),
  /**
   * Deals converted and inserted per step. Small steps let the raw rows die young (cheap to collect)
   * instead of being copied by the garbage collector along with the emulators' records.
   */
  chunkSize: z.number().int().min(100).default(5_000),
});
export type SeedOptions = z.input<typeof SeedOptionsSchema>;
export type ResolvedSeedOptions = z.output<typeof SeedOptionsSchema>;

/** One progress report of a long seed. `done` of `total` records of the phase. */
export const SeedProgressSchema = z.object({
  phase: z.enum(['generate', 'partners', 'people', 'certifications', 'deals', 'ground-truth']),
  done: z.number().int(),
  total: z.number().int(),
});
export type SeedProgress = z.infer<typeof SeedProgressSchema>;

/** Seconds spent per step: building raw rows and inserting them are timed apart, per CRM. */
export const SeedSecondsSchema = z.object({
  generate: z.number(),
  /** Deciding which CRM holds each deal, and its customer's profile. */
  placement: z.number(),
  salesforceRows: z.number(),
  salesforceInsert: z.number(),
  hubspotRows: z.number(),
  hubspotInsert: z.number(),
  groundTruth: z.number(),
  total: z.number(),
});
export type SeedSeconds = z.infer<typeof SeedSecondsSchema>;

const CountsSchema = z.record(z.string(), z.number().int());

/** What a seed wrote. */
export const SeedFiguresSchema = z.object({
  seed: z.number().int(),
  /** Generated model records (before the CRM split and the dirt). */
  generated: z.object({
    partners: z.number().int(),
    people: z.number().int(),
    deals: z.number().int(),
    certifications: z.number().int(),
    customers: z.number().int(),
  }),
  /** Partners per CRM membership. */
  partners: z.object({
    salesforceOnly: z.number().int(),
    hubspotOnly: z.number().int(),
    both: z.number().int(),
  }),
  /** Records written per Salesforce object (null when Salesforce was not written). */
  salesforce: CountsSchema.nullable(),
  /** Records written per HubSpot object, and `associations` (null when HubSpot was not written). */
  hubspot: CountsSchema.nullable(),
  /** Dirty records written, by kind (a partner with a unicode name in both CRMs counts twice). */
  dirty: z.object({
    unmappedIndustries: z.number().int(),
    missingIndustries: z.number().int(),
    unmappedFamilies: z.number().int(),
    duplicatePartners: z.number().int(),
    unicodeNames: z.number().int(),
    danglingCrossRefs: z.number().int(),
    domainVariants: z.number().int(),
  }),
  /** Co-partners of a deal left out because they are not in the deal's CRM. */
  droppedPartnerLinks: z.number().int(),
  groundTruthFile: z.string().nullable(),
  seconds: SeedSecondsSchema,
  /** Peak resident set size of the process so far, in MB. */
  peakRssMb: z.number(),
});
export type SeedFigures = z.infer<typeof SeedFiguresSchema>;
