/** API of level overrides: a programme team pins a partner's level in a cell, or excludes the cell, with a reason, author and expiry. */
import type { Request } from 'express';
import { z } from 'zod';
import { cellLabel, createCellGrid, dayInWords, describeOverride, levelNames } from '../../engine/index.js';
import {
  type Actor,
  CellKeySchema,
  type LevelOverride,
  LevelOverrideSchema,
  type OverrideKind,
  OverrideKindSchema,
} from '../../model/index.js';
import type { Store } from '../../store/index.js';
import type { ApiRoutes } from '../api-routes.js';
import { actorOf, recordAudit } from '../audit.js';
import { httpError } from '../http-errors.js';
import type { ScoredView, ScoresSource } from '../scores-source.js';
import { PartnerParamsSchema, requirePartner } from './partners-api.js';

/** Overrides and review decisions are read by the pipeline: nothing changes until the next run. */
export const APPLIES_AT_NEXT_RUN = 'Applies at the next run.';

/** A chosen last day (YYYY-MM-DD) as the instant it ends: an override "until 1 Mar" still applies that day. */
export function endOfDay(date: string): string {
  return `${date}T23:59:59.999Z`;
}

/** What an audit entry or an error names: "Acme Ltd — Healthcare × Data & AI". */
export function subjectOf(view: ScoredView, partnerId: string, cell: string): string {
  const current = view.merged.get(partnerId) ?? partnerId;
  const name = view.partners.get(current)?.name ?? 'a partner no longer in the CRM';
  return `${name} — ${cellLabel(cell, view.mappings.taxonomy)}`;
}

export const OverrideStateSchema = z.enum(['in-force', 'expired', 'removed']);
type OverrideState = z.infer<typeof OverrideStateSchema>;

function stateOf(o: LevelOverride, now: Date): OverrideState {
  if (o.removedAt !== null) return 'removed';
  if (o.expiresAt !== null && Date.parse(o.expiresAt) <= now.getTime()) return 'expired';
  return 'in-force';
}

/**
 * The override in words. In force, as `atlas explain` says it: "Pinned at Specialist by Ana Souza until
 * 1 Mar 2027: audited in October (the evidence gives Proven)"; a past one says how it ended: "Pinned at
 * Specialist by Ana Souza on 3 Dec 2026; removed by Bo Li on 5 Dec 2026: audited in October".
 * `computedLevel` is what the evidence gives the cell (the last run's scores).
 */
export function overrideWords(o: LevelOverride, computedLevel: string | null, now: Date): string {
  const state = stateOf(o, now);
  if (state === 'in-force') {
    return describeOverride(
      { kind: o.kind, computedLevel, reason: o.reason, author: o.author.name, expiresAt: o.expiresAt },
      o.level,
    );
  }
  const what = o.kind === 'pin' ? `Pinned at ${o.level ?? 'no level'}` : 'Excluded';
  const ended =
    state === 'removed'
      ? `removed by ${o.removedBy?.name ?? 'someone'} on ${dayInWords(o.removedAt ?? o.createdAt)}`
      : `ended ${dayInWords(o.expiresAt ?? o.createdAt)}`;
  return `${what} by ${o.author.name} on ${dayInWords(o.createdAt)}; ${ended}: ${o.reason}`;
}

/** What the evidence alone gives a partner's cell in the scored view (before any override); null: no level. */
export function computedLevelOf(view: ScoredView, partnerId: string, cell: string): string | null {
  const scored = view.scores.cellsOf(view.merged.get(partnerId) ?? partnerId).find((c) => c.cell === cell);
  if (!scored) return null;
  return scored.override ? scored.override.computedLevel : scored.level;
}

export const OverrideViewSchema = LevelOverrideSchema.omit({ author: true, removedBy: true }).extend({
  author: z.string().describe("The author's name"),
  removedBy: z.string().nullable(),
  cellLabel: z.string(),
  state: OverrideStateSchema,
  /** The override in a sentence (see overrideWords). */
  words: z.string(),
});

export function overrideView(
  view: ScoredView,
  o: LevelOverride,
  now: Date,
): z.infer<typeof OverrideViewSchema> {
  return {
    ...o,
    author: o.author.name,
    removedBy: o.removedBy?.name ?? null,
    cellLabel: cellLabel(o.cell, view.mappings.taxonomy),
    state: stateOf(o, now),
    words: overrideWords(o, computedLevelOf(view, o.partnerId, o.cell), now),
  };
}

