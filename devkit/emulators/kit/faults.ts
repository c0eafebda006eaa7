/** Fault injection shared by the emulators: latency, 5xx, 429 bursts, dropped sockets, stalls, token expiry, record failures. */
import { EventEmitter } from 'node:events';
import { z } from 'zod';
import { createRandom, hashString, keyedHash, keyedUnit, pickBy, type Random } from '../../seeded-random.js';

const STALL_KEY = hashString('stall');

/** Per-record write failures, by record id (always fail) or by rate (deterministic per id and attempt). */
export const RecordFailureConfigSchema = z.object({
  /** Record id → vendor error code; these records fail on every write until the config changes. */
  ids: z.record(z.string(), z.string()).default({}),
  /** Share of written records that fail, 0..1, decided per (seed, id, attempt) so a retry may pass. */
  rate: z.number().min(0).max(1).default(0),
  /** Codes a rate-based failure picks from (the emulator supplies its vendor's defaults when empty). */
  codes: z.array(z.string()).default([]),
});
export type RecordFailureConfig = z.infer<typeof RecordFailureConfigSchema>;

/** Everything an emulator can be told to get wrong; every field optional, all off by default. */
export const FaultConfigSchema = z.object({
  /** Added to every (non-exempt) request before it is answered. */
  latencyMs: z.number().int().min(0).default(0),
  /** Share of requests answered with `errorStatus`, 0..1. */
  errorRate: z.number().min(0).max(1).default(0),
  /** Status of injected server errors. */
  errorStatus: z.number().int().min(500).max(599).default(503),
  /** Share of requests whose socket is destroyed without an answer, 0..1. */
  dropRate: z.number().min(0).max(1).default(0),
  /** Share of requests accepted but left unanswered (see `stallAnswerAfterMs`), 0..1. */
  stallRate: z.number().min(0).max(1).default(0),
  /** How long a stalled request waits before it is served; null: never (until the client gives up). */
  stallAnswerAfterMs: z.number().int().min(0).nullable().default(null),
  /** Every this many (non-exempt) requests, every token issued so far becomes invalid; 0 = never. */
  expireTokensEveryRequests: z.number().int().min(0).default(0),
  /** Seconds advertised in `Retry-After` on injected 429s. */
  retryAfterSeconds: z.number().int().min(0).default(1),
  /**
   * Route keys (e.g. `POST /oauth2/token`) never faulted, so a client can always re-authenticate; only
   * `failTokenEndpoint` reaches them.
   */
  exemptRoutes: z.array(z.string()).default([]),
  /** When non-empty, only these route keys get request faults. */
  onlyRoutes: z.array(z.string()).default([]),
  recordFailures: RecordFailureConfigSchema.default({ ids: {}, rate: 0, codes: [] }),
});
export type FaultConfig = z.infer<typeof FaultConfigSchema>;
/** What callers pass: any subset. */
export type FaultConfigInput = z.input<typeof FaultConfigSchema>;

/** What to do with one request. */
export type RequestFault =
  | { kind: 'none'; latencyMs: number }
  | { kind: 'drop'; latencyMs: number }
  | { kind: 'stall'; latencyMs: number; answerAfterMs: number | null }
  | { kind: 'too-many-requests'; latencyMs: number; retryAfterSeconds: number }
  | { kind: 'server-error'; latencyMs: number; status: number };

/** Counters of injected faults, for assertions and benchmark notes. */
export interface FaultStats {
  requests: number;
  delayed: number;
  dropped: number;
  stalled: number;
  tooManyRequests: number;
  serverErrors: number;
  tokenExpiries: number;
  recordFailures: number;
}

export interface FaultEvent {
  kind: 'drop' | 'stall' | 'too-many-requests' | 'server-error' | 'token-expiry' | 'record-failure';
  route?: string;
  recordId?: string;
  code?: string;
}

/**
 * Decides faults for one emulator instance. Deterministic given the seed and the request sequence;
 * record failures are deterministic per record id regardless of order.
 * @example
 * const faults = new FaultInjector({ seed: 7, config: { errorRate: 0.1 } });
 * faults.burst429(3); // the next 3 requests answer 429
 */
