/** Opens an authenticated jsforce Connection for one of four auth modes, with a session refresh for each. */
import { importPKCS8, SignJWT } from 'jose';
import jsforce from 'jsforce';
import type { Logger } from 'pino';
import { AtlasError, CrmApiError, errorMessage } from '../../src/errors.js';
import { backoffMs } from '../kit/backoff.js';
import {
  type NoAnswer,
  noAnswerOf,
  noAnswerRetryKind,
  noAnswerText,
  RetryAllowance,
  type RetryKind,
  unreachableHostText,
} from '../kit/failure.js';
import type { SalesforceAuth } from './options.js';
import { parseIdentityUrl, SalesforceTokenSchema } from './raw.js';
import { boundRequests, callTrace, traced } from './transport.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** The assertion lives 3 minutes, Salesforce's documented maximum. https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm */
const JWT_LIFETIME_S = 180;

export interface OpenedConnection {
  conn: jsforce.Connection;
  /** Org and user of the session, from the token answer or the login result. */
  identity: { orgId: string; userId: string } | null;
}

interface ConnectInput {
  auth: SalesforceAuth;
  loginUrl: string;
  instanceUrl?: string | undefined;
  apiVersion: string;
  /** Time limit of each login request, and of every request of the connection afterwards. */
  timeoutMs: number;
  /** Retries of a login that got no answer or a 429 / 5xx. */
  retry: { maxRetries: number; baseMs: number; maxMs: number };
  sleep: (ms: number) => Promise<void>;
  logger?: Logger | undefined;
  now: () => Date;
}

/** SOAP login faults (answered 500) that mean refused credentials, not a server in trouble. */
const REFUSED_LOGIN =
  /\b(INVALID_LOGIN|LOGIN_MUST_USE_SECURITY_TOKEN|PASSWORD_LOCKOUT|INVALID_OPERATION_WITH_EXPIRED_PASSWORD|API_DISABLED_FOR_ORG)\b/;

/** Signs the JWT bearer assertion (RS256) with jose. */
async function jwtAssertion(auth: Extract<SalesforceAuth, { mode: 'jwt' }>, audience: string, now: Date) {
  const key = await importPKCS8(auth.privateKey, 'RS256');
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(auth.clientId)
    .setSubject(auth.username)
    .setAudience(audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + JWT_LIFETIME_S)
    .sign(key);
}

/** Requests a token with a grant (JWT bearer or client credentials) and parses the answer. */
async function requestGrant(conn: jsforce.Connection, input: ConnectInput) {
  const { auth } = input;
  const params: { grant_type: string; [name: string]: string } =
    auth.mode === 'jwt'
      ? {
          grant_type: JWT_BEARER,
          assertion: await jwtAssertion(auth, audienceOf(input.loginUrl), input.now()),
        }
      : { grant_type: 'client_credentials' };
  const raw: unknown = await conn.oauth2.requestToken(params);
  return SalesforceTokenSchema.parse(raw);
}

/** JWT audience: login.salesforce.com / test.salesforce.com, or the My Domain / sandbox URL itself. */
function audienceOf(loginUrl: string): string {
  return loginUrl.replace(/\/+$/, '');
}

/**
 * Why the configured flow is on its way out, or null. A username and password go through SOAP login()
 * (retired in Summer '27, unavailable from API 65.0, off by default in orgs created since Winter '26:
 * https://developer.salesforce.com/docs/platform/api/guide/sforce-api-calls-login.html), or, with a client
 * id and secret, through the OAuth username-password flow, which Salesforce advises every org to block:
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_username_password_flow.htm
 */
export function retiringFlowWarning(auth: SalesforceAuth, apiVersion: string): string | null {
  if (auth.mode !== 'password') return null;
  const advice =
    'use JWT bearer (SALESFORCE_CLIENT_ID, SALESFORCE_USERNAME, SALESFORCE_PRIVATE_KEY_FILE) or client credentials (SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET) instead';
  if (auth.clientId && auth.clientSecret)
    return `Salesforce login uses the OAuth username-password flow, which Salesforce advises orgs to block; ${advice}`;
  const gone = Number.parseFloat(apiVersion) >= 65 ? ` and is not available in API ${apiVersion}` : '';
  return `Salesforce login uses SOAP login(), which Salesforce retires in Summer '27${gone}; ${advice}`;
}

/**
 * Authenticates and returns a connection that refreshes its own session on INVALID_SESSION_ID. A login that
 * got no answer in time, a dropped connection or a 429 / 5xx is tried again; then it fails naming the login
 * URL, as a retryable CrmApiError. Refused credentials fail at once with AUTH_FAILED.
 */
