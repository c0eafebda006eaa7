/** Users, stored sessions, the audit trail, level overrides and demotion reviews, on every dialect. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/model/index.js';
import { DIALECTS } from '../../src/store/index.js';
import { initTest, skipDialect, type TestContext } from '../support/store-setup.js';

const ana: Actor = { userId: null, name: 'Ana Souza' };
const at = (day: number) => `2026-12-${String(day).padStart(2, '0')}T02:00:00.000Z`;

for (const dialect of DIALECTS) {
  describe.skipIf(skipDialect(dialect))(`${dialect}: programme records`, () => {
    let ctx: TestContext;
    beforeEach(async () => {
      ctx = await initTest(dialect);
    });
    afterEach(async () => {
      await ctx.destroy();
    });

    it('finds users by token hash, single sign-on identity and e-mail, and refuses a token hash twice', async () => {
      const { store } = ctx;
      const viewer = await store.createUser({
        name: 'Vic Viewer',
        email: 'Vic@Example.com',
        role: 'viewer',
        tokenHash: 'hash-1',
        createdAt: at(1),
      });
      const sso = await store.createUser({
        name: 'Sam Sso',
        role: 'editor',
        oidcIssuer: 'https://idp.example',
        oidcSubject: 'sub-9',
        createdAt: at(2),
      });
      expect(await store.findUserByTokenHash('hash-1')).toEqual(viewer);
      expect(await store.findUserByTokenHash('hash-2')).toBeUndefined();
      expect(await store.findUserByOidc('https://idp.example', 'sub-9')).toEqual(sso);
      expect(await store.findUserByEmail('vic@example.COM')).toEqual(viewer);
      expect((await store.listUsers()).map((u) => u.name)).toEqual(['Sam Sso', 'Vic Viewer']);
      await expect(
        store.createUser({ name: 'Copy', role: 'viewer', tokenHash: 'hash-1', createdAt: at(3) }),
      ).rejects.toMatchObject({ code: 'STORE_CONSTRAINT' });

      const changed = await store.updateUser(viewer.id, { role: 'editor', disabledAt: at(4) });
      expect(changed).toMatchObject({ role: 'editor', disabledAt: at(4), email: 'Vic@Example.com' });
      await expect(store.updateUser('nobody', { role: 'admin' })).rejects.toMatchObject({
        code: 'STORE_RECORD_NOT_FOUND',
      });
    });

    it('keeps sessions until they expire or their user is signed out everywhere', async () => {
      const { store } = ctx;
      const user = await store.createUser({ name: 'Ed', role: 'editor', tokenHash: 'h', createdAt: at(1) });
      const session = (idHash: string, userId: string | null, expiresAt: string) => ({
        idHash,
        userId,
        csrfToken: `csrf-${idHash}`,
        createdAt: at(1),
        expiresAt,
        via: 'token' as const,
      });
      await store.saveSession(session('s1', user.id, at(3)));
      await store.saveSession(session('s2', user.id, at(5)));
      await store.saveSession(session('admin', null, at(5)));
      expect(await store.getSession('s1', at(2))).toMatchObject({ userId: user.id, csrfToken: 'csrf-s1' });
      expect(await store.getSession('s1', at(3))).toBeUndefined();
      expect(await store.deleteExpiredSessions(at(4))).toBe(1);
      expect(await store.deleteSessionsOf(user.id)).toBe(1);
      expect(await store.getSession('s2', at(2))).toBeUndefined();
      expect(await store.getSession('admin', at(2))).toMatchObject({ userId: null });
      await store.deleteSession('admin');
      expect(await store.getSession('admin', at(2))).toBeUndefined();
    });

    it('lists audit events newest first, by action and page', async () => {
      const { store } = ctx;
      for (const [day, action] of [
        [1, 'sign-in'],
        [2, 'mapping-saved'],
        [3, 'sign-in'],
      ] as const) {
        await store.addAuditEvent({
          at: at(day),
          actor: ana,
          action,
          subject: action === 'sign-in' ? 'Ana Souza' : 'mappings/salesforce.yaml',
          details: { day },
        });
      }
      const all = await store.listAuditEvents();
      expect(all.map((e) => e.details.day)).toEqual([3, 2, 1]);
      expect(all[0]).toMatchObject({ actor: ana, action: 'sign-in', at: at(3) });
      expect((await store.listAuditEvents({ action: 'sign-in' })).map((e) => e.details.day)).toEqual([3, 1]);
      expect(
        (await store.listAuditEvents({ beforeId: all[0]!.id, limit: 1 })).map((e) => e.details.day),
      ).toEqual([2]);
    });

    it('lists the overrides in force at an instant: not expired, not removed, already made', async () => {
      const { store } = ctx;
      const base = { partnerId: 'p1', cell: 'health|data', reason: 'audited', author: ana };
      const pin = await store.addOverride({
        ...base,
        kind: 'pin',
        level: 'Specialist',
        createdAt: at(1),
        expiresAt: at(10),
      });
      const exclude = await store.addOverride({
        ...base,
        kind: 'exclude',
        level: null,
        createdAt: at(2),
        expiresAt: null,
      });
      await store.addOverride({
        ...base,
        partnerId: 'p2',
        kind: 'exclude',
        level: null,
        createdAt: at(6),
        expiresAt: null,
      });
      expect((await store.listOverrides({ activeAt: at(5) })).map((o) => o.id)).toEqual([exclude.id, pin.id]);
      expect((await store.listOverrides({ activeAt: at(11) })).map((o) => o.kind)).toEqual([
        'exclude',
        'exclude',
      ]);

      const removed = await store.removeOverride(exclude.id, { userId: null, name: 'Bo' }, at(7));
      expect(removed).toMatchObject({ removedAt: at(7), removedBy: { name: 'Bo' } });
      // Removing again keeps who removed it first.
      expect(await store.removeOverride(exclude.id, ana, at(8))).toEqual(removed);
      expect((await store.listOverrides({ activeAt: at(8), partnerId: 'p1' })).map((o) => o.id)).toEqual([
        pin.id,
      ]);
      // History: every override of the partner, removed or not, newest first.
      expect((await store.listOverrides({ partnerId: 'p1' })).map((o) => o.id)).toEqual([exclude.id, pin.id]);
      await expect(store.removeOverride('none', ana, at(8))).rejects.toMatchObject({
        code: 'STORE_RECORD_NOT_FOUND',
      });
    });

    it('queues demotions as pending and records their decision', async () => {
      const { store } = ctx;
      const [first, second] = await store.addDemotionReviews([
        {
          partnerId: 'p1',
          cell: 'health|data',
          fromLevel: 'Specialist',
          toLevel: 'Proven',
          firstRunId: 'r1',
          firstSeenAt: at(1),
        },
        {
          partnerId: 'p2',
          cell: 'retail|cloud',
          fromLevel: 'Proven',
          toLevel: null,
          firstRunId: 'r1',
          firstSeenAt: at(1),
        },
      ]);
      expect(first).toMatchObject({ status: 'pending', lastSeenAt: at(1), decidedBy: null });
      await store.updateDemotionReviews([
        { id: first!.id, status: 'approved', decidedAt: at(2), decidedBy: ana, note: 'fair' },
        { id: second!.id, lastSeenAt: at(2), toLevel: 'Emerging' },
      ]);
      expect(await store.getDemotionReview(first!.id)).toMatchObject({
        status: 'approved',
        decidedAt: at(2),
        decidedBy: ana,
        note: 'fair',
      });
      expect(await store.listDemotionReviews({ status: ['pending'] })).toEqual([
        expect.objectContaining({ id: second!.id, toLevel: 'Emerging', lastSeenAt: at(2) }),
      ]);
      expect(await store.listDemotionReviews({ partnerId: 'p1' })).toHaveLength(1);
      await expect(store.updateDemotionReviews([{ id: 'none', status: 'applied' }])).rejects.toMatchObject({
        code: 'STORE_RECORD_NOT_FOUND',
      });
    });
  });
}
