/** API of the Audit page: who did what and when, newest first, paged and filtered by action; and the same as CSV. */
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { AuditActionSchema, type AuditEvent, AuditEventSchema, type Role } from '../../model/index.js';
import type { Store } from '../../store/index.js';
import type { ApiRoutes } from '../api-routes.js';
import { PERSONAL_DETAILS } from '../audit.js';
import { AUDIT_ACTION_LABELS, auditParticulars, auditSentence } from '../audit-words.js';
import { httpError } from '../http-errors.js';
import { roleAllows } from '../roles.js';

/** Events per page on the Audit page. */
const AUDIT_PAGE_SIZE = 50;
/** Most events one CSV export holds (newest first); enough for years of a programme team's actions. */
const AUDIT_CSV_MAX = 50_000;

const AuditQuerySchema = z.object({
  action: AuditActionSchema.optional(),
  before: z.coerce.number().int().min(1).optional().describe('Only events older than this event id (paging)'),
  limit: z.coerce.number().int().min(1).max(500).default(AUDIT_PAGE_SIZE),
});

const AuditRowSchema = AuditEventSchema.extend({
  sentence: z.string().describe('What happened, in a sentence, e.g. "Saved the mapping"'),
});

/** Something that looks like an e-mail address inside a sentence (a refused sign-in's reason names one). */
const EMAIL_IN_TEXT = /[^\s@:;,()<>"']+@[^\s@:;,()<>"']+\.[^\s@:;,()<>"']+/g;
const hideEmails = (text: string) => text.replace(EMAIL_IN_TEXT, 'an e-mail address');

/**
 * The event with its sentence, as `role` may see it. The trail is for every role (viewers follow who changed
 * what), but e-mail addresses, IP addresses and browsers are personal details, which only admins see (as on
 * the Users page): below admin they are left out of the details and masked in the words.
 */
function auditRowFor(event: AuditEvent, role: Role): AuditEvent & { sentence: string } {
  const sentence = auditSentence(event);
  if (roleAllows(role, 'admin')) return { ...event, sentence };
  const personal = new Set<string>(PERSONAL_DETAILS);
  const details = Object.fromEntries(
    Object.entries(event.details)
      .filter(([key]) => !personal.has(key))
      .map(([key, value]) => [key, typeof value === 'string' ? hideEmails(value) : value]),
  );
  return { ...event, subject: hideEmails(event.subject), details, sentence: hideEmails(sentence) };
}

/** The role of the caller (the route helper let no one through without it). */
function roleOf(req: { auth?: { role: Role } }): Role {
  if (!req.auth) throw httpError(401, 'sign in first');
  return req.auth.role;
}

export function registerAuditApi(api: ApiRoutes, store: Store): void {
  api.add({
    method: 'get',
    path: '/api/audit',
    tag: 'audit',
    summary:
      'The audit trail, newest first: sign-ins, mapping saves, runs started, users changed, overrides, reviews. E-mail addresses, IP addresses and browsers only for admins.',
    query: AuditQuerySchema,
    response: z.object({
      events: z.array(AuditRowSchema),
      older: z
        .number()
        .int()
        .nullable()
        .describe('Pass as `before` for the next (older) page; null at the end'),
      actions: z.record(z.string(), z.string()).describe('Each action with its words, for a filter'),
    }),
    handler: async ({ query }, req) => {
      const role = roleOf(req);
      const events = await store.listAuditEvents({
        limit: query.limit + 1,
        ...(query.action ? { action: query.action } : {}),
        ...(query.before ? { beforeId: query.before } : {}),
      });
      const page = events.slice(0, query.limit);
      return {
        events: page.map((e) => auditRowFor(e, role)),
        older: events.length > query.limit ? (page.at(-1)?.id ?? null) : null,
        actions: AUDIT_ACTION_LABELS,
      };
    },
  });

  api.add({
    method: 'get',
    path: '/api/audit.csv',
    tag: 'audit',
    summary:
      'The audit trail as a spreadsheet, newest first (at most 50,000 events): when, who, the action and what happened in words, the subject, and other facts in words. Cells that would start a spreadsheet formula are escaped.',
    query: AuditQuerySchema.pick({ action: true }),
    mediaType: 'text/csv',
    response: z.string().describe('CSV with a header row'),
    handler: async ({ query }, req, res) => {
      const role = roleOf(req);
      const events = await store.listAuditEvents({
        limit: AUDIT_CSV_MAX,
        ...(query.action ? { action: query.action } : {}),
      });
      const csv = stringify(
        events.map((event) => {
          const row = auditRowFor(event, role);
          return [
            row.at,
            row.actor.name,
            AUDIT_ACTION_LABELS[row.action],
            row.sentence,
            row.subject,
            auditParticulars(row.details),
          ];
        }),
        {
          header: true,
          columns: ['When (UTC)', 'Who', 'Action', 'What', 'Subject', 'Details'],
          // A name or reason typed by anyone (even a refused sign-in) must not run as a formula: =, +, -, @,
          // tab and carriage return at the start of a cell get a leading quote (OWASP "CSV injection").
          escape_formulas: true,
        },
      );
      res.setHeader('Content-Disposition', 'attachment; filename="atlas-audit.csv"');
      res.type('text/csv').send(csv);
    },
  });
}
