/** The kit's reading of failed calls: no answer, Retry-After, retry allowances. */
import { describe, expect, it } from 'vitest';
import { noAnswerOf, RetryAllowance, retryAfterSeconds } from './failure.js';

describe('failed calls', () => {
  it('reads timeouts and broken connections as no answer, and nothing else', () => {
    expect(noAnswerOf(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toEqual({
      kind: 'timeout',
    });
    expect(noAnswerOf(new DOMException('timed out', 'TimeoutError'))).toEqual({ kind: 'timeout' });
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    });
    expect(noAnswerOf(refused)).toEqual({ kind: 'network', code: 'ECONNREFUSED' });
    expect(noAnswerOf(new Error('socket hang up'))).toEqual({ kind: 'network', code: 'ECONNRESET' });
    expect(noAnswerOf(new Error('INVALID_FIELD: No such column'))).toBeNull();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterSeconds('2')).toBe(2);
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('2015-10-21T07:28:00Z'))).toBe(10);
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds('soon')).toBeUndefined();
  });

  it('gives rate limits and timeouts their own allowances', () => {
    const allowance = new RetryAllowance({ maxRetries: 2, rateLimitRetries: 5, timeoutRetries: 1 });
    for (let i = 0; i < 5; i++) expect(allowance.take('rate-limited')).toBe(true);
    expect(allowance.take('rate-limited')).toBe(false);
    expect(allowance.take('timeout')).toBe(true);
    expect(allowance.take('timeout')).toBe(false);
    expect(allowance.take('transient')).toBe(true);
    expect(allowance.take('transient')).toBe(true);
    expect(allowance.take('transient')).toBe(false);
    expect(allowance.total).toBe(8);
  });
});
