/**
 * What `atlas serve` does: the admin web app and the nightly schedule in one process. The demo serves the same app
 * over its emulators.
 */
import { randomBytes } from 'node:crypto';
import type { Connector } from '../../connectors/types.js';
import { type AtlasEnv, mappingsDir } from '../config.js';
import { AtlasError } from '../errors.js';
import { createLogger } from '../log.js';
import { type LoadedMappings, loadMappings } from '../mapping/index.js';
import type { CrmSystem } from '../model/index.js';
import { startNightlySchedule } from '../schedule/nightly-schedule.js';
import { startServer } from '../server/index.js';
import { pipelineRunLauncher } from '../server/pipeline-runs.js';
import type { Store } from '../store/index.js';
import { configuredSystems, openConnectors } from '../sync/open-connectors.js';
import { lockOwner, withRunLock } from '../sync/run-lock.js';
import { runOptionsOf } from '../sync/run-options.js';
import { runPipeline } from '../sync/run-pipeline.js';
import { createCrmPreviews, runFromServer } from '../sync/server-services.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { LOCK_STALE_MS } from './run-action.js';
import { openCommandStore } from './store-from-options.js';

export interface ServeOptions {
  store: Store;
  env: AtlasEnv;
  mappings: LoadedMappings;
  /** Fixed connectors (the demo's emulators); otherwise opened from the environment per run. */
  connectors?: Partial<Record<CrmSystem, Connector>>;
  port: number;
  host?: string;
  /** Pinned scoring instant (the demo's today). */
  scoreAt?: string;
  crmLinks?: {
    salesforceUrl: string | null;
    hubspotPortalId: string | null;
    /** objectTypeId of HubSpot custom objects by name, e.g. `{ certifications: '2-1234567' }`. */
    hubspotObjectTypeIds?: Record<string, string>;
  };
  /** Start the nightly schedule too. */
  schedule: boolean;
}

/** Serves until SIGINT / SIGTERM; prints the URL (and the token when it was generated here). */
export async function serveUntilStopped(context: CliContext, options: ServeOptions): Promise<void> {
  const { store, env } = options;
  const logger = createLogger(env);
  const dir = mappingsDir(env);
  const generated = env.ATLAS_ADMIN_TOKEN === undefined;
  const adminToken = env.ATLAS_ADMIN_TOKEN ?? randomBytes(24).toString('base64url');
  const lock = { owner: lockOwner('serve'), staleAfterMs: LOCK_STALE_MS };
  const connectors = async (systems: readonly CrmSystem[] | undefined) => {
    if (options.connectors) return options.connectors;
    const chosen = systems && systems.length > 0 ? [...systems] : configuredSystems(env);
    return openConnectors(chosen, env, loadMappings(dir), logger);
  };
  const services = {
    store,
    mappingsDir: dir,
    connectors,
    lock,
    ...(options.scoreAt ? { scoreAt: () => options.scoreAt as string } : {}),
    ...(env.ATLAS_WEBHOOK_URL ? { webhookUrl: env.ATLAS_WEBHOOK_URL } : {}),
  };
  const server = await startServer(
    {
      store,
      mappingsDir: dir,
      adminToken,
      runs: pipelineRunLauncher({
        store,
        run: (watched, start) => runFromServer(services, watched, start),
        logger,
      }),
      crm: createCrmPreviews(services),
      logger,
      crmLinks: {
        ...(options.crmLinks?.salesforceUrl ? { salesforceInstanceUrl: options.crmLinks.salesforceUrl } : {}),
        ...(options.crmLinks?.hubspotPortalId ? { hubspotPortalId: options.crmLinks.hubspotPortalId } : {}),
        ...(options.crmLinks?.hubspotObjectTypeIds
          ? { hubspotObjectTypeIds: options.crmLinks.hubspotObjectTypeIds }
          : {}),
      },
    },
    { port: options.port, ...(options.host ? { host: options.host } : {}) },
  );
  const schedule = options.schedule
    ? await startNightlySchedule({
        ...(env.ATLAS_SCHEDULE ? { expression: env.ATLAS_SCHEDULE } : {}),
        ...(env.ATLAS_TZ ? { timezone: env.ATLAS_TZ } : {}),
        logger,
        scheduledRuns: async () =>
          (await store.listRuns({ kind: 'run', limit: 20 })).filter(
            (r) => runOptionsOf(r).trigger === 'schedule',
          ),
        trigger: async () => {
          const mappings = loadMappings(dir);
          const opened = await connectors(undefined);
          await withRunLock(store, { ...lock, waitMs: 0 }, () =>
            runPipeline({
              store,
              mappings,
              connectors: opened,
              trigger: 'schedule',
              ...(env.ATLAS_WEBHOOK_URL ? { webhookUrl: env.ATLAS_WEBHOOK_URL } : {}),
            }),
          );
        },
      })
    : null;
  context.out(`Dashboard: ${server.url}`);
  if (generated)
    context.out(
      `Sign-in token (generated for this session; set ATLAS_ADMIN_TOKEN to choose one): ${adminToken}`,
    );
  if (schedule) {
    context.out(
      `Nightly run: "${schedule.expression}" in ${schedule.timezone}; next ${schedule.nextRun()?.toISOString() ?? 'never'}`,
    );
    if (schedule.missed)
      context.out(`A scheduled run was missed at ${schedule.missed.toISOString()} (the service was down).`);
  }
  context.out('Press Ctrl+C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await schedule?.stop();
  await server.close();
}

export async function serveAdminApp(
  context: CliContext,
  options: { port?: string; host: string; db?: string; schedule: boolean },
): Promise<void> {
  const env = context.env();
  if (!env.ATLAS_ADMIN_TOKEN) {
    throw new AtlasError(
      'CONFIG_INVALID',
      'ATLAS_ADMIN_TOKEN is not set: generate one with `openssl rand -base64 32`',
    );
  }
  const store = await openCommandStore(env, options.db);
  try {
    await store.interruptRunningRuns(new Date().toISOString(), 'the process running it stopped');
    await serveUntilStopped(context, {
      store,
      env,
      mappings: loadMappings(mappingsDir(env)),
      port: options.port ? Number(options.port) : env.ATLAS_PORT,
      host: options.host,
      schedule: options.schedule,
    });
    context.exit(EXIT.ok);
  } finally {
    await store.close();
  }
}
