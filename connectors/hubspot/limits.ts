/** HubSpot's documented limits the connector plans around, each with the page that states it. */

/** Records per list page (`limit` maximum): https://developers.hubspot.com/docs/api-reference/crm-companies-v3/guide */
export const HS_LIST_PAGE_MAX = 100;
/** Records per list page when `limit` is absent (the reference documents `default: 10`), same page. */
export const HS_LIST_PAGE_DEFAULT = 10;
/** Records per search page: https://developers.hubspot.com/docs/api-reference/search/guide#limitations */
export const HS_SEARCH_PAGE_MAX = 200;
/** Search page size when `limit` is absent (same page). */
export const HS_SEARCH_PAGE_DEFAULT = 10;
/** A search query pages through at most 10,000 results (same page); we never page a query past its first page. */
export const HS_SEARCH_RESULT_CAP = 10_000;
/** Filter groups per search request, filters per group and filters in total (same page). */
export const HS_SEARCH_MAX_FILTER_GROUPS = 5;
export const HS_SEARCH_MAX_FILTERS_PER_GROUP = 6;
export const HS_SEARCH_MAX_FILTERS_TOTAL = 18;
/** Inputs per object batch call (read, update): https://developers.hubspot.com/docs/api-reference/crm-companies-v3/guide */
export const HS_BATCH_MAX = 100;
/** Inputs per associations v4 batch read: https://developers.hubspot.com/docs/api-reference/crm-associations-v4/guide */
export const HS_ASSOCIATION_BATCH_MAX = 1_000;
/** Associations per page of a v4 GET (maximum 500), same guide. */
export const HS_ASSOCIATION_PAGE_MAX = 500;
/** Records per list-membership page: https://developers.hubspot.com/docs/api-reference/crm-lists-v3/guide */
export const HS_LIST_MEMBERSHIP_PAGE_MAX = 250;
/**
 * Lists a portal may hold when the mapping's `listLimit` does not say: the limit depends on the subscription
 * (HubSpot's product and services catalog, "Lists": https://legal.hubspot.com/hubspot-product-and-services-catalog)
 * and no API reports it, so the default is the lowest static-list limit of the paid tiers (1,000). A portal at
 * its limit refuses `POST /crm/v3/lists` with a 400 error.
 */
export const HS_LIST_LIMIT_DEFAULT = 1_000;
/** Lists per `POST /crm/v3/lists/search` page (`count` maximum 500, same guide). */
export const HS_LIST_SEARCH_PAGE_MAX = 500;
/**
 * Record ids per membership change call (`add`, `remove`, `add-and-remove`; adds and removes together). The
 * guide's one stated bound on moving members is "a limit of 100,000 records at a time" (add-from); the
 * add / remove references state none, so we hold every membership call to the same 100,000.
 * https://developers.hubspot.com/docs/api-reference/crm-lists-v3/guide
 */
export const HS_MEMBERSHIP_CHANGE_MAX = 100_000;
/**
 * Private app burst limit: 190 requests per rolling 10 s (Professional / Enterprise), and the search limit,
 * 5 requests per second per account; our default search rate stays one below it.
 * https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines
 */
export const HS_TEN_SECOND_LIMIT = 190;
export const HS_TEN_SECOND_WINDOW_MS = 10_000;
export const HS_SEARCH_PER_SECOND_LIMIT = 5;
export const DEFAULT_SEARCH_PER_SECOND = 4;
/** Daily private-app calls per account (Enterprise: 1,000,000), same page. */
export const HS_DAILY_LIMIT = 1_000_000;
/** OAuth access tokens live 30 minutes: https://developers.hubspot.com/docs/api/oauth/tokens */
export const HS_ACCESS_TOKEN_TTL_SECONDS = 1_800;
/** HubSpot keeps archived records restorable (and listed with `archived=true`) for 90 days: https://knowledge.hubspot.com/records/restore-deleted-records */
export const HS_ARCHIVE_RETENTION_DAYS = 90;
/** URLs longer than this risk HTTP 414 from HubSpot's edge; beyond it properties go into a POST batch-read body. */
export const HS_SAFE_URL_LENGTH = 3_000;
/** Standard object types and their ids: https://developers.hubspot.com/docs/api/crm/understanding-the-crm#object-type-ids */
export const HS_STANDARD_OBJECT_TYPE_IDS: Readonly<Record<string, string>> = {
  contacts: '0-1',
  companies: '0-2',
  deals: '0-3',
  tickets: '0-5',
  products: '0-7',
  line_items: '0-8',
  quotes: '0-14',
};

/**
 * The connector reads a record's associations and the properties of the associated records: one hop
 * (deal → companies), never associations of associations. Batch-read of associations v4:
 * https://developers.hubspot.com/docs/api-reference/crm-associations-v4/guide
 */
export const HS_MAX_ASSOCIATION_HOPS = 1;

/** String properties hold 65,536 characters: https://knowledge.hubspot.com/properties/property-field-types-in-hubspot */
export const HS_STRING_MAX_LENGTH = 65_536;

/** Internal property names: lower-case letters, digits and underscores, starting with a letter. */
export const HS_PROPERTY_NAME = /^[a-z][a-z0-9_]*$/;

/** Anything a connector may put at the top of a raw record: property names, `id`, association names. */
export const HS_PATH_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/** Object ids are decimal numbers (the model's HubSpotId, as a regex). */
export const HS_RECORD_ID = /^\d+$/;
