/** Org-level REST resources: the versions list, the resources of a version, and /limits. */
import type { Request } from 'express';
import { Router } from 'express';
import { apiVersionOf, baseUrlOf, type EmulatorContext } from './context.js';

const RELEASES: Record<string, string> = {
  '58.0': "Summer '23",
  '59.0': "Winter '24",
  '60.0': "Spring '24",
  '61.0': "Summer '24",
  '62.0': "Winter '25",
  '63.0': "Spring '25",
  '64.0': "Summer '25",
};

/** API versions the emulator serves: every known release up to the configured one. */
export function servedVersions(apiVersion: string): Array<{ label: string; url: string; version: string }> {
  return Object.entries(RELEASES)
    .filter(([v]) => Number(v) <= Number(apiVersion))
    .map(([version, label]) => ({ label, url: `/services/data/v${version}`, version }));
}

/** GET /services/data (unauthenticated, as on Salesforce). */
export function createVersionsRouter(ctx: EmulatorContext): Router {
  const router = Router();
  router.get('/services/data', (_req, res) => {
    res.json(servedVersions(ctx.apiVersion));
  });
  return router;
}

/** GET /services/data/:version/ and /limits. */
export function createOrgRouter(ctx: EmulatorContext): Router {
  const router = Router({ mergeParams: true });
  router.get('/', (req: Request, res) => {
    const v = `/services/data/v${apiVersionOf(res, ctx)}`;
    res.json({
      limits: `${v}/limits`,
      sobjects: `${v}/sobjects`,
      query: `${v}/query`,
      queryAll: `${v}/queryAll`,
      composite: `${v}/composite`,
      jobs: `${v}/jobs`,
      identity: `${baseUrlOf(req)}/id/${ctx.state.orgId}/${ctx.state.userId}`,
    });
  });
  router.get('/limits', (_req, res) => {
    const max = ctx.usage.max;
    res.json({
      DailyApiRequests: { Max: max, Remaining: Math.max(0, max - ctx.usage.used) },
      DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
      DailyBulkV2QueryFileStorageMB: { Max: 976562, Remaining: 976562 },
      DataStorageMB: { Max: 1024, Remaining: 1024 },
      FileStorageMB: { Max: 1024, Remaining: 1024 },
    });
  });
  return router;
}
