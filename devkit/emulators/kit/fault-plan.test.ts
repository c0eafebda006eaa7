// Tests the faults file schema (YAML and JSON, errors naming file and key), its mapping onto the injector, and the control endpoint's loopback guard.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  applyFaultPlan,
  createControlRoutes,
  FaultInjector,
  isLoopbackAddress,
  parseFaultsFile,
  RequestLog,
} from './index.js';

const EXAMPLE = new URL('../faults.example.yaml', import.meta.url);

describe('faults file', () => {
  it('reads the example file for both emulators', () => {
    const file = parseFaultsFile('faults.example.yaml', readFileSync(EXAMPLE, 'utf8'));
    expect(file.salesforce?.rateLimit).toEqual({ count: 3, retryAfterSeconds: 2 });
    expect(file.salesforce?.tokenEndpoint).toEqual({ failures: 2, status: 503 });
    expect(file.hubspot?.stalls).toEqual({ count: 1, answerAfterMs: 30_000 });
  });

  it('reads JSON too, and fills the 5xx status with 503', () => {
    const file = parseFaultsFile('faults.json', '{ "hubspot": { "serverErrors": { "rate": 0.5 } } }');
    expect(file).toEqual({ hubspot: { serverErrors: { rate: 0.5, status: 503 } } });
  });

  it('names the file, line and key of a misspelt key, with a hint', () => {
    const text = 'salesforce:\n  rateLimit:\n    count: 3\n    retryAfterSecs: 2\n';
    expect(() => parseFaultsFile('faults.yaml', text)).toThrow(
      expect.objectContaining({
        code: 'USAGE',
        message: expect.stringMatching(
          /^faults\.yaml:4:5 salesforce\.rateLimit\.retryAfterSecs: unknown key "retryAfterSecs".*retryAfterSeconds/,
        ),
        context: expect.objectContaining({
          file: 'faults.yaml',
          keyPath: 'salesforce.rateLimit.retryAfterSecs',
        }),
      }),
    );
  });

  it('names bad values and unknown emulators', () => {
    const text = 'hubspot:\n  serverErrors:\n    rate: 2\npipedrive: {}\n';
    let message = '';
    try {
      parseFaultsFile('f.yaml', text);
    } catch (error) {
      message = error instanceof Error ? error.message : '';
    }
    expect(message).toContain('f.yaml:3:11 hubspot.serverErrors.rate:');
    expect(message).toContain('f.yaml:4:1 pipedrive: unknown key "pipedrive"');
  });
});

describe('applyFaultPlan', () => {
  it('replaces the faults: bursts queued, stalls, token endpoint outage, everything else off', () => {
    const faults = new FaultInjector({ config: { exemptRoutes: ['POST /token'], errorRate: 1 } });
    faults.dropNext(5);
    const report = applyFaultPlan(faults, {
      rateLimit: { count: 1, retryAfterSeconds: 4 },
      stalls: { count: 1, answerAfterMs: 20 },
      tokenEndpoint: { failures: 1, status: 503 },
      recordFailures: { ids: { r1: 'UNABLE_TO_LOCK_ROW' } },
    });
    expect(report.pending).toEqual({
      tooManyRequests: 1,
      serverErrors: 0,
      drops: 0,
      stalls: 1,
      tokenEndpointErrors: 1,
    });
    expect(report.config).toMatchObject({ errorRate: 0, exemptRoutes: ['POST /token'] });
    expect(faults.decide('POST /token')).toEqual({ kind: 'server-error', status: 503, latencyMs: 0 });
    expect(faults.decide('POST /token').kind).toBe('none');
    expect(faults.decide('GET /a')).toMatchObject({ kind: 'too-many-requests', retryAfterSeconds: 4 });
    expect(faults.decide('GET /a')).toMatchObject({ kind: 'stall', answerAfterMs: 20 });
    expect(faults.decide('GET /a').kind).toBe('none');
    expect(faults.recordFailure('r1')).toBe('UNABLE_TO_LOCK_ROW');
  });

  it('stalls a share of requests deterministically and forever when no answer time is given', () => {
    const kinds = (seed: number) => {
      const faults = new FaultInjector({ seed });
      applyFaultPlan(faults, { stalls: { rate: 0.3 } });
      return Array.from({ length: 100 }, () => faults.decide('GET /a'));
    };
    const stalled = kinds(5).filter((f) => f.kind === 'stall');
    expect(stalled.length).toBeGreaterThan(10);
    expect(stalled[0]).toMatchObject({ answerAfterMs: null });
    expect(kinds(5)).toEqual(kinds(5));
  });
});

describe('control endpoint guard', () => {
  it('knows loopback addresses', () => {
    for (const a of ['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['10.0.0.5', '::ffff:192.168.1.2', 'fe80::1', undefined])
      expect(isLoopbackAddress(a)).toBe(false);
  });

  it('refuses a caller from another host with 403 and leaves the faults alone', () => {
    const faults = new FaultInjector();
    const handle = createControlRoutes({ faults, log: new RequestLog() });
    const answer: { status?: number; body?: string } = {};
    const req = { method: 'DELETE', url: '/__emulator/faults', socket: { remoteAddress: '10.0.0.5' } };
    const res = {
      writeHead: (status: number) => {
        answer.status = status;
      },
      end: (body: string) => {
        answer.body = body;
      },
    };
    faults.burst429(1);
    let passed = false;
    handle(req as unknown as IncomingMessage, res as unknown as ServerResponse, () => {
      passed = true;
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('loopback callers only');
    expect(passed).toBe(false);
    expect(faults.pending.tooManyRequests).toBe(1);
  });
});
