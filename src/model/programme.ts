/**
 * Running a programme: the people who use the admin app and their roles, level overrides with their
 * reason and author, demotions waiting for review, and the audit trail of who did what.
 */
import { z } from 'zod';

/** admin: everything; editor: mappings, overrides and reviews; viewer: read-only. */
export const RoleSchema = z.enum(['admin', 'editor', 'viewer']);
export type Role = z.infer<typeof RoleSchema>;

/** A named user of the admin app. Tokens are stored as SHA-256 hashes only; OIDC users have a subject. */
export const UserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role: RoleSchema,
  /** The identity provider's `iss` and `sub` of a single sign-on user; null for token users. */
  oidcIssuer: z.string().nullable(),
  oidcSubject: z.string().nullable(),
  createdAt: z.string(),
  /** Set when the user may no longer sign in; their sessions end with it. */
  disabledAt: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;

export interface NewUser {
  name: string;
  email?: string | null;
  role: Role;
  /** SHA-256 (hex) of the user's token; absent for single sign-on users. */
  tokenHash?: string | null;
  oidcIssuer?: string | null;
  oidcSubject?: string | null;
  createdAt: string;
}

export interface UserPatch {
  name?: string;
  email?: string | null;
  role?: Role;
  tokenHash?: string | null;
  disabledAt?: string | null;
}

/** A sign-in session as stored: survives a restart. The cookie holds the id; the store only its hash. */
export const StoredSessionSchema = z.object({
  idHash: z.string(),
  /** null for the bootstrap admin signed in with ATLAS_ADMIN_TOKEN. */
  userId: z.string().nullable(),
  csrfToken: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** How the session was opened: 'token' or 'oidc'. */
  via: z.enum(['token', 'oidc']),
});
export type StoredSession = z.infer<typeof StoredSessionSchema>;

/** Who did something: a user, the bootstrap admin token, the command line or the scheduler. */
export const ActorSchema = z.object({
  userId: z.string().nullable(),
  /** The name people read, e.g. "Ana Souza", "Administrator (admin token)", "Scheduler". */
  name: z.string(),
});
export type Actor = z.infer<typeof ActorSchema>;

export const AuditActionSchema = z.enum([
  'sign-in',
  'sign-in-refused',
  'sign-out',
  'mapping-saved',
  'mapping-restored',
  'override-added',
  'override-removed',
  'demotion-approved',
  'demotion-kept',
  'run-started',
  'user-added',
  'user-changed',
  'scorecard-shared',
]);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: ActorSchema,
  action: AuditActionSchema,
  /** What it was done to, in words: "mappings/salesforce.yaml", "Acme Ltd — Healthcare × Data & AI". */
  subject: z.string(),
  /** Structured facts for export (the page shows `subject` and a sentence built from these). */
  details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;
export type NewAuditEvent = Omit<AuditEvent, 'id'>;

/**
 * A programme team's decision on one partner × cell: `pin` holds the cell at `level` whatever the
 * evidence says; `exclude` takes the cell out of the partner's levels, segments, lists and recommendations.
 */
export const OverrideKindSchema = z.enum(['pin', 'exclude']);
export type OverrideKind = z.infer<typeof OverrideKindSchema>;

export const LevelOverrideSchema = z.object({
  id: z.string(),
  partnerId: z.string(),
  /** The engine's cell key, `sector|technology` with `*` for a whole axis. */
  cell: z.string(),
  kind: OverrideKindSchema,
  /** The pinned level's name (ladder); null for `exclude`. */
  level: z.string().nullable(),
  reason: z.string(),
  author: ActorSchema,
  createdAt: z.string(),
  /** After this instant the override no longer applies; null: until removed. */
  expiresAt: z.string().nullable(),
  /** Set when someone removed it early. */
  removedAt: z.string().nullable(),
  removedBy: ActorSchema.nullable(),
});
export type LevelOverride = z.infer<typeof LevelOverrideSchema>;
export type NewLevelOverride = Omit<LevelOverride, 'id' | 'removedAt' | 'removedBy'>;

/** What the engine takes: the overrides in force at the scoring instant (demotion holds are the engine's own). */
export const ActiveOverrideSchema = z.object({
  partnerId: z.string(),
  cell: z.string(),
  kind: OverrideKindSchema,
  level: z.string().nullable(),
  reason: z.string(),
  author: z.string(),
  expiresAt: z.string().nullable(),
});
export type ActiveOverride = z.infer<typeof ActiveOverrideSchema>;

/**
 * A demotion the engine found while `review.demotions` is on. `pending` holds the old level; `approved`
 * lets the next run apply it; `kept` turned it into a pin; `lapsed` applied after the configured nights;
 * `withdrawn` when the evidence recovered before anyone decided; `applied` once a run wrote the demotion.
 */
export const DemotionStatusSchema = z.enum(['pending', 'approved', 'kept', 'lapsed', 'withdrawn', 'applied']);
export type DemotionStatus = z.infer<typeof DemotionStatusSchema>;

export const DemotionReviewSchema = z.object({
  id: z.string(),
  partnerId: z.string(),
  cell: z.string(),
  /** The level held before (and kept while pending). */
  fromLevel: z.string(),
  /** What the evidence gives now; null when no level. */
  toLevel: z.string().nullable(),
  status: DemotionStatusSchema,
  /** The run that first found it, and when. */
  firstRunId: z.string(),
  firstSeenAt: z.string(),
  /** The latest run that still found it. */
  lastSeenAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: ActorSchema.nullable(),
  note: z.string().nullable(),
});
export type DemotionReview = z.infer<typeof DemotionReviewSchema>;
export type NewDemotionReview = Pick<
  DemotionReview,
  'partnerId' | 'cell' | 'fromLevel' | 'toLevel' | 'firstRunId' | 'firstSeenAt'
>;
