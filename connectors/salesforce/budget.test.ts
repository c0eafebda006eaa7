import { describe, expect, it } from 'vitest';
import { backoffMs } from '../kit/backoff.js';
import { QuotaBudget } from './budget.js';
import { classifyFailure } from './retry.js';

describe('QuotaBudget', () => {
  it('spends the run share from the first reading on, and stops at the total share', () => {
    const budget = new QuotaBudget({ runShare: 0.25, totalShare: 0.8 });
    budget.countCall();
    budget.observe({ used: 101, max: 1000 });
    expect(budget.verdict()).toBeNull();
    budget.observe({ used: 350, max: 1000 });
    expect(budget.verdict()).toMatch(/this run used 250 of 1000/);
    const busy = new QuotaBudget({ runShare: 0.25, totalShare: 0.8 });
    busy.countCall();
    busy.observe({ used: 800, max: 1000 });
    expect(busy.verdict()).toMatch(/org has used 800 of 1000/);
  });

  it('honours a call cap', () => {
    const budget = new QuotaBudget({ runShare: 1, totalShare: 1, maxCalls: 2 });
    budget.countCall();
    expect(budget.verdict()).toBeNull();
    budget.countCall();
    expect(budget.verdict()).toMatch(/call cap of 2 is reached/);
  });
});

describe('retry policy', () => {
  it('retries 429s, concurrency limits, 5xx, locks and lost answers; never the spent daily quota or a bad request', () => {
    const facts = { status: null, vendorCode: undefined, message: '', noAnswer: null };
    const limit = { ...facts, vendorCode: 'REQUEST_LIMIT_EXCEEDED' };
    expect(classifyFailure({ ...limit, status: 429, message: 'Too many requests' })).toBe('rate-limited');
    expect(
      classifyFailure({ ...limit, status: 403, message: 'ConcurrentPerOrgLongTxn Limit exceeded' }),
    ).toBe('rate-limited');
    expect(classifyFailure({ ...limit, status: 403, message: 'TotalRequests Limit exceeded.' })).toBe(
      'quota',
    );
    expect(classifyFailure({ ...facts, status: 503 })).toBe('transient');
    expect(classifyFailure({ ...facts, status: 400, vendorCode: 'UNABLE_TO_LOCK_ROW' })).toBe('transient');
    expect(classifyFailure({ ...facts, noAnswer: { kind: 'timeout' } })).toBe('transient');
    expect(classifyFailure({ ...facts, noAnswer: { kind: 'network', code: 'ECONNRESET' } })).toBe(
      'transient',
    );
    expect(classifyFailure({ ...facts, status: 400, vendorCode: 'INVALID_FIELD' })).toBe('permanent');
  });

  it('backs off exponentially, at least Retry-After, capped', () => {
    const s = { baseMs: 100, maxMs: 5000 };
    expect(backoffMs(0, s, undefined, () => 1)).toBe(100);
    expect(backoffMs(3, s, undefined, () => 1)).toBe(800);
    expect(backoffMs(0, s, 2, () => 0)).toBe(2000);
    expect(backoffMs(10, s, undefined, () => 1)).toBe(5000);
  });
});
