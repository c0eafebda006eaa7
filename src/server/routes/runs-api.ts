/** API of the Runs page: history with figures, events (live progress), record issues, write failures, starting a run. */
import { z } from 'zod';
import { headlineLines } from '../../engine/index.js';
import { CrmSystemSchema, RecordIssueSchema } from '../../model/index.js';
import {
  RunEventSchema,
  RunSchema,
  RunStatusSchema,
  type Store,
  WriteFailureSchema,
} from '../../store/index.js';
import { programmeLines, programmeWords } from '../../sync/change-summary.js';
import { runKindWords, runName } from '../../sync/run-name.js';
import { storedHeadline, storedProgramme } from '../../sync/stored-run-figures.js';
import type { ApiRoutes } from '../api-routes.js';
import { recordAudit } from '../audit.js';
import type { RunLauncher } from '../deps.js';
import { httpError } from '../http-errors.js';

export const StartRunBodySchema = z.strictObject({
  dryRun: z.boolean().default(false),
  full: z.boolean().default(false),
  systems: z.array(CrmSystemSchema).min(1).optional(),
});

const RunIdParams = z.object({ id: z.string().min(1).max(100) });

/** A run as the pages show it: with what it is called ("Run", "Dry run", "Sync"), the CLI's words. */
const NamedRunSchema = RunSchema.extend({
  label: z.string().describe('What the run is called before its time, e.g. "Dry run": the CLI run name'),
});
const named = (run: z.infer<typeof RunSchema>) => ({ ...run, label: runKindWords(run) });

async function requireRun(store: Store, id: string) {
  const run = await store.getRun(id);
  if (!run) throw httpError(404, `no run ${id}`, 'id');
  return run;
}

/** Cells listed per kind of programme decision on the run page; the counts are always whole. */
const PROGRAMME_LINES = 20;

export function registerRunsApi(api: ApiRoutes, store: Store, runs: RunLauncher): void {
  api.add({
    method: 'get',
    path: '/api/runs',
    tag: 'runs',
    summary: 'Runs, newest first, with their figures and change summaries',
    query: z.object({
      status: RunStatusSchema.optional(),
      kind: z.string().min(1).max(50).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: z.object({ runs: z.array(NamedRunSchema) }),
    handler: async ({ query }) => ({
      runs: (
        await store.listRuns({
          limit: query.limit,
          ...(query.status ? { status: query.status } : {}),
          ...(query.kind ? { kind: query.kind } : {}),
        })
      ).map(named),
    }),
  });

  api.add({
    method: 'post',
    path: '/api/runs',
    tag: 'runs',
    summary: 'Starts a run (or a dry run, which writes nothing to the CRMs) in the background',
    role: 'admin',
    doing: 'Starting a run',
    body: StartRunBodySchema,
    status: 202,
    response: z.object({ runId: z.string() }),
    handler: async ({ body }, req) => {
      const started = await runs.start({
        dryRun: body.dryRun,
        full: body.full,
        ...(body.systems ? { systems: body.systems } : {}),
      });
      const run = await store.getRun(started.runId);
      await recordAudit(store, req, 'run-started', run ? runName(run) : 'Run', {
        runId: started.runId,
        dryRun: body.dryRun,
        full: body.full,
        systems: body.systems ?? 'all configured',
      });
      return started;
    },
  });

  api.add({
    method: 'get',
    path: '/api/runs/:id',
    tag: 'runs',
    summary: 'One run with its number of record issues and its headline figures in words',
    params: RunIdParams,
    response: z.object({
      run: NamedRunSchema,
      issueCount: z.number().int(),
      headline: z
        .array(z.string())
        .describe(
          'The headline figures as the CLI and the demo print them (empty for a run that did not score)',
        ),
      programme: z
        .object({ summary: z.string().nullable(), lines: z.array(z.string()) })
        .describe(
          'Levels the programme team decided (pins, exclusions, demotions held for review), in words',
        ),
    }),
    handler: async ({ params }) => {
      const run = await requireRun(store, params.id);
      const headline = storedHeadline(run);
      const programme = { programme: storedProgramme(run) ?? undefined };
      return {
        run: named(run),
        issueCount: await store.countRecordIssues(run.id),
        headline: headline ? headlineLines(headline) : [],
        programme: { summary: programmeWords(programme), lines: programmeLines(programme, PROGRAMME_LINES) },
      };
    },
  });

  api.add({
    method: 'get',
    path: '/api/runs/:id/events',
    tag: 'runs',
    summary: "A run's progress events; poll with afterSeq = the last seq seen to follow a running run",
    params: RunIdParams,
    query: z.object({
      afterSeq: z.coerce.number().int().min(0).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    }),
    response: z.object({ run: RunSchema, events: z.array(RunEventSchema) }),
    handler: async ({ params, query }) => {
      const run = await requireRun(store, params.id);
      const events = await store.listRunEvents(run.id, {
        limit: query.limit,
        ...(query.afterSeq === undefined ? {} : { afterSeq: query.afterSeq }),
      });
      return { run, events };
    },
  });

  api.add({
    method: 'get',
    path: '/api/runs/:id/issues',
    tag: 'runs',
    summary: 'Records of a run that could not be used as read (per record and field)',
    params: RunIdParams,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(100),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    response: z.object({ total: z.number().int(), issues: z.array(RecordIssueSchema) }),
    handler: async ({ params, query }) => {
      const run = await requireRun(store, params.id);
      return {
        total: await store.countRecordIssues(run.id),
        issues: await store.listRecordIssues(run.id, { limit: query.limit, offset: query.offset }),
      };
    },
  });

  api.add({
    method: 'get',
    path: '/api/write-failures',
    tag: 'runs',
    summary: 'Records whose write-back failed and will be retried, per record',
    query: z.object({ system: CrmSystemSchema.optional() }),
    response: z.object({ failures: z.array(WriteFailureSchema) }),
    handler: async ({ query }) => ({
      failures: await store.listWriteFailures(query.system ? { system: query.system } : {}),
    }),
  });
}
