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
