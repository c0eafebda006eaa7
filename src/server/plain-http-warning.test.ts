/** The plain-HTTP warning: loopback hosts recognised, silence behind a declared proxy. */
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, plainHttpWarning } from './plain-http-warning.js';

describe('plainHttpWarning', () => {
  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'atlas.internal', '128.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('warns on a non-loopback host without trust proxy, not with it or on loopback', () => {
    expect(plainHttpWarning('0.0.0.0', undefined)).toMatch(/plain HTTP on 0\.0\.0\.0.*--trust-proxy/);
    expect(plainHttpWarning('0.0.0.0', false)).not.toBeNull();
    expect(plainHttpWarning('0.0.0.0', 1)).toBeNull();
    expect(plainHttpWarning('0.0.0.0', 'loopback')).toBeNull();
    expect(plainHttpWarning('127.0.0.1', undefined)).toBeNull();
  });
});