export class FaultInjector extends EventEmitter<{ fault: [FaultEvent] }> {
  #config: FaultConfig;
  #random: Random;
  readonly #seed: number;
  #pending429 = 0;
  #pendingDrops = 0;
  #pendingErrors: number[] = [];
  #pendingStalls = 0;
  #pendingTokenEndpointErrors: number[] = [];
  #tokenEpoch = 0;
  #counted = 0;
  #attempts = new Map<string, number>();
  readonly stats: FaultStats = {
    requests: 0,
    delayed: 0,
    dropped: 0,
    stalled: 0,
    tooManyRequests: 0,
    serverErrors: 0,
    tokenExpiries: 0,
    recordFailures: 0,
  };

  constructor(options: { seed?: number | string; config?: FaultConfigInput } = {}) {
    super();
    const seed = options.seed ?? 1;
    this.#random = createRandom(seed);
    this.#seed = typeof seed === 'string' ? hashString(seed) : seed;
    this.#config = FaultConfigSchema.parse(options.config ?? {});
  }

  /** The configuration in force. */
  get config(): FaultConfig {
    return this.#config;
  }

  /** Merges `patch` into the configuration (validated); takes effect on the next request. */
  set(patch: FaultConfigInput): FaultConfig {
    const merged = { ...this.#config, ...patch };
    if (patch.recordFailures)
      merged.recordFailures = { ...this.#config.recordFailures, ...patch.recordFailures };
    this.#config = FaultConfigSchema.parse(merged);
    return this.#config;
  }

  /**
   * Turns every fault off and forgets queued bursts. `exemptRoutes` are kept (the token endpoint stays
   * reachable) and the token epoch too (expired tokens stay expired).
   */
  reset(): void {
    this.#config = FaultConfigSchema.parse({ exemptRoutes: this.#config.exemptRoutes });
    this.#pending429 = 0;
    this.#pendingDrops = 0;
    this.#pendingErrors = [];
    this.#pendingStalls = 0;
    this.#pendingTokenEndpointErrors = [];
    this.#attempts.clear();
  }

  /** The next `count` faultable requests answer 429 (a rate-limit burst). */
  burst429(count: number): void {
    this.#pending429 += count;
  }

  /** The next `count` faultable requests have their socket destroyed. */
  dropNext(count = 1): void {
    this.#pendingDrops += count;
  }

  /** The next `count` faultable requests answer `status`. */
  failNext(count = 1, status = this.#config.errorStatus): void {
    for (let i = 0; i < count; i++) this.#pendingErrors.push(status);
  }

  /** The next `count` faultable requests stall: accepted, then served after `stallAnswerAfterMs` or never. */
  stallNext(count = 1): void {
    this.#pendingStalls += count;
  }

  /** The next `count` requests to an exempt route (the token endpoint) answer `status`: login is down. */
  failTokenEndpoint(count = 1, status = 503): void {
    for (let i = 0; i < count; i++) this.#pendingTokenEndpointErrors.push(status);
  }

  /** Queued one-off faults not yet spent. */
  get pending(): {
    tooManyRequests: number;
    serverErrors: number;
    drops: number;
    stalls: number;
    tokenEndpointErrors: number;
  } {
    return {
      tooManyRequests: this.#pending429,
      serverErrors: this.#pendingErrors.length,
      drops: this.#pendingDrops,
      stalls: this.#pendingStalls,
      tokenEndpointErrors: this.#pendingTokenEndpointErrors.length,
    };
  }

  /** Generation of tokens: a token issued under an older epoch is invalid. */
  get tokenEpoch(): number {
    return this.#tokenEpoch;
  }

  /** Invalidates every token issued so far (a session killed mid-run). */
  expireTokens(): void {
    this.#tokenEpoch++;
    this.stats.tokenExpiries++;
    this.emit('fault', { kind: 'token-expiry' });
  }

  /** Decides the fate of one request to `route` (a normalised route key such as `GET /query`). */
  decide(route: string): RequestFault {
    const c = this.#config;
    this.stats.requests++;
    // Exempt routes (the token endpoint) neither fail nor count toward token expiry: otherwise a client
    // re-authenticating could be sent round the refresh loop forever. Only an explicit token endpoint
    // outage reaches them, and it runs out.
    if (c.exemptRoutes.includes(route)) {
      const status = this.#pendingTokenEndpointErrors.shift();
      return status === undefined ? { kind: 'none', latencyMs: 0 } : this.#serverError(route, 0, status);
    }
    this.#counted++;
    if (c.expireTokensEveryRequests > 0 && this.#counted % c.expireTokensEveryRequests === 0) {
      this.expireTokens();
    }
    if (c.onlyRoutes.length > 0 && !c.onlyRoutes.includes(route)) return { kind: 'none', latencyMs: 0 };
    const latencyMs = c.latencyMs;
    if (latencyMs > 0) this.stats.delayed++;
    if (this.#pendingDrops > 0) {
      this.#pendingDrops--;
      return this.#drop(route, latencyMs);
    }
    if (this.#pending429 > 0) {
      this.#pending429--;
      return this.#tooMany(route, latencyMs);
    }
    const queued = this.#pendingErrors.shift();
    if (queued !== undefined) return this.#serverError(route, latencyMs, queued);
    if (this.#pendingStalls > 0) {
      this.#pendingStalls--;
      return this.#stall(route, latencyMs);
    }
    // Draw every rate every time so one rate's setting does not shift another's sequence.
    const dropDraw = this.#random.next();
    const errorDraw = this.#random.next();
    if (dropDraw < c.dropRate) return this.#drop(route, latencyMs);
    if (errorDraw < c.errorRate) return this.#serverError(route, latencyMs, c.errorStatus);
    // A keyed draw, not the stream: stalls added later leave the drop and error sequences of a seed as they were.
    if (c.stallRate > 0 && keyedUnit(this.#seed, STALL_KEY, this.#counted) < c.stallRate) {
      return this.#stall(route, latencyMs);
    }
    return { kind: 'none', latencyMs };
  }

  /**
   * Whether writing `recordId` should fail now, and with which code. Rate-based failures are keyed by
   * (seed, id, attempt number for that id), so the same run fails the same records and a retry can pass.
   */
  recordFailure(recordId: string, defaultCodes: readonly string[] = []): string | undefined {
    const rf = this.#config.recordFailures;
    const fixed = rf.ids[recordId];
    if (fixed !== undefined) return this.#recordFailed(recordId, fixed);
    if (rf.rate <= 0) return undefined;
    const attempt = (this.#attempts.get(recordId) ?? 0) + 1;
    this.#attempts.set(recordId, attempt);
    // Keyed by (seed, record, attempt): the same record fails the same way whatever the write order.
    const key = hashString(recordId);
    if (keyedUnit(this.#seed, key, attempt) >= rf.rate) return undefined;
    const codes = rf.codes.length > 0 ? rf.codes : defaultCodes;
    if (codes.length === 0) return undefined;
    return this.#recordFailed(recordId, pickBy(codes, keyedHash(this.#seed, ~key, attempt)));
  }

  #recordFailed(recordId: string, code: string): string {
    this.stats.recordFailures++;
    this.emit('fault', { kind: 'record-failure', recordId, code });
    return code;
  }

  #drop(route: string, latencyMs: number): RequestFault {
    this.stats.dropped++;
    this.emit('fault', { kind: 'drop', route });
    return { kind: 'drop', latencyMs };
  }

  #stall(route: string, latencyMs: number): RequestFault {
    this.stats.stalled++;
    this.emit('fault', { kind: 'stall', route });
    return { kind: 'stall', latencyMs, answerAfterMs: this.#config.stallAnswerAfterMs };
  }

  #tooMany(route: string, latencyMs: number): RequestFault {
    this.stats.tooManyRequests++;
    this.emit('fault', { kind: 'too-many-requests', route });
    return { kind: 'too-many-requests', latencyMs, retryAfterSeconds: this.#config.retryAfterSeconds };
  }

  #serverError(route: string, latencyMs: number, status: number): RequestFault {
    this.stats.serverErrors++;
    this.emit('fault', { kind: 'server-error', route });
    return { kind: 'server-error', latencyMs, status };
  }
}
