import { describe, expect, it } from 'vitest';
import { backoffMs } from '../kit/backoff.js';
import { QuotaBudget } from './budget.js';
import { isTransient } from './retry.js';

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
  it('retries 429, 5xx, locks and dropped connections, never a spent daily quota or a bad request', () => {
    expect(isTransient({ status: 429, vendorCode: 'REQUEST_LIMIT_EXCEEDED', networkCode: undefined })).toBe(
      true,
    );
    expect(isTransient({ status: 403, vendorCode: 'REQUEST_LIMIT_EXCEEDED', networkCode: undefined })).toBe(
      false,
    );
    expect(isTransient({ status: 503, vendorCode: undefined, networkCode: undefined })).toBe(true);
    expect(isTransient({ status: 400, vendorCode: 'UNABLE_TO_LOCK_ROW', networkCode: undefined })).toBe(true);
    expect(isTransient({ status: null, vendorCode: undefined, networkCode: 'ECONNRESET' })).toBe(true);
    expect(isTransient({ status: 400, vendorCode: 'INVALID_FIELD', networkCode: undefined })).toBe(false);
  });

  it('backs off exponentially, at least Retry-After, capped', () => {
    const s = { baseMs: 100, maxMs: 5000 };
    expect(backoffMs(0, s, undefined, () => 1)).toBe(100);
    expect(backoffMs(3, s, undefined, () => 1)).toBe(800);
    expect(backoffMs(0, s, 2, () => 0)).toBe(2000);
    expect(backoffMs(10, s, undefined, () => 1)).toBe(5000);
  });
});
