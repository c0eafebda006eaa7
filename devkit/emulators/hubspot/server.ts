/** Starts the HubSpot emulator in-process on 127.0.0.1 (port 0 by default) and hands back its state, log and faults. */
import { type EmulatorClock, FaultInjector, RequestLog, startHttpServer, systemClock } from '../kit/index.js';
import { createHubSpotApp } from './app.js';
import { DEFAULT_SCOPES, type HubSpotEmulatorOptions, HubSpotEmulatorOptionsSchema } from './options.js';
import { HubSpotState } from './state.js';

/** A running emulator. Point @hubspot/api-client at it with `new Client({ accessToken, basePath: url })`. */
export interface HubSpotEmulator {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:53121`. */
  url: string;
  port: number;
  state: HubSpotState;
  log: RequestLog;
  faults: FaultInjector;
  clock: EmulatorClock;
  /** The private app tokens accepted (the first is the default placeholder unless `tokens` were given). */
  tokens: string[];
  close(): Promise<void>;
}

/**
 * Starts an emulator portal with the brief's default schema.
 * @example
 * const emulator = await startHubSpotEmulator({ seed: 7, clock: createManualClock('2026-01-01T00:00:00Z') });
 * emulator.state.insertMany('companies', [{ properties: { name: 'Acme', domain: 'acme.example' } }]);
 * const client = new Client({ accessToken: emulator.tokens[0], basePath: emulator.url });
 * await emulator.close();
 */
export async function startHubSpotEmulator(input: HubSpotEmulatorOptions = {}): Promise<HubSpotEmulator> {
  const options = HubSpotEmulatorOptionsSchema.parse(input);
  const clock = options.clock ?? systemClock;
  const faults = new FaultInjector({
    seed: options.seed,
    config: {
      ...options.faults,
      // A client can always get a fresh token, even while faults rain.
      exemptRoutes: [...new Set(['POST /oauth/v1/token', ...(options.faults?.exemptRoutes ?? [])])],
    },
  });
  const log = new RequestLog({ maxEntries: options.maxLogEntries });
  const state = new HubSpotState({
    portalId: options.portalId,
    timeZone: options.timeZone,
    utcOffsetMilliseconds: options.utcOffsetMilliseconds,
    clock,
    seed: options.seed,
    rateLimit: options.rateLimit,
    oauth: options.oauth,
    tokenEpoch: () => faults.tokenEpoch,
    productFamilies: options.productFamilies,
    withCertifications: options.withCertifications && options.customObjects,
    customObjects: options.customObjects,
    withPartnerLabels: options.withPartnerLabels,
  });
  faults.on('fault', (event) => {
    if (event.kind === 'token-expiry') state.tokens.noteEpochStarted(faults.tokenEpoch, clock.now());
  });
  const tokens: string[] = [];
  for (const t of options.tokens) {
    const token = typeof t === 'string' ? t : t.token;
    const scopes = typeof t === 'string' ? DEFAULT_SCOPES : (t.scopes ?? DEFAULT_SCOPES);
    state.tokens.addPrivateAppToken(token, scopes);
    tokens.push(token);
  }
  const app = createHubSpotApp(state, { log, faults });
  const running = await startHttpServer(app, { port: options.port, host: options.host });
  return { url: running.url, port: running.port, state, log, faults, clock, tokens, close: running.close };
}
