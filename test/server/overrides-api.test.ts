/** The overrides and demotion review API: validation in words, roles, history kept on removal, audit entries. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMappings } from '../../src/mapping/index.js';
import type { Role } from '../../src/model/index.js';
import { createApp } from '../../src/server/index.js';
import { PartnerResponseSchema } from '../../src/server/routes/partners-api.js';
import { sha256Hex } from '../../src/server/sessions.js';
import { createTestWorld, type TestWorld } from '../support/server-world.js';

let world: TestWorld;
let app: ReturnType<typeof createApp>;
const tokens: Record<Exclude<Role, 'admin'>, string> = {
  editor: 'editor-token-0123456789abcdef',
  viewer: 'viewer-token-0123456789abcdef',
};
const as = (role: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[role]}` });
/** A partner with scored cells, its best cell and that cell's label. */
let partner: { id: string; name: string; cell: string; label: string; level: string | null };
/** A sector × technology cell where that partner has no evidence at all. */
let unscoredCell = '';
/** The last day of next year: always ahead of the test's clock. */
const nextYear = `${new Date().getUTCFullYear() + 1}-12-31`;

beforeAll(async () => {
  world = await createTestWorld({ partners: 20 });
  app = createApp(world.deps);
  const createdAt = new Date().toISOString();
  await world.store.createUser({
    name: 'Ana Souza',
    role: 'editor',
    tokenHash: sha256Hex(tokens.editor),
    createdAt,
  });
  await world.store.createUser({
    name: 'Vic Viewer',
    role: 'viewer',
    tokenHash: sha256Hex(tokens.viewer),
    createdAt,
  });
  const list = await request(app).get('/api/partners?limit=1').set(as('viewer')).expect(200);
  const id: string = list.body.partners[0].id;
  const found = PartnerResponseSchema.parse(
    (await request(app).get(`/api/partners/${id}`).set(as('viewer'))).body,
  );
  const best = found.cells[0];
  if (!best) throw new Error('the sample partner has no scored cell');
  partner = { id, name: found.partner.name, cell: best.cell, label: best.label, level: best.level };
  const scored = new Set(found.cells.map((c) => c.cell));
  const { taxonomy } = loadMappings(world.dir);
  unscoredCell =
    taxonomy.sectors
      .flatMap((s) => taxonomy.technologies.map((t) => `${s.key}|${t.key}`))
      .find((c) => !scored.has(c)) ?? '';
}, 60_000);
afterAll(async () => {
  await world.close();
});

const post = (role: keyof typeof tokens, body: object, id = partner.id) =>
  request(app)
    .post(`/api/partners/${encodeURIComponent(id)}/overrides`)
    .set(as(role))
    .send(body);

