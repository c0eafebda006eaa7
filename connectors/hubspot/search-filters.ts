/**
 * The mapping's filter conditions as HubSpot search filters, and the keyset window on `hs_object_id`.
 * https://developers.hubspot.com/docs/api-reference/search/guide#filter-search-results
 */
import { AtlasError } from '../../src/errors.js';
import type { FilterCondition } from '../types.js';
import { HS_SEARCH_MAX_FILTERS_PER_GROUP } from './limits.js';

export interface HubSpotFilter {
  propertyName: string;
  operator: string;
  value?: string;
  values?: string[];
}

const OPERATORS: Record<FilterCondition['op'], string> = {
  eq: 'EQ',
  ne: 'NEQ',
  in: 'IN',
  not_in: 'NOT_IN',
  gt: 'GT',
  gte: 'GTE',
  lt: 'LT',
  lte: 'LTE',
  is_null: 'NOT_HAS_PROPERTY',
  not_null: 'HAS_PROPERTY',
};

/** Wire form of a literal: HubSpot compares strings; booleans as `true` / `false`. */
function wire(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

export function toHubSpotFilter(condition: FilterCondition): HubSpotFilter {
  const operator = OPERATORS[condition.op];
  if (condition.op === 'is_null' || condition.op === 'not_null') {
    return { propertyName: condition.field, operator };
  }
  if (condition.op === 'in' || condition.op === 'not_in') {
    const list = Array.isArray(condition.value) ? condition.value : [condition.value];
    return { propertyName: condition.field, operator, values: list.map(wire) };
  }
  return { propertyName: condition.field, operator, value: wire(condition.value) };
}

/**
 * One filter group: the plan's conditions, the modified-since bound, and `hs_object_id > afterId`.
 * Paging by id keyset means every query reads its first page only, so the 10,000-result cap of a query
 * is never reached, even when more than 10,000 records share one `hs_lastmodifieddate`.
 */
export function searchFilters(
  object: string,
  conditions: readonly FilterCondition[],
  modified: { field: string; sinceMs: number } | null,
  afterId: string | null,
): HubSpotFilter[] {
  const filters = conditions.map(toHubSpotFilter);
  if (modified) {
    filters.push({ propertyName: modified.field, operator: 'GTE', value: String(modified.sinceMs) });
  }
  if (afterId !== null) filters.push({ propertyName: 'hs_object_id', operator: 'GT', value: afterId });
  if (filters.length > HS_SEARCH_MAX_FILTERS_PER_GROUP) {
    throw new AtlasError(
      'MAPPING_UNSUPPORTED',
      `HubSpot search allows ${HS_SEARCH_MAX_FILTERS_PER_GROUP} filters per group; the ${object} mapping's filter has ${conditions.length} conditions and the connector adds up to 2: keep the filter to ${HS_SEARCH_MAX_FILTERS_PER_GROUP - 2} conditions.`,
      { context: { system: 'hubspot', object } },
    );
  }
  return filters;
}
