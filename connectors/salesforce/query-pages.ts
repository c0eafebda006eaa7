/** REST query pages: the first page of `/query` or `/queryAll`, the pages behind `nextRecordsUrl`, and subquery results completed in place. */
import type { SalesforceClient } from './client.js';
import { SF_QUERY_BATCH_MAX } from './limits.js';
import { type SalesforceQueryPage, SalesforceQueryPageSchema } from './raw.js';
import { isChildResult } from './records.js';

/** What a query call needs: the client, whose queue, retries and budget every call goes through. */
export interface QueryContext {
  client: SalesforceClient;
}

/** The first page of a REST query (`/query` or `/queryAll`). https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm */
export async function queryFirst(
  ctx: QueryContext,
  soql: string,
  resource: 'query' | 'queryAll',
  signal?: AbortSignal,
): Promise<SalesforceQueryPage> {
  const body = await ctx.client.get(resource, `/${resource}?q=${encodeURIComponent(soql)}`, { signal });
  return SalesforceQueryPageSchema.parse(body);
}

/** The page behind a `nextRecordsUrl`. */
export async function queryMore(
  ctx: QueryContext,
  nextRecordsUrl: string,
  operation: string,
  signal?: AbortSignal,
): Promise<SalesforceQueryPage> {
  const res = await ctx.client.rest(
    operation,
    {
      method: 'GET',
      path: nextRecordsUrl,
      headers: { 'Sforce-Query-Options': `batchSize=${SF_QUERY_BATCH_MAX}` },
    },
    { signal },
  );
  return SalesforceQueryPageSchema.parse(res.body);
}

/** Subquery results above their first batch come with their own `nextRecordsUrl`: fetch the rest in place. */
export async function completeChildren(
  ctx: QueryContext,
  records: Record<string, unknown>[],
  signal?: AbortSignal,
): Promise<void> {
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) {
      if (!isChildResult(value) || value.done || !value.nextRecordsUrl) continue;
      let next: string | undefined = value.nextRecordsUrl;
      const all = [...value.records];
      while (next) {
        const page = await queryMore(ctx, next, 'queryMore', signal);
        all.push(...page.records);
        next = page.done ? undefined : page.nextRecordsUrl;
      }
      record[key] = { totalSize: all.length, done: true, records: all };
    }
  }
}
