/**
 * Overrides and demotion reviews in a real browser, end to end: an editor signs in, pins a level on the
 * partner page, an admin starts a run on the Runs page, and the real pipeline writes the pinned level to the
 * in-memory Salesforce; with review of demotions on, a demotion waits on the Reviews page (the CRM keeps the
 * old level) until the editor approves it and the next run writes it. Screenshots go to
 * test-artifacts/browser/overrides-review/.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startServer } from '../../src/server/index.js';
import { PartnerResponseSchema, PartnersResponseSchema } from '../../src/server/routes/partners-api.js';
import { sha256Hex } from '../../src/server/sessions.js';
import { type BrowserSession, browserAvailable, openBrowser } from '../support/browser.js';
import {
  createPipelineWorld,
  PIPELINE_NOW,
  type PipelineWorld,
  TEST_TOKEN,
} from '../support/server-world.js';

const SUITE = 'overrides and demotion reviews in a browser';
const available = browserAvailable(SUITE);
const EDITOR_TOKEN = 'editor-token-for-the-browser-0123456789';
const VIEWER_TOKEN = 'viewer-token-for-the-browser-0123456789';
/** The world scores at PIPELINE_NOW: the server's clock runs an hour before it, so what the editor decides is in force then. */
const ACT_BEFORE_SCORING_MS = 60 * 60 * 1000;
/** The pins a run's stored change summary lists (src/sync/change-summary.ts ProgrammeChanges). */
const PinnedSummarySchema = z.object({
  programme: z.object({ pinned: z.array(z.record(z.string(), z.string().nullable())) }),
});
/** What the pages must not show: ids, ISO times, taxonomy keys (as the admin app's page tour checks). */
const RAW = /[0-9a-f]{8}-[0-9a-f]{4}-|\d{4}-\d\d-\d\dT\d\d:\d\d|\b[a-z]+_[a-z_]+\b|\b[a-z]+\|[a-z_*]+\b/;

