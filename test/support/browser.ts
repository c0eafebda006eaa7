/**
 * Browser tests' shared start: Debian's chromium driven by playwright-core (no browser download), one page
 * that collects script errors and CSP violations, and numbered full-page screenshots. Without chromium a
 * suite is skipped loudly, unless ATLAS_REQUIRE_BROWSER=1 (CI), where a missing browser fails it.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { describe, it } from 'vitest';

const CHROMIUM = process.env.ATLAS_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = process.env.ATLAS_REQUIRE_BROWSER === '1';

/** Whether chromium is here. When it is not, says so: a failing case under ATLAS_REQUIRE_BROWSER=1, a loud warning otherwise. */
export function browserAvailable(suite: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `chromium not found at ${CHROMIUM} (set ATLAS_CHROMIUM, or apt-get install chromium)`;
  if (REQUIRED) {
    describe(suite, () => {
      it('needs chromium (ATLAS_REQUIRE_BROWSER=1)', () => {
        throw new Error(message);
      });
    });
  } else {
    console.warn(`\n!!!!!!!!!!!!!!!!!!!!\n!! BROWSER TESTS SKIPPED: ${message}\n!!!!!!!!!!!!!!!!!!!!\n`);
  }
  return false;
}

export interface BrowserSession {
  browser: Browser;
  page: Page;
  /** Script errors (`pageerror`) and console errors (CSP violations among them) seen so far. */
  problems: string[];
  /** A full-page screenshot `NN-<name>.png` in the suite's folder, numbered in order. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts chromium with one page. `artifacts` is the suite's screenshot folder under the working directory;
 * its earlier screenshots are removed first (only the PNG files directly in it: other suites' folders stay).
 */
export async function openBrowser(options: {
  artifacts: string;
  viewport?: { width: number; height: number };
}): Promise<BrowserSession> {
  const folder = join(process.cwd(), options.artifacts);
  mkdirSync(folder, { recursive: true });
  for (const file of readdirSync(folder))
    if (file.endsWith('.png')) rmSync(join(folder, file), { force: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-emulator'],
  });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  let shot = 0;
  return {
    browser,
    page,
    problems,
    screenshot: async (name) => {
      shot++;
      await page.screenshot({
        path: join(folder, `${String(shot).padStart(2, '0')}-${name}.png`),
        fullPage: true,
      });
    },
    close: () => browser.close(),
  };
}
