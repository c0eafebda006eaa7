/**
 * Scorecard share links: an HMAC-signed (HS256), expiring token naming one partner and the sections shown.
 * It grants reading that one scorecard and nothing else; it is never a session or a bearer token.
 */
import { hkdfSync } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { AtlasError } from '../../errors.js';
import { ScorecardSectionSchema } from '../../mapping/index.js';
import { PartnerIdSchema } from '../../model/index.js';

/** Shortest ATLAS_LINK_SECRET accepted: 32 characters, as `openssl rand -base64 32` gives 44. */
export const LINK_SECRET_MIN_LENGTH = 32;

/** Who issues and who accepts the token: a token made for anything else never opens a scorecard. */
const ISSUER = 'partner-atlas';
const AUDIENCE = 'partner-atlas:scorecard-link';
const ALGORITHM = 'HS256';

const LinkClaimsSchema = z.object({
  sub: PartnerIdSchema,
  sections: z.array(ScorecardSectionSchema),
  exp: z.number().int(),
});

export interface ScorecardLink {
  partnerId: string;
  sections: z.infer<typeof ScorecardSectionSchema>[];
  expiresAt: Date;
}

export type LinkCheck = { ok: true; link: ScorecardLink } | { ok: false; reason: 'expired' | 'invalid' };

/**
 * The signing key: ATLAS_LINK_SECRET when set, else derived (HKDF-SHA256) from the admin token, so rotating
 * the admin token (or the link secret) revokes every link made before. Throws SERVER_CONFIG_INVALID for a
 * link secret shorter than {@link LINK_SECRET_MIN_LENGTH}.
 */
export function linkSigningKey(options: { linkSecret?: string | undefined; adminToken: string }): Uint8Array {
  const { linkSecret, adminToken } = options;
  if (linkSecret !== undefined) {
    if (linkSecret.length < LINK_SECRET_MIN_LENGTH) {
      throw new AtlasError(
        'SERVER_CONFIG_INVALID',
        `ATLAS_LINK_SECRET must have at least ${LINK_SECRET_MIN_LENGTH} characters; generate one with: openssl rand -base64 32`,
        { context: { variable: 'ATLAS_LINK_SECRET' } },
      );
    }
    return new TextEncoder().encode(linkSecret);
  }
  return new Uint8Array(hkdfSync('sha256', adminToken, ISSUER, AUDIENCE, 32));
}

/** Signs a link to `partnerId`'s scorecard showing `sections`, valid until `expiresAt`. */
export async function signScorecardLink(link: ScorecardLink, key: Uint8Array, now: Date): Promise<string> {
  return new SignJWT({ sections: link.sections })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(link.partnerId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(link.expiresAt)
    .sign(key);
}

/** Checks a link token: `expired` for a genuine link past its time, `invalid` for anything else. */
export async function verifyScorecardLink(token: string, key: Uint8Array, now: Date): Promise<LinkCheck> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: now,
    });
    const claims = LinkClaimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, reason: 'invalid' };
    const { sub, sections, exp } = claims.data;
    return { ok: true, link: { partnerId: sub, sections, expiresAt: new Date(exp * 1000) } };
  } catch (error) {
    // jose checks the signature before the expiry, so an expired answer is a genuine, untampered link.
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    if (error instanceof errors.JOSEError) return { ok: false, reason: 'invalid' };
    throw error;
  }
}
