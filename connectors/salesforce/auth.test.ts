import { describe, expect, it } from 'vitest';
import { retiringFlowWarning } from './auth.js';

describe('retiringFlowWarning', () => {
  const password = { mode: 'password' as const, username: 'atlas@example.com', password: 'x' };

  it('names SOAP login() for a bare username and password, and says when the API version no longer has it', () => {
    expect(retiringFlowWarning(password, '62.0')).toMatch(
      /^Salesforce login uses SOAP login\(\), which Salesforce retires in Summer '27; use JWT bearer/,
    );
    expect(retiringFlowWarning(password, '65.0')).toContain('and is not available in API 65.0');
  });

  it('names the OAuth username-password flow when a client id and secret come with the password', () => {
    expect(retiringFlowWarning({ ...password, clientId: 'id', clientSecret: 'secret' }, '62.0')).toMatch(
      /OAuth username-password flow, which Salesforce advises orgs to block/,
    );
  });

  it('is quiet for JWT bearer and client credentials', () => {
    expect(
      retiringFlowWarning({ mode: 'client_credentials', clientId: 'id', clientSecret: 'secret' }, '62.0'),
    ).toBeNull();
  });
});
