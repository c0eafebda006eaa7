/** What the main thread and an emulator worker say to each other, parsed with zod on both sides. */
import { z } from 'zod';
import { ErrorCodeSchema, VendorErrorCodeSchema } from '../../src/error-codes.js';
import { CrmSystemSchema } from '../../src/model/source-ref.js';
import { FaultsFileSchema } from '../emulators/kit/index.js';
import { GroundTruthHeaderSchema, PartnerIdentitySchema } from './ground-truth-file.js';
import { SeedFiguresSchema, SeedOptionsSchema, SeedProgressSchema } from './seed-options.js';

const PortSchema = z.number().int().min(0).max(65_535);

/** `workerData` of an emulator worker: which CRMs it serves and writes, where, and the seed options. */
export const EmulatorWorkerDataSchema = z.object({
  systems: z.array(CrmSystemSchema).min(1),
  salesforcePort: PortSchema.optional(),
  hubspotPort: PortSchema.optional(),
  host: z.string().optional(),
  /** Faults to put in force once seeded: the worker owns the servers, so it applies them. */
  faults: FaultsFileSchema.optional(),
  /** The seed's options, without callbacks and without the ground truth file (written on request). */
  options: SeedOptionsSchema,
});
export type EmulatorWorkerData = z.infer<typeof EmulatorWorkerDataSchema>;

const SalesforceCredentialsSchema = z.object({
  clientId: z.string(),
  clientSecret: z.string(),
  username: z.string(),
  password: z.string(),
});

/** Worker → main. */
export const WorkerReportSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: SeedProgressSchema }),
  z.object({
    type: z.literal('seeded'),
    /** The emulators served, with their placeholder credentials (Salesforce) and private app token (HubSpot). */
    salesforce: z.object({ url: z.string(), credentials: SalesforceCredentialsSchema }).optional(),
    hubspot: z.object({ url: z.string(), accessToken: z.string() }).optional(),
    figures: SeedFiguresSchema,
    identities: z.array(PartnerIdentitySchema),
  }),
  z.object({ type: z.literal('truth-written'), bytes: z.number().int() }),
  z.object({ type: z.literal('closed') }),
  z.object({
    type: z.literal('failed'),
    code: z.union([ErrorCodeSchema, VendorErrorCodeSchema]),
    message: z.string(),
  }),
]);
export type WorkerReport = z.infer<typeof WorkerReportSchema>;

/** Main → worker. */
export const WorkerCommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('write-truth'),
    file: z.string(),
    identities: z.array(PartnerIdentitySchema),
    header: GroundTruthHeaderSchema,
  }),
  z.object({ type: z.literal('close') }),
]);
export type WorkerCommand = z.infer<typeof WorkerCommandSchema>;
