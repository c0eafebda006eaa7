/** REST list views of an object and the `UserPermissionAccess` query: what a user without Metadata API rights can read. */
import { type NextFunction, type Request, type Response, Router } from 'express';
import { notFound, SalesforceApiError } from './api-error.js';
import { apiVersionOf, type EmulatorContext } from './context.js';
import { requireSession } from './oauth-routes.js';
import { servedVersions } from './org-routes.js';

/** `SELECT PermissionsX, PermissionsY FROM UserPermissionAccess` (no WHERE: the object holds the session's user). */
const USER_PERMISSION_QUERY = /^\s*SELECT\s+(.+?)\s+FROM\s+UserPermissionAccess\s*$/i;

/**
 * API version, session and daily quota, as the REST router checks them (these routes are mounted ahead of
 * it): an unknown `vXX.X` is 404 NOT_FOUND like any other unknown resource
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm).
 */
function restGate(ctx: EmulatorContext) {
  const session = requireSession(ctx);
  const versions = new Set(servedVersions(ctx.apiVersion).map((v) => `v${v.version}`));
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!versions.has(String(req.params.version))) {
      next(notFound());
      return;
    }
    session(req, res, (err?: unknown) => {
      if (err) {
        next(err);
        return;
      }
      res.locals.apiVersion = String(req.params.version ?? '').replace(/^v/, '');
      res.set('Sforce-Limit-Info', ctx.usage.header());
      if (!ctx.usage.consume()) {
        next(new SalesforceApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'));
        return;
      }
      res.set('Sforce-Limit-Info', ctx.usage.header());
      next();
    });
  };
}

/**
 * GET /services/data/vXX.X/sobjects/:type/listviews, answered from the org's ListView metadata
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_listviews.htm), and
 * the UserPermissionAccess query (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_userpermissionaccess.htm).
 */
export function createAccessRouter(ctx: EmulatorContext): Router {
  const router = Router();
  const gate = restGate(ctx);
  router.get('/services/data/:version/sobjects/:type/listviews', gate, (req, res, next) => {
    const object = ctx.state.object(String(req.params.type));
    if (!object) {
      next(notFound());
      return;
    }
    const base = `/services/data/v${apiVersionOf(res, ctx)}/sobjects/${object.name}/listviews`;
    const listviews = [...(ctx.state.metadata.get('ListView')?.values() ?? [])]
      .filter((e) => e.fullName.split('.')[0]?.toLowerCase() === object.name.toLowerCase())
      .map((e) => ({
        describeUrl: `${base}/${e.id}/describe`,
        developerName: e.fullName.slice(e.fullName.indexOf('.') + 1),
        id: e.id,
        label: String(e.value.label ?? ''),
        resultsUrl: `${base}/${e.id}/results`,
        soqlCompatible: true,
        url: `${base}/${e.id}`,
      }));
    res.json({
      done: true,
      listviews,
      nextRecordsUrl: null,
      size: listviews.length,
      sobjectType: object.name,
    });
  });
  router.get('/services/data/:version/query', (req, res, next) => {
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    const match = USER_PERMISSION_QUERY.exec(q);
    if (!match) {
      next();
      return;
    }
    gate(req, res, (err?: unknown) => {
      if (err) {
        next(err);
        return;
      }
      const record: Record<string, unknown> = { attributes: { type: 'UserPermissionAccess' } };
      for (const raw of (match[1] ?? '').split(',')) {
        const field = raw.trim();
        const name = field.replace(/^Permissions/i, '');
        if (!/^Permissions[A-Za-z]+$/i.test(field)) {
          next(
            new SalesforceApiError(
              400,
              'INVALID_FIELD',
              `No such column '${field}' on entity 'UserPermissionAccess'`,
            ),
          );
          return;
        }
        const key = Object.keys(ctx.state.userPermissions).find(
          (k) => k.toLowerCase() === name.toLowerCase(),
        );
        record[field] = key ? ctx.state.userPermissions[key] === true : false;
      }
      res.json({ totalSize: 1, done: true, records: [record] });
    });
  });
  return router;
}
