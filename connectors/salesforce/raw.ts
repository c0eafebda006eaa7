/** Salesforce payload schemas (REST query, describe, Collections, deleted, Bulk 2.0, token), parsed at every edge. */
import { z } from 'zod';

/** One REST error item: `[{ message, errorCode, fields? }]`. https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm */
export const SalesforceErrorItemSchema = z.object({
  message: z.string(),
  errorCode: z.string(),
  fields: z.array(z.string()).optional(),
});

/** A query result page; `nextRecordsUrl` only when more follow. https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm */
export const SalesforceQueryPageSchema = z.object({
  totalSize: z.number().int(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});
export type SalesforceQueryPage = z.infer<typeof SalesforceQueryPageSchema>;

/** A child subquery inside a record: the same page shape. */
export const SalesforceChildResultSchema = SalesforceQueryPageSchema;

export const SalesforceRecordIdSchema = z.object({ Id: z.string().min(15) });

/** One field of a describe. https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm */
export const SalesforceDescribeFieldSchema = z.object({
  name: z.string(),
  label: z.string().optional(),
  type: z.string(),
  updateable: z.boolean(),
  createable: z.boolean().optional(),
  relationshipName: z.string().nullable().optional(),
  referenceTo: z.array(z.string()).optional(),
  picklistValues: z
    .array(
      z.object({
        value: z.string(),
        active: z.boolean().optional(),
        label: z.string().nullable().optional(),
      }),
    )
    .optional(),
});
export type SalesforceDescribeField = z.infer<typeof SalesforceDescribeFieldSchema>;

export const SalesforceDescribeSchema = z.object({
  name: z.string(),
  fields: z.array(SalesforceDescribeFieldSchema),
  childRelationships: z
    .array(z.object({ childSObject: z.string(), field: z.string(), relationshipName: z.string().nullable() }))
    .default([]),
});
export type SalesforceDescribe = z.infer<typeof SalesforceDescribeSchema>;

/** One item of a Collections answer. Errors come back with `statusCode`, not `errorCode`. */
export const SalesforceSaveResultSchema = z.object({
  id: z.string().nullable().optional(),
  success: z.boolean(),
  errors: z.array(
    z.object({ statusCode: z.string(), message: z.string(), fields: z.array(z.string()).optional() }),
  ),
});
export const SalesforceSaveResultsSchema = z.array(SalesforceSaveResultSchema);
export type SalesforceSaveResult = z.infer<typeof SalesforceSaveResultSchema>;

/** sObject Get Deleted. https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getdeleted.htm */
export const SalesforceDeletedSchema = z.object({
  deletedRecords: z.array(z.object({ id: z.string(), deletedDate: z.string() })),
  earliestDateAvailable: z.string(),
  latestDateCovered: z.string(),
});

/** Bulk API 2.0 job info (query and ingest). https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_one_job.htm */
export const SalesforceBulkJobSchema = z.object({
  id: z.string(),
  state: z.enum(['Open', 'UploadComplete', 'InProgress', 'JobComplete', 'Aborted', 'Failed']),
  errorMessage: z.string().nullable().optional(),
  numberRecordsProcessed: z.number().optional(),
  numberRecordsFailed: z.number().optional(),
  contentUrl: z.string().optional(),
});
export type SalesforceBulkJob = z.infer<typeof SalesforceBulkJobSchema>;

/** OAuth token answer. https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_endpoints.htm */
export const SalesforceTokenSchema = z.object({
  access_token: z.string().min(1),
  instance_url: z.string().url(),
  id: z.string().url(),
  refresh_token: z.string().optional(),
});

/** Identity URL `…/id/<orgId>/<userId>`. */
export function parseIdentityUrl(url: string): { orgId: string; userId: string } | null {
  const m = /\/id\/([A-Za-z0-9]{15,18})\/([A-Za-z0-9]{15,18})\/?$/.exec(url);
  return m?.[1] && m[2] ? { orgId: m[1], userId: m[2] } : null;
}

/** `/limits` entry. https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_limits.htm */
export const SalesforceLimitsSchema = z.record(
  z.string(),
  z.object({ Max: z.number(), Remaining: z.number() }).passthrough(),
);

/** `api-usage=used/max` from `Sforce-Limit-Info`. https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm */
export function parseLimitInfo(header: string | undefined): { used: number; max: number } | null {
  const m = header ? /api-usage=(\d+)\/(\d+)/.exec(header) : null;
  return m ? { used: Number(m[1]), max: Number(m[2]) } : null;
}