export async function openConnection(input: ConnectInput): Promise<OpenedConnection> {
  const retiring = retiringFlowWarning(input.auth, input.apiVersion);
  if (retiring) input.logger?.warn({ mode: input.auth.mode }, retiring);
  const allowance = new RetryAllowance({ ...input.retry, rateLimitRetries: input.retry.maxRetries });
  for (;;) {
    const trace = callTrace(input.timeoutMs);
    try {
      return await traced(trace, () => connectOnce(input));
    } catch (error) {
      const noAnswer = noAnswerOf(error);
      const status = noAnswer ? null : trace.status;
      const retryKind = loginRetryKind(noAnswer, status, errorMessage(error));
      if (retryKind === null) {
        // jsforce's messages carry the OAuth error text (invalid_grant …), never the secret.
        throw new AtlasError(
          'AUTH_FAILED',
          `Salesforce ${input.auth.mode} authentication at ${input.loginUrl} failed: ${errorMessage(error)}`,
          { context: { mode: input.auth.mode, loginUrl: input.loginUrl }, cause: error },
        );
      }
      if (allowance.take(retryKind)) {
        input.logger?.warn(
          { loginUrl: input.loginUrl, status, attempt: allowance.total },
          'salesforce login failed, retrying',
        );
        await input.sleep(backoffMs(allowance.total - 1, input.retry));
        continue;
      }
      const unreachable =
        noAnswer && unreachableHostText(noAnswer, 'Salesforce', input.loginUrl, 'SALESFORCE_LOGIN_URL');
      if (unreachable) {
        throw new CrmApiError(
          unreachable,
          {
            system: 'salesforce',
            operation: 'login',
            method: 'POST',
            path: input.loginUrl,
            vendorCode: 'CRM_UNREACHABLE',
            retryable: true,
          },
          { cause: error },
        );
      }
      const what = noAnswer ? noAnswerText(noAnswer, input.timeoutMs) : `${status}: ${errorMessage(error)}`;
      throw new CrmApiError(
        `Salesforce login at ${input.loginUrl} failed after ${allowance.total + 1} tries: ${what}`,
        {
          system: 'salesforce',
          operation: 'login',
          method: 'POST',
          path: input.loginUrl,
          ...(status === null ? {} : { status }),
          retryable: true,
        },
        { cause: error },
      );
    }
  }
}

/** A login worth another try: no answer, a 429, or a 5xx that is not a SOAP fault refusing the credentials. */
function loginRetryKind(noAnswer: NoAnswer | null, status: number | null, message: string): RetryKind | null {
  if (noAnswer) return noAnswerRetryKind(noAnswer);
  if (status === 429) return 'rate-limited';
  if (status !== null && status >= 500 && !REFUSED_LOGIN.test(message)) return 'transient';
  return null;
}

/** One login: a connection whose every request is bounded in time, authenticated by the configured flow. */
async function connectOnce(input: ConnectInput): Promise<OpenedConnection> {
  const { auth, loginUrl, apiVersion } = input;
  const base = {
    loginUrl,
    version: apiVersion,
    ...(input.instanceUrl ? { instanceUrl: input.instanceUrl } : {}),
  };
  switch (auth.mode) {
    case 'password': {
      const oauth2 =
        auth.clientId && auth.clientSecret
          ? { loginUrl, clientId: auth.clientId, clientSecret: auth.clientSecret }
          : undefined;
      const conn = new jsforce.Connection({ ...base, ...(oauth2 ? { oauth2 } : {}) });
      boundRequests(conn, input.timeoutMs);
      const info = await conn.login(auth.username, `${auth.password}${auth.securityToken ?? ''}`);
      return { conn, identity: { orgId: info.organizationId, userId: info.id } };
    }
    case 'refresh_token': {
      const oauth2 = {
        loginUrl,
        clientId: auth.clientId,
        ...(auth.clientSecret ? { clientSecret: auth.clientSecret } : {}),
      };
      const conn = new jsforce.Connection({ ...base, oauth2, refreshToken: auth.refreshToken });
      boundRequests(conn, input.timeoutMs);
      const token = SalesforceTokenSchema.parse(await conn.oauth2.refreshToken(auth.refreshToken));
      conn.accessToken = token.access_token;
      conn.instanceUrl = input.instanceUrl ?? token.instance_url;
      return { conn, identity: parseIdentityUrl(token.id) };
    }
    case 'jwt':
    case 'client_credentials': {
      const oauth2 = {
        loginUrl,
        clientId: auth.clientId,
        ...(auth.mode === 'client_credentials' ? { clientSecret: auth.clientSecret } : {}),
      };
      const conn: jsforce.Connection = new jsforce.Connection({
        ...base,
        oauth2,
        // A new grant on expiry: neither flow hands out a refresh token.
        refreshFn: (c, callback) => {
          requestGrant(c, input).then(
            (token) => {
              c.instanceUrl = input.instanceUrl ?? token.instance_url;
              callback(undefined, token.access_token);
            },
            (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
          );
        },
      });
      boundRequests(conn, input.timeoutMs);
      const token = await requestGrant(conn, input);
      conn.accessToken = token.access_token;
      conn.instanceUrl = input.instanceUrl ?? token.instance_url;
      return { conn, identity: parseIdentityUrl(token.id) };
    }
  }
}
