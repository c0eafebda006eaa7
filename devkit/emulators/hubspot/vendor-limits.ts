/**
 * HubSpot's documented limits that the emulator enforces: declared once, in the connector's limits.ts
 * (the emulator plays the vendor the connector is written against).
 */
export {
  HS_ACCESS_TOKEN_TTL_SECONDS,
  HS_ASSOCIATION_BATCH_MAX,
  HS_ASSOCIATION_PAGE_MAX,
  HS_BATCH_MAX,
  HS_DAILY_LIMIT,
  HS_LIST_MEMBERSHIP_PAGE_MAX,
  HS_LIST_PAGE_DEFAULT,
  HS_LIST_PAGE_MAX,
  HS_MEMBERSHIP_CHANGE_MAX,
  HS_SEARCH_MAX_FILTER_GROUPS,
  HS_SEARCH_MAX_FILTERS_PER_GROUP,
  HS_SEARCH_MAX_FILTERS_TOTAL,
  HS_SEARCH_PAGE_DEFAULT,
  HS_SEARCH_PAGE_MAX,
  HS_SEARCH_PER_SECOND_LIMIT as HS_SEARCH_PER_SECOND,
  HS_SEARCH_RESULT_CAP,
  HS_TEN_SECOND_LIMIT,
  HS_TEN_SECOND_WINDOW_MS,
} from '../../../connectors/hubspot/limits.js';
