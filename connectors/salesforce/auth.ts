/** Opens an authenticated jsforce Connection for one of four auth modes, with a session refresh for each. */
import { importPKCS8, SignJWT } from 'jose';
import jsforce from 'jsforce';
import { AtlasError, errorMessage } from '../../src/errors.js';
import type { SalesforceAuth } from './options.js';
import { parseIdentityUrl, SalesforceTokenSchema } from './raw.js';

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
  now: () => Date;
}

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

function authFailed(mode: string, error: unknown): AtlasError {
  // jsforce's messages carry the OAuth error text (invalid_grant …), never the secret.
  return new AtlasError('AUTH_FAILED', `Salesforce ${mode} authentication failed: ${errorMessage(error)}`, {
    context: { mode },
    cause: error,
  });
}

/**
 * Authenticates and returns a connection that refreshes its own session on INVALID_SESSION_ID: jsforce's
 * refresh-token and username-password refresh, or a new JWT / client-credentials grant.
 */
export async function openConnection(input: ConnectInput): Promise<OpenedConnection> {
  const { auth, loginUrl, apiVersion } = input;
  const base = {
    loginUrl,
    version: apiVersion,
    ...(input.instanceUrl ? { instanceUrl: input.instanceUrl } : {}),
  };
  try {
    switch (auth.mode) {
      case 'password': {
        const oauth2 =
          auth.clientId && auth.clientSecret
            ? { loginUrl, clientId: auth.clientId, clientSecret: auth.clientSecret }
            : undefined;
        const conn = new jsforce.Connection({ ...base, ...(oauth2 ? { oauth2 } : {}) });
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
        const token = await requestGrant(conn, input);
        conn.accessToken = token.access_token;
        conn.instanceUrl = input.instanceUrl ?? token.instance_url;
        return { conn, identity: parseIdentityUrl(token.id) };
      }
    }
  } catch (error) {
    throw authFailed(auth.mode, error);
  }
}