describe('overrides', () => {
  it('refuses a viewer every change, naming the role needed, and lets it read', async () => {
    const refused = await post('viewer', {
      cell: partner.cell,
      kind: 'pin',
      level: 'Specialist',
      reason: 'audited',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'Pinning a level or excluding a cell needs the editor role; you are a viewer',
    );
    await request(app).delete('/api/overrides/anything').set(as('viewer')).expect(403);
    await request(app).post('/api/reviews/anything/approve').set(as('viewer')).send({}).expect(403);
    await request(app).post('/api/reviews/anything/keep').set(as('viewer')).send({ reason: 'x' }).expect(403);
    await request(app).get(`/api/partners/${partner.id}/overrides`).set(as('viewer')).expect(200);
    await request(app).get('/api/reviews').set(as('viewer')).expect(200);
  });

  it('explains in words what is wrong with an override, naming the partner and the cell', async () => {
    const subject = `${partner.name} — ${partner.label}`;
    const cases: [object, number, string, RegExp][] = [
      [
        { cell: 'nowhere|data_ai', kind: 'pin', level: 'Specialist', reason: 'r' },
        400,
        'cell',
        /has no cell with sector "nowhere"/,
      ],
      [
        { cell: partner.cell, kind: 'pin', reason: 'r' },
        400,
        'level',
        /choose the level to pin; the levels are Specialist, Proven, Emerging/,
      ],
      [
        { cell: partner.cell, kind: 'pin', level: 'Expert', reason: 'r' },
        400,
        'level',
        /"Expert" is not a level/,
      ],
      [
        { cell: partner.cell, kind: 'exclude', level: 'Proven', reason: 'r' },
        400,
        'level',
        /an exclusion takes no level/,
      ],
      [{ cell: partner.cell, kind: 'pin', level: 'Proven', reason: '   ' }, 400, 'reason', /give a reason/],
      [
        { cell: unscoredCell, kind: 'pin', level: 'Specialist', reason: 'audited' },
        400,
        'cell',
        /: the partner has no deal or certification there yet, so there is no level to pin or exclude$/,
      ],
      [
        { cell: partner.cell, kind: 'pin', level: 'Proven', reason: 'r', expiresAt: '2020-01-31' },
        400,
        'expiresAt',
        /the end date 31 Jan 2020 has passed/,
      ],
    ];
    for (const [body, status, field, message] of cases) {
      const res = await post('editor', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.field).toBe(field);
      expect(res.body.error.message).toMatch(message);
      if (field !== 'cell') expect(res.body.error.message.startsWith(subject)).toBe(true);
      else expect(res.body.error.message.startsWith(partner.name)).toBe(true);
    }
    const badKind = await post('editor', {
      cell: partner.cell,
      kind: 'promote',
      level: 'Proven',
      reason: 'r',
    });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.field).toBe('kind');
    await post(
      'editor',
      { cell: partner.cell, kind: 'pin', level: 'Proven', reason: 'r' },
      'salesforce:Account:nobody',
    ).expect(404);
    expect(await world.store.listOverrides()).toEqual([]);
  });

  it('pins a level for an editor, in words and audited; a second pin replaces it and the first stays in the history', async () => {
    const first = await post('editor', {
      cell: partner.cell,
      kind: 'pin',
      level: 'Specialist',
      reason: 'audited in October',
      expiresAt: nextYear,
    }).expect(201);
    expect(first.body.message).toBe(
      `Pinned ${partner.name} — ${partner.label} at Specialist. Applies at the next run.`,
    );
    expect(first.body.override).toMatchObject({
      kind: 'pin',
      level: 'Specialist',
      author: 'Ana Souza',
      state: 'in-force',
      cellLabel: partner.label,
      expiresAt: `${nextYear}T23:59:59.999Z`,
      words: `Pinned at Specialist by Ana Souza until 31 Dec ${nextYear.slice(0, 4)}: audited in October (the evidence gives ${partner.level ?? 'no level'})`,
    });

    const second = await post('editor', {
      cell: partner.cell,
      kind: 'exclude',
      reason: 'not our market',
    }).expect(201);
    expect(second.body.message).toMatch(
      /^Excluded .+ \(replacing the override in force\)\. Applies at the next run\.$/,
    );
    const listed = await request(app)
      .get(`/api/partners/${partner.id}/overrides`)
      .set(as('viewer'))
      .expect(200);
    expect(listed.body.levels).toEqual(['Specialist', 'Proven', 'Emerging']);
    expect(listed.body.overrides.map((o: { kind: string; state: string }) => [o.kind, o.state])).toEqual([
      ['exclude', 'in-force'],
      ['pin', 'removed'],
    ]);
    expect(listed.body.overrides[1].words).toMatch(
      /^Pinned at Specialist by Ana Souza on .+; removed by Ana Souza on .+: audited in October$/,
    );

    const audit = await world.store.listAuditEvents({ action: 'override-added' });
    expect(audit.map((e) => [e.actor.name, e.subject])).toEqual([
      ['Ana Souza', `${partner.name} — ${partner.label}`],
      ['Ana Souza', `${partner.name} — ${partner.label}`],
    ]);
  });

  it('removes an override early, keeping it as past; removing it again says it already ended', async () => {
    const [inForce] = await world.store.listOverrides({
      partnerId: partner.id,
      activeAt: new Date().toISOString(),
    });
    if (!inForce) throw new Error('no override in force');
    const removed = await request(app).delete(`/api/overrides/${inForce.id}`).set(as('editor')).expect(200);
    expect(removed.body.message).toBe(
      `Removed the exclusion of ${partner.name} — ${partner.label}. Applies at the next run.`,
    );
    expect(removed.body.override).toMatchObject({ state: 'removed', removedBy: 'Ana Souza' });
    const again = await request(app).delete(`/api/overrides/${inForce.id}`).set(as('editor')).expect(409);
    expect(again.body.error.message).toMatch(
      /already ended \(Excluded by Ana Souza on .+; removed by Ana Souza/,
    );
    await request(app).delete('/api/overrides/no-such-id').set(as('editor')).expect(404);
    expect(await world.store.listOverrides({ partnerId: partner.id })).toHaveLength(2);
    const [event] = await world.store.listAuditEvents({ action: 'override-removed' });
    expect(event?.subject).toBe(`${partner.name} — ${partner.label}`);
  });

  it('lists an override past its last day as ended, and refuses to remove it', async () => {
    const ended = await world.store.addOverride({
      partnerId: partner.id,
      cell: partner.cell,
      kind: 'pin',
      level: 'Proven',
      reason: 'trial quarter',
      author: { userId: null, name: 'Ana Souza' },
      createdAt: '2024-01-02T10:00:00.000Z',
      expiresAt: '2024-03-31T23:59:59.999Z',
    });
    const listed = await request(app)
      .get(`/api/partners/${partner.id}/overrides`)
      .set(as('viewer'))
      .expect(200);
    expect(listed.body.overrides.find((o: { id: string }) => o.id === ended.id)).toMatchObject({
      state: 'expired',
      words: 'Pinned at Proven by Ana Souza on 2 Jan 2024; ended 31 Mar 2024: trial quarter',
    });
    await request(app).delete(`/api/overrides/${ended.id}`).set(as('editor')).expect(409);
  });
});

describe('demotion reviews', () => {
  const addReview = async () => {
    const [review] = await world.store.addDemotionReviews([
      {
        partnerId: partner.id,
        cell: partner.cell,
        fromLevel: 'Specialist',
        toLevel: 'Proven',
        firstRunId: world.sampleRunId,
        firstSeenAt: new Date().toISOString(),
      },
    ]);
    if (!review) throw new Error('no review stored');
    return review;
  };

  it('lists pending demotions with the partner, the cell and the nights left, and approves one once', async () => {
    const review = await addReview();
    const listed = await request(app).get('/api/reviews').set(as('viewer')).expect(200);
    expect(listed.body).toMatchObject({ enabled: false, nights: 7 });
    expect(listed.body.pending).toEqual([
      expect.objectContaining({
        id: review.id,
        partnerName: partner.name,
        cellLabel: partner.label,
        fromLevel: 'Specialist',
        toLevel: 'Proven',
        statusWords: 'Waiting for a decision',
        nightsLeft: 7,
      }),
    ]);
    const approved = await request(app)
      .post(`/api/reviews/${review.id}/approve`)
      .set(as('editor'))
      .send({ note: 'fair' })
      .expect(200);
    expect(approved.body.message).toBe(
      `Approved: ${partner.name} — ${partner.label} goes from Specialist to Proven. Applies at the next run.`,
    );
    expect(await world.store.getDemotionReview(review.id)).toMatchObject({
      status: 'approved',
      note: 'fair',
      decidedBy: { name: 'Ana Souza' },
    });
    const again = await request(app)
      .post(`/api/reviews/${review.id}/approve`)
      .set(as('editor'))
      .send({})
      .expect(409);
    expect(again.body.error.message).toMatch(
      /already decided by Ana Souza on .+ \(approved: the next run applies it\)/,
    );
    const [event] = await world.store.listAuditEvents({ action: 'demotion-approved' });
    expect(event?.subject).toBe(`${partner.name} — ${partner.label}`);
  });

  it('keeps a level by pinning it with the reason, and marks the review kept', async () => {
    const review = await addReview();
    const noReason = await request(app)
      .post(`/api/reviews/${review.id}/keep`)
      .set(as('editor'))
      .send({ reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toBe(
      `${partner.name} — ${partner.label}: give a reason for keeping Specialist`,
    );
    const kept = await request(app)
      .post(`/api/reviews/${review.id}/keep`)
      .set(as('editor'))
      .send({ reason: 'strategic partner', until: nextYear })
      .expect(200);
    expect(kept.body.message).toBe(
      `Kept ${partner.name} — ${partner.label} at Specialist until 31 Dec ${nextYear.slice(0, 4)}. Applies at the next run.`,
    );
    expect(kept.body.override).toMatchObject({
      kind: 'pin',
      level: 'Specialist',
      state: 'in-force',
      reason: 'strategic partner',
    });
    expect((await world.store.getDemotionReview(review.id))?.status).toBe('kept');
    const listed = await request(app).get('/api/reviews').set(as('viewer')).expect(200);
    expect(listed.body.pending).toEqual([]);
    expect(listed.body.decided.map((r: { status: string }) => r.status).sort()).toEqual(['approved', 'kept']);
    const [event] = await world.store.listAuditEvents({ action: 'demotion-kept' });
    expect(event?.details).toMatchObject({ level: 'Specialist', reason: 'strategic partner' });
  });
});
