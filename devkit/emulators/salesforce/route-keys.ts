/** Normalised route keys for the request log and fault targeting, e.g. `GET /query/:locator`. */
import type { IncomingMessage } from 'node:http';

const RULES: Array<[RegExp, string]> = [
  [/^\/services\/oauth2\/token$/, '/oauth2/token'],
  [/^\/services\/oauth2\/revoke$/, '/oauth2/revoke'],
  [/^\/services\/oauth2\/userinfo$/, '/oauth2/userinfo'],
  [/^\/id\/[^/]+\/[^/]+$/, '/id/:orgId/:userId'],
  [/^\/services\/Soap\/u\/[^/]+(\/.*)?$/, '/soap/u'],
  [/^\/services\/Soap\/m\/[^/]+(\/.*)?$/, '/soap/m'],
  [/^\/services\/data\/?$/, '/versions'],
  [/^\/services\/data\/v[^/]+\/?$/, '/'],
  [/^\/services\/data\/v[^/]+\/(query|queryAll)\/?$/, '/$1'],
  [/^\/services\/data\/v[^/]+\/(query|queryAll)\/[^/]+$/, '/$1/:locator'],
  [/^\/services\/data\/v[^/]+\/sobjects\/?$/, '/sobjects'],
  [/^\/services\/data\/v[^/]+\/sobjects\/[^/]+\/?$/, '/sobjects/:type'],
  [/^\/services\/data\/v[^/]+\/sobjects\/[^/]+\/(describe|updated|deleted)\/?$/, '/sobjects/:type/$1'],
  [/^\/services\/data\/v[^/]+\/sobjects\/[^/]+\/[^/]+$/, '/sobjects/:type/:id'],
  [/^\/services\/data\/v[^/]+\/composite\/sobjects\/?$/, '/composite/sobjects'],
  [/^\/services\/data\/v[^/]+\/composite\/sobjects\/[^/]+$/, '/composite/sobjects/:type'],
  [/^\/services\/data\/v[^/]+\/composite\/sobjects\/[^/]+\/[^/]+$/, '/composite/sobjects/:type/:field'],
  [/^\/services\/data\/v[^/]+\/jobs\/query\/?$/, '/jobs/query'],
  [/^\/services\/data\/v[^/]+\/jobs\/query\/[^/]+\/results$/, '/jobs/query/:id/results'],
  [/^\/services\/data\/v[^/]+\/jobs\/query\/[^/]+$/, '/jobs/query/:id'],
  [/^\/services\/data\/v[^/]+\/jobs\/ingest\/?$/, '/jobs/ingest'],
  [
    /^\/services\/data\/v[^/]+\/jobs\/ingest\/[^/]+\/(batches|successfulResults|failedResults|unprocessedrecords)$/,
    '/jobs/ingest/:id/$1',
  ],
  [/^\/services\/data\/v[^/]+\/jobs\/ingest\/[^/]+$/, '/jobs/ingest/:id'],
  [/^\/services\/data\/v[^/]+\/limits\/?$/, '/limits'],
];

/** `METHOD /normalised/route` for a request; unknown paths keep their raw path. */
export function salesforceRouteOf(req: IncomingMessage): string {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  for (const [re, route] of RULES) {
    if (re.test(path)) return `${req.method ?? 'GET'} ${path.replace(re, route)}`;
  }
  return `${req.method ?? 'GET'} ${path}`;
}
