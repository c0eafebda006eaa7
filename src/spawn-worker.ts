/** Starts a worker thread on a module beside the caller, compiled or (under tsx) TypeScript. */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker on `<name>.js` next to `callerUrl`, or on `<name>.ts` when the caller itself runs as TypeScript
 * (tsx): worker threads do not inherit the main thread's module hooks, so the worker registers tsx's
 * loader itself before importing its entry.
 * @example spawnWorker(import.meta.url, './mapping-check-worker', { workerData })
 */
export function spawnWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`${name}.js`, callerUrl), options);
  const entry = new URL(`${name}.ts`, callerUrl).href;
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), {
    ...options,
    execArgv: [],
  });
}
