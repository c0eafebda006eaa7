// Unit: the rolling window holds a request's slot until a window after its answer, and the portal limiter
// never starts more than the cap within a window, pausing on demand.
import { describe, expect, it } from 'vitest';
import { PortalLimiter, RollingWindow } from './rate-limiter.js';

describe('RollingWindow', () => {
  it('admits up to the cap, then waits for the oldest answer plus the window', () => {
    const w = new RollingWindow(2, 1_000, 0);
    w.take()(100);
    w.take()(300);
    expect(w.delay(300)).toBe(800);
    expect(w.delay(1_100)).toBe(0);
  });

  it('keeps a request that has not been answered in the window', () => {
    const w = new RollingWindow(1, 1_000, 0);
    const answer = w.take();
    expect(w.delay(50_000)).toBeGreaterThan(0);
    answer(50_000);
    expect(w.delay(50_500)).toBe(500);
  });
});

describe('PortalLimiter', () => {
  const limits = {
    requestsPerWindow: 3,
    windowMs: 10_000,
    searchPerSecond: 1,
    concurrency: 2,
    runBudget: null,
    dailyReserve: 0,
    maxRetries: 0,
    backoffMs: 1,
    windowMarginMs: 0,
  };

  function fakeClock() {
    let t = 0;
    return {
      now: () => t,
      sleep: async (ms: number) => {
        t += ms;
      },
    };
  }

  it('spreads calls so that no window holds more than the cap', async () => {
    const clock = fakeClock();
    const limiter = new PortalLimiter(limits, clock);
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, () => limiter.schedule(false, async () => started.push(clock.now()))),
    );
    for (const t of started)
      expect(started.filter((s) => s > t - 10_000 && s <= t).length).toBeLessThanOrEqual(3);
    expect(Math.max(...started)).toBeGreaterThanOrEqual(20_000);
  });

  it('shrinks to a smaller limit reported in the headers, and holds every call during a pause', async () => {
    const clock = fakeClock();
    const limiter = new PortalLimiter({ ...limits, requestsPerWindow: 10 }, clock);
    limiter.observe({ max: 2, remaining: 1, intervalMs: 10_000 });
    limiter.pause(5_000);
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 3 }, () => limiter.schedule(false, async () => started.push(clock.now()))),
    );
    expect(Math.min(...started)).toBeGreaterThanOrEqual(5_000);
    expect(Math.max(...started)).toBeGreaterThanOrEqual(15_000);
  });
});