export const OverrideBodySchema = z.strictObject({
  cell: CellKeySchema,
  kind: OverrideKindSchema,
  level: z.string().trim().max(100).optional().describe('The level to pin (a name on the scoring ladder)'),
  reason: z.string().trim().max(500).describe('Why; required, shown with the override everywhere'),
  expiresAt: z.iso
    .date()
    .optional()
    .describe('The last day it applies (YYYY-MM-DD, in the future); until removed when absent'),
});

/** A chosen last day (YYYY-MM-DD) that has not passed at `now`, refused in words naming `subject`. */
export function dayAheadSchema(subject: string, now: Date) {
  return z.iso.date().refine((date) => Date.parse(endOfDay(date)) > now.getTime(), {
    error: (issue) =>
      `${subject}: the end date ${dayInWords(endOfDay(String(issue.input)))} has passed; choose a day from today on`,
  });
}

/**
 * The rules that need the partner, the taxonomy, the ladder and the clock, in words naming the partner and
 * the cell: the cell exists, a pin names a ladder level (an exclusion none), a reason is given, expiry is ahead.
 */
function overrideRules(view: ScoredView, partner: { id: string; name: string }, now: Date) {
  const partnerName = partner.name;
  const { taxonomy } = view.mappings;
  const grid = createCellGrid(taxonomy);
  const ladder = levelNames(view.mappings.scoring);
  return OverrideBodySchema.superRefine((body, ctx) => {
    const refuse = (field: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [field], message, input: body });
    if (grid.indexOf(body.cell) < 0) {
      const [sector, technology] = body.cell.split('|');
      refuse(
        'cell',
        `${partnerName}: the taxonomy (mappings/taxonomy.yaml) has no cell with sector "${sector}" and technology "${technology}"`,
      );
      return;
    }
    const subject = `${partnerName} — ${cellLabel(body.cell, taxonomy)}`;
    // The engine overrides a scored cell only (overrides.ts): accepting one elsewhere would promise a change
    // that never comes.
    const scored = view.scores
      .cellsOf(view.merged.get(partner.id) ?? partner.id)
      .some((c) => c.cell === body.cell);
    if (!scored) {
      refuse(
        'cell',
        `${subject}: the partner has no deal or certification there yet, so there is no level to pin or exclude`,
      );
      return;
    }
    if (body.kind === 'pin' && (body.level === undefined || !ladder.includes(body.level))) {
      const what = body.level ? `"${body.level}" is not a level` : 'choose the level to pin';
      refuse('level', `${subject}: ${what}; the levels are ${ladder.join(', ')}`);
    }
    if (body.kind === 'exclude' && body.level !== undefined && body.level !== '') {
      refuse('level', `${subject}: an exclusion takes no level (it removes the cell's level)`);
    }
    if (body.reason === '') {
      const what = body.kind === 'pin' ? 'pin' : 'exclusion';
      refuse('reason', `${subject}: give a reason (it is shown with the ${what} everywhere)`);
    }
    const expiry =
      body.expiresAt === undefined ? null : dayAheadSchema(subject, now).safeParse(body.expiresAt);
    if (expiry?.error) refuse('expiresAt', expiry.error.issues[0]?.message ?? 'invalid');
  });
}

/** Parses with rules whose messages are already sentences: a 400 with the first one and its field. */
export function parseInWords<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw httpError(400, issue?.message ?? 'invalid', issue?.path.map(String).join('.'));
}

export interface PlaceOverride {
  partnerId: string;
  cell: string;
  kind: OverrideKind;
  level: string | null;
  reason: string;
  /** The last day it applies (YYYY-MM-DD); null: until removed. */
  until: string | null;
  author: Actor;
}

/**
 * Adds an override; one in force on the same partner and cell ends first (removed by the same author), so at
 * most one applies and the old one stays in the history. Returns the new one and the one it replaced.
 */
export async function placeOverride(
  store: Store,
  input: PlaceOverride,
  now: Date,
): Promise<{ override: LevelOverride; replaced: LevelOverride | undefined }> {
  const at = now.toISOString();
  // Replacing is remove-and-add in one transaction, so a failure leaves the old override in force. Two editors
  // pinning one cell at the same instant on PostgreSQL may both find nothing to replace: both stay in force,
  // and the engine lets the newest decide (overrides.ts), so the level is still the last one asked for.
  return store.transaction(async (tx) => {
    const inForce = await tx.listOverrides({ partnerId: input.partnerId, activeAt: at });
    const replaced = inForce.find((o) => o.cell === input.cell);
    if (replaced) await tx.removeOverride(replaced.id, input.author, at);
    const override = await tx.addOverride({
      partnerId: input.partnerId,
      cell: input.cell,
      kind: input.kind,
      level: input.kind === 'pin' ? input.level : null,
      reason: input.reason,
      author: input.author,
      createdAt: at,
      expiresAt: input.until === null ? null : endOfDay(input.until),
    });
    return { override, replaced };
  });
}

