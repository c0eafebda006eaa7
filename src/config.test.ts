import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnv, mappingsDir, oidcSettings, withEnvFile } from './config.js';

describe('loadEnv', () => {
  it('applies documented defaults on an empty environment', () => {
    const env = loadEnv({});
    expect(env.SALESFORCE_API_VERSION).toBe('62.0');
    expect(env.ATLAS_PORT).toBe(3000);
    expect(env.ATLAS_LOG_LEVEL).toBe('info');
    expect(mappingsDir(env)).toBe('mappings');
  });

  it('treats empty strings as unset', () => {
    expect(loadEnv({ ATLAS_DB: '' }).ATLAS_DB).toBeUndefined();
  });

  it('reads ATLAS_TRUST_PROXY as one hop for true, a hop count, or proxy addresses', () => {
    const trust = (value: string) => loadEnv({ ATLAS_TRUST_PROXY: value }).ATLAS_TRUST_PROXY;
    expect(trust('')).toBeUndefined();
    expect(trust('true')).toBe(1);
    expect(trust('false')).toBe(false);
    expect(trust('2')).toBe(2);
    expect(trust('loopback, 10.0.0.0/8')).toBe('loopback, 10.0.0.0/8');
  });

  it('reads single sign-on settings, naming the variable missing or malformed, never the secret', () => {
    const oidc = {
      ATLAS_OIDC_ISSUER: 'https://login.example.com/realms/atlas',
      ATLAS_OIDC_CLIENT_ID: 'atlas',
      ATLAS_OIDC_CLIENT_SECRET: 'oidc-client-secret-value',
    };
    const loopback = { loopbackOnly: true };
    expect(oidcSettings(loadEnv({}), loopback)).toBeUndefined();
    expect(oidcSettings(loadEnv(oidc), loopback)).toEqual({
      issuer: oidc.ATLAS_OIDC_ISSUER,
      clientId: 'atlas',
      clientSecret: 'oidc-client-secret-value',
      providerName: 'login.example.com',
    });
    expect(oidcSettings(loadEnv({ ...oidc, ATLAS_OIDC_PROVIDER_NAME: 'Okta' }), loopback)?.providerName).toBe(
      'Okta',
    );
    const missing = () => loadEnv({ ...oidc, ATLAS_OIDC_CLIENT_ID: '' });
    expect(missing).toThrow(/ATLAS_OIDC_CLIENT_ID: single sign-on needs it too/);
    expect(missing).not.toThrow(/oidc-client-secret-value/);
    expect(() => loadEnv({ ...oidc, ATLAS_OIDC_REDIRECT_URL: 'not a url' })).toThrow(
      /ATLAS_OIDC_REDIRECT_URL/,
    );
  });

  it('requires ATLAS_OIDC_REDIRECT_URL for single sign-on unless the server listens on loopback only', () => {
    const oidc = loadEnv({
      ATLAS_OIDC_ISSUER: 'https://login.example.com/realms/atlas',
      ATLAS_OIDC_CLIENT_ID: 'atlas',
      ATLAS_OIDC_CLIENT_SECRET: 'oidc-client-secret-value',
    });
    const exposed = () => oidcSettings(oidc, { loopbackOnly: false });
    expect(exposed).toThrow(/^ATLAS_OIDC_REDIRECT_URL: single sign-on needs it/);
    expect(exposed).not.toThrow(/oidc-client-secret-value/);
    const redirectUrl = 'https://atlas.example.com/login/oidc/callback';
    expect(
      oidcSettings({ ...oidc, ATLAS_OIDC_REDIRECT_URL: redirectUrl }, { loopbackOnly: false })?.redirectUrl,
    ).toBe(redirectUrl);
    expect(oidcSettings(loadEnv({}), { loopbackOnly: false })).toBeUndefined();
  });

  it('names every bad variable and never echoes a secret value', () => {
    const secret = 'https://hooks.example.invalid/super-secret-path';
    let message = '';
    try {
      loadEnv({
        ATLAS_PORT: 'eighty',
        SALESFORCE_API_VERSION: '62',
        ATLAS_WEBHOOK_URL: `not a url ${secret}`,
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('ATLAS_PORT');
    expect(message).toContain('SALESFORCE_API_VERSION');
    expect(message).toContain('ATLAS_WEBHOOK_URL');
    expect(message).not.toContain('super-secret-path');
  });

  it('prefers an explicit mappings directory, then ATLAS_MAPPINGS_DIR', () => {
    const env = loadEnv({ ATLAS_MAPPINGS_DIR: '/etc/atlas/mappings' });
    expect(mappingsDir(env)).toBe('/etc/atlas/mappings');
    expect(mappingsDir(env, 'custom')).toBe('custom');
  });
});

describe('withEnvFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-env-'));
  const file = join(dir, 'atlas.env');
  writeFileSync(
    file,
    '# credentials\nHUBSPOT_ACCESS_TOKEN=from-file\nATLAS_LOG_LEVEL=warn\nATLAS_PORT="4000"\n',
  );

  it('adds the file named by ATLAS_ENV_FILE under the environment, which wins', () => {
    const env = loadEnv(withEnvFile({ ATLAS_ENV_FILE: file, ATLAS_LOG_LEVEL: 'debug' }));
    expect(env.HUBSPOT_ACCESS_TOKEN).toBe('from-file');
    expect(env.ATLAS_PORT).toBe(4000);
    expect(env.ATLAS_LOG_LEVEL).toBe('debug');
  });

  it('names a missing file that ATLAS_ENV_FILE points at', () => {
    expect(() => withEnvFile({ ATLAS_ENV_FILE: join(dir, 'missing.env') })).toThrow(
      /missing\.env, which does not exist/,
    );
  });

  it('reads .env from the working directory when nothing names a file, and is quiet without one', () => {
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      expect(withEnvFile({ ATLAS_PORT: '1' })).toEqual({ ATLAS_PORT: '1' });
      writeFileSync(join(dir, '.env'), 'ATLAS_TZ=Europe/Paris\n');
      expect(loadEnv(withEnvFile({})).ATLAS_TZ).toBe('Europe/Paris');
    } finally {
      process.chdir(cwd);
    }
  });
});
