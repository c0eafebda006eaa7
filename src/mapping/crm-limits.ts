/** Documented CRM limits the mapping validator enforces, each with its source. */

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

/**
 * The HubSpot connector reads a record's associations and the properties of the associated records:
 * one hop (deal → companies), never associations of associations. Batch-read of associations v4:
 * https://developers.hubspot.com/docs/api-reference/crm-associations-v4/guide
 */
export const HS_MAX_ASSOCIATION_HOPS = 1;

/** Salesforce Text fields hold at most 255 characters. https://help.salesforce.com/s/articleView?id=sf.custom_field_types.htm */
export const SF_TEXT_MAX_LENGTH = 255;

/** Long Text Area: 256 to 131,072 characters. Same source. */
export const SF_LONG_TEXT_MIN_LENGTH = 256;
export const SF_LONG_TEXT_MAX_LENGTH = 131_072;

/** Number fields: at most 18 digits in total (precision), scale ≤ precision. Same source. */
export const SF_NUMBER_MAX_PRECISION = 18;

/** Multi-select picklists show 3 to 10 lines. Same source. */
export const SF_MULTISELECT_MIN_LINES = 3;
export const SF_MULTISELECT_MAX_LINES = 10;

/**
 * A list view label holds at most 40 characters, so a segment list view's prefix must leave room for the
 * segment name. https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_listview.htm
 */
export const SF_LIST_VIEW_LABEL_MAX = 40;
export const SF_LIST_VIEW_PREFIX_MAX = 20;

/** Salesforce API names: a letter, then letters, digits and single underscores. */
export const SF_API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** HubSpot internal property names: lower-case letters, digits and underscores, starting with a letter. */
export const HS_PROPERTY_NAME = /^[a-z][a-z0-9_]*$/;

/** Anything a connector may put at the top of a HubSpot raw record: property names, `id`, association names. */
export const HS_PATH_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
