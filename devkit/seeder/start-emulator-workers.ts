/** Starts the emulators in worker threads (one for both, or one per CRM in parallel), seeds them, and says how to reach them. */
import { availableParallelism, loadavg, totalmem } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { AtlasError } from '../../src/errors.js';
import type { CrmSystem } from '../../src/model/source-ref.js';
import { spawnWorker } from '../../src/spawn-worker.js';
import type { FaultsFile } from '../emulators/kit/index.js';
import { mergeIdentities, type PartnerIdentity } from './ground-truth-file.js';
import { groundTruthHeader } from './seed-emulators.js';
import {
  type SeedFigures,
  SeedFiguresSchema,
  type SeedOptions,
  SeedOptionsSchema,
  type SeedProgress,
} from './seed-options.js';
import { type EmulatorEndpoints, emulatorEnvLines } from './start-emulators.js';
import { type WorkerCommand, type WorkerReport, WorkerReportSchema } from './worker-messages.js';

/** Seed options plus where the emulators listen, how many threads seed them, and a progress callback. */
export type StartEmulatorWorkersOptions = SeedOptions & {
  salesforcePort?: number;
  hubspotPort?: number;
  host?: string;
  /** Faults each worker puts in force on its emulators once seeded (a parsed `--faults` file). */
  faults?: FaultsFile;
  /**
   * 1: one worker serves and seeds both emulators. 2: one worker per CRM, each generating the ecosystem
   * and writing its half in parallel — faster on idle cores, slower on a busy machine (twice the
   * generation work). `auto` (default): 2 when the last minute's load leaves a core free.
   */
  threads?: 1 | 2 | 'auto';
  /** Progress of each worker; `systems` are the CRMs that worker writes. */
  onProgress?: (progress: SeedProgress, systems: readonly CrmSystem[]) => void;
};

/** How many worker threads `threads: 'auto'` uses now: two when the last minute left two cores idle. */
export function autoThreads(): 1 | 2 {
  return (loadavg()[0] ?? 0) <= availableParallelism() - 1.5 ? 2 : 1;
}

/**
 * Old-generation heap of each worker: a third of the machine's memory, within 1–12 GB. A benchmark seed
 * (100k partners, 2M deals) holds about 4 GB in the Salesforce worker; the main thread's default limit
 * would be too tight and its garbage collector would thrash.
 */
function workerHeapMb(): number {
  return Math.max(1024, Math.min(12_288, Math.floor(totalmem() / 1024 / 1024 / 3)));
}

/** A worker on the emulator entry, with room for a large seed. */
function spawnEmulatorWorker(workerData: unknown): Worker {
  return spawnWorker(import.meta.url, './emulator-worker', {
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: workerHeapMb() },
  });
}

/** One running worker and the reply it owes. */
class EmulatorWorker {
  readonly system: string;
  readonly #worker: Worker;
  #waiting: { resolve: (r: WorkerReport) => void; reject: (e: Error) => void } | null = null;
  #failure: Error | null = null;

  constructor(system: string, worker: Worker, onProgress: (p: SeedProgress) => void) {
    this.system = system;
    this.#worker = worker;
    worker.on('message', (raw: unknown) => {
      const message = WorkerReportSchema.parse(raw);
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'failed') {
        this.#fail(
          new AtlasError(message.code, `${system} emulator: ${message.message}`, { context: { system } }),
        );
      } else {
        const waiting = this.#waiting;
        this.#waiting = null;
        waiting?.resolve(message);
      }
    });
    worker.on('error', (error) =>
      this.#fail(
        new AtlasError('EMULATOR_WORKER_FAILED', `${system} emulator worker crashed: ${error.message}`, {
          context: { system },
          cause: error,
        }),
      ),
    );
    worker.on('exit', (code) => {
      const error = new AtlasError(
        'EMULATOR_WORKER_FAILED',
        `${system} emulator worker exited (code ${code})`,
        {
          context: { system, code },
        },
      );
      this.#fail(error);
    });
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    const waiting = this.#waiting;
    this.#waiting = null;
    waiting?.reject(error);
  }

  /** Sends `command` (when given) and waits for the worker's next report other than progress. */
  request(command?: WorkerCommand): Promise<WorkerReport> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      if (command) this.#worker.postMessage(command);
    });
  }

  /** Closes the emulator's server, then ends the thread. */
  async close(): Promise<void> {
    try {
      if (!this.#failure) await this.request({ type: 'close' });
    } finally {
      this.#failure ??= new AtlasError('EMULATOR_WORKER_CLOSED', `${this.system} emulator is closed`);
      await this.#worker.terminate();
    }
  }
}

const DIRTY_KINDS = SeedFiguresSchema.shape.dirty.keyof().options;

