/** Starts an emulator's HTTP listener on 127.0.0.1 (port 0 by default) and stops it without waiting on keep-alives. */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A listening emulator server. */
export interface RunningHttpServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:53121`. */
  url: string;
  port: number;
  server: Server;
  /** Stops listening and destroys open sockets (clients keep connections alive). */
  close(): Promise<void>;
}

/**
 * Listens with `handler` (an express app or any node request listener).
 * @example const running = await startHttpServer(app, { port: 0 }); await running.close();
 */
export async function startHttpServer(
  handler: RequestListener,
  options: { port?: number; host?: string } = {},
): Promise<RunningHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(handler);
  // Tolerant of slow benchmarks; node's default 5 s keep-alive is fine for clients that reconnect.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('emulator server has no TCP address');
  const port = (address satisfies AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
