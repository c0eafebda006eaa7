// E2E: the Salesforce connector under pressure — quota budget and exhaustion, expired sessions, 429 and 5xx storms, every auth mode.
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createSalesforceConnector } from '../../connectors/salesforce/index.js';
import { createManualClock } from '../../devkit/emulators/kit/index.js';
import { startSalesforceEmulator } from '../../devkit/emulators/salesforce/index.js';
import { CrmApiError } from '../../src/errors.js';
import { closedAfterEach } from '../support/closed-after-each.js';
import { planOf, runFrom, useConnectorWorlds } from '../support/salesforce-connector-world.js';

const open = useConnectorWorlds();

type SalesforceAuth = Parameters<typeof createSalesforceConnector>[0]['auth'];

/** An emulator with one partner and none of the seeded world, for auth modes the world does not use. */
async function startBareEmulator(jwtPublicKey?: string) {
  const clock = createManualClock('2025-07-01T08:00:00.000Z');
  const sf = await startSalesforceEmulator({
    seed: 3,
    clock,
    ...(jwtPublicKey ? { credentials: { jwtPublicKey } } : {}),
  });
  sf.state.insertMany('Account', [{ Name: 'Acme Partners', IsPartner: true }]);
  const { clientId, clientSecret } = sf.credentials;
  return {
    sf,
    clock,
    /** The connected app's id and secret, for the auth modes that name it. */
    app: { clientId, clientSecret },
    connect: (auth: SalesforceAuth) =>
      createSalesforceConnector({
        loginUrl: sf.url,
        now: () => new Date(clock.now()),
        sleep: async () => {},
        auth,
      }),
    close: () => sf.close(),
  };
}
const openBare = closedAfterEach(startBareEmulator);

describe('Salesforce connector quota', () => {
  it('stops between pages with API_BUDGET_REACHED once the org passes 80 % of its daily quota, keeping the pages read', async () => {
    const w = await open({ partners: 320 });
    w.sf.usage.max = 1000;
    w.sf.usage.setUsed(799);
    const pages: unknown[] = [];
    await expect(
      (async () => {
        for await (const page of w.connector.read(planOf('deals'), runFrom(w))) pages.push(page);
      })(),
    ).rejects.toMatchObject({ code: 'API_BUDGET_REACHED' });
    expect(pages).toHaveLength(1);
    expect(w.connector.usage().daily).toEqual({ used: 800, max: 1000 });
  });

  it('stops when this run used its share (default 25 %) of the daily quota', async () => {
    const w = await open({ partners: 320, connector: { budget: { runShare: 0.01 } } });
    w.sf.usage.max = 100; // one call is 1 % of the quota
    w.sf.usage.setUsed(0);
    await expect(w.readAll(planOf('deals'))).rejects.toMatchObject({
      code: 'API_BUDGET_REACHED',
    });
    expect(w.connector.usage().calls).toBe(1);
  });

  it('a spent daily quota (403 REQUEST_LIMIT_EXCEEDED) is never retried', async () => {
    const w = await open({ partners: 10 });
    w.sf.usage.setUsed(w.sf.usage.max);
    await expect(w.readAll(planOf('partners'))).rejects.toMatchObject({
      code: 'API_BUDGET_REACHED',
    });
    expect(w.connector.usage()).toMatchObject({ calls: 1, retries: 0 });
    expect(w.sf.log.count('GET /query')).toBe(1);
  });
});

describe('Salesforce connector transient failures', () => {
  it('rides out a 429 burst and a 5xx storm with its own retries, counting them', async () => {
    const w = await open({ partners: 40 });
    w.sf.faults.burst429(3);
    const pages = await w.readAll(planOf('partners'));
    expect(pages.flatMap((p) => p.records).length).toBeGreaterThan(0);
    expect(w.connector.usage()).toMatchObject({ rateLimited: 3, retries: 3, calls: 4 });

    w.connector.resetUsage();
    w.sf.faults.failNext(2, 503);
    w.sf.faults.failNext(1, 500);
    const again = await w.readAll(planOf('partners'));
    expect(again.flatMap((p) => p.records).length).toBe(pages.flatMap((p) => p.records).length);
    expect(w.connector.usage()).toMatchObject({ retries: 3, rateLimited: 0 });
  });

  it('gives up after its retry limit with a retryable CrmApiError', async () => {
    const w = await open({ partners: 10 });
    w.sf.faults.failNext(10, 503);
    const error = await w.readAll(planOf('partners')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmApiError);
    expect((error as CrmApiError).details).toMatchObject({
      status: 503,
      retryable: true,
      operation: 'query',
    });
    expect(w.connector.usage().calls).toBe(5);
  });

  it('an expired session mid-read is refreshed by jsforce and the read goes on', async () => {
    const w = await open({ partners: 320 });
    const plan = planOf('deals');
    const ids: string[] = [];
    let n = 0;
    for await (const page of w.connector.read(plan, runFrom(w))) {
      ids.push(...page.records.map((r) => r.id));
      if (++n === 1) w.sf.faults.expireTokens();
    }
    expect(ids.length).toBe(w.sf.state.count('Opportunity'));
    expect(w.sf.log.count('POST /oauth2/token')).toBe(2); // the login, then the refresh
  });
});

describe('Salesforce connector auth modes', () => {
  it('refresh token: jsforce refreshes on INVALID_SESSION_ID', async () => {
    const { sf, app, connect } = await openBare();
    const connector = await connect({ mode: 'refresh_token', ...app, refreshToken: sf.issueRefreshToken() });
    sf.faults.expireTokens();
    const check = await connector.check([planOf('partners')], []);
    expect(check).toMatchObject({
      accountId: sf.state.orgId,
      user: sf.credentials.username,
      baseUrl: sf.url,
    });
    expect(sf.log.count('POST /oauth2/token')).toBe(2);
  });

  it('JWT bearer: an RS256 assertion signed with jose, verified by the org, renewed on expiry', async () => {
    const keys = await generateKeyPair('RS256', { extractable: true });
    const { sf, clock, app, connect } = await openBare(await exportSPKI(keys.publicKey));
    const jwt = async (key: Parameters<typeof exportPKCS8>[0]) =>
      connect({
        mode: 'jwt',
        clientId: app.clientId,
        username: sf.credentials.username,
        privateKey: await exportPKCS8(key),
      });
    const connector = await jwt(keys.privateKey);
    sf.faults.expireTokens();
    const pages: unknown[] = [];
    for await (const page of connector.read(planOf('partners'), runFrom({ clock }))) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(sf.log.count('POST /oauth2/token')).toBe(2);

    const wrong = await generateKeyPair('RS256', { extractable: true });
    await expect(jwt(wrong.privateKey)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
  });

  it('username + password + security token without a connected app logs in through SOAP', async () => {
    const { sf, connect } = await openBare();
    const { username, password } = sf.credentials;
    const connector = await connect({ mode: 'password', username, password });
    expect(await connector.check([], [])).toMatchObject({
      accountId: sf.state.orgId,
      user: sf.credentials.username,
    });
    expect(sf.log.count('POST /soap/u')).toBe(1);
  });

  it('client credentials, and a wrong password failing with AUTH_FAILED without the secret in the message', async () => {
    const { sf, app, connect } = await openBare();
    const connector = await connect({ mode: 'client_credentials', ...app });
    expect((await connector.check([], [])).accountId).toBe(sf.state.orgId);
    const error = await connect({
      mode: 'password',
      username: sf.credentials.username,
      password: 'not-the-password-x9',
      ...app,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTH_FAILED' });
    expect(String((error as Error).message)).not.toContain('not-the-password-x9');
  });
});
