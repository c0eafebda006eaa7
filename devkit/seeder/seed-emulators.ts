/** Generates a seeded ecosystem and writes it into the Salesforce and / or HubSpot emulator as raw CRM records. */

import { AtlasError } from '../../src/errors.js';
import type { CrmSystem } from '../../src/model/source-ref.js';
import type { HubSpotState } from '../emulators/hubspot/index.js';
import type { SalesforceEmulatorState } from '../emulators/salesforce/index.js';
import { type GeneratedEcosystem, generateEcosystem } from '../generator/generate-ecosystem.js';
import { EcosystemSeeder, elapsed } from './ecosystem-seeder.js';
import { type GroundTruthHeader, type PartnerIdentity, writeGroundTruthFile } from './ground-truth-file.js';
import {
  DEFAULT_CERTIFICATIONS_PER_PARTNER,
  DEFAULT_DEALS_PER_PARTNER,
  type ResolvedSeedOptions,
  type SeedFigures,
  type SeedOptions,
  SeedOptionsSchema,
  type SeedProgress,
} from './seed-options.js';

/** The emulators to seed: a running emulator, or anything holding its state. */
export interface SeedTargets {
  salesforce?: { state: SalesforceEmulatorState } | undefined;
  hubspot?: { state: HubSpotState } | undefined;
  /** Called as the seed advances (plain data; printing is the caller's business). */
  onProgress?: ((progress: SeedProgress) => void) | undefined;
}

/** What `seedEmulators` takes: the emulators (handles) and the seed options, in one object. */
export type SeedEmulatorsInput = SeedTargets & SeedOptions;

/**
 * Seeds the given emulators with a deterministic synthetic ecosystem (same options and seed, same rows)
 * and optionally writes its ground truth. Runs in-process on the emulators' state: no HTTP.
 * @example
 * const sf = await startSalesforceEmulator(); const hs = await startHubSpotEmulator();
 * const figures = await seedEmulators({ salesforce: sf, hubspot: hs, partners: 300, seed: 42,
 *   now: '2025-06-30', taxonomy: loadMappings('mappings').taxonomy, groundTruthFile: 'data/ground-truth.json' });
 */
export async function seedEmulators(input: SeedEmulatorsInput): Promise<SeedFigures> {
  const seeded = await seedEcosystem(input);
  const file = seeded.options.groundTruthFile;
  if (file === undefined) return seeded.figures;
  const t = performance.now();
  const progress = input.onProgress ?? (() => {});
  const partners = seeded.figures.generated.partners;
  progress({ phase: 'ground-truth', done: 0, total: partners });
  await writeGroundTruthFile(
    file,
    seeded.truth,
    seeded.identities,
    groundTruthHeader(seeded.options, seeded.figures),
  );
  progress({ phase: 'ground-truth', done: partners, total: partners });
  const groundTruth = elapsed(t);
  const { seconds } = seeded.figures;
  return {
    ...seeded.figures,
    groundTruthFile: file,
    seconds: { ...seconds, groundTruth, total: seconds.total + groundTruth },
  };
}

/** The header of the ground truth file of a seed. */
export function groundTruthHeader(o: ResolvedSeedOptions, figures: SeedFigures): GroundTruthHeader {
  const g = figures.generated;
  return {
    seed: o.seed,
    now: o.now,
    minExpertise: o.groundTruthMinExpertise,
    counts: { partners: g.partners, deals: g.deals, certifications: g.certifications },
  };
}

/** A seed's figures, and what its ground truth file needs (kept apart so a worker can write it later). */
export interface SeededEcosystem {
  figures: SeedFigures;
  options: ResolvedSeedOptions;
  truth: GeneratedEcosystem['truth'];
  /** Where each partner lives in the CRMs this call wrote (ids of the others are null). */
  identities: PartnerIdentity[];
}

/** {@link seedEmulators} without writing the ground truth file. */
export async function seedEcosystem(input: SeedEmulatorsInput): Promise<SeededEcosystem> {
  const targets: SeedTargets = input;
  const o = SeedOptionsSchema.parse(input);
  const { systems, write } = resolveSystems(targets, o);
  const started = performance.now();
  const progress = targets.onProgress ?? (() => {});
  const sf = write.has('salesforce') ? targets.salesforce?.state : undefined;
  const hs = write.has('hubspot') ? targets.hubspot?.state : undefined;

  progress({ phase: 'generate', done: 0, total: o.partners });
  const eco = generateEcosystem({
    partners: o.partners,
    ...(o.deals === undefined
      ? { dealsPerPartner: o.dealsPerPartner ?? DEFAULT_DEALS_PER_PARTNER }
      : { deals: o.deals }),
    certifications: o.certifications ?? o.partners * DEFAULT_CERTIFICATIONS_PER_PARTNER,
    seed: o.seed,
    taxonomy: o.taxonomy,
    now: o.now,
    system: 'salesforce',
  });
  const generateSeconds = elapsed(started);
  progress({ phase: 'generate', done: o.partners, total: o.partners });

  const seeder = new EcosystemSeeder(o, eco, systems, sf, hs, progress);
  await seeder.run();
  const watch = seeder.watch;
  const figures: SeedFigures = {
    seed: o.seed,
    generated: {
      partners: eco.partners.length,
      people: eco.people.length,
      deals: eco.deals.length,
      certifications: eco.certifications.length,
      customers: seeder.customers.size,
    },
    partners: seeder.membershipCounts(),
    salesforce: sf ? seeder.salesforceCounts : null,
    hubspot: hs ? seeder.hubspotCounts : null,
    dirty: seeder.dirtyCounts(),
    droppedPartnerLinks: seeder.droppedPartnerLinks,
    groundTruthFile: null,
    seconds: {
      generate: generateSeconds,
      placement: watch.placement,
      salesforceRows: watch.salesforceRows,
      salesforceInsert: watch.salesforceInsert,
      hubspotRows: watch.hubspotRows,
      hubspotInsert: watch.hubspotInsert,
      groundTruth: 0,
      total: elapsed(started),
    },
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  return { figures, options: o, truth: eco.truth, identities: seeder.identities };
}

function resolveSystems(
  targets: SeedTargets,
  o: ResolvedSeedOptions,
): { systems: Set<CrmSystem>; write: Set<CrmSystem> } {
  const given: CrmSystem[] = [];
  if (targets.salesforce) given.push('salesforce');
  if (targets.hubspot) given.push('hubspot');
  const systems = new Set(o.systems ?? given);
  const write = new Set(o.write ?? systems);
  if (systems.size === 0) {
    throw new AtlasError(
      'EMULATOR_SEED_TARGET',
      'nothing to seed: give a Salesforce and / or a HubSpot emulator',
    );
  }
  for (const system of write) {
    if (!systems.has(system)) {
      throw new AtlasError(
        'EMULATOR_SEED_TARGET',
        `cannot write ${system}: the ecosystem is split across ${[...systems].join(', ')} only`,
        { context: { system } },
      );
    }
    if (!given.includes(system)) {
      throw new AtlasError('EMULATOR_SEED_TARGET', `cannot seed ${system}: no ${system} emulator was given`, {
        context: { system },
      });
    }
  }
  return { systems, write };
}
