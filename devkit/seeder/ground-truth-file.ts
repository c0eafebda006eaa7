/** The ground truth as a JSON file: each partner's latent expertise per sector × technology cell, under its canonical id. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { GroundTruth } from '../generator/generate-ecosystem.js';
import { ARCHETYPES, TRUE_EXPERT_THRESHOLD } from '../generator/latent-expertise.js';

/** Version tag of the file format below. */
export const GROUND_TRUTH_FORMAT = 'partner-atlas-ground-truth/1';
/** Joins a sector key and a technology key into a cell key: `healthcare×data_ai`. */
export const CELL_SEPARATOR = '×';

/**
 * The file format. `partners[].expertise` lists only the cells at or above `minExpertise` (rounded to
 * three decimals); every cell not listed is below it. With `minExpertise` 0 every cell is listed.
 * `id` is the canonical partner id after identity resolution: the Salesforce Account's refKey when the
 * partner has one, else the HubSpot company's. `duplicates` are the refKeys of dirty duplicate records
 * of the same partner.
 * @example
 * { "format": "partner-atlas-ground-truth/1", "seed": 42, "sectors": ["healthcare", …], "technologies": […],
 *   "partners": [{ "id": "salesforce:Account:0015g…", "salesforceId": "0015g…", "hubspotId": "200000017",
 *     "crm": "both", "archetype": "specialist", "size": 0.412, "legacyTier": "Silver",
 *     "expertise": { "healthcare×data_ai": 0.912 } }] }
 */
export const GroundTruthFileSchema = z.object({
  format: z.literal(GROUND_TRUTH_FORMAT),
  seed: z.number().int(),
  now: z.string(),
  sectors: z.array(z.string()),
  technologies: z.array(z.string()),
  cellSeparator: z.literal(CELL_SEPARATOR),
  minExpertise: z.number().min(0).max(1),
  /** Latent expertise at or above this makes a true expert of the cell (the target of precision@k). */
  trueExpertThreshold: z.number(),
  counts: z.object({ partners: z.number().int(), deals: z.number().int(), certifications: z.number().int() }),
  partners: z.array(
    z.object({
      id: z.string(),
      salesforceId: z.string().optional(),
      hubspotId: z.string().optional(),
      crm: z.enum(['salesforce', 'hubspot', 'both']),
      archetype: z.enum(ARCHETYPES),
      size: z.number(),
      legacyTier: z.string().nullable(),
      duplicates: z.array(z.string()).optional(),
      expertise: z.record(z.string(), z.number().min(0).max(1)),
    }),
  ),
});
export type GroundTruthFile = z.infer<typeof GroundTruthFileSchema>;

/** Per partner (generation order), where it lives after seeding. */
export const PartnerIdentitySchema = z.object({
  salesforceId: z.string().nullable(),
  hubspotId: z.string().nullable(),
  legacyTier: z.string().nullable(),
  /** refKeys of dirty duplicate records of the partner. */
  duplicates: z.array(z.string()),
});
export type PartnerIdentity = z.infer<typeof PartnerIdentitySchema>;

/** The header fields of a ground truth file that come from the seed (the rest from the generator). */
export const GroundTruthHeaderSchema = z.object({
  seed: z.number().int(),
  now: z.string(),
  minExpertise: z.number().min(0).max(1),
  counts: z.object({ partners: z.number().int(), deals: z.number().int(), certifications: z.number().int() }),
});
export type GroundTruthHeader = z.infer<typeof GroundTruthHeaderSchema>;

