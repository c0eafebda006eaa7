/** A host that does not resolve or accept connections: named with its variable, retried once, never read as an auth failure. */
import { describe, expect, it } from 'vitest';
import { classifyFailure, retryKindOf } from '../salesforce/retry.js';
import { noAnswerOf, noAnswerRetryKind, unreachableHostText } from './failure.js';

describe('unreachable hosts', () => {
  it("reads jsforce's rewrapped refresh failure as a DNS failure, not as refused credentials", () => {
    const error = new Error('Unable to refresh session due to: getaddrinfo ENOTFOUND acme.my.salesforce.com');
    expect(noAnswerOf(error)).toEqual({ kind: 'network', code: 'ENOTFOUND' });
  });

  it('finds the code fetch puts on `cause`', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'EAI_AGAIN' }),
    });
    expect(noAnswerOf(error)).toEqual({ kind: 'network', code: 'EAI_AGAIN' });
  });

  it('names the host, the reason and the variable to check', () => {
    expect(
      unreachableHostText(
        { kind: 'network', code: 'ENOTFOUND' },
        'HubSpot',
        'https://api.hubapi.cm',
        'HUBSPOT_BASE_URL',
      ),
    ).toBe(
      "HubSpot host api.hubapi.cm cannot be reached: its name does not resolve (DNS lookup failed: ENOTFOUND). Check HUBSPOT_BASE_URL (now https://api.hubapi.cm), then this machine's network, DNS or proxy.",
    );
    expect(
      unreachableHostText(
        { kind: 'network', code: 'UND_ERR_CONNECT_TIMEOUT' },
        'Salesforce',
        'https://x.test',
        'SALESFORCE_LOGIN_URL',
      ),
    ).toContain('accepted no connection');
    expect(
      unreachableHostText({ kind: 'timeout' }, 'HubSpot', 'https://api.hubapi.com', 'HUBSPOT_BASE_URL'),
    ).toBeNull();
    expect(
      unreachableHostText({ kind: 'network', code: 'ECONNRESET' }, 'HubSpot', 'https://a.b', 'X'),
    ).toBeNull();
  });

  it('retries DNS and connect failures once (the timeout allowance), dropped connections as transient', () => {
    expect(noAnswerRetryKind({ kind: 'network', code: 'ENOTFOUND' })).toBe('timeout');
    expect(noAnswerRetryKind({ kind: 'network', code: 'UND_ERR_CONNECT_TIMEOUT' })).toBe('timeout');
    expect(noAnswerRetryKind({ kind: 'network', code: 'ECONNRESET' })).toBe('transient');
    expect(noAnswerRetryKind({ kind: 'network', code: 'ECONNREFUSED' })).toBe('transient');
    expect(
      unreachableHostText({ kind: 'network', code: 'ECONNREFUSED' }, 'HubSpot', 'https://a.b', 'X'),
    ).toBeNull();
    const facts = {
      status: null,
      vendorCode: undefined,
      message: 'Unable to refresh session due to: getaddrinfo ENOTFOUND acme.my.salesforce.com',
      noAnswer: { kind: 'network', code: 'ENOTFOUND' } as const,
    };
    expect(retryKindOf(facts, classifyFailure(facts))).toBe('timeout');
  });
});
