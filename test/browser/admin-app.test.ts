/**
 * The admin web app in a real browser: Debian's chromium driven by playwright-core (no browser download).
 * Each step leaves a screenshot in test-artifacts/browser/. Without chromium the suite is skipped loudly,
 * unless ATLAS_REQUIRE_BROWSER=1 (CI), where a missing browser fails it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { startServer } from '../../src/server/index.js';
import { CellResponseSchema, MapResponseSchema } from '../../src/server/routes/ecosystem-api.js';
import { MatchResponseSchema } from '../../src/server/routes/match-api.js';
import { PartnerTeamingResponseSchema } from '../../src/server/routes/partner-teaming-api.js';
import { PartnersResponseSchema } from '../../src/server/routes/partners-api.js';
import { NetworkResponseSchema } from '../../src/server/routes/teaming-api.js';
import { type BrowserSession, browserAvailable, openBrowser } from '../support/browser.js';
import { defaultText, edit, positionOf } from '../support/mapping-dir.js';
import { createPipelineWorld, type PipelineWorld, TEST_TOKEN } from '../support/server-world.js';

const SUITE = 'admin web app in a browser';
const available = browserAvailable(SUITE);
/** Pairs per page of the Teaming table (teaming-page.js PAGE_SIZE). */
const PAIRS_PAGE = 15;

