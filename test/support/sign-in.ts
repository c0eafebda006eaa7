/** Test support: signs a supertest agent in through the real sign-in form and reads the page's CSRF token. */
import type { Application } from 'express';
import request from 'supertest';
import { TEST_TOKEN } from './server-world.js';

export function hiddenInput(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`no hidden input ${name} in the page`);
  return match[1];
}

export async function signIn(
  app: Application,
): Promise<{ agent: ReturnType<typeof request.agent>; csrf: string }> {
  const agent = request.agent(app);
  const form = await agent.get('/login').expect(200);
  await agent
    .post('/login')
    .type('form')
    .send({ token: TEST_TOKEN, csrf: hiddenInput(form.text, 'csrf'), next: '/' })
    .expect(303)
    .expect('Location', '/');
  const page = await agent.get('/').expect(200);
  const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page.text)?.[1];
  if (!csrf) throw new Error('no CSRF token on the signed-in page');
  return { agent, csrf };
}

/**
 * Signs in through a TLS-terminating proxy (`X-Forwarded-Proto: https`) and returns the sign-in form's
 * cookie and the sign-in answer: what Secure-cookie and HSTS tests look at. A cookie jar keeps Secure
 * cookies off plain HTTP, so the form's cookie is sent by hand, as the browser would over TLS.
 */
export async function signInOverHttps(
  app: Application,
): Promise<{ loginCookie: string | undefined; signedIn: request.Response }> {
  const form = await request(app).get('/login').set('X-Forwarded-Proto', 'https').expect(200);
  const loginCookie = [form.headers['set-cookie']].flat().find((c) => c?.startsWith('atlas_login_csrf='));
  const signedIn = await request(app)
    .post('/login')
    .set('X-Forwarded-Proto', 'https')
    .set('Cookie', loginCookie?.split(';')[0] ?? '')
    .type('form')
    .send({ token: TEST_TOKEN, csrf: hiddenInput(form.text, 'csrf') })
    .expect(303);
  return { loginCookie, signedIn };
}

/** The session cookie an answer sets, if any. */
export function sessionCookie(res: request.Response): string | undefined {
  return [res.headers['set-cookie']].flat().find((c) => c?.startsWith('atlas_session='));
}
