/** The audit trail's writing side: who a request acts as, and one call to record what they did. */
import { userInfo } from 'node:os';
import type { Request } from 'express';
import type { Actor, AuditAction, AuditEvent } from '../model/index.js';
import type { Store } from '../store/index.js';

/** The name the bootstrap admin (ATLAS_ADMIN_TOKEN) goes by in the audit trail and the page header. */
export const ADMIN_TOKEN_ACTOR: Actor = { userId: null, name: 'Administrator (admin token)' };
/** Who a refused sign-in is recorded as: nobody is signed in yet (the details say where it came from). */
export const NOT_SIGNED_IN_ACTOR: Actor = { userId: null, name: 'Someone not signed in' };
/**
 * Who a command typed on the server's machine is recorded as: the command and the account that ran it
 * (the store does not know people there; the operating system does).
 */
export function commandLineActor(command: string): Actor {
  let account = '';
  try {
    account = userInfo().username;
  } catch {
    // A container user without a passwd entry has no name: the command alone still says where it came from.
  }
  return { userId: null, name: `Command line (${command}${account ? `, as ${account}` : ''})` };
}

/** Who changes made with `atlas users …` on the server's machine are recorded as. */
export const COMMAND_LINE_ACTOR: Actor = commandLineActor('atlas users');

declare module 'express-serve-static-core' {
  interface Locals {
    /** The app's clock (createApp sets it from ServerDeps.now), so audit times follow an injected clock. */
    now?: () => Date;
  }
}

/** The clock outside an app: `atlas users …` on the command line. */
export const systemClock = (): Date => new Date();

/** The clock of the app serving `req`. */
export function clockOf(req: Request): () => Date {
  return req.app.locals.now ?? systemClock;
}

/**
 * Detail keys that say something personal about someone (their e-mail, where they connect from, their
 * browser): shown only to admins, like the Users page.
 */
export const PERSONAL_DETAILS = ['email', 'ip', 'userAgent'] as const;

/** Who the request acts as: the signed-in user, the admin token, or nobody yet. */
export function actorOf(req: Request): Actor {
  return req.auth?.actor ?? NOT_SIGNED_IN_ACTOR;
}

/** Records an action by `actor` at `at` (the caller's clock). */
export async function recordActorAudit(
  store: Store,
  actor: Actor,
  action: AuditAction,
  subject: string,
  details: Record<string, unknown>,
  at: Date,
): Promise<AuditEvent> {
  return store.addAuditEvent({ at: at.toISOString(), actor, action, subject, details });
}

/**
 * Records what the request's actor did. `subject` is what it was done to, in words; `details` are facts for
 * the export (never a token or a header). A `summary` string in `details` is the sentence the Audit page shows.
 * @example
 * await recordAudit(store, req, 'mapping-saved', 'mappings/salesforce.yaml', { file: 'salesforce.yaml' });
 */
export async function recordAudit(
  store: Store,
  req: Request,
  action: AuditAction,
  subject: string,
  details: Record<string, unknown> = {},
): Promise<AuditEvent> {
  return recordActorAudit(store, actorOf(req), action, subject, details, clockOf(req)());
}
