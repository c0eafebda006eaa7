// E2E: jsforce authenticates against the Salesforce emulator (OAuth grants, SOAP login, refresh, quota) over HTTP.

import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { type SalesforceWorld, useWorlds } from '../../../test/support/salesforce-world.js';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const open = useWorlds();

function freshConnection(w: SalesforceWorld, withClient = true): jsforce.Connection {
  return new jsforce.Connection({
    loginUrl: w.sf.url,
    version: '62.0',
    ...(withClient
      ? {
          oauth2: {
            loginUrl: w.sf.url,
            clientId: w.sf.credentials.clientId,
            clientSecret: w.sf.credentials.clientSecret,
          },
        }
      : {}),
  });
}

describe('Salesforce emulator authentication', () => {
  it('OAuth password grant via jsforce login(), then identity and userinfo', async () => {
    const w = await open();
    const conn = freshConnection(w);
    const user = await conn.login(w.sf.credentials.username, w.sf.credentials.password);
    expect(user).toEqual({
      id: w.sf.state.userId,
      organizationId: w.sf.state.orgId,
      url: `${w.sf.url}/id/${w.sf.state.orgId}/${w.sf.state.userId}`,
    });
    expect(conn.instanceUrl).toBe(w.sf.url);
    const identity = await conn.identity();
    expect(identity).toMatchObject({
      user_id: w.sf.state.userId,
      organization_id: w.sf.state.orgId,
      username: w.sf.credentials.username,
    });
    const info = await conn.request<{ user_id: string; preferred_username: string }>(
      '/services/oauth2/userinfo',
    );
    expect(info.preferred_username).toBe(w.sf.credentials.username);
    expect(w.sf.log.count('POST /oauth2/token')).toBe(1);
    expect(w.sf.log.count('GET /id/:orgId/:userId')).toBe(1);
  });

  it('SOAP login when jsforce has no OAuth2 client, then REST works with the session id', async () => {
    const w = await open();
    w.sf.state.insertMany('Account', [{ Name: 'Soap Co' }]);
    const conn = freshConnection(w, false);
    const user = await conn.login(w.sf.credentials.username, w.sf.credentials.password);
    expect(user.organizationId).toBe(w.sf.state.orgId);
    const result = await conn.query<{ Name: string }>('SELECT Name FROM Account');
    expect(result.records[0]?.Name).toBe('Soap Co');
    expect(w.sf.log.count('POST /soap/u')).toBe(1);
    await conn.logout();
    expect(w.sf.log.count('POST /soap/u')).toBe(2);
  });

  it('refuses a wrong password (OAuth and SOAP) with the documented errors', async () => {
    const w = await open();
    await expect(freshConnection(w).login(w.sf.credentials.username, 'nope')).rejects.toMatchObject({
      name: 'invalid_grant',
      message: 'authentication failure',
    });
    await expect(freshConnection(w, false).login(w.sf.credentials.username, 'nope')).rejects.toThrow(
      /INVALID_LOGIN/,
    );
  });

  it('client_credentials grant through jsforce authorize()', async () => {
    const w = await open();
    const conn = freshConnection(w);
    const user = await conn.authorize({ grant_type: 'client_credentials' });
    expect(user.id).toBe(w.sf.state.userId);
    expect((await conn.limits()).DailyApiRequests?.Max).toBe(100_000);
  });

  it('JWT bearer grant: verified against the configured public key, with iss/sub/aud/exp checks', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const other = await generateKeyPair('RS256');
    const w = await open({ credentials: { jwtPublicKey: await exportSPKI(publicKey) } });
    const now = Math.floor(w.clock.now() / 1000);
    const sign = (claims: Record<string, unknown>, key = privateKey) =>
      new SignJWT({
        iss: w.sf.credentials.clientId,
        sub: w.sf.credentials.username,
        aud: w.sf.url,
        exp: now + 180,
        ...claims,
      })
        .setProtectedHeader({ alg: 'RS256' })
        .sign(key);
    const conn = freshConnection(w);
    const user = await conn.authorize({ grant_type: JWT_GRANT, assertion: await sign({}) });
    expect(user.organizationId).toBe(w.sf.state.orgId);
    expect(await conn.query('SELECT Id FROM Account')).toMatchObject({ totalSize: 0, done: true });
    await expect(
      freshConnection(w).authorize({ grant_type: JWT_GRANT, assertion: await sign({}, other.privateKey) }),
    ).rejects.toMatchObject({
      name: 'invalid_grant',
      message: 'invalid assertion',
    });
    await expect(
      freshConnection(w).authorize({ grant_type: JWT_GRANT, assertion: await sign({ exp: now - 10 }) }),
    ).rejects.toMatchObject({
      name: 'invalid_grant',
    });
    await expect(
      freshConnection(w).authorize({
        grant_type: JWT_GRANT,
        assertion: await sign({ aud: 'https://evil.example' }),
      }),
    ).rejects.toMatchObject({
      message: 'audience is invalid',
    });
    await expect(
      freshConnection(w).authorize({ grant_type: JWT_GRANT, assertion: await sign({ iss: 'someone-else' }) }),
    ).rejects.toMatchObject({
      name: 'invalid_client_id',
    });
  });

  it('JWT bearer without a configured key accepts any well-formed RS256 assertion with valid claims', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const w = await open();
    const assertion = await new SignJWT({
      iss: w.sf.credentials.clientId,
      sub: w.sf.credentials.username,
      aud: 'https://login.salesforce.com',
      exp: Math.floor(w.clock.now() / 1000) + 60,
    })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(privateKey);
    const user = await freshConnection(w).authorize({ grant_type: JWT_GRANT, assertion });
    expect(user.id).toBe(w.sf.state.userId);
  });

  it('an expired token answers 401 INVALID_SESSION_ID and jsforce refreshes with its refresh token', async () => {
    const w = await open({ tokenTtlMs: 60_000 });
    w.sf.state.insertMany('Account', [{ Name: 'Before' }]);
    const before = w.conn.accessToken;
    await w.conn.query('SELECT Id FROM Account');
    w.clock.advance(60_001);
    const raw = await w.fetchJson('/services/data/v62.0/limits');
    expect(raw).toMatchObject({
      status: 401,
      body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
    });
    const result = await w.conn.query<{ Name: string }>('SELECT Name FROM Account');
    expect(result.records[0]?.Name).toBe('Before');
    expect(w.conn.accessToken).not.toBe(before);
    expect(w.sf.log.count('POST /oauth2/token')).toBe(1);
    expect(w.sf.log.entries.filter((e) => e.route === 'GET /query').map((e) => e.status)).toEqual([
      200, 401, 200,
    ]);
  });

  it('a bogus token without refresh fails with INVALID_SESSION_ID', async () => {
    const w = await open();
    const conn = new jsforce.Connection({
      instanceUrl: w.sf.url,
      accessToken: 'not-a-token',
      version: '62.0',
    });
    await expect(conn.query('SELECT Id FROM Account')).rejects.toMatchObject({
      errorCode: 'INVALID_SESSION_ID',
    });
  });

  it('counts requests in Sforce-Limit-Info and answers 403 REQUEST_LIMIT_EXCEEDED when the daily quota is spent', async () => {
    const w = await open({ dailyQuota: 3 });
    await w.conn.limits();
    expect(w.conn.limitInfo).toEqual({ apiUsage: { used: 1, limit: 3 } });
    const second = await w.fetchJson('/services/data/v62.0/limits');
    expect(second.headers.get('sforce-limit-info')).toBe('api-usage=2/3');
    expect(second.body).toMatchObject({ DailyApiRequests: { Max: 3, Remaining: 1 } });
    await w.conn.query('SELECT Id FROM Account');
    await expect(w.conn.query('SELECT Id FROM Account')).rejects.toMatchObject({
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
      message: 'TotalRequests Limit exceeded.',
    });
    const refused = await w.fetchJson('/services/data/v62.0/limits');
    expect(refused).toMatchObject({
      status: 403,
      body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }],
    });
    w.clock.advance(24 * 3_600_000);
    await expect(w.conn.limits()).resolves.toMatchObject({ DailyApiRequests: { Max: 3, Remaining: 2 } });
  });
});
