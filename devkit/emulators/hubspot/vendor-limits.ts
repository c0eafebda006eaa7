/** HubSpot's documented limits that the emulator enforces, each with the page that states it. */

/** Records per list page: https://developers.hubspot.com/docs/api-reference/legacy/crm/objects/companies/guide */
export const HS_LIST_PAGE_MAX = 100;
/** Default records per list page when `limit` is absent (the reference documents `default: 10`). */
export const HS_LIST_PAGE_DEFAULT = 10;
/** Records per search page: https://developers.hubspot.com/docs/api-reference/search/guide#limitations */
export const HS_SEARCH_PAGE_MAX = 200;
/** Default search page size. */
export const HS_SEARCH_PAGE_DEFAULT = 10;
/** A search query pages through at most 10,000 results; paging beyond answers 400 (same page). */
export const HS_SEARCH_RESULT_CAP = 10_000;
/** Filter groups per search request, filters per group and filters in total (same page). */
export const HS_SEARCH_MAX_FILTER_GROUPS = 5;
export const HS_SEARCH_MAX_FILTERS_PER_GROUP = 6;
export const HS_SEARCH_MAX_FILTERS_TOTAL = 18;
/** Inputs per batch call: https://developers.hubspot.com/docs/api-reference/legacy/crm/objects/companies/guide */
export const HS_BATCH_MAX = 100;
/** Inputs per associations v4 batch read (the v4 guide allows more than the object batch endpoints). */
export const HS_ASSOCIATION_BATCH_MAX = 1_000;
/** Records per list-membership page (`limit` maximum 250): https://developers.hubspot.com/docs/api-reference/legacy/crm/lists/guide */
export const HS_LIST_MEMBERSHIP_PAGE_MAX = 250;
/** Default page of associations read through v4 GET (maximum 500). */
export const HS_ASSOCIATION_PAGE_MAX = 500;
/**
 * Private app burst limit per 10 s (Professional/Enterprise) and the per-second search limit:
 * https://developers.hubspot.com/docs/apps/legacy-apps/private-apps/overview and the search guide.
 */
export const HS_TEN_SECOND_LIMIT = 190;
export const HS_TEN_SECOND_WINDOW_MS = 10_000;
export const HS_SEARCH_PER_SECOND = 5;
/** Daily private-app calls per account (Enterprise): same page. */
export const HS_DAILY_LIMIT = 1_000_000;
/** OAuth access tokens live 30 minutes: https://developers.hubspot.com/docs/api/oauth/tokens */
export const HS_ACCESS_TOKEN_TTL_SECONDS = 1_800;
