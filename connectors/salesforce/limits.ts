/** Salesforce's documented limits and the connector's defaults, each with the page that states it. */

/** API version used unless configured (jsforce 3 defaults to 50.0). https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_versions.htm */
export const SF_DEFAULT_API_VERSION = '62.0';

/** Records per sObject Collections call. https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_update.htm */
export const SF_COLLECTION_MAX = 200;

/** Largest REST query page (`Sforce-Query-Options: batchSize`). https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_queryoptions.htm */
export const SF_QUERY_BATCH_MAX = 2000;

/** getDeleted reaches 15 days back. https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getdeleted.htm */
export const SF_DELETED_WINDOW_DAYS = 15;

/**
 * getDeleted's start must precede its end by more than a minute (else INVALID_REPLICATION_DATE).
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_getdeleted.htm
 */
export const SF_DELETED_MIN_SPAN_MS = 61_000;

/** Components per Metadata API CRUD call. https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_createMetadata.htm */
export const SF_METADATA_CRUD_MAX = 10;

/** List view labels hold 40 characters. https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_listview.htm */
export const SF_LIST_VIEW_LABEL_MAX = 40;

/** List view and other developer names: 40 characters, letters, digits and single underscores. */
export const SF_DEVELOPER_NAME_MAX = 40;

/** Values in a multi-select picklist field (1,000 for a local value set). https://help.salesforce.com/s/articleView?id=sf.picklist_limits.htm */
export const SF_PICKLIST_VALUES_MAX = 1000;

/** A picklist value's API name / label holds 255 characters. */
export const SF_PICKLIST_VALUE_MAX_LENGTH = 255;

/** Multi-select picklist values are stored joined with `;`. https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_querying_multiselect_picklists.htm */
export const SF_MULTISELECT_SEPARATOR = ';';

/** Rows per Bulk API 2.0 results page we ask for (`maxRecords`); Salesforce picks its own size without it. https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_job_results.htm */
export const SF_BULK_RESULTS_PAGE = 50_000;

/** Bulk query jobs run for minutes on large orgs: we poll at most this long before giving up. https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/bulk_common_limits.htm */
export const SF_BULK_POLL_TIMEOUT_MS = 30 * 60_000;
export const SF_BULK_POLL_INTERVAL_MS = 2_000;

/** Default of the connector (not a vendor limit): above this many updates, write-back uses Bulk API 2.0. Reads choose by cost (read-choice.ts). */
export const DEFAULT_BULK_INGEST_THRESHOLD = 10_000;

/** Default run budget: stop when this run used 25 % of the daily quota, or the org's total use reached 80 %. */
export const DEFAULT_RUN_BUDGET_SHARE = 0.25;
export const DEFAULT_TOTAL_BUDGET_SHARE = 0.8;

/** Our retries of transient failures (429, 5xx, UNABLE_TO_LOCK_ROW, dropped connections). */
export const DEFAULT_MAX_RETRIES = 4;
export const DEFAULT_RETRY_BASE_MS = 500;

/**
 * SOQL allows at most five levels of child-to-parent relationship in one query (`A.B.C.D.E.Field`).
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_relationships_query_limits.htm
 */
export const SF_MAX_PARENT_DEPTH = 5;

/**
 * One level of parent-to-child subquery per relationship (`(SELECT … FROM OpportunityLineItems)`).
 * Deeper nesting needs API v58+ over REST only, which our SOQL builder does not emit. Same source as above.
 */
export const SF_MAX_CHILD_DEPTH = 1;

/** Salesforce Text fields hold at most 255 characters. https://help.salesforce.com/s/articleView?id=sf.custom_field_types.htm */
export const SF_TEXT_MAX_LENGTH = 255;

/** Text Area (not long) fields hold 255 characters. Same source. */
export const SF_TEXT_AREA_MAX_LENGTH = 255;

/** Long Text Area: 256 to 131,072 characters. Same source. */
export const SF_LONG_TEXT_MIN_LENGTH = 256;
export const SF_LONG_TEXT_MAX_LENGTH = 131_072;

/** Number fields: at most 18 digits in total (precision), scale ≤ precision. Same source. */
export const SF_NUMBER_MAX_PRECISION = 18;

/** Multi-select picklists show 3 to 10 lines. Same source. */
export const SF_MULTISELECT_MIN_LINES = 3;
export const SF_MULTISELECT_MAX_LINES = 10;

/** A segment list view's label prefix leaves room for the segment name within {@link SF_LIST_VIEW_LABEL_MAX}. */
export const SF_LIST_VIEW_PREFIX_MAX = 20;

/** Salesforce API names: a letter, then letters, digits and single underscores. */
export const SF_API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Record ids: 15 case-sensitive or 18 case-insensitive characters (the model's SalesforceId, as a regex). */
export const SF_RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
