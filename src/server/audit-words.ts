/** What an audit event says in a sentence, for the Audit page and the CSV export: one definition of the words. */
import type { AuditAction, AuditEvent } from '../model/index.js';

type Details = AuditEvent['details'];

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

const SIGN_IN_VIA: Record<string, string> = {
  'admin-token': 'Signed in with the admin token',
  token: 'Signed in with a personal token',
  oidc: 'Signed in with single sign-on',
};

const USER_CHANGE: Record<string, (d: Details) => string> = {
  role: (d) => `Changed the role from ${text(d.from) ?? 'another role'} to ${text(d.to) ?? 'a new role'}`,
  disabled: () => 'Disabled the user; their sessions ended',
  'new-token': () => 'Issued a new token; the old one no longer works',
  linked: () => 'Linked single sign-on to the invited user',
};

const SENTENCES: Record<AuditAction, (d: Details) => string> = {
  'sign-in': (d) => SIGN_IN_VIA[text(d.via) ?? ''] ?? 'Signed in',
  'sign-in-refused': (d) => `Sign-in refused: ${text(d.reason) ?? 'not allowed'}`,
  'sign-out': () => 'Signed out',
  'mapping-saved': () => 'Saved the mapping',
  'mapping-restored': () => 'Restored an earlier version of the mapping',
  'override-added': (d) =>
    d.kind === 'exclude'
      ? 'Excluded the cell'
      : text(d.level)
        ? `Pinned the level at ${text(d.level)}`
        : 'Added an override',
  'override-removed': () => 'Removed an override',
  'demotion-approved': () => 'Approved a demotion',
  'demotion-kept': () => 'Kept the level instead of demoting',
  'run-started': (d) =>
    d.dryRun === true ? 'Started a dry run' : d.full === true ? 'Started a full run' : 'Started a run',
  'user-added': (d) => `Added a user with the ${text(d.role) ?? 'viewer'} role`,
  'user-changed': (d) => USER_CHANGE[text(d.change) ?? '']?.(d) ?? 'Changed the user',
  'scorecard-shared': () => 'Shared a scorecard link',
};

/** The sentence for an event: its own `details.summary` when the recorder wrote one, else the action's words. */
export function auditSentence(event: Pick<AuditEvent, 'action' | 'details'>): string {
  return text(event.details.summary) ?? SENTENCES[event.action](event.details);
}

/** The actions in words, for the Audit page's filter. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'sign-in': 'Sign-ins',
  'sign-in-refused': 'Refused sign-ins',
  'sign-out': 'Sign-outs',
  'mapping-saved': 'Mapping saves',
  'mapping-restored': 'Mapping restores',
  'override-added': 'Overrides added',
  'override-removed': 'Overrides removed',
  'demotion-approved': 'Demotions approved',
  'demotion-kept': 'Demotions kept back',
  'run-started': 'Runs started',
  'user-added': 'Users added',
  'user-changed': 'Users changed',
  'scorecard-shared': 'Scorecards shared',
};

/** Facts of an event the sentence does not hold, each with its name in words, in this order. */
const PARTICULARS: [key: string, label: string][] = [
  ['provider', 'single sign-on provider'],
  ['email', 'e-mail'],
  ['ip', 'from address'],
  ['userAgent', 'browser'],
];

/**
 * What else the event's details say, in words, for the CSV's Details column: "e-mail ana@example.com; from
 * address 203.0.113.7". Ids and structured values stay out: the sentence and the subject already say what.
 */
export function auditParticulars(details: Details): string {
  return PARTICULARS.flatMap(([key, label]) => {
    const value = text(details[key]);
    return value ? [`${label} ${value}`] : [];
  }).join('; ');
}
