/** API of the Audit page: who did what and when, newest first, paged and filtered by action; and the same as CSV. */
import { stringify } from 'csv-stringify/sync';
import type { Router } from 'express';
import { z } from 'zod';
import { AuditActionSchema, AuditEventSchema } from '../../model/index.js';
import type { Store } from '../../store/index.js';
import type { ApiRoutes } from '../api-routes.js';
import { AUDIT_ACTION_LABELS, auditSentence } from '../audit-words.js';
import { parseOr400 } from '../http-errors.js';

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

export function registerAuditApi(api: ApiRoutes, store: Store): void {
  api.add({
    method: 'get',
    path: '/api/audit',
    tag: 'audit',
    summary:
      'The audit trail, newest first: sign-ins, mapping saves, runs started, users changed, overrides, reviews',
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
    handler: async ({ query }) => {
      const events = await store.listAuditEvents({
        limit: query.limit + 1,
        ...(query.action ? { action: query.action } : {}),
        ...(query.before ? { beforeId: query.before } : {}),
      });
      const page = events.slice(0, query.limit);
      return {
        events: page.map((e) => ({ ...e, sentence: auditSentence(e) })),
        older: events.length > query.limit ? (page.at(-1)?.id ?? null) : null,
        actions: AUDIT_ACTION_LABELS,
      };
    },
  });
}

/** GET /api/audit.csv: the trail as a spreadsheet (behind the same sign-in as the JSON API; every role may read it). */
export function registerAuditCsv(router: Router, store: Store): void {
  router.get('/api/audit.csv', async (req, res) => {
    const query = parseOr400(AuditQuerySchema.pick({ action: true }), req.query, 'query parameter');
    const events = await store.listAuditEvents({
      limit: AUDIT_CSV_MAX,
      ...(query.action ? { action: query.action } : {}),
    });
    const csv = stringify(
      events.map((e) => [
        e.at,
        e.actor.name,
        e.action,
        auditSentence(e),
        e.subject,
        JSON.stringify(e.details),
      ]),
      { header: true, columns: ['When (UTC)', 'Who', 'Action', 'What', 'Subject', 'Details'] },
    );
    res.setHeader('Content-Disposition', 'attachment; filename="atlas-audit.csv"');
    res.type('text/csv').send(csv);
  });
}