describe.runIf(available)(SUITE, () => {
  let world: PipelineWorld;
  let server: { url: string; close: () => Promise<void> };
  let session: BrowserSession;
  let page: Page;
  let problems: string[];
  const screenshot = (name: string) => session.screenshot(name);

  beforeAll(async () => {
    world = await createPipelineWorld({ partners: 60 });
    server = await startServer(world.deps, { port: 0 });
    session = await openBrowser({ artifacts: 'test-artifacts/browser' });
    ({ page, problems } = session);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await server?.close();
    await world?.close();
  });

  it('signs in through the sign-in page', async () => {
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Your token or the admin token').fill('wrong-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('[role=alert]').textContent()).toMatch(/Wrong token/);
    await screenshot('sign-in-refused');
    await page.getByLabel('Your token or the admin token').fill(TEST_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('h1:text("Ecosystem map")');
    expect(await page.content()).not.toContain(TEST_TOKEN);
  });

  it('opens the map: a heatmap with flagged cells and a chart', async () => {
    await page.waitForSelector('#heatmap button.cell');
    const cells = await page.locator('#heatmap button.cell').count();
    expect(cells).toBeGreaterThan(50);
    expect(await page.locator('#heatmap .flag').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#sector-chart').getAttribute('width')).toMatch(/^[1-9]/);
    await screenshot('ecosystem-map');
    // Filters: one region's partners, only the gaps standing out; then back to the whole map.
    const all = await page.locator('#heatmap button.cell').count();
    await page.getByLabel('Highlight').selectOption('gap');
    const gaps = await page.locator('#heatmap button.cell:has(.flag-gap)').count();
    expect(await page.locator('#heatmap button.cell:not(.dim)').count()).toBe(gaps);
    // A region's map is loaded from the server (its own demand, partners and gaps, as atlas map --region).
    await page.getByLabel('Region').selectOption({ index: 1 });
    await expect
      .poll(() => page.locator('#heatmap caption').textContent())
      .toMatch(/^Specialists per cell among partners in \S+ .*gaps of \S/);
    expect(await page.locator('#heatmap button.cell').count()).toBe(all);
    await screenshot('ecosystem-map-filtered');
    await page.getByLabel('Region').selectOption('');
    await expect.poll(() => page.locator('#heatmap caption').textContent()).toMatch(/whole ecosystem/);
    await page.getByLabel('Highlight').selectOption('');
    expect(await page.locator('#heatmap button.cell.dim').count()).toBe(0);
  });

  it('opens a cell with the keyboard and sees its partners ranked', async () => {
    const busiest = await page.$$eval(
      '#heatmap button.cell',
      (buttons) =>
        buttons
          .map((b) => ({
            cell: b.getAttribute('data-cell') ?? '',
            n: Number(b.getAttribute('data-held') ?? 0),
          }))
          .filter((c) => !c.cell.includes('*'))
          .sort((a, b) => b.n - a.n)[0]?.cell,
    );
    const button = page.locator(`#heatmap button.cell[data-cell="${busiest}"]`);
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#cell-partners tbody tr');
    expect(await page.evaluate('document.activeElement?.id')).toBe('cell-title');
    const levels = await page.locator('#cell-partners tbody tr td:nth-child(3)').allTextContents();
    const rank = (level: string) =>
      ['Specialist', 'Proven', 'Emerging'].indexOf(level) + (level === '–' ? 4 : 0);
    expect(levels.length).toBeGreaterThan(1);
    expect(levels.map(rank)).toEqual([...levels.map(rank)].sort((a, b) => a - b));
    expect(rank(levels[0] ?? '–')).toBeLessThan(3);
    await screenshot('cell-partners');
  });

  it('opens a partner: scores per cell, evidence linked to the CRM, next level, history chart', async () => {
    const link = page.locator('#cell-partners tbody tr a').first();
    const name = await link.textContent();
    await link.click();
    await page.waitForSelector('details.cell-score');
    expect(await page.locator('h1').textContent()).toBe(name);
    const first = page.locator('details.cell-score summary').first();
    await first.click();
    const crm = page.locator('details.cell-score[open] a.crm-link').first();
    expect(await crm.getAttribute('href')).toMatch(
      /^https:\/\/atlas-test\.my\.salesforce\.com\/lightning\/r\/\w+\/\w+\/view$/,
    );
    expect(await page.locator('details.cell-score[open] .next').textContent()).toMatch(
      /Next level|Top level/,
    );
    await expect
      .poll(() => page.locator('canvas.history-chart').first().getAttribute('width'))
      .toMatch(/^[1-9]/);
    // The expertise heatmap marks the level of the partner's best cell.
    expect(await page.locator('#expertise-map td.x a').count()).toBeGreaterThan(0);
    await screenshot('partner-page');
  });

  it('filters the partner list', async () => {
    await page.getByRole('link', { name: 'Partners', exact: true }).click();
    await page.waitForSelector('#partners tbody tr');
    await page.getByLabel('Level').selectOption('Specialist');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => new URL(page.url()).search).toContain('level=Specialist');
    await expect.poll(() => page.locator('#count').textContent()).toMatch(/^\d+ partners?\b/);
    const segments = await page.locator('#partners tbody tr td:nth-child(2)').allTextContents();
    expect(segments.length).toBeGreaterThan(0);
    await screenshot('partners-filtered');
  });

  it('runs a match', async () => {
    await page.getByRole('link', { name: 'Match' }).click();
    await page.waitForSelector('#m-technologies input');
    await page.getByLabel('Customer sector').selectOption({ index: 1 });
    await page.locator('#m-technologies input').first().check();
    await page.getByRole('button', { name: 'Find partners' }).click();
    await page.waitForSelector('#matches li.match');
    expect(await page.locator('#matches li.match').count()).toBe(10);
    expect(await page.locator('#matches .reason').first().textContent()).toMatch(/score/);
    await screenshot('match');
  });

  /** The API as the test sees it (bearer token), to pick data worth showing before driving the page. */
  const apiGet = async <S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> => {
    const res = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${TEST_TOKEN}` } });
    expect(res.status, path).toBe(200);
    // Parsed with the route's own response schema: the answer is also checked against its documentation.
    return schema.parse(await res.json());
  };

  it('runs a match that no single partner covers and sees the ranked teams', async () => {
    const { facets } = await apiGet('/api/partners?limit=1', PartnersResponseSchema);
    // The first opportunity whose best team covers every need, else the first with any team.
    let picked: { sector: string; technologies: string[]; teams: number; coversAll: boolean } | undefined;
    search: for (const sector of facets.sectors) {
      for (const [i, a] of facets.technologies.entries()) {
        for (const b of facets.technologies.slice(i + 1)) {
          const body = await apiGet(
            `/api/match?sector=${sector.key}&technologies=${a.key},${b.key}&limit=3`,
            MatchResponseSchema,
          );
          const best = body.teams[0];
          if (best && !picked?.coversAll) {
            picked = {
              sector: sector.key,
              technologies: [a.key, b.key],
              teams: body.teams.length,
              coversAll: best.coversAll,
            };
            if (best.coversAll) break search;
          }
        }
      }
    }
    expect(picked).toBeDefined();
    await page.getByLabel('Customer sector').selectOption(picked?.sector ?? '');
    for (const box of await page.locator('#m-technologies input').all()) await box.uncheck();
    for (const t of picked?.technologies ?? []) await page.locator(`#tech-${t}`).check();
    await page.getByRole('button', { name: 'Find partners' }).click();
    await page.waitForSelector('#teams-section:not([hidden]) #teams li.team');
    expect(await page.locator('#teams li.team').count()).toBe(picked?.teams);
    const first = page.locator('#teams li.team').first();
    const members = await first.locator('.team-members li.member').count();
    expect(members).toBeGreaterThanOrEqual(2);
    expect(await first.locator('.match-head a').count()).toBe(members);
    expect(await first.locator('.match-head').textContent()).not.toMatch(/http/);
    expect(await first.locator('.covers-all').count()).toBe(picked?.coversAll ? 1 : 0);
    // The sentence above the teams says what they do: cover every need, or only come closest.
    expect(await page.locator('#teams-lead').textContent()).toMatch(
      picked?.coversAll ? /covers? every need together/ : /^No team holds .+ come closest \(partial cover\)/,
    );
    expect(await first.locator('.member').first().textContent()).toMatch(/brings .+ ×/);
    expect(await first.locator('.weakest').textContent()).toMatch(/^Weakest need: .+ at \d/);
    expect(await first.locator('.reason').textContent()).toMatch(/weakest need/);
    expect(await page.locator('#match-summary').textContent()).toMatch(/No single partner holds Specialist/);
    await screenshot('match-teams');
  });

  it('opens a partner page with its co-delivery, suggested teammates and skill sharing', async () => {
    const list = (await apiGet('/api/partners?limit=500', PartnersResponseSchema)).partners;
    let picked: { id: string; teammates: number; coPartners: number; learnFrom: number } | undefined;
    for (const p of list) {
      const t = await apiGet(
        `/api/partners/${encodeURIComponent(p.id)}/teaming`,
        PartnerTeamingResponseSchema,
      );
      // The first partner with teammates, preferably one that also co-delivered and has a mentor.
      if (t.suggestedTeammates.length === 0) continue;
      const full = t.coDelivery.partners.length > 0 && t.skillSharing.learnFrom.length > 0;
      if (!picked || full) {
        picked = {
          id: p.id,
          teammates: t.suggestedTeammates.length,
          coPartners: t.coDelivery.partners.length,
          // Grouped: one item per mentor, however many cells it could help in.
          learnFrom: new Set(t.skillSharing.learnFrom.map((s) => s.mentor.partnerId)).size,
        };
      }
      if (full) break;
    }
    expect(picked).toBeDefined();
    await page.goto(`${server.url}/partners/${encodeURIComponent(picked?.id ?? '')}`);
    await page.waitForSelector('#teammates-list li.teammate');
    expect(await page.locator('#teammates-list li.teammate').count()).toBe(picked?.teammates);
    // What its levels earn it, as benefits.yaml names them: one line per benefit, "None" when no rule matched.
    const benefits = await page.locator('#benefits dt').allTextContents();
    expect(benefits).toEqual(['MDF eligibility', 'Lead priority', 'Discount band', 'Healthcare programme']);
    expect(await page.locator('#benefits dd').count()).toBe(benefits.length);
    // What a teammate brings, in cells; no summed "score" above 100 that reads like a cell score.
    const teammate = await page.locator('#teammates-list li.teammate').first().textContent();
    expect(teammate).toMatch(/ brings \S/);
    expect(teammate).not.toMatch(/score/);
    expect(await page.locator('#co-delivery-partners li').count()).toBe(picked?.coPartners);
    expect(await page.locator('#co-delivery-summary').textContent()).toMatch(/won deal/);
    // One item per mentor, or the one line saying there is none.
    expect(await page.locator('#learn-from li').count()).toBe(Math.max(1, picked?.learnFrom ?? 0));
    await page.locator('#teammates').scrollIntoViewIfNeeded();
    await screenshot('partner-teammates');
  });

  it('draws the co-delivery network with Cytoscape, filters it, and lists the same pairs in a table', async () => {
    await page.getByRole('link', { name: 'Teaming' }).click();
    await page.waitForSelector('#network[data-rendered="true"] canvas');
    const all = (await apiGet('/api/teaming/network', NetworkResponseSchema)).network;
    expect(all.edges.length).toBeGreaterThan(0);
    expect(await page.locator('#network').getAttribute('data-nodes')).toBe(String(all.nodes.length));
    // Paginated: the first page of the pairs, most shared first.
    expect(await page.locator('#network-table tbody tr').count()).toBe(
      Math.min(PAIRS_PAGE, all.edges.length),
    );
    // The table is the keyboard path: its partner links take focus.
    await page.locator('#network-table tbody a').first().focus();
    expect(await page.evaluate('document.activeElement?.closest("table")?.id')).toBe('network-table');
    await screenshot('teaming-network');

    const { facets } = await apiGet('/api/partners?limit=1', PartnersResponseSchema);
    let sector = '';
    let edges = 0;
    for (const s of facets.sectors) {
      edges = (await apiGet(`/api/teaming/network?sector=${s.key}`, NetworkResponseSchema)).network.edges
        .length;
      if (edges > 0 && edges < all.edges.length) {
        sector = s.key;
        break;
      }
    }
    expect(sector).not.toBe('');
    await page.getByLabel('Sector').selectOption(sector);
    await page.getByRole('button', { name: 'Show network' }).click();
    await expect
      .poll(() => page.locator('#network-table tbody tr').count())
      .toBe(Math.min(PAIRS_PAGE, edges));
    await page.waitForSelector('#network[data-rendered="true"] canvas');
    await screenshot('teaming-network-sector');
  });

  it('opens a gap cell on the map and sees who is closest to the top level and which split teams could cover it', async () => {
    const map = await apiGet('/api/map', MapResponseSchema);
    const gap = map.cells.find((c) => c.flags.includes('gap') && !c.cell.includes('*'));
    expect(gap).toBeDefined();
    const fill = (await apiGet(`/api/map/cells/${encodeURIComponent(gap?.cell ?? '')}`, CellResponseSchema))
      .gapFill;
    await page.getByRole('link', { name: 'Ecosystem map' }).click();
    await page.locator(`#heatmap button.cell[data-cell="${gap?.cell}"]`).click();
    await page.waitForSelector('#gap-fill:not([hidden]) #gap-closest tbody tr');
    expect(await page.locator('#gap-closest tbody tr').count()).toBe(Math.max(1, fill?.closest.length ?? 0));
    expect(await page.locator('#gap-teams li').count()).toBe(Math.max(1, fill?.teams.length ?? 0));
    if (fill?.closest[0])
      expect(await page.locator('#gap-closest tbody tr').first().textContent()).toContain(
        fill.closest[0].summary,
      );
    await page.locator('#gap-fill').scrollIntoViewIfNeeded();
    await screenshot('map-gap-fill');
  });

  it('edits a mapping: an error is marked at its line, then preview, then save', async () => {
    const original = defaultText('salesforce.yaml');
    await page.getByRole('link', { name: 'Mappings' }).click();
    await expect.poll(async () => (await page.locator('#yaml').inputValue()).length).toBeGreaterThan(100);
    await expect.poll(() => page.locator('#validity').textContent()).toBe('Valid');

    // Type one character into the Website mapping, as an admin would: "domain" becomes "domainx".
    const at = original.indexOf('transform: domain }') + 'transform: domain'.length;
    await page.locator('#yaml').evaluate((node, offset) => {
      const t = node as unknown as { focus(): void; setSelectionRange(a: number, b: number): void };
      t.focus();
      t.setSelectionRange(offset, offset);
    }, at);
    await page.keyboard.type('x');
    const line = positionOf(original, 'transform: domain }').line;
    await page.waitForSelector(`#gutter .err[data-line="${line}"]`);
    expect(await page.locator('#validity').textContent()).toMatch(/problem/);
    expect(await page.locator(`#problems .problem[data-line="${line}"]`).textContent()).toMatch(
      /domainx.*did you mean "domain"/,
    );
    await page.locator(`#problems .problem[data-line="${line}"] button`).click();
    // Browser-side callbacks see the DOM; the test itself is type-checked without the DOM library.
    const selected = await page.locator('#yaml').evaluate((node) => {
      const t = node as unknown as { value: string; selectionStart: number; selectionEnd: number };
      return t.value.slice(t.selectionStart, t.selectionEnd);
    });
    expect(selected).toContain('domainx');
    await screenshot('mapping-error-marked');

    await page.getByLabel('CRM object').selectOption('Account');
    await page.waitForSelector('#picker-fields li button:text("BillingCountry")');

    const fixed = edit(
      original,
      'name: { path: Name }                                  #',
      'name: { path: Name, transform: uppercase } #',
    );
    // A larger edit is pasted in whole (typing it key by key would only slow the suite down).
    await page.locator('#yaml').evaluate((node, text) => {
      const t = node as unknown as { value: string; dispatchEvent(event: unknown): boolean };
      const g = globalThis as unknown as { Event: new (type: string, init: { bubbles: boolean }) => unknown };
      t.value = text;
      t.dispatchEvent(new g.Event('input', { bubbles: true }));
    }, fixed);
    await expect.poll(() => page.locator('#validity').textContent()).toBe('Valid');
    expect(await page.locator('#gutter .err').count()).toBe(0);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.waitForSelector('#preview-out:not([hidden]) .preview-entity');
    expect(await page.locator('.preview-entity[data-entity="partners"] table').textContent()).toContain(
      'FABRIKAM CONSULTING GMBH',
    );
    expect(await page.locator('#preview-writeback').textContent()).toContain('Atlas_Primary_Segment__c');
    expect(readFileSync(join(world.dir, 'salesforce.yaml'), 'utf8')).toBe(original);
    await screenshot('mapping-preview');

    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Saved salesforce/);
    await page.waitForSelector('#history button:text("Roll back")');
    expect(readFileSync(join(world.dir, 'salesforce.yaml'), 'utf8')).toBe(fixed);
    await screenshot('mapping-saved');
  });

  it('shows a nightly run with its drift report and failed records', async () => {
    await page.getByRole('link', { name: 'Runs' }).click();
    await page.waitForSelector(`#runs tbody tr[data-run-id="${world.secondRunId}"]`);
    await page.locator(`#runs tbody tr[data-run-id="${world.secondRunId}"] button`).click();
    await page.waitForSelector('#run-systems section[data-system="salesforce"] table');
    const systems = page.locator('#run-systems');
    expect(await systems.locator('table', { hasText: 'drift' }).textContent()).toContain('Gold partner');
    expect(await systems.locator('table', { hasText: 'failed records' }).textContent()).toContain(
      world.driftRecordId,
    );
    expect(await systems.locator('table', { hasText: 'records read' }).textContent()).toMatch(
      /partners\s*Account/,
    );
    expect(await page.locator('#run-changes').textContent()).toMatch(/Since the run of \d+ \w+ \d\d:\d\d/);
    await screenshot('run-drift-and-failures');
  });

  it('starts a dry run, follows its progress live and sees its result', async () => {
    const release = world.hold();
    await page.getByRole('button', { name: 'Start dry run' }).click();
    await expect.poll(() => page.locator('#live-status').textContent()).toMatch(/^Dry run of .+: running/);
    await page.waitForSelector('#live-events li');
    const running = page.locator('#runs tbody tr[data-status="running"]');
    const runId = (await running.getAttribute('data-run-id')) ?? '';
    expect(runId).not.toBe('');
    // Marked as a dry run in the history, not only in its details.
    expect(await running.locator('.dry-run').textContent()).toBe('Dry run');
    await screenshot('dry-run-running');
    release();
    // Wait for this run's details: the title may still show the run opened before (not running either).
    await page.waitForSelector(`#run-title[data-run-id="${runId}"]:not([data-status="running"])`, {
      timeout: 30_000,
    });
    await world.current();
    expect(await page.locator('#run-title').textContent()).toMatch(/^Dry run of .+ — (succeeded|partial)/);
    expect(await page.locator('#run-dry').textContent()).toMatch(/^Dry run — nothing was written/);
    expect(await page.locator('#run-systems').textContent()).toContain('Dry run (nothing written)');
    expect(await page.locator('#runs tbody tr').count()).toBe(3);
    await screenshot('dry-run-finished');
  });

  /**
   * Every page at a laptop size, as a newcomer sees it: its content loaded, no taller than SCREENS_MAX
   * screens (long sections are folded, summarised or paginated), and no internal data in its visible text.
   * Each leaves a full-page screenshot in test-artifacts/browser/ (`page-<name>.png`).
   */
  const PAGES: { name: string; path: () => Promise<string>; ready: string; show?: () => Promise<void> }[] = [
    { name: 'map', path: async () => '/', ready: '#heatmap button.cell' },
    { name: 'partners', path: async () => '/partners', ready: '#partners tbody tr' },
    {
      name: 'partner',
      // The partner with the most cells: the longest partner page there is.
      path: async () => {
        const { partners } = await apiGet('/api/partners?limit=1', PartnersResponseSchema);
        return `/partners/${encodeURIComponent(partners[0]?.id ?? '')}`;
      },
      ready: '#expertise-map td.x',
      show: async () => {
        await page.waitForSelector('#teammates-list li');
        await page.waitForSelector('canvas.history-chart, #history-charts p');
      },
    },
    {
      name: 'match',
      path: async () => '/match',
      ready: '#m-technologies input',
      show: async () => {
        await page.getByLabel('Customer sector').selectOption({ index: 1 });
        await page.locator('#m-technologies input').first().check();
        await page.locator('#m-technologies input').nth(1).check();
        await page.getByRole('button', { name: 'Find partners' }).click();
        await page.waitForSelector('#matches li.match');
      },
    },
    {
      name: 'teaming',
      path: async () => '/teaming',
      ready: '#network[data-rendered="true"] canvas',
      show: async () => {
        await page.waitForSelector('#network-table tbody tr');
      },
    },
    {
      name: 'runs',
      path: async () => '/runs',
      ready: '#runs tbody tr button',
      show: async () => {
        await page.locator('#runs tbody tr button').first().click();
        await page.waitForSelector('#run-detail:not([hidden]) #run-figures dt');
      },
    },
    { name: 'reviews', path: async () => '/reviews', ready: '#pending tbody tr' },
    { name: 'audit', path: async () => '/audit', ready: '#audit tbody tr' },
    { name: 'users', path: async () => '/users', ready: '#users-count:text("No users yet")' },
    {
      name: 'mappings',
      path: async () => '/mappings',
      ready: '#validity:text("Valid")',
      show: async () => {
        await page.getByRole('button', { name: 'Preview' }).click();
        await page.waitForSelector('#preview-out:not([hidden]) .preview-entity table');
      },
    },
  ];
  /** The tallest a page may be at 1440 × 900, in screens: what fits the data once long lists are folded. */
  const SCREENS_MAX = 3;
  const LAPTOP = { width: 1440, height: 900 };
  const RAW = {
    uuid: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i,
    'ISO timestamp': /\d{4}-\d\d-\d\dT\d\d:\d\d/,
    JSON: /[{[]\s*"[^"]+"\s*:/,
    'dotted key': /\b(model|score|snapshot|figures|options)\.[a-z]\w*/,
    'camelCase key': /\b[a-z]+[A-Z][a-zA-Z]*\b/,
    'taxonomy key': /\b[a-z]+_[a-z_]+\b/,
    slug: /\b(technical-enablement|sales-marketing-support|sales-enablement|re-engagement|single-point-of-failure|joint-delivery|won-deal)\b/,
  };

  for (const spec of PAGES) {
    it(`shows the ${spec.name} page in human words within ${SCREENS_MAX} screens at 1440 × 900`, async () => {
      await page.setViewportSize(LAPTOP);
      await page.goto(`${server.url}${await spec.path()}`);
      await page.waitForSelector(spec.ready);
      await spec.show?.();
      // The visible text only, without what the admin edits as code (the YAML editor, CRM field names).
      const text = await page.evaluate(() => {
        const g = globalThis as unknown as {
          document: { createTreeWalker(root: unknown, what: number): { nextNode(): unknown }; body: unknown };
        };
        type TextNode = {
          textContent: string | null;
          parentElement: { closest(s: string): unknown; checkVisibility(): boolean } | null;
        };
        const walker = g.document.createTreeWalker(g.document.body, 4);
        const out: string[] = [];
        for (let n = walker.nextNode() as TextNode | null; n; n = walker.nextNode() as TextNode | null) {
          const parent = n.parentElement;
          if (!parent?.checkVisibility()) continue;
          if (parent.closest('textarea, #gutter, #picker-fields, script, style')) continue;
          out.push(n.textContent ?? '');
        }
        return out.join(' ');
      });
      const found = Object.entries(RAW).flatMap(([what, re]) => {
        const m = re.exec(text);
        return m ? [`${what}: "${m[0]}" in "…${text.slice(Math.max(0, m.index - 60), m.index + 60)}…"`] : [];
      });
      const height = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document
            .documentElement.scrollHeight,
      );
      await screenshot(`page-${spec.name}`);
      expect(found, spec.name).toEqual([]);
      expect(height, `${spec.name} is ${height} px tall`).toBeLessThanOrEqual(SCREENS_MAX * LAPTOP.height);
    });
  }

  it('fits a tablet width without the page scrolling sideways', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.getByRole('link', { name: 'Ecosystem map' }).click();
    await page.waitForSelector('#heatmap button.cell');
    const overflow = await page.evaluate(() => {
      const g = globalThis as unknown as {
        document: { documentElement: { scrollWidth: number } };
        innerWidth: number;
      };
      return g.document.documentElement.scrollWidth - g.innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot('tablet-map');
  });

  it('raised no script error and no CSP violation on any page', () => {
    // The refused sign-in answers 401 by design; the browser logs that as a failed resource.
    expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
  });
});
