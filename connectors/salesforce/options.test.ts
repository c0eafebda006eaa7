import { describe, expect, it } from 'vitest';
import { SalesforceConnectorOptionsSchema, salesforceConnectorOptionsFromEnv } from './options.js';

const base = { SALESFORCE_API_VERSION: '62.0' } as const;

describe('salesforceConnectorOptionsFromEnv', () => {
  it('infers the auth mode from the variables set', () => {
    expect(
      salesforceConnectorOptionsFromEnv({
        ...base,
        SALESFORCE_USERNAME: 'u',
        SALESFORCE_PASSWORD: 'p',
        SALESFORCE_SECURITY_TOKEN: 't',
      }).auth,
    ).toEqual({
      mode: 'password',
      username: 'u',
      password: 'p',
      securityToken: 't',
      clientId: undefined,
      clientSecret: undefined,
    });
    expect(
      salesforceConnectorOptionsFromEnv({ ...base, SALESFORCE_CLIENT_ID: 'c', SALESFORCE_REFRESH_TOKEN: 'r' })
        .auth.mode,
    ).toBe('refresh_token');
    expect(
      salesforceConnectorOptionsFromEnv({ ...base, SALESFORCE_CLIENT_ID: 'c', SALESFORCE_CLIENT_SECRET: 's' })
        .auth.mode,
    ).toBe('client_credentials');
    const jwt = salesforceConnectorOptionsFromEnv(
      {
        ...base,
        SALESFORCE_CLIENT_ID: 'c',
        SALESFORCE_USERNAME: 'u',
        SALESFORCE_PRIVATE_KEY_FILE: '/keys/server.key',
      },
      { readFile: (path) => `PEM of ${path}` },
    );
    expect(jwt.auth).toEqual({
      mode: 'jwt',
      clientId: 'c',
      username: 'u',
      privateKey: 'PEM of /keys/server.key',
    });
  });

  it('uses the instance URL as login URL when only it is set, and the default API version', () => {
    const o = salesforceConnectorOptionsFromEnv({
      ...base,
      SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com',
      SALESFORCE_USERNAME: 'u',
      SALESFORCE_PASSWORD: 'p',
    });
    const parsed = SalesforceConnectorOptionsSchema.parse(o);
    expect(parsed).toMatchObject({
      loginUrl: 'https://acme.my.salesforce.com',
      instanceUrl: 'https://acme.my.salesforce.com',
      apiVersion: '62.0',
    });
    expect(parsed.budget).toEqual({ runShare: 0.25, totalShare: 0.8 });
  });

  it('names the missing variable, never a value', () => {
    expect(() => salesforceConnectorOptionsFromEnv({ ...base })).toThrow(/No Salesforce credentials/);
    expect(() =>
      salesforceConnectorOptionsFromEnv(
        { ...base, SALESFORCE_PASSWORD: 'secret-x' },
        { authMode: 'password' },
      ),
    ).toThrow(/SALESFORCE_USERNAME is required/);
    const error = (() => {
      try {
        salesforceConnectorOptionsFromEnv(
          { ...base, SALESFORCE_PASSWORD: 'secret-x' },
          { authMode: 'password' },
        );
      } catch (e) {
        return e;
      }
    })();
    expect(String(error)).not.toContain('secret-x');
  });
});
