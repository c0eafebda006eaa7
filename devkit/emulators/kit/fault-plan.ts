/** One emulator's faults as a faults file or the control endpoint states them, mapped onto the fault injector. */
import { z } from 'zod';
import type { FaultConfig, FaultInjector } from './faults.js';

const rate = z.number().min(0).max(1);
const count = z.number().int().min(0);
const serverStatus = z.number().int().min(500).max(599).default(503);

/**
 * What an emulator should get wrong, in words a user writes. Strict at every level, so a misspelt key
 * is named rather than ignored. Counts queue one-off faults for the next requests; rates apply to every
 * request; `routes` narrows request faults to those route keys (e.g. `GET /query`).
 */
export const FaultPlanSchema = z.strictObject({
  /** Added to every request before it is answered. */
  latencyMs: z.number().int().min(0).optional(),
  /** 429 bursts: the next `count` requests answer 429 with `Retry-After: retryAfterSeconds`. */
  rateLimit: z.strictObject({ count, retryAfterSeconds: z.number().int().min(0).optional() }).optional(),
  /** 5xx: the next `count` requests, and / or a share `rate` of all requests, answer `status`. */
  serverErrors: z
    .strictObject({ count: count.optional(), rate: rate.optional(), status: serverStatus })
    .optional(),
  /** Connections closed without an answer. */
  drops: z.strictObject({ count: count.optional(), rate: rate.optional() }).optional(),
  /** Requests accepted and then served after `answerAfterMs`, or never when it is left out. */
  stalls: z
    .strictObject({
      count: count.optional(),
      rate: rate.optional(),
      answerAfterMs: z.number().int().min(0).optional(),
    })
    .optional(),
  /** Access tokens killed every N requests, and / or all at once (`now: true`). */
  tokenExpiry: z.strictObject({ everyRequests: count.optional(), now: z.boolean().optional() }).optional(),
  /** The login / token endpoint answers `status` to the next `failures` calls. */
  tokenEndpoint: z.strictObject({ failures: count, status: serverStatus }).optional(),
  /** Per-record write failures with the CRM's error body: these ids always, or a share by `rate`. */
  recordFailures: z
    .strictObject({
      ids: z.record(z.string(), z.string()).optional(),
      rate: rate.optional(),
      codes: z.array(z.string()).optional(),
    })
    .optional(),
  /** Only these route keys get request faults (all routes when left out). */
  routes: z.array(z.string()).optional(),
});
export type FaultPlan = z.infer<typeof FaultPlanSchema>;

/** What the injector holds now: the configuration, the one-off faults still queued, and what was injected. */
export interface FaultReport {
  config: FaultConfig;
  pending: FaultInjector['pending'];
  stats: FaultInjector['stats'];
}

/**
 * Replaces the injector's faults with `plan`: everything not in the plan is off, queued bursts are
 * forgotten, and the plan's counts are queued afresh.
 * @example applyFaultPlan(emulator.faults, { rateLimit: { count: 3, retryAfterSeconds: 2 } });
 */
export function applyFaultPlan(faults: FaultInjector, plan: FaultPlan): FaultReport {
  faults.reset();
  // Left-out values are undefined here, which the config schema turns back into its defaults (off).
  faults.set({
    latencyMs: plan.latencyMs,
    errorRate: plan.serverErrors?.rate,
    errorStatus: plan.serverErrors?.status,
    dropRate: plan.drops?.rate,
    stallRate: plan.stalls?.rate,
    stallAnswerAfterMs: plan.stalls?.answerAfterMs,
    expireTokensEveryRequests: plan.tokenExpiry?.everyRequests,
    retryAfterSeconds: plan.rateLimit?.retryAfterSeconds,
    onlyRoutes: plan.routes,
    recordFailures: plan.recordFailures ?? {},
  });
  if (plan.rateLimit) faults.burst429(plan.rateLimit.count);
  if (plan.serverErrors?.count) faults.failNext(plan.serverErrors.count, plan.serverErrors.status);
  if (plan.drops?.count) faults.dropNext(plan.drops.count);
  if (plan.stalls?.count) faults.stallNext(plan.stalls.count);
  if (plan.tokenEndpoint) faults.failTokenEndpoint(plan.tokenEndpoint.failures, plan.tokenEndpoint.status);
  if (plan.tokenExpiry?.now) faults.expireTokens();
  return faultReport(faults);
}

/** The injector's state as the control endpoint shows it. */
export function faultReport(faults: FaultInjector): FaultReport {
  return { config: faults.config, pending: faults.pending, stats: { ...faults.stats } };
}
