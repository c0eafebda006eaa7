/** A busy port gives a message naming the port and how to pick another, whether the server or the demo's check meets it. */
import { createServer, type Server } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { assertPortFree, startServer } from '../../src/server/index.js';
import { createTestWorld } from '../support/server-world.js';

let busy: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (busy ? busy.close(() => resolve()) : resolve())));

async function takenPort(): Promise<number> {
  busy = createServer();
  await new Promise<void>((resolve) => busy?.listen(0, '127.0.0.1', resolve));
  const address = busy.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

it('assertPortFree names the busy port and the way to choose another', async () => {
  const port = await takenPort();
  await expect(assertPortFree(port)).rejects.toMatchObject({
    code: 'SERVER_PORT_IN_USE',
    message: expect.stringMatching(
      new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use.*--port N or ATLAS_PORT`),
    ),
  });
  await expect(assertPortFree(0)).resolves.toBeUndefined();
});

it('startServer refuses a busy port with the same message; /health says when no schedule is armed', async () => {
  const world = await createTestWorld({ partners: 20 });
  try {
    const port = await takenPort();
    await expect(startServer(world.deps, { port })).rejects.toMatchObject({ code: 'SERVER_PORT_IN_USE' });
    const server = await startServer(world.deps, { port: 0 });
    try {
      expect(await (await fetch(`${server.url}/health`)).json()).toEqual({
        status: 'ok',
        schedule: { armed: false },
      });
    } finally {
      await server.close();
    }
  } finally {
    await world.close();
  }
});