/** One partner's identity from two seeds that each wrote one CRM. */
export function mergeIdentities(a: PartnerIdentity, b: PartnerIdentity): PartnerIdentity {
  return {
    salesforceId: a.salesforceId ?? b.salesforceId,
    hubspotId: a.hubspotId ?? b.hubspotId,
    legacyTier: a.legacyTier ?? b.legacyTier,
    duplicates: [...a.duplicates, ...b.duplicates],
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Serialises the ground truth, one partner per line (a 100k-partner file stays greppable), and writes it,
 * creating the directory. Returns the number of bytes written.
 */
export async function writeGroundTruthFile(
  file: string,
  truth: GroundTruth,
  identities: readonly PartnerIdentity[],
  header: GroundTruthHeader,
): Promise<number> {
  const S = truth.sectors.length;
  const T = truth.technologies.length;
  const cellKeys: string[] = [];
  for (const s of truth.sectors)
    for (const t of truth.technologies) cellKeys.push(`${s}${CELL_SEPARATOR}${t}`);
  const lines: string[] = [];
  for (let p = 0; p < truth.partnerIds.length; p++) {
    const who = identities[p]!;
    const expertise: Record<string, number> = {};
    const base = p * S * T;
    for (let c = 0; c < S * T; c++) {
      const e = truth.expertise[base + c]!;
      if (e >= header.minExpertise) expertise[cellKeys[c]!] = round3(e);
    }
    const crm =
      who.salesforceId !== null && who.hubspotId !== null
        ? 'both'
        : who.salesforceId !== null
          ? 'salesforce'
          : 'hubspot';
    const entry: GroundTruthFile['partners'][number] = {
      id:
        who.salesforceId !== null
          ? `salesforce:Account:${who.salesforceId}`
          : `hubspot:companies:${who.hubspotId}`,
      ...(who.salesforceId === null ? {} : { salesforceId: who.salesforceId }),
      ...(who.hubspotId === null ? {} : { hubspotId: who.hubspotId }),
      crm,
      archetype: ARCHETYPES[truth.archetypes[p]!] ?? 'generalist',
      size: round3(truth.size[p]!),
      legacyTier: who.legacyTier,
      ...(who.duplicates.length > 0 ? { duplicates: who.duplicates } : {}),
      expertise,
    };
    lines.push(JSON.stringify(entry));
  }
  const head = {
    format: GROUND_TRUTH_FORMAT,
    seed: header.seed,
    now: header.now,
    sectors: truth.sectors,
    technologies: truth.technologies,
    cellSeparator: CELL_SEPARATOR,
    minExpertise: header.minExpertise,
    trueExpertThreshold: TRUE_EXPERT_THRESHOLD,
    counts: header.counts,
  };
  const text = `${JSON.stringify(head).slice(0, -1)},"partners":[\n${lines.join(',\n')}\n]}\n`;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text, 'utf8');
  return Buffer.byteLength(text);
}

/** Reads and validates a ground truth file. */
export function parseGroundTruthFile(text: string): GroundTruthFile {
  return GroundTruthFileSchema.parse(JSON.parse(text));
}

/**
 * The in-memory ground truth of a file, under the canonical partner ids, for ranking-quality measures.
 * Archetypes and sizes are not needed there and read as 0; cells below the file's `minExpertise` as 0.
 */
export function groundTruthOf(file: GroundTruthFile): GroundTruth {
  const S = file.sectors.length;
  const T = file.technologies.length;
  const expertise = new Float32Array(file.partners.length * S * T);
  const sectorIndex = new Map(file.sectors.map((s, i) => [s, i]));
  const technologyIndex = new Map(file.technologies.map((t, i) => [t, i]));
  file.partners.forEach((partner, p) => {
    for (const [cell, value] of Object.entries(partner.expertise)) {
      const [sector = '', technology = ''] = cell.split(CELL_SEPARATOR);
      const s = sectorIndex.get(sector);
      const t = technologyIndex.get(technology);
      if (s !== undefined && t !== undefined) expertise[p * S * T + s * T + t] = value;
    }
  });
  return {
    sectors: [...file.sectors],
    technologies: [...file.technologies],
    partnerIds: file.partners.map((p) => p.id as GroundTruth['partnerIds'][number]),
    expertise,
    archetypes: new Uint8Array(file.partners.length),
    size: new Float32Array(file.partners.length),
  };
}
