/** Bulk API 2.0 query resources as jsforce `conn.bulk2.query()` calls them: create, check, results, abort, delete. */
import { Router } from 'express';
import { z } from 'zod';
import { SalesforceApiError } from './api-error.js';
import { decodeLocator, encodeLocator } from './bulk2-jobs.js';
import { apiVersionOf, type EmulatorContext } from './context.js';
import { compileSoql } from './soql.js';

const CreateJobSchema = z.object({
  operation: z.enum(['query', 'queryAll']),
  query: z.string().min(1),
  contentType: z.literal('CSV').optional(),
  columnDelimiter: z.enum(['COMMA', 'TAB', 'PIPE', 'SEMICOLON', 'CARET', 'BACKQUOTE']).optional(),
  lineEnding: z.enum(['LF', 'CRLF']).optional(),
});

const AbortSchema = z.object({ state: z.literal('Aborted') });

/** Bulk API 2.0 errors answer `[{ errorCode, message }]` too. */
function jobNotFound(): SalesforceApiError {
  return new SalesforceApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

/** Routes under /services/data/:version/jobs/query. */
export function createBulk2Router(ctx: EmulatorContext): Router {
  const router = Router({ mergeParams: true });

  router.post('/jobs/query', (req, res) => {
    const parsed = CreateJobSchema.safeParse(req.body);
    if (!parsed.success) {
      throw new SalesforceApiError(
        400,
        'INVALIDJOB',
        `Invalid query job: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim(),
      );
    }
    const body = parsed.data;
    const query = compileSoql(ctx.state, body.query, { includeDeleted: body.operation === 'queryAll' });
    if (query.hasChildren || query.kind !== 'records' || query.offset > 0) {
      // Documented: no parent-to-child subqueries, aggregates or OFFSET in Bulk API 2.0 queries.
      throw new SalesforceApiError(
        400,
        'API_ERROR',
        'Bulk API 2.0 does not support subqueries, aggregate functions or OFFSET',
      );
    }
    const job = ctx.bulkJobs.create({
      operation: body.operation,
      query,
      columnDelimiter: body.columnDelimiter,
      lineEnding: body.lineEnding,
      apiVersion: Number(apiVersionOf(res, ctx)),
    });
    res.json(ctx.bulkJobs.info(job, ctx.state.userId, false));
  });

  router.get('/jobs/query/:id', (req, res) => {
    const job = ctx.bulkJobs.get(String(req.params.id));
    if (!job) throw jobNotFound();
    res.json(ctx.bulkJobs.info(ctx.bulkJobs.check(job), ctx.state.userId, true));
  });

  router.patch('/jobs/query/:id', (req, res) => {
    const job = ctx.bulkJobs.get(String(req.params.id));
    if (!job) throw jobNotFound();
    if (!AbortSchema.safeParse(req.body).success) {
      throw new SalesforceApiError(400, 'INVALIDJOBSTATE', 'Only Aborted can be set on a query job');
    }
    ctx.bulkJobs.abort(job);
    res.json(ctx.bulkJobs.info(job, ctx.state.userId, false));
  });

  router.delete('/jobs/query/:id', (req, res) => {
    const job = ctx.bulkJobs.get(String(req.params.id));
    if (!job) throw jobNotFound();
    ctx.bulkJobs.delete(job);
    res.status(204).end();
  });

  router.get('/jobs/query/:id/results', (req, res) => {
    const job = ctx.bulkJobs.get(String(req.params.id));
    if (!job) throw jobNotFound();
    if (job.state !== 'JobComplete') {
      throw new SalesforceApiError(
        400,
        'INVALIDJOBSTATE',
        `Cannot get results for a job in state ${job.state}`,
      );
    }
    const locator =
      typeof req.query.locator === 'string' && req.query.locator !== '' ? req.query.locator : undefined;
    const offset = locator ? decodeLocator(locator) : 0;
    if (offset === undefined) throw new SalesforceApiError(400, 'INVALID_LOCATOR', 'invalid locator');
    const maxText = typeof req.query.maxRecords === 'string' ? Number(req.query.maxRecords) : undefined;
    const maxRecords =
      maxText !== undefined && Number.isInteger(maxText) && maxText > 0 ? maxText : undefined;
    const page = ctx.bulkJobs.page(job, offset, maxRecords);
    res.set({
      'Content-Type': 'text/csv',
      // The last page says `null`: jsforce loops `while (locator !== 'null')`.
      'Sforce-Locator': page.next === null ? 'null' : encodeLocator(page.next),
      'Sforce-NumberOfRecords': String(page.count),
    });
    res.send(page.csv);
  });

  return router;
}
