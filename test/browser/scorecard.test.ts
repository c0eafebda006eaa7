/**
 * Partner scorecards in a real browser: an editor shares a link from the partner page; a browser with no
 * cookies opens it, and gets nothing else. Skipped without chromium unless ATLAS_REQUIRE_BROWSER=1, like
 * admin-app.test.ts (its setup is small enough to keep here until test/support has a shared one).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import { sha256Hex } from '../../src/server/sessions.js';
import { type BrowserSession, browserAvailable, openBrowser } from '../support/browser.js';
import { createTestWorld, type TestWorld } from '../support/server-world.js';

const ARTIFACTS = 'test-artifacts/browser/scorecard';

const SUITE = 'partner scorecards in a browser';
const available = browserAvailable(SUITE);
const EDITOR_TOKEN = 'editor-token-0123456789abcdef';
const DAY = 24 * 60 * 60 * 1000;

describe.runIf(available)(SUITE, () => {
  let world: TestWorld;
  let server: { url: string; close: () => Promise<void> };
  let session: BrowserSession;
  let partners: { id: string; name: string }[];
  let shared = '';
  const problems: string[] = [];

  /** A page whose script errors and CSP violations (console errors) fail the suite at the end. */
  const watched = async (context: BrowserContext): Promise<Page> => {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (msg) => {
      // 401/404/410 answers the test asks for are logged as failed loads; anything else is a problem.
      if (msg.type() === 'error' && !/status of (401|404|410)/.test(msg.text()))
        problems.push(`console: ${msg.text()}`);
    });
    return page;
  };

  beforeAll(async () => {
    world = await createTestWorld({ partners: 20 });
    await world.store.createUser({
      name: 'Ana Editor',
      role: 'editor',
      tokenHash: sha256Hex(EDITOR_TOKEN),
      createdAt: new Date().toISOString(),
    });
    server = await startServer(world.deps, { port: 0 });
    const list = await fetch(`${server.url}/api/partners?limit=2`, {
      headers: { Authorization: `Bearer ${EDITOR_TOKEN}` },
    });
    partners = (await list.json()).partners;
    // Each case opens its own contexts (the shared link must be tried without the editor's cookies).
    session = await openBrowser({ artifacts: ARTIFACTS });
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await server?.close();
    await world?.close();
  });

  it('lets an editor create a share link on the partner page', async () => {
    const [partner] = partners;
    const page = await watched(await session.browser.newContext());
    await page.goto(`${server.url}/partners/${encodeURIComponent(partner?.id ?? '')}`);
    await page.getByLabel('Your token or the admin token').fill(EDITOR_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const panel = page.locator('#scorecard-panel');
    await expect.poll(() => panel.textContent()).toContain(`What ${partner?.name} sees`);
    expect(await panel.getByRole('link', { name: 'Download as PDF' }).getAttribute('href')).toMatch(
      /scorecard\.pdf$/,
    );
    await page.getByLabel(/Link expires after/).fill('7');
    await page.getByRole('button', { name: 'Create share link' }).click();
    await page.waitForSelector('#scorecard-url');
    shared = await page.locator('#scorecard-url').inputValue();
    expect(shared).toMatch(new RegExp(`^${server.url}/scorecard/[\\w.-]+$`));
    expect(await panel.textContent()).toMatch(/valid until \d{1,2} \w+ \d{4}/);
    await page.screenshot({ path: `${ARTIFACTS}/01-share-link-created.png`, fullPage: true });
  });

  it('opens the link in a browser with no cookies, and nothing else', async () => {
    const [partner, other] = partners;
    const context = await session.browser.newContext();
    const page = await watched(context);
    await page.goto(shared);
    expect(await page.locator('h1').textContent()).toBe(partner?.name);
    expect(await page.locator('.headline').textContent()).toMatch(/^You /);
    await page.getByRole('heading', { name: 'What your levels rest on' }).waitFor();
    // What its levels earn it, as the shipped scorecard.yaml opts in: each benefit with a value, in words.
    await page.getByRole('heading', { name: 'What your levels earn you' }).waitFor();
    expect(await page.locator('body').textContent()).not.toContain(other?.name);
    expect(await context.cookies()).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/02-shared-scorecard.png`, fullPage: true });
    // On a phone the page fits its width: a partner opens the link from an e-mail.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${ARTIFACTS}/03-shared-scorecard-phone.png`, fullPage: true });

    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Your token or the admin token').waitFor();
    expect((await context.request.get(`${server.url}/api/partners`)).status()).toBe(401);
    const otherCard = `/partners/${encodeURIComponent(other?.id ?? '')}/scorecard`;
    expect((await context.request.get(`${server.url}/api${otherCard}`)).status()).toBe(401);
    await page.goto(`${server.url}${otherCard}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await context.cookies()).not.toContainEqual(expect.objectContaining({ name: 'atlas_session' }));
  });

  it('shows the expiry page once the link has expired', async () => {
    const later = await startServer(
      { ...world.deps, now: () => new Date(Date.now() + 8 * DAY) },
      { port: 0 },
    );
    try {
      const page = await watched(await session.browser.newContext());
      const res = await page.goto(`${later.url}${new URL(shared).pathname}`);
      expect(res?.status()).toBe(410);
      expect(await page.locator('main').textContent()).toContain(
        'This scorecard link has expired; ask your partner manager for a new one.',
      );
    } finally {
      await later.close();
    }
    expect(problems).toEqual([]);
  });
});
