/**
 * What `atlas serve` does: the admin web app and the nightly schedule in one process. The demo serves the same app
 * over its emulators.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Connector } from '../../connectors/types.js';
import { type AtlasEnv, mappingsDir, oidcSettings, TrustProxySchema } from '../config.js';
import { AtlasError } from '../errors.js';
import { createLogger } from '../log.js';
import { type LoadedMappings, loadMappings } from '../mapping/index.js';
import type { CrmSystem } from '../model/index.js';
import {
  FULL_SCHEDULE_OFF,
  type NightlySchedule,
  type ScheduleSettings,
  scheduleSettings,
  startNightlySchedule,
} from '../schedule/nightly-schedule.js';
import { type ScheduleHealth, startServer } from '../server/index.js';
import { pipelineRunLauncher } from '../server/pipeline-runs.js';
import { isLoopbackHost, plainHttpWarning } from '../server/plain-http-warning.js';
import type { Store } from '../store/index.js';
import { connectorOpeners, selectSystems } from '../sync/open-connectors.js';
import { lockOwner, withRunLock } from '../sync/run-lock.js';
import { runOptionsOf } from '../sync/run-options.js';
import { runPipeline } from '../sync/run-pipeline.js';
import { createCrmPreviews, runFromServer } from '../sync/server-services.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { LOCK_STALE_MS } from './run-action.js';
import type { ServeCommandOptions } from './serve-command.js';
import { openCommandStore } from './store-from-options.js';

export interface ServeOptions {
  store: Store;
  env: AtlasEnv;
  mappings: LoadedMappings;
  /** Fixed connectors (the demo's emulators); otherwise opened from the environment per run. */
  connectors?: Partial<Record<CrmSystem, Connector>>;
  port: number;
  host?: string;
  /** Express `trust proxy` (ATLAS_TRUST_PROXY, `--trust-proxy`): behind a TLS-terminating proxy. */
  trustProxy?: false | number | string;
  /** Pinned scoring instant (the demo's today). */
  scoreAt?: string;
  crmLinks?: {
    salesforceUrl: string | null;
    hubspotPortalId: string | null;
    /** objectTypeId of HubSpot custom objects by name, e.g. `{ certifications: '2-1234567' }`. */
    hubspotObjectTypeIds?: Record<string, string>;
  };
  /** The nightly schedule to start too, checked by {@link scheduleSettings}; false for none. */
  schedule: ScheduleSettings | false;
}

/** How long a stop waits for runs in progress, told to stop, to end and release the run lock. */
const STOP_GRACE_MS = 20_000;

/** Resolves on the first SIGINT or SIGTERM; a second one then ends the process at once (the default). */
function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * The connectors a run of `atlas serve` opens, from the environment. As `atlas run` does, no CRM configured
 * (or one asked for that is not) stops the run before it starts, instead of a run that "succeeds" having
 * read and written nothing.
 */
export function serverConnectors(env: AtlasEnv, dir: string, logger: Logger) {
  return async (systems: readonly CrmSystem[] | undefined) =>
    connectorOpeners(selectSystems(env, systems), env, loadMappings(dir), logger);
}

/**
 * Serves until SIGINT / SIGTERM; prints the URL (and the token when it was generated here). On the signal it
 * stops the schedule and the server, tells runs in progress to stop, and waits a while for them to end.
 */
