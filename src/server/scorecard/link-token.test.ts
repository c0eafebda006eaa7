import { describe, expect, it } from 'vitest';
import { AtlasError } from '../../errors.js';
import { linkSigningKey, signScorecardLink, verifyScorecardLink } from './link-token.js';

const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
const NOW = new Date('2026-12-01T10:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const link = {
  partnerId: 'salesforce:Account:P1',
  sections: ['segments', 'nextLevel'] as ('segments' | 'nextLevel')[],
  expiresAt: new Date(NOW.getTime() + 30 * DAY),
};

describe('scorecard share links', () => {
  const key = linkSigningKey({ adminToken: ADMIN_TOKEN });

  it('opens until it expires, naming the partner and the sections signed', async () => {
    const token = await signScorecardLink(link, key, NOW);
    const opened = await verifyScorecardLink(token, key, new Date(NOW.getTime() + 29 * DAY));
    expect(opened).toEqual({ ok: true, link });
    const late = await verifyScorecardLink(token, key, new Date(NOW.getTime() + 31 * DAY));
    expect(late).toEqual({ ok: false, reason: 'expired' });
  });

  it('hides the partner from whoever holds the link, and refuses a tampered token', async () => {
    const token = await signScorecardLink(link, key, NOW);
    // Every part of the token, decoded, is free of the partner's id (a CRM record id).
    for (const part of token.split('.')) {
      expect(Buffer.from(part, 'base64url').toString('latin1')).not.toContain('Account');
    }
    const parts = token.split('.');
    const ciphertext = parts[3] ?? '';
    const flip = (text: string) => `${text.slice(0, -2)}${text.endsWith('AA') ? 'BB' : 'AA'}`;
    parts[3] = flip(ciphertext);
    expect(await verifyScorecardLink(parts.join('.'), key, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect((await verifyScorecardLink(flip(token), key, NOW)).ok).toBe(false);
    expect(await verifyScorecardLink('not-a-token', key, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a link signed with another secret: rotating the admin token or ATLAS_LINK_SECRET revokes links', async () => {
    const token = await signScorecardLink(link, key, NOW);
    const rotated = linkSigningKey({ adminToken: `${ADMIN_TOKEN}-rotated` });
    expect(await verifyScorecardLink(token, rotated, NOW)).toEqual({ ok: false, reason: 'invalid' });
    const secret = linkSigningKey({ adminToken: ADMIN_TOKEN, linkSecret: 'x'.repeat(32) });
    expect(await verifyScorecardLink(token, secret, NOW)).toEqual({ ok: false, reason: 'invalid' });
    const other = linkSigningKey({ adminToken: ADMIN_TOKEN, linkSecret: 'y'.repeat(32) });
    const signed = await signScorecardLink(link, secret, NOW);
    expect((await verifyScorecardLink(signed, secret, NOW)).ok).toBe(true);
    expect((await verifyScorecardLink(signed, other, NOW)).ok).toBe(false);
  });

  it('refuses a short ATLAS_LINK_SECRET, naming the variable', () => {
    expect(() => linkSigningKey({ adminToken: ADMIN_TOKEN, linkSecret: 'short' })).toThrow(AtlasError);
    expect(() => linkSigningKey({ adminToken: ADMIN_TOKEN, linkSecret: 'short' })).toThrow(
      /ATLAS_LINK_SECRET/,
    );
  });
});
