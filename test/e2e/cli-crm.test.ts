/**
 * The CRM commands as an admin types them, against both emulators: connect --check, provision (dry run,
 * apply, idempotent), run / dry run, runs, explain, map, match.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulators, startEmulators } from '../../devkit/seeder/index.js';
import { loadMappings } from '../../src/mapping/index.js';
import { type AtlasOutcome, ROOT as root, spawnAtlas, waitForOutput } from '../support/atlas-process.js';

const NOW = '2026-06-30T02:00:00.000Z';
let work: string;
let emulators: RunningEmulators;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'atlas-cli-crm-'));
  emulators = await startEmulators({
    partners: 40,
    dealsPerPartner: 24,
    certifications: 320,
    seed: 5,
    now: '2026-06-30',
    taxonomy: loadMappings(join(root, 'mappings')).taxonomy,
    systems: ['salesforce', 'hubspot'],
  });
});

afterAll(async () => {
  await emulators.close();
  rmSync(work, { recursive: true, force: true });
});

function atlas(args: string[], env: Record<string, string> = {}): Promise<AtlasOutcome> {
  return spawnAtlas(args, { emulatorEnv: emulators.env, db: join(work, 'atlas.db'), env }).done;
}

// Each command is its own process (a few seconds of start-up under load).
describe('atlas against the emulators', { timeout: 180_000 }, () => {
  it('connect --check proves the credentials and flags the write-back fields until provisioned', async () => {
    const sf = await atlas(['connect', 'salesforce', '--check']);
    expect(sf.stdout).toMatch(/salesforce: connected to http:\/\/127\.0\.0\.1:\d+ .*\(account 00D/);
    expect(sf.stdout).toContain('Atlas_Segments__c: missing');
    expect(sf.code).toBe(3);
    const hs = await atlas(['connect', 'hubspot', '--check', '--json']);
    const check = JSON.parse(hs.stdout);
    expect(check.accountId).toBe(String(emulators.hubspot!.emulator.state.portalId));
    expect(check.fields.length).toBeGreaterThan(0);
  });

  it('provision shows the plan, applies it, and a second apply changes nothing', async () => {
    for (const crm of ['salesforce', 'hubspot']) {
      const plan = await atlas(['provision', crm]);
      expect(plan.code).toBe(0);
      expect(plan.stdout).toMatch(/\d+ change\(s\) to make/);
      expect(plan.stdout).toContain('(dry run)');
      const applied = await atlas(['provision', crm, '--apply', '--json']);
      expect(applied.code).toBe(0);
      expect(JSON.parse(applied.stdout).applied).toBeGreaterThan(0);
      const again = await atlas(['provision', crm, '--json']);
      const steps = JSON.parse(again.stdout).steps as { action: string }[];
      expect(steps.filter((s) => s.action !== 'unchanged')).toEqual([]);
    }
    const sf = await atlas(['connect', 'salesforce', '--check']);
    expect(sf.code).toBe(0);
  });

  it('run --dry-run previews, run writes, runs lists them, and the analysis commands read the result', async () => {
    const logFile = join(work, 'atlas.log');
    const dry = await atlas(['run', '--dry-run', '--now', NOW], {
      ATLAS_LOG_FILE: logFile,
      ATLAS_LOG_LEVEL: 'info',
    });
    expect(dry.code).toBe(0);
    // The run's events as JSON lines, with no secret in them.
    const log = readFileSync(logFile, 'utf8');
    const lines = log
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { step?: string; msg: string });
    expect(lines.some((l) => l.step === 'pull:salesforce:Opportunity')).toBe(true);
    expect(log).not.toContain('atlas-emulator-password');
    expect(dry.stdout).toMatch(/write-back: would write \d+ records/);
    expect(dry.stdout).toMatch(/\+ list "Atlas: .+"/);

    const run = await atlas(['run', '--now', NOW, '--json']);
    expect(run.code).toBe(0);
    const record = JSON.parse(run.stdout);
    expect(record.status).toBe('succeeded');
    expect(record.figures.systems.salesforce.writeback.written).toBeGreaterThan(0);

    const runs = await atlas(['runs']);
    expect(runs.stdout).toContain(`id ${record.id.slice(0, 8)}`);
    expect(runs.stdout).toMatch(/^Dry run of .*\(dry run: nothing written\)$/m);
    // The list's short id is enough to show a run.
    const show = await atlas(['runs', 'show', record.id.slice(0, 8)]);
    expect(show.stdout).toMatch(/^Run of \d{1,2} \w{3,4} \d\d:\d\d \([^)]+\): succeeded/);
    expect(show.stdout).toMatch(/Opportunity: \d+ read \((full|incremental)/);

    const map = await atlas(['map', '--now', NOW]);
    expect(map.code).toBe(0);
    // It leads with where one more Specialist helps most, in words, then the matrix.
    expect(map.stdout).toMatch(
      /^(The \d+ cells? where one more Specialist would serve the most unmet demand:\n {0,1}1\. [^|\n]+ × [^|\n]+: [\d.]+ of \d+ deals? unmet|Every sector × technology cell)/,
    );
    expect(map.stdout).toContain('Healthcare & Life Sciences');
    const mapJson = JSON.parse((await atlas(['map', '--now', NOW, '--json'])).stdout);
    expect(mapJson.priorities.length).toBeLessThanOrEqual(10);

    const matched = await atlas([
      'match',
      '--sector',
      'healthcare',
      '--tech',
      'data_ai',
      'security',
      '--now',
      NOW,
      '--json',
    ]);
    expect(matched.code).toBe(0);
    const match = JSON.parse(matched.stdout);
    expect(match.needs).toEqual(['healthcare|data_ai', 'healthcare|security']);
    expect(match.partners.length).toBeGreaterThan(0);
    expect(match.coveredBySingle || match.teams.length > 0).toBe(true);

    const first = match.partners[0];
    const explained = await atlas(['explain', first.partnerId, '--now', NOW]);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain(first.name);
    expect(explained.stdout).toMatch(/CRM records: (salesforce|hubspot):/);

    const unknown = await atlas(['explain', 'no such partner at all']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no partner matches');
  });

  it('serve answers /health, keeps the API behind the admin token, and stops on SIGTERM', async () => {
    const token = 'serve-test-admin-token-0123456789';
    const child = spawnAtlas(['serve', '--port', '0', '--no-schedule'], {
      emulatorEnv: emulators.env,
      db: join(work, 'atlas.db'),
      env: { ATLAS_ADMIN_TOKEN: token },
    });
    const [, url] = await waitForOutput(child, /Dashboard: (http:\/\/127\.0\.0\.1:\d+)/);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect((await fetch(`${url}/api/runs`)).status).toBe(401);
    const runs = await fetch(`${url}/api/runs`, { headers: { authorization: `Bearer ${token}` } });
    expect(runs.status).toBe(200);
    child.kill('SIGTERM');
    const { code, stdout } = await child.done;
    expect(code).toBe(0);
    expect(stdout).not.toContain(token);
  });

  it('the demo ends by serving the dashboard and printing its URL and a sign-in token', async () => {
    const child = spawnAtlas(['demo', '--partners', '30', '--port', '0', '--db', join(work, 'demo.db')], {
      emulatorEnv: [],
      db: join(work, 'unused.db'),
      dev: true,
      // The demo generates a token only when none is configured.
      env: { ATLAS_ADMIN_TOKEN: '' },
    });
    const [, url] = await waitForOutput(child, /Dashboard: (http:\/\/127\.0\.0\.1:\d+)/, 170_000);
    const [, token] = await waitForOutput(child, /Sign-in token[^:]*: (\S+)/);
    const headers = { authorization: `Bearer ${token}` };
    const map = await fetch(`${url}/api/map`, { headers });
    expect(map.status).toBe(200);
    // The emulators have no record pages: the demo shows CRM ids without links, never a 404 or app.hubspot.com.
    const { partners } = await (await fetch(`${url}/api/partners`, { headers })).json();
    const page = await (await fetch(`${url}/api/partners/${partners[0].id}`, { headers })).json();
    expect(page.partner.sourceRefs.length).toBeGreaterThan(0);
    for (const ref of page.partner.sourceRefs)
      expect(ref).toMatchObject({ id: expect.any(String), url: null });
    child.kill('SIGTERM');
    expect((await child.done).code).toBe(0);
  });

  it('refuses a CRM that is not configured, naming what to set', async () => {
    const result = await atlas(['run', '--system', 'pipedrive']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--system pipedrive: expected salesforce or hubspot');
  });
});
