/**
 * `POST /crm/v3/objects/{objectType}/search`: offset paging over a cached, sorted result list; `total`
 * counts every match, but paging stops at 10,000 results and asking beyond answers 400.
 * https://developers.hubspot.com/docs/api-reference/search/guide#limitations
 */
import { Router } from 'express';
import { validationError } from './errors.js';
import { param, parseBody } from './http-helpers.js';
import { recordJson } from './record-json.js';
import { SearchRequestSchema } from './search-engine.js';
import type { HubSpotState } from './state.js';
import { HS_SEARCH_PAGE_DEFAULT, HS_SEARCH_PAGE_MAX, HS_SEARCH_RESULT_CAP } from './vendor-limits.js';

/** Routes of the CRM search endpoint. */
export function searchRoutes(state: HubSpotState): Router {
  const router = Router();

  router.post('/crm/v3/objects/:objectType/search', (req, res) => {
    const def = state.type(param(req, 'objectType'));
    const body = parseBody(SearchRequestSchema, req.body ?? {});
    const limit = body.limit ?? HS_SEARCH_PAGE_DEFAULT;
    if (limit > HS_SEARCH_PAGE_MAX) {
      throw validationError(`limit must be at most ${HS_SEARCH_PAGE_MAX}; got ${limit}`);
    }
    const afterRaw = body.after === undefined || body.after === '' ? '0' : String(body.after);
    if (!/^\d+$/.test(afterRaw)) throw validationError(`Invalid paging cursor after=${afterRaw}`);
    const after = Number(afterRaw);
    if (after >= HS_SEARCH_RESULT_CAP) {
      throw validationError(
        `The search endpoints are limited to ${HS_SEARCH_RESULT_CAP} total results for any given query; after=${after} pages beyond that. Narrow the query (e.g. filter on hs_lastmodifieddate) instead.`,
      );
    }
    const table = state.table(def);
    const rows = state.search.matches(table, body);
    const end = Math.min(after + limit, rows.length, HS_SEARCH_RESULT_CAP);
    const results: unknown[] = [];
    for (let i = after; i < end; i++) {
      results.push(recordJson(state, table, rows[i] ?? 0, { properties: body.properties }));
    }
    // Like HubSpot, the cursor past the 10,000th result is still handed out; following it answers 400.
    const more = end < rows.length && limit > 0;
    res.json(
      more
        ? { total: rows.length, results, paging: { next: { after: String(end) } } }
        : { total: rows.length, results },
    );
  });

  return router;
}
