/**
 * Normalised route keys for the request log: ids, tokens and names become `:placeholders`, object types
 * stay literal, so a benchmark can count `POST /crm/v3/objects/deals/search` or `GET /crm/v3/objects/deals`.
 */

/** `{x}` keeps the segment literal in the key, `:x` replaces it with `:x`. Earlier templates win. */
const TEMPLATES: readonly string[] = [
  '/oauth/v1/token',
  '/oauth/v1/access-tokens/:token',
  '/account-info/v3/details',
  '/account-info/v3/api-usage/daily/private-apps',
  '/crm/v3/objects/{objectType}/search',
  '/crm/v3/objects/{objectType}/batch/{operation}',
  '/crm/v3/objects/{objectType}/:objectId',
  '/crm/v3/objects/{objectType}',
  '/crm/v4/objects/{fromObjectType}/:objectId/associations/default/{toObjectType}/:toObjectId',
  '/crm/v4/objects/{fromObjectType}/:objectId/associations/{toObjectType}/:toObjectId',
  '/crm/v4/objects/{fromObjectType}/:objectId/associations/{toObjectType}',
  '/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/associate/default',
  '/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/labels/archive',
  '/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/{operation}',
  '/crm/v4/associations/{fromObjectType}/{toObjectType}/labels/:typeId',
  '/crm/v4/associations/{fromObjectType}/{toObjectType}/labels',
  '/crm/v3/properties/{objectType}/groups/:groupName',
  '/crm/v3/properties/{objectType}/groups',
  '/crm/v3/properties/{objectType}/batch/{operation}',
  '/crm/v3/properties/{objectType}/:propertyName',
  '/crm/v3/properties/{objectType}',
  '/crm/v3/schemas/{objectType}',
  '/crm/v3/schemas',
  '/crm-object-schemas/v3/schemas/{objectType}',
  '/crm-object-schemas/v3/schemas',
  '/crm/v3/lists/search',
  '/crm/v3/lists/object-type-id/{objectTypeId}/name/:listName',
  '/crm/v3/lists/:listId/memberships/{operation}',
  '/crm/v3/lists/:listId/memberships',
  '/crm/v3/lists/:listId/update-list-name',
  '/crm/v3/lists/:listId',
  '/crm/v3/lists',
];

const COMPILED = TEMPLATES.map((t) => t.split('/').filter((s) => s !== ''));

/** The route key of a request, e.g. `GET /crm/v3/objects/deals/:objectId`. */
export function routeKey(method: string, url: string): string {
  const path = url.split('?')[0] ?? '/';
  const segments = path.split('/').filter((s) => s !== '');
  for (const template of COMPILED) {
    if (template.length !== segments.length) continue;
    const key: string[] = [];
    let ok = true;
    for (let i = 0; i < template.length; i++) {
      const t = template[i] ?? '';
      const s = segments[i] ?? '';
      if (t.startsWith(':')) key.push(t);
      else if (t.startsWith('{')) key.push(decodeURIComponent(s));
      else if (t === s) key.push(s);
      else {
        ok = false;
        break;
      }
    }
    if (ok) return `${method} /${key.join('/')}`;
  }
  return `${method} /${segments.map((s) => (/^\d+$/.test(s) ? ':id' : s)).join('/')}`;
}
