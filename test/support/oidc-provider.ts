/**
 * A minimal OpenID Connect provider for tests, in-process on 127.0.0.1 (no network): discovery, authorize
 * (signs in whoever the test chose, without a login form), token (authorization code + PKCE S256, client
 * secret by POST or Basic) and JWKS, with RS256 ID tokens signed by jose.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface OidcTestUser {
  sub: string;
  email?: string;
  /** The `email_verified` claim as sent: some providers send the string "true" instead of a boolean. */
  emailVerified?: boolean | 'true' | 'false';
  name?: string;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  nonce: string | null;
  codeChallenge: string;
  user: OidcTestUser;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the next /authorize signs in. */
  signInAs(user: OidcTestUser): void;
  close(): Promise<void>;
}

const KID = 'atlas-test-key';

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The client id and secret from `Authorization: Basic` or the form (client_secret_basic / client_secret_post). */
function clientOf(req: IncomingMessage, form: URLSearchParams): { id: string | null; secret: string | null } {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (basic) {
    const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent);
    return { id: id ?? null, secret: secret ?? null };
  }
  return { id: form.get('client_id'), secret: form.get('client_secret') };
}

export async function startTestOidcProvider(): Promise<TestOidcProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  const clientId = 'atlas-test-client';
  const clientSecret = randomBytes(16).toString('hex');
  const grants = new Map<string, Grant>();
  let next: OidcTestUser = { sub: 'nobody' };
  let issuer = '';

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      send(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
        scopes_supported: ['openid', 'email', 'profile'],
      });
      return;
    }
    if (url.pathname === '/jwks') {
      send(res, 200, { keys: [jwk] });
      return;
    }
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri');
      if (q.get('client_id') !== clientId || !redirectUri || q.get('response_type') !== 'code') {
        send(res, 400, { error: 'invalid_request' });
        return;
      }
      if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
        send(res, 400, { error: 'invalid_request', error_description: 'PKCE S256 required' });
        return;
      }
      const code = randomBytes(16).toString('hex');
      grants.set(code, {
        clientId,
        redirectUri,
        nonce: q.get('nonce'),
        codeChallenge: q.get('code_challenge') ?? '',
        user: next,
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      const state = q.get('state');
      if (state) back.searchParams.set('state', state);
      res.writeHead(302, { location: back.href });
      res.end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const form = await formOf(req);
      const client = clientOf(req, form);
      const grant = grants.get(form.get('code') ?? '');
      grants.delete(form.get('code') ?? '');
      if (client.id !== clientId || client.secret !== clientSecret) {
        send(res, 401, { error: 'invalid_client' });
        return;
      }
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!grant || grant.redirectUri !== form.get('redirect_uri') || grant.codeChallenge !== challenge) {
        send(res, 400, { error: 'invalid_grant' });
        return;
      }
      const idToken = await new SignJWT({
        ...(grant.nonce ? { nonce: grant.nonce } : {}),
        ...(grant.user.email
          ? { email: grant.user.email, email_verified: grant.user.emailVerified ?? false }
          : {}),
        ...(grant.user.name ? { name: grant.user.name } : {}),
      })
        .setProtectedHeader({ alg: 'RS256', kid: KID })
        .setIssuer(issuer)
        .setSubject(grant.user.sub)
        .setAudience(clientId)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      send(res, 200, {
        access_token: randomBytes(16).toString('hex'),
        token_type: 'Bearer',
        expires_in: 300,
        id_token: idToken,
      });
      return;
    }
    send(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  issuer = `http://127.0.0.1:${port}`;
  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (user) => {
      next = user;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