const OverrideIdParams = z.object({ id: z.string().min(1).max(100) });

export function registerOverridesApi(
  api: ApiRoutes,
  scores: ScoresSource,
  store: Store,
  now: () => Date,
): void {
  api.add({
    method: 'get',
    path: '/api/partners/:id/overrides',
    tag: 'overrides',
    summary: "A partner's overrides, in force and past (expired or removed), newest first, with their words",
    params: PartnerParamsSchema,
    response: z.object({
      partner: z.object({ id: z.string(), name: z.string() }),
      levels: z.array(z.string()).describe('The scoring ladder, top level first: what a pin may choose'),
      overrides: z.array(OverrideViewSchema),
    }),
    handler: async ({ params }) => {
      const view = await scores.view();
      const { partner } = requirePartner(view, params.id);
      const at = now();
      return {
        partner: { id: partner.id, name: partner.name },
        levels: levelNames(view.mappings.scoring),
        overrides: (await store.listOverrides({ partnerId: partner.id })).map((o) =>
          overrideView(view, o, at),
        ),
      };
    },
  });

  api.add({
    method: 'post',
    path: '/api/partners/:id/overrides',
    tag: 'overrides',
    summary: "Pins a partner's level in a cell, or excludes the cell; applies at the next run",
    role: 'editor',
    doing: 'Pinning a level or excluding a cell',
    params: PartnerParamsSchema,
    body: OverrideBodySchema,
    status: 201,
    response: z.object({ override: OverrideViewSchema, message: z.string() }),
    handler: async ({ params, body }, req) => {
      const view = await scores.view();
      const { partner } = requirePartner(view, params.id);
      const at = now();
      parseInWords(overrideRules(view, partner, at), body);
      const { override, replaced } = await placeOverride(
        store,
        {
          partnerId: partner.id,
          cell: body.cell,
          kind: body.kind,
          level: body.level ?? null,
          reason: body.reason,
          until: body.expiresAt ?? null,
          author: actorOf(req),
        },
        at,
      );
      const subject = subjectOf(view, partner.id, body.cell);
      await recordAudit(store, req, 'override-added', subject, {
        summary: overrideWords(override, computedLevelOf(view, partner.id, body.cell), at),
        overrideId: override.id,
        kind: override.kind,
        level: override.level,
        reason: override.reason,
        expiresAt: override.expiresAt,
        replaced: replaced?.id ?? null,
      });
      const what = body.kind === 'pin' ? `Pinned ${subject} at ${override.level}` : `Excluded ${subject}`;
      return {
        override: overrideView(view, override, at),
        message: `${what}${replaced ? ' (replacing the override in force)' : ''}. ${APPLIES_AT_NEXT_RUN}`,
      };
    },
  });

  api.add({
    method: 'delete',
    path: '/api/overrides/:id',
    tag: 'overrides',
    summary: 'Ends an override early (it stays in the history); applies at the next run',
    role: 'editor',
    doing: 'Removing an override',
    params: OverrideIdParams,
    response: z.object({ override: OverrideViewSchema, message: z.string() }),
    handler: async ({ params }, req) => removeOverride(await scores.view(), store, params.id, req, now()),
  });
}

async function removeOverride(view: ScoredView, store: Store, id: string, req: Request, at: Date) {
  const found = await store.getOverride(id);
  if (!found) throw httpError(404, 'no such override: it may have been deleted with its store', 'id');
  const subject = subjectOf(view, found.partnerId, found.cell);
  const state = stateOf(found, at);
  if (state !== 'in-force') {
    throw httpError(409, `${subject}: this override already ended (${overrideWords(found, null, at)})`, 'id');
  }
  const removed = await store.removeOverride(id, actorOf(req), at.toISOString());
  await recordAudit(store, req, 'override-removed', subject, {
    summary: `Removed: ${overrideWords(found, computedLevelOf(view, found.partnerId, found.cell), at)}`,
    overrideId: id,
    kind: removed.kind,
    level: removed.level,
  });
  return {
    override: overrideView(view, removed, at),
    message: `Removed the ${removed.kind === 'pin' ? 'pin' : 'exclusion'} of ${subject}. ${APPLIES_AT_NEXT_RUN}`,
  };
}
