/** REST Query resources: /query and /queryAll with SOQL, and their `nextRecordsUrl` pages. */
import type { Request } from 'express';
import { Router } from 'express';
import { SF_QUERY_BATCH_MAX } from '../../../connectors/salesforce/limits.js';
import { SalesforceApiError } from './api-error.js';
import { apiVersionOf, type EmulatorContext } from './context.js';
import { compileSoql, executeQuery } from './soql.js';

/** Batch sizes Salesforce honours in `Sforce-Query-Options: batchSize=N` (200..2,000). */
const MIN_BATCH = 200;

/**
 * Reads one query-string parameter with decodeURIComponent semantics. A `+` is a space (form encoding,
 * as in the documented `?q=SELECT+name+from+Account`), except between a time and a UTC offset, where it
 * can only be the sign of `2024-01-01T00:00:00+00:00`; `%2B` is always a plus.
 */
export function readQueryParam(url: string, name: string): string | undefined {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (key !== name) continue;
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    const spaced = raw.replace(/\+/g, (plus, at: number) => {
      const before = raw.slice(Math.max(0, at - 24), at);
      const after = raw.slice(at + 1, at + 6);
      return /T\d{2}(:|%3A)\d{2}((:|%3A)\d{2}(\.\d+)?)?$/i.test(before) && /^\d{2}(:|%3A)?\d{2}/i.test(after)
        ? plus
        : ' ';
    });
    try {
      return decodeURIComponent(spaced);
    } catch {
      throw new SalesforceApiError(
        400,
        'MALFORMED_QUERY',
        'The query string is not correctly percent-encoded',
      );
    }
  }
  return undefined;
}

function batchSize(req: Request, fallback: number): number {
  const m = /batchSize\s*=\s*(\d+)/i.exec(req.get('sforce-query-options') ?? '');
  if (!m) return fallback;
  return Math.min(SF_QUERY_BATCH_MAX, Math.max(MIN_BATCH, Number(m[1])));
}

/** GET /query, /queryAll and their locators; mounted under /services/data/:version. */
export function createQueryRouter(ctx: EmulatorContext): Router {
  const router = Router({ mergeParams: true });
  for (const resource of ['query', 'queryAll'] as const) {
    router.get(`/${resource}`, (req, res) => {
      const soql = readQueryParam(req.originalUrl, 'q');
      if (!soql) throw new SalesforceApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
      const compiled = compileSoql(ctx.state, soql, { includeDeleted: resource === 'queryAll' });
      const rows = executeQuery(ctx.state, compiled);
      if (compiled.kind === 'count') {
        res.json({ totalSize: rows.length, done: true, records: [] });
        return;
      }
      if (compiled.kind === 'aggregate') {
        res.json({
          totalSize: 1,
          done: true,
          records: [{ attributes: { type: 'AggregateResult' }, [compiled.aggregateAlias]: rows.length }],
        });
        return;
      }
      const version = apiVersionOf(res, ctx);
      res.json(ctx.cursors.first(compiled, rows, batchSize(req, ctx.queryPageSize), version));
    });
    // Both resources serve any locator: a queryAll's nextRecordsUrl points at /query/ (documented above).
    router.get(`/${resource}/:locator`, (req, res) => {
      const version = apiVersionOf(res, ctx);
      res.json(ctx.cursors.next(String(req.params.locator), version));
    });
  }
  return router;
}