describe.runIf(available)(SUITE, () => {
  let world: PipelineWorld;
  let server: { url: string; close: () => Promise<void> };
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    world = await createPipelineWorld({ partners: 40 });
    await world.store.createUser({
      name: 'Ana Souza',
      role: 'editor',
      tokenHash: sha256Hex(EDITOR_TOKEN),
      createdAt: new Date().toISOString(),
    });
    await world.store.createUser({
      name: 'Vic Viewer',
      role: 'viewer',
      tokenHash: sha256Hex(VIEWER_TOKEN),
      createdAt: new Date().toISOString(),
    });
    const started = Date.now();
    const clock = () => new Date(Date.parse(PIPELINE_NOW) - ACT_BEFORE_SCORING_MS + (Date.now() - started));
    server = await startServer({ ...world.deps, now: clock }, { port: 0 });
    session = await openBrowser({ artifacts: 'test-artifacts/browser/overrides-review' });
    page = session.page;
  }, 90_000);

  afterAll(async () => {
    await session?.close();
    await server?.close();
    await world?.close();
  });

  const signIn = async (token: string, next: string) => {
    await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Your token or the admin token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === next);
  };
  const signOut = async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
  };

  /** The visible text of the main part of the page. */
  const mainText = () => page.locator('main').innerText();

  /** The API as the test sees it (admin bearer token), parsed with the route's own schema. */
  const apiGet = async <T>(path: string, parse: (body: unknown) => T): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${TEST_TOKEN}` } });
    expect(res.status, path).toBe(200);
    return parse(await res.json());
  };

  /** The Salesforce Account id of a partner of the world (`salesforce:Account:<id>`). */
  const accountOf = (partnerId: string) => partnerId.split(':')[2] ?? '';
  const segmentsOf = (partnerId: string) =>
    String(world.crm.records.get(accountOf(partnerId))?.values.Atlas_Segments__c ?? '');

  /**
   * Runs are an admin's to start: the editor signs out, the admin starts a run with the Runs page's button
   * and waits until the page shows it finished, and the editor signs back in. Returns the run's id.
   */
  const runAsAdmin = async (check?: () => Promise<void>): Promise<string> => {
    const [before] = await world.store.listRuns({ limit: 1 });
    await signOut();
    await signIn(TEST_TOKEN, '/runs');
    await page.getByRole('button', { name: 'Start run', exact: true }).click();
    await expect.poll(async () => (await world.store.listRuns({ limit: 1 }))[0]?.id).not.toBe(before?.id);
    const [started] = await world.store.listRuns({ limit: 1 });
    await world.current();
    const runId = started?.id ?? '';
    await page.waitForSelector(`#run-title[data-run-id="${runId}"]:not([data-status="running"])`, {
      timeout: 30_000,
    });
    expect(await page.locator('#run-title').textContent()).toMatch(/ — succeeded$/);
    await check?.();
    await signOut();
    await signIn(EDITOR_TOKEN, '/');
    return runId;
  };

  /** Pair cells of a partner in page order (best score first), with their label and level. */
  const cellsOf = async (id: string) =>
    (await apiGet(`/api/partners/${encodeURIComponent(id)}`, (b) => PartnerResponseSchema.parse(b))).cells;

  it('signs the editor in with their own token', async () => {
    await signIn(EDITOR_TOKEN, '/');
    expect(await page.locator('header .who').textContent()).toMatch(/Ana Souza\s*editor/);
  });

  /** The partner pinned in the first case, and the cell. */
  let pinned: { id: string; name: string; cell: string; label: string; level: string | null } | undefined;

  it('pins a level on the partner page; the next run writes it to the CRM, the page explains it and the run summary mentions it', async () => {
    const { partners } = await apiGet('/api/partners?limit=500', (b) => PartnersResponseSchema.parse(b));
    // A partner whose writes succeed, with a sector × technology cell on view below the top level.
    for (const p of partners) {
      if (accountOf(p.id) === world.driftRecordId) continue;
      const cell = (await cellsOf(p.id))
        .slice(0, 8)
        .find((c) => c.kind === 'pair' && c.level !== null && c.level !== 'Specialist');
      if (cell) {
        pinned = { id: p.id, name: p.name, cell: cell.cell, label: cell.label, level: cell.level };
        break;
      }
    }
    if (!pinned) throw new Error('no partner with a pair cell below Specialist');
    expect(segmentsOf(pinned.id)).not.toContain(`${pinned.label} — Specialist`);

    await page.goto(`${server.url}/partners/${encodeURIComponent(pinned.id)}`);
    const cell = page.locator(`details.cell-score[data-cell="${pinned.cell}"]`);
    await cell.locator('summary').click();
    await cell.getByRole('button', { name: 'Pin level…' }).click();
    await cell.getByLabel('Level', { exact: true }).selectOption('Specialist');
    await cell.getByLabel('Reason').fill('Audited in October');
    await cell.getByRole('button', { name: 'Save pin' }).click();
    await expect
      .poll(() => page.locator('#status').textContent())
      .toBe(`Pinned ${pinned.name} — ${pinned.label} at Specialist. Applies at the next run.`);
    expect(await cell.locator('.override').textContent()).toBe(
      `Pinned at Specialist by Ana Souza: Audited in October (the evidence gives ${pinned.level}) Applies at the next run.`,
    );
    expect(await page.locator('#overrides-in-force').textContent()).toContain(
      `${pinned.label} — Pinned at Specialist by Ana Souza: Audited in October`,
    );
    await session.screenshot('pinned-before-run');

    const label = pinned.label;
    const name = pinned.name;
    const level = pinned.level;
    const runId = await runAsAdmin(async () => {
      // The run's changes list the promotion the pin made; its stored summary names the pin.
      const promoted = page.locator('#run-changes tr', { hasText: label }).filter({ hasText: name });
      expect(await promoted.first().textContent()).toContain(`${level}Specialist`);
      // …and the run page says which levels the programme team decided, in words.
      expect(await page.locator('#run-changes h4').textContent()).toMatch(
        /^Decided by the programme team: \d+ levels? pinned/,
      );
      expect(await page.locator('#run-changes .programme-lines').textContent()).toContain(
        `${name}: ${label} pinned at Specialist (the evidence gives ${level ?? 'no level'})`,
      );
      await session.screenshot('run-after-pin');
    });
    const summary = PinnedSummarySchema.parse((await world.store.getRun(runId))?.changeSummary);
    expect(summary.programme.pinned).toContainEqual({
      partnerId: pinned.id,
      partner: pinned.name,
      cell: pinned.cell,
      label: pinned.label,
      level: 'Specialist',
      computedLevel: pinned.level,
    });
    expect(segmentsOf(pinned.id)).toContain(`${pinned.label} — Specialist`);
    const [stored] = (await world.store.listScores(runId)).filter(
      (s) => s.partnerId === pinned?.id && `${s.sector ?? '*'}|${s.technology ?? '*'}` === pinned?.cell,
    );
    expect(stored?.level).toBe('Specialist');

    await page.goto(`${server.url}/partners/${encodeURIComponent(pinned.id)}`);
    await expect
      .poll(() => cell.locator('summary').textContent())
      .toMatch(new RegExp(`^${pinned.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — Specialist .*pinned$`));
    await cell.locator('summary').click();
    expect(await cell.locator('.override').textContent()).toBe(
      `Pinned at Specialist by Ana Souza: Audited in October (the evidence gives ${pinned.level})`,
    );
    expect(await page.locator('#segments').textContent()).toContain(`${pinned.label} — Specialist (pinned)`);
    expect(await mainText()).not.toMatch(RAW);
    await session.screenshot('partner-explains-pin');
  });

  it('shows a viewer the override in words but no action', async () => {
    await signOut();
    await signIn(VIEWER_TOKEN, `/partners/${encodeURIComponent(pinned?.id ?? '')}`);
    await page.waitForSelector('#overrides-in-force li');
    expect(await page.locator('#overrides-in-force').textContent()).toContain(
      `${pinned?.label} — Pinned at Specialist by Ana Souza: Audited in October`,
    );
    const cell = page.locator(`details.cell-score[data-cell="${pinned?.cell}"]`);
    await cell.locator('summary').click();
    expect(await cell.locator('.override').textContent()).toMatch(/^Pinned at Specialist by Ana Souza/);
    expect(await page.locator('.override-box button').count()).toBe(0);
    expect(await page.locator('#overrides-in-force .role-note').textContent()).toBe(
      'Pinning a level or excluding a cell needs the editor role; you are a viewer.',
    );
    await signOut();
    await signIn(EDITOR_TOKEN, '/');
  });

  it('holds demotions for review while the CRM keeps the old levels; writes one after approval and a run, keeps the other as a pin', async () => {
    appendFileSync(
      join(world.dir, 'scoring.yaml'),
      '\nreview:\n  demotions:\n    enabled: true\n    nights: 7\n',
    );
    const { partners } = await apiGet('/api/partners?level=Specialist&limit=500', (b) =>
      PartnersResponseSchema.parse(b),
    );
    // A partner at Specialist in a sector × technology cell (written to its account), not the one pinned.
    const partner = partners.find(
      (p) =>
        p.id !== pinned?.id &&
        accountOf(p.id) !== world.driftRecordId &&
        p.segments.some((s) => s.kind === 'pair' && s.level === 'Specialist'),
    );
    const segment = partner?.segments.find((s) => s.kind === 'pair' && s.level === 'Specialist');
    if (!partner || !segment) throw new Error('no partner at Specialist in a sector × technology cell');
    expect(segmentsOf(partner.id)).toContain(segment.label);

    // Its sales team lost every deal record: the evidence no longer holds Specialist.
    world.crm.removeDealsOf(accountOf(partner.id));
    await runAsAdmin();
    const held = (await world.store.listDemotionReviews({ partnerId: partner.id })).find(
      (r) => r.cell === segment.cell,
    );
    expect(held).toMatchObject({ fromLevel: 'Specialist' });
    expect(held?.status).toBe('pending');
    expect(segmentsOf(partner.id)).toContain(segment.label);
    // Losing its deals demotes it in another sector × technology cell too: that one the editor keeps.
    const other = (
      await world.store.listDemotionReviews({ partnerId: partner.id, status: ['pending'] })
    ).find((r) => r.cell !== segment.cell && !r.cell.includes('*'));
    if (!other) throw new Error('only one demotion held');

    await page.getByRole('link', { name: 'Reviews' }).click();
    const row = page.locator(`#pending tbody tr[data-review-id="${held?.id}"]`);
    await row.waitFor();
    const cellLabel = segment.label.replace(/ — Specialist$/, '');
    expect(await row.locator('td').allTextContents()).toEqual([
      partner.name,
      cellLabel,
      `Specialist → ${held?.toLevel ?? 'no level'}`,
      expect.stringMatching(/ago$/),
      expect.stringMatching(/^after \d+ more nights?$/),
      expect.stringContaining('Approve'),
    ]);
    expect(await page.locator('#reviews-lead').textContent()).toMatch(/waits here up to 7 nights/);
    await session.screenshot('review-pending');

    await row.getByRole('button', { name: 'Approve' }).click();
    await expect
      .poll(() => page.locator('#status').textContent())
      .toBe(
        `Approved: ${partner.name} — ${cellLabel} goes from Specialist to ${held?.toLevel ?? 'no level'}. Applies at the next run.`,
      );
    const decided = page.locator(`#decided tbody tr[data-review-id="${held?.id}"]`);
    expect(await decided.locator('td').nth(3).textContent()).toMatch(/^Approved: the next run applies it/);
    expect(await decided.locator('td').nth(4).textContent()).toMatch(/^Ana Souza, .+ ago$/);
    await session.screenshot('review-approved');

    const keep = page.locator(`#pending tbody tr[data-review-id="${other.id}"]`);
    const otherLabel = (await keep.locator('td').nth(1).textContent()) ?? '';
    const kept = `${otherLabel} — ${other.fromLevel}`;
    expect(segmentsOf(partner.id)).toContain(kept);
    await keep.getByRole('button', { name: 'Keep level…' }).click();
    await keep.getByLabel('Reason').fill('Strategic partner for next year');
    await keep.getByRole('button', { name: `Keep ${other.fromLevel}` }).click();
    await expect
      .poll(() => page.locator('#status').textContent())
      .toBe(`Kept ${partner.name} — ${otherLabel} at ${other.fromLevel}. Applies at the next run.`);
    expect(await page.locator('#pending tbody').textContent()).not.toContain(otherLabel);
    expect(await page.locator(`#decided tbody tr[data-review-id="${other.id}"]`).textContent()).toContain(
      'Level kept (pinned)',
    );
    expect(await mainText()).not.toMatch(RAW);
    await session.screenshot('review-kept');

    await runAsAdmin();
    expect(segmentsOf(partner.id)).not.toContain(segment.label);
    expect(segmentsOf(partner.id)).toContain(kept);
    expect((await world.store.getDemotionReview(held?.id ?? ''))?.status).toBe('applied');
    expect((await world.store.getDemotionReview(other.id))?.status).toBe('kept');
    const audit = await world.store.listAuditEvents({ action: 'demotion-approved' });
    expect(audit.map((e) => [e.actor.name, e.subject])).toEqual([
      ['Ana Souza', `${partner.name} — ${cellLabel}`],
    ]);

    // The Audit page lists each decision of this suite, by whom, on what.
    await page.goto(`${server.url}/audit`);
    await page.waitForSelector('#audit tbody tr');
    const rows = await page.locator('#audit tbody tr').allTextContents();
    for (const [what, subject] of [
      ['Pinned at Specialist by Ana Souza', `${pinned?.name} — ${pinned?.label}`],
      ['Approved the demotion from Specialist', `${partner.name} — ${cellLabel}`],
      [`Kept ${other.fromLevel} instead of`, `${partner.name} — ${otherLabel}`],
    ] as const) {
      expect(rows.find((r) => r.includes(what) && r.includes(subject)) ?? rows).toContain('Ana Souza');
    }
    expect(await mainText()).not.toMatch(RAW);
    await session.screenshot('audit-decisions');
  });

  it('raised no script error and no CSP violation', () => {
    expect(session.problems).toEqual([]);
  });
});
