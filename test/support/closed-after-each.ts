/** Opens worlds for one test file and closes every world a test opened after that test, so each test builds its own. */
import { afterEach } from 'vitest';

/** Call at the top of a test file: `const open = closedAfterEach(startWorld);` then `await open(options)` in a test. */
export function closedAfterEach<O, W extends { close(): Promise<void> }>(
  start: (options?: O) => Promise<W>,
): (options?: O) => Promise<W> {
  const opened: W[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((w) => w.close()));
  });
  return async (options) => {
    const world = await start(options);
    opened.push(world);
    return world;
  };
}
