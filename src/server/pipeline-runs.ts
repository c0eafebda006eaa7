/** Adapts "run the pipeline to the end" into the Runs page's "start it and return its id at once". */
import type { Logger } from 'pino';
import { AtlasError, errorMessage } from '../errors.js';
import type { NewRun, Store } from '../store/index.js';
import type { RunLauncher, StartRunOptions } from './deps.js';

export interface PipelineRunLauncherOptions {
  store: Store;
  /**
   * Runs the pipeline to its end on the store it is given (e.g. `runPipeline({ store, … })` inside
   * `withRunLock`). The store is `options.store`, watched so the run's id is known as soon as its record exists.
   */
  run: (store: Store, options: StartRunOptions) => Promise<unknown>;
  logger?: Logger;
}

/**
 * A RunLauncher over a pipeline function that only returns when the run is over: `start` resolves with the
 * run id as soon as the pipeline has created its run record, and the run goes on in the background (its
 * progress and outcome are in the store). A failure before the run record exists (lock held, no connector)
 * rejects `start`. One run at a time per launcher; the pipeline's own lock guards across processes.
 *
 * @example
 * runs: pipelineRunLauncher({ store, run: (store, o) => runPipeline({ store, mappings, connectors, ...o }) })
 */
export function pipelineRunLauncher(options: PipelineRunLauncherOptions): RunLauncher & {
  /** The run in progress, to await in tests and on shutdown. */
  current(): Promise<void> | undefined;
} {
  let inFlight: Promise<void> | undefined;
  return {
    current: () => inFlight,
    async start(startOptions) {
      if (inFlight) throw new AtlasError('RUN_LOCKED', 'a run started from this server is still going');
      let created: (id: string) => void = () => {};
      const runId = new Promise<string>((resolve) => {
        created = resolve;
      });
      // Only createRun is intercepted; every other call goes to the store unchanged.
      const watched = new Proxy(options.store, {
        get(target, property, receiver) {
          if (property === 'createRun') {
            return async (run: NewRun) => {
              const record = await target.createRun(run);
              created(record.id);
              return record;
            };
          }
          const value: unknown = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const work = options.run(watched, startOptions);
      const finished = work.then(
        () => undefined,
        (error: unknown) => error,
      );
      const first = await Promise.race([
        runId.then((id) => ({ kind: 'started' as const, id })),
        finished.then((error) => ({ kind: 'ended' as const, error })),
      ]);
      if (first.kind === 'ended') {
        if (first.error !== undefined) throw first.error;
        throw new AtlasError('RUN_NOT_STARTED', 'the pipeline finished without creating a run record');
      }
      inFlight = finished.then((error) => {
        inFlight = undefined;
        if (error !== undefined)
          options.logger?.error({ runId: first.id, err: errorMessage(error) }, 'run failed');
      });
      return { runId: first.id };
    },
  };
}
