/**
 * Scorecard share links: an encrypted and authenticated (JWE, direct AES-256-GCM), expiring token naming one
 * partner and the sections shown. Encrypted, not only signed: the partner's id is its CRM record id, which a
 * link must not show to whoever holds it. It grants reading that one scorecard and nothing else; it is never
 * a session or a bearer token.
 */
import { hkdfSync } from 'node:crypto';
import { EncryptJWT, errors, jwtDecrypt } from 'jose';
import { z } from 'zod';
import { AtlasError } from '../../errors.js';
import { ScorecardSectionSchema } from '../../mapping/index.js';
import { PartnerIdSchema } from '../../model/index.js';

/** Shortest ATLAS_LINK_SECRET accepted: 32 characters, as `openssl rand -base64 32` gives 44. */
export const LINK_SECRET_MIN_LENGTH = 32;

/** Who issues and who accepts the token: a token made for anything else never opens a scorecard. */
const ISSUER = 'partner-atlas';
const AUDIENCE = 'partner-atlas:scorecard-link';
/** Direct encryption with the shared key; AES-GCM authenticates the token as well as hiding it. */
const KEY_MANAGEMENT = 'dir';
const ENCRYPTION = 'A256GCM';

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
 * The link key (256 bits, HKDF-SHA256): from ATLAS_LINK_SECRET when set, else from the admin token, so
 * rotating the admin token (or the link secret) revokes every link made before. Throws SERVER_CONFIG_INVALID
 * for a link secret shorter than {@link LINK_SECRET_MIN_LENGTH}.
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
  }
  return new Uint8Array(hkdfSync('sha256', linkSecret ?? adminToken, ISSUER, AUDIENCE, 32));
}

/** Seals a link to `partnerId`'s scorecard showing `sections`, valid until `expiresAt`. */
export async function signScorecardLink(link: ScorecardLink, key: Uint8Array, now: Date): Promise<string> {
  return new EncryptJWT({ sections: link.sections })
    .setProtectedHeader({ alg: KEY_MANAGEMENT, enc: ENCRYPTION })
    .setSubject(link.partnerId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(link.expiresAt)
    .encrypt(key);
}

/** Checks a link token: `expired` for a genuine link past its time, `invalid` for anything else. */
export async function verifyScorecardLink(token: string, key: Uint8Array, now: Date): Promise<LinkCheck> {
  try {
    const { payload } = await jwtDecrypt(token, key, {
      keyManagementAlgorithms: [KEY_MANAGEMENT],
      contentEncryptionAlgorithms: [ENCRYPTION],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: now,
    });
    const claims = LinkClaimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, reason: 'invalid' };
    const { sub, sections, exp } = claims.data;
    return { ok: true, link: { partnerId: sub, sections, expiresAt: new Date(exp * 1000) } };
  } catch (error) {
    // jose decrypts and authenticates before it checks the expiry: an expired answer is a genuine link.
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    if (error instanceof errors.JOSEError) return { ok: false, reason: 'invalid' };
    throw error;
  }
}