export async function serveUntilStopped(context: CliContext, options: ServeOptions): Promise<void> {
  const { store, env } = options;
  const logger = createLogger(env);
  const dir = mappingsDir(env);
  const generated = env.ATLAS_ADMIN_TOKEN === undefined;
  const adminToken = env.ATLAS_ADMIN_TOKEN ?? randomBytes(24).toString('base64url');
  const oidc = oidcSettings(env, {
    loopbackOnly:
      isLoopbackHost(options.host ?? '127.0.0.1') &&
      (options.trustProxy === undefined || options.trustProxy === false),
  });
  const lock = { owner: lockOwner('serve'), staleAfterMs: LOCK_STALE_MS };
  const connectors = options.connectors
    ? async () => options.connectors ?? {}
    : serverConnectors(env, dir, logger);
  const stopping = new AbortController();
  const services = {
    store,
    mappingsDir: dir,
    connectors,
    lock,
    signal: stopping.signal,
    deadlineMinutes: env.ATLAS_RUN_DEADLINE_MINUTES,
    ...(options.scoreAt ? { scoreAt: () => options.scoreAt as string } : {}),
    ...(env.ATLAS_WEBHOOK_URL ? { webhookUrl: env.ATLAS_WEBHOOK_URL } : {}),
  };
  const runs = pipelineRunLauncher({
    store,
    run: (watched, start) => runFromServer(services, watched, start),
    logger,
  });
  let scheduledRun: Promise<unknown> | undefined;
  let schedule: NightlySchedule | null = null;
  const server = await startServer(
    {
      store,
      mappingsDir: dir,
      adminToken,
      ...(oidc ? { oidc } : {}),
      ...(env.ATLAS_LINK_SECRET ? { linkSecret: env.ATLAS_LINK_SECRET } : {}),
      runs,
      crm: createCrmPreviews(services),
      logger,
      ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
      crmLinks: {
        ...(options.crmLinks?.salesforceUrl ? { salesforceInstanceUrl: options.crmLinks.salesforceUrl } : {}),
        ...(options.crmLinks?.hubspotPortalId ? { hubspotPortalId: options.crmLinks.hubspotPortalId } : {}),
        ...(options.crmLinks?.hubspotObjectTypeIds
          ? { hubspotObjectTypeIds: options.crmLinks.hubspotObjectTypeIds }
          : {}),
      },
    },
    {
      port: options.port,
      ...(options.host ? { host: options.host } : {}),
      schedule: () => scheduleHealth(schedule),
    },
  );
  schedule = options.schedule
    ? await startNightlySchedule({
        expression: options.schedule.expression,
        fullExpression: options.schedule.fullExpression ?? FULL_SCHEDULE_OFF,
        timezone: options.schedule.timezone,
        logger,
        scheduledRuns: async () =>
          (await store.listRuns({ kind: 'run', limit: 20 })).filter(
            (r) => runOptionsOf(r).trigger === 'schedule',
          ),
        trigger: ({ full }) => {
          const run = (async () => {
            const mappings = loadMappings(dir);
            const opened = await connectors(undefined);
            await withRunLock(store, { ...lock, waitMs: 0 }, (held) =>
              runPipeline({
                store,
                mappings,
                connectors: opened,
                lock: held,
                full,
                deadlineMinutes: env.ATLAS_RUN_DEADLINE_MINUTES,
                trigger: 'schedule',
                signal: stopping.signal,
                ...(env.ATLAS_WEBHOOK_URL ? { webhookUrl: env.ATLAS_WEBHOOK_URL } : {}),
              }),
            );
          })();
          scheduledRun = run;
          return run.finally(() => {
            if (scheduledRun === run) scheduledRun = undefined;
          });
        },
      })
    : null;
  context.out(`Dashboard: ${server.url}`);
  const warning = plainHttpWarning(options.host ?? '127.0.0.1', options.trustProxy);
  if (warning) {
    logger.warn({ host: options.host }, warning);
    context.err(`Warning: ${warning}`);
  }
  if (generated)
    context.out(
      `Sign-in token (generated for this session; set ATLAS_ADMIN_TOKEN to choose one): ${adminToken}`,
    );
  if (schedule) {
    context.out(
      `Nightly run: "${schedule.expression}" in ${schedule.timezone}; next ${whenIn(schedule.nextRun(), schedule.timezone)}`,
    );
    context.out(
      schedule.fullExpression === null
        ? 'Full reconciliation: off (ATLAS_FULL_SCHEDULE=off); `atlas run --full` reads everything again'
        : `Full reconciliation (every record read again): "${schedule.fullExpression}"`,
    );
    if (schedule.missed)
      context.out(
        `A scheduled run was missed at ${whenIn(schedule.missed, schedule.timezone)} (the service was down).`,
      );
  }
  context.out('Press Ctrl+C to stop.');
  const signal = await untilStopSignal();
  logger.info({ signal }, 'admin server stopping');
  stopping.abort();
  const running = [runs.current(), scheduledRun].filter((run) => run !== undefined);
  await schedule?.stop();
  await server.close();
  if (running.length > 0) {
    context.out('Waiting for the run in progress to stop…');
    const ended = await Promise.race([
      Promise.allSettled(running).then(() => true),
      delay(STOP_GRACE_MS, false, { ref: false }),
    ]);
    // The next start marks it interrupted, and takes its lock over at once (same host, process gone).
    if (!ended) logger.warn({ graceMs: STOP_GRACE_MS }, 'a run was still going when the server stopped');
  }
}

/** A schedule instant as a person reads it, in the schedule's zone: "Tuesday 8 December 2026 at 02:00". */
function whenIn(at: Date | null, timezone: string): string {
  if (!at) return 'never';
  return at.toLocaleString('en-GB', { timeZone: timezone, dateStyle: 'full', timeStyle: 'short' });
}

/** The schedule as `/health` reports it. */
function scheduleHealth(schedule: NightlySchedule | null): ScheduleHealth {
  if (!schedule) return { armed: false };
  return {
    armed: true,
    expression: schedule.expression,
    timezone: schedule.timezone,
    nextRun: schedule.nextRun()?.toISOString() ?? null,
    nextFullRun: schedule.nextFullRun()?.toISOString() ?? null,
  };
}

/** `--trust-proxy` (alone: the one proxy in front) over ATLAS_TRUST_PROXY; nothing when neither is set. */
function trustProxyOf(options: ServeCommandOptions, env: AtlasEnv): Pick<ServeOptions, 'trustProxy'> {
  const given =
    options.trustProxy === undefined ? undefined : TrustProxySchema.parse(String(options.trustProxy));
  const trustProxy = given ?? env.ATLAS_TRUST_PROXY;
  return trustProxy === undefined ? {} : { trustProxy };
}

export async function serveAdminApp(context: CliContext, options: ServeCommandOptions): Promise<void> {
  const env = context.env();
  if (!env.ATLAS_ADMIN_TOKEN) {
    throw new AtlasError(
      'CONFIG_INVALID',
      'ATLAS_ADMIN_TOKEN is not set: generate one with `openssl rand -base64 32`',
    );
  }
  // Checked before the store opens or the port is taken: a bad schedule stops the start instead of leaving none.
  const schedule = options.schedule
    ? scheduleSettings({
        ...(env.ATLAS_SCHEDULE ? { expression: env.ATLAS_SCHEDULE } : {}),
        ...(env.ATLAS_FULL_SCHEDULE ? { fullExpression: env.ATLAS_FULL_SCHEDULE } : {}),
        ...(env.ATLAS_TZ ? { timezone: env.ATLAS_TZ } : {}),
      })
    : false;
  const store = await openCommandStore(env, options.db);
  try {
    await store.interruptRunningRuns(new Date().toISOString(), 'the process running it stopped');
    await serveUntilStopped(context, {
      store,
      env,
      mappings: loadMappings(mappingsDir(env)),
      port: options.port ? Number(options.port) : env.ATLAS_PORT,
      host: options.host,
      schedule,
      ...trustProxyOf(options, env),
    });
    context.exit(EXIT.ok);
  } finally {
    await store.close();
  }
}