const unexpected = (system: string, report: WorkerReport, wanted: string) =>
  new AtlasError(
    'EMULATOR_WORKER_PROTOCOL',
    `${system} emulator worker answered ${report.type}, not ${wanted}`,
    {
      context: { system },
    },
  );

/**
 * Like `startEmulators`, with the emulators in worker threads that have heaps sized for large seeds (see
 * workerHeapMb): one worker for both, or one per CRM seeding its half in parallel (`threads`). Every
 * decision of a seed is keyed by the seed, so two workers agree on who lives where; the ground truth is
 * written by the first worker once all have reported their ids.
 * @example
 * const running = await startEmulatorWorkers({ partners: 100_000, deals: 2_000_000, seed: 42, now, taxonomy });
 * console.log(running.env.join('\n')); await running.close();
 */
export async function startEmulatorWorkers(
  options: StartEmulatorWorkersOptions,
): Promise<EmulatorEndpoints & { threads: 1 | 2 }> {
  const started = performance.now();
  const parsed = SeedOptionsSchema.parse(options);
  const both: CrmSystem[] = ['salesforce', 'hubspot'];
  const systems = [...new Set(parsed.systems ?? both)];
  const { onProgress, salesforcePort, hubspotPort, host, faults, groundTruthFile, threads, ...rest } =
    options;
  const count =
    systems.length === 1 ? 1 : threads === 'auto' || threads === undefined ? autoThreads() : threads;
  const shares: CrmSystem[][] = count === 1 ? [systems] : systems.map((system) => [system]);
  const workers = shares.map(
    (share) =>
      new EmulatorWorker(
        share.join('+'),
        spawnEmulatorWorker({
          systems: share,
          salesforcePort,
          hubspotPort,
          host,
          faults,
          options: { ...rest, systems },
        }),
        (progress) => onProgress?.(progress, share),
      ),
  );
  const closeAll = async () => {
    await Promise.allSettled(workers.map((w) => w.close()));
  };
  try {
    const reports = await Promise.all(
      workers.map(async (w) => {
        const report = await w.request();
        if (report.type !== 'seeded') throw unexpected(w.system, report, 'seeded');
        return report;
      }),
    );
    const figures = mergeFigures(reports.map((r) => r.figures));
    const salesforce = reports.find((r) => r.salesforce)?.salesforce ?? null;
    const hubspot = reports.find((r) => r.hubspot)?.hubspot ?? null;
    const writer = workers[0]!;
    if (groundTruthFile !== undefined) {
      const t = performance.now();
      let identities: PartnerIdentity[] = reports[0]?.identities ?? [];
      for (const r of reports.slice(1))
        identities = identities.map((a, i) => mergeIdentities(a, r.identities[i] ?? a));
      onProgress?.({ phase: 'ground-truth', done: 0, total: identities.length }, shares[0]!);
      const written = await writer.request({
        type: 'write-truth',
        file: groundTruthFile,
        identities,
        header: groundTruthHeader(parsed, figures),
      });
      if (written.type !== 'truth-written') throw unexpected(writer.system, written, 'truth-written');
      onProgress?.({ phase: 'ground-truth', done: identities.length, total: identities.length }, shares[0]!);
      figures.groundTruthFile = groundTruthFile;
      figures.seconds.groundTruth = (performance.now() - t) / 1000;
    }
    figures.seconds.total = (performance.now() - started) / 1000;
    return {
      salesforce,
      hubspot,
      figures,
      threads: count,
      env: emulatorEnvLines(
        salesforce ?? undefined,
        hubspot ? { url: hubspot.url, tokens: [hubspot.accessToken] } : undefined,
      ),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * Figures of two seeds that each wrote one CRM of the same ecosystem: records and dirt add up; what both
 * generated is taken once; each CRM's seconds come from its thread, shared steps from the slower one.
 */
export function mergeFigures(parts: readonly SeedFigures[]): SeedFigures {
  const [first, ...others] = parts;
  if (!first) throw new AtlasError('EMULATOR_SEED_TARGET', 'no seed figures to merge');
  const merged: SeedFigures = structuredClone(first);
  for (const part of others) {
    merged.salesforce ??= part.salesforce;
    merged.hubspot ??= part.hubspot;
    for (const key of DIRTY_KINDS) {
      merged.dirty[key] += part.dirty[key];
    }
    merged.droppedPartnerLinks += part.droppedPartnerLinks;
    const s = merged.seconds;
    const p = part.seconds;
    s.generate = Math.max(s.generate, p.generate);
    s.placement = Math.max(s.placement, p.placement);
    s.salesforceRows += p.salesforceRows;
    s.salesforceInsert += p.salesforceInsert;
    s.hubspotRows += p.hubspotRows;
    s.hubspotInsert += p.hubspotInsert;
    s.total = Math.max(s.total, p.total);
    merged.peakRssMb = Math.max(merged.peakRssMb, part.peakRssMb);
  }
  return merged;
}
