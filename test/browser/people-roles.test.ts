/**
 * People and roles in a real browser (one server, one chromium): the admin adds users on the Users page and
 * starts a run, an editor saves a mapping, a viewer cannot (the button is disabled and the API answers 403),
 * and the Audit page lists each of those actions and exports them as CSV. Screenshots go to
 * test-artifacts/browser/people-roles/.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import { type BrowserSession, browserAvailable, openBrowser } from '../support/browser.js';
import { createPipelineWorld, type PipelineWorld, TEST_TOKEN } from '../support/server-world.js';

const SUITE = 'people and roles in a browser';
const available = browserAvailable(SUITE);

describe.runIf(available)(SUITE, () => {
  let world: PipelineWorld;
  let server: { url: string; close: () => Promise<void> };
  let session: BrowserSession;
  let page: Page;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    world = await createPipelineWorld({ partners: 30 });
    server = await startServer(world.deps, { port: 0 });
    session = await openBrowser({ artifacts: 'test-artifacts/browser/people-roles' });
    page = session.page;
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await server?.close();
    await world?.close();
  });

  const signIn = async (token: string, next = '/') => {
    await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Your token or the admin token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === next);
  };
  const signOut = async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
  };

  it('lets the admin add people on the Users page, each token shown once', async () => {
    await signIn(TEST_TOKEN, '/users');
    expect(await page.locator('header .who').textContent()).toMatch(/Administrator \(admin token\)\s*admin/);
    for (const [name, role] of [
      ['Vera Lindqvist', 'viewer'],
      ['Eddie Okafor', 'editor'],
    ] as const) {
      await page.locator('#u-name').fill(name);
      await page.locator('#u-role').selectOption(role);
      await page.getByRole('button', { name: 'Add user' }).click();
      await expect.poll(() => page.locator('#new-token-title').textContent()).toBe(`Token for ${name}`);
      tokens[name] = (await page.locator('#new-token-value').textContent()) ?? '';
      expect(tokens[name]).toMatch(/^atlas_/);
    }
    await expect.poll(() => page.locator('#users tbody tr').count()).toBe(2);
    await session.screenshot('users-added');
  });

  it('lets the admin start a dry run', async () => {
    await page.getByRole('link', { name: 'Runs' }).click();
    await page.getByRole('button', { name: 'Start dry run' }).click();
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 30_000 }).toMatch(/finished$/);
    await world.current();
    await signOut();
  });

  it('lets an editor save a mapping', async () => {
    await signIn(tokens['Eddie Okafor'] ?? '', '/mappings');
    expect(await page.locator('header .who').textContent()).toMatch(/Eddie Okafor\s*editor/);
    await page.waitForSelector('#history');
    await page.getByRole('button', { name: 'Save' }).click();
    // The first save starts the mapping checker's thread: allow it a few seconds.
    await expect
      .poll(() => page.locator('#status').textContent(), { timeout: 15_000 })
      .toMatch(/^Saved salesforce/);
    await session.screenshot('editor-saved');
    await signOut();
  });

  it('keeps a viewer from saving a mapping: the button is disabled, and the API answers 403', async () => {
    await signIn(tokens['Vera Lindqvist'] ?? '', '/mappings');
    const save = page.getByRole('button', { name: 'Save' });
    expect(await save.isDisabled()).toBe(true);
    expect(await page.locator('#role-note').textContent()).toContain(
      'Saving a mapping needs the editor role; you are a viewer',
    );
    expect(await page.locator('#yaml').getAttribute('readonly')).not.toBeNull();
    // What a viewer would get by calling the API from the page anyway, with the session's CSRF token.
    const answer = await page.evaluate(async () => {
      const g = globalThis as unknown as {
        document: { querySelector(s: string): { getAttribute(n: string): string | null } | null };
        fetch: typeof fetch;
      };
      const csrf = g.document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
      const res = await g.fetch('/api/mappings/salesforce', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ text: 'partners: {}' }),
      });
      return { status: res.status, body: await res.json() };
    });
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toBe('Saving a mapping needs the editor role; you are a viewer');
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await session.screenshot('viewer-mappings');
  });

  it('lists each action on the Audit page, newest first, and exports it as CSV', async () => {
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.waitForSelector('#audit tbody tr');
    const rows = await page
      .locator('#audit tbody tr')
      .evaluateAll((trs) => trs.map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ')));
    const find = (who: string, what: string) => rows.findIndex((r) => r.includes(who) && r.includes(what));
    const signedIn = find('Vera Lindqvist', 'Signed in with a personal token');
    const saved = find('Eddie Okafor', 'Saved the mapping');
    const run = find('Administrator (admin token)', 'Started a dry run');
    const added = find('Administrator (admin token)', 'Added a user with the viewer role');
    expect(
      [signedIn, saved, run, added].every((i) => i >= 0),
      rows.join('\n'),
    ).toBe(true);
    expect(signedIn).toBeLessThan(saved);
    expect(saved).toBeLessThan(run);
    expect(run).toBeLessThan(added);
    expect(rows[added]).toContain('Vera Lindqvist');
    expect(await page.locator('#audit tbody tr time').first().getAttribute('title')).toMatch(/\d{4}/);
    await session.screenshot('audit');

    await page.getByLabel('What').selectOption('mapping-saved');
    await expect.poll(() => page.locator('#audit tbody tr').count()).toBe(1);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const csv = readFileSync((await (await download).path()) ?? '', 'utf8');
    expect(csv.split('\n')[0]).toBe('When (UTC),Who,Action,What,Subject,Details');
    expect(csv).toContain('Eddie Okafor,Mapping saves,Saved the mapping,mappings/salesforce.yaml');
    expect(csv).not.toContain('Signed in');
  });

  it('raised no script error and no CSP violation', () => {
    // The viewer's refused save answers 403 by design; the browser logs that as a failed resource.
    expect(session.problems.filter((p) => !/status of 403/.test(p))).toEqual([]);
  });
});
