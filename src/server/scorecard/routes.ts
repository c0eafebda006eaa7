/**
 * Scorecard routes: the JSON view model and HTML / PDF downloads for signed-in users, share links for
 * editors, and the public `/scorecard/<token>` page that shows one partner's scorecard and grants nothing else.
 */
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { levelNames, partnerBenefits } from '../../engine/index.js';
import { AtlasError } from '../../errors.js';
import { loadScorecardConfig, optedInSections, type ScorecardSection } from '../../mapping/index.js';
import type { Store } from '../../store/index.js';
import type { ApiRoutes } from '../api-routes.js';
import { recordAudit } from '../audit.js';
import { requirePageAuth } from '../auth.js';
import { httpError } from '../http-errors.js';
import { PartnerParamsSchema, requirePartner } from '../routes/partners-api.js';
import type { ScoresSource } from '../scores-source.js';
import { signScorecardLink, verifyScorecardLink } from './link-token.js';
import { dayInWords } from './partner-words.js';
import { type LinkNotice, renderLinkNotice, renderScorecardHtml } from './render-html.js';
import { renderScorecardPdf } from './render-pdf.js';
import { buildScorecard, type Scorecard, ScorecardSchema } from './view-model.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ScorecardDeps {
  scores: ScoresSource;
  store: Store;
  mappingsDir: string;
  /** The link signing key (link-token.ts `linkSigningKey`). */
  key: Uint8Array;
  now: () => Date;
  logger?: Logger;
}

/** The scorecard of partner `id` (after merges) with `sections` (only those `scorecard.yaml` opts in to). */
async function scorecardOf(
  deps: ScorecardDeps,
  id: string,
  sections?: readonly ScorecardSection[],
): Promise<Scorecard> {
  const config = loadScorecardConfig(deps.mappingsDir);
  const view = await deps.scores.view();
  const { partner, score } = requirePartner(view, id);
  const shown = sections ?? optedInSections(config);
  const history = shown.includes('trend')
    ? (await deps.store.scoreHistory(partner.id)).map((p) => ({
        cell: `${p.sector ?? '*'}|${p.technology ?? '*'}`,
        level: p.level,
        at: p.runStartedAt,
      }))
    : undefined;
  return buildScorecard({
    partnerName: partner.name,
    scoredAt: view.scores.scoredAt,
    score,
    cells: view.scores.cellsOf(partner.id),
    benefits: partnerBenefits(view.mappings.benefits, score.segments, view.mappings.scoring.levels.ladder),
    taxonomy: view.mappings.taxonomy,
    ladder: levelNames(view.mappings.scoring),
    config,
    sections: shown,
    ...(history ? { history } : {}),
  });
}

/** "Acme Ltd partner scorecard 30 June 2025.pdf": what the download is saved as. */
function fileName(card: Scorecard, extension: 'html' | 'pdf'): string {
  const name = card.partnerName.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').trim();
  return `${name} partner scorecard ${card.asOf}.${extension}`;
}

async function send(res: Response, card: Scorecard, as: 'page' | 'html' | 'pdf', pdfHref?: string) {
  if (as === 'pdf') {
    res
      .type('pdf')
      .attachment(fileName(card, 'pdf'))
      .send(await renderScorecardPdf(card));
    return;
  }
  if (as === 'html') {
    res
      .type('html')
      .attachment(fileName(card, 'html'))
      .send(renderScorecardHtml(card, { style: 'embed' }));
    return;
  }
  res.type('html').send(renderScorecardHtml(card, { style: 'link', ...(pdfHref ? { pdfHref } : {}) }));
}

const ShareBodySchema = z.object({
  days: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Days the link lives; scorecard.yaml links.defaultDays when absent'),
});

const ShareResponseSchema = z.object({
  /** `/scorecard/<token>`, relative to the server. */
  url: z.string(),
  expiresAt: z.string(),
  /** "6 January 2027". */
  expiresOn: z.string(),
  sections: z.array(z.string()),
});

/** The JSON scorecard (viewer and up) and share-link creation (editor and up). */
export function registerScorecardApi(api: ApiRoutes, deps: ScorecardDeps): void {
  api.add({
    method: 'get',
    path: '/api/partners/:id/scorecard',
    tag: 'partners',
    summary:
      "A partner's scorecard, phrased for the partner: the sections mappings/scorecard.yaml opts in to",
    params: PartnerParamsSchema,
    response: ScorecardSchema,
    handler: async ({ params }) => scorecardOf(deps, params.id),
  });

  api.add({
    method: 'post',
    path: '/api/partners/:id/scorecard-links',
    tag: 'partners',
    role: 'editor',
    doing: 'Sharing a partner scorecard',
    summary: "A signed, expiring, read-only link to the partner's scorecard (the sections opted in now)",
    params: PartnerParamsSchema,
    body: ShareBodySchema,
    response: ShareResponseSchema,
    status: 201,
    handler: async ({ params, body }, req) => {
      const config = loadScorecardConfig(deps.mappingsDir);
      const days = body.days ?? config.links.defaultDays;
      if (days > config.links.maxDays) {
        throw httpError(
          400,
          `a share link lives at most ${config.links.maxDays} days (mappings/scorecard.yaml links.maxDays)`,
          'days',
        );
      }
      const { partner } = requirePartner(await deps.scores.view(), params.id);
      const now = deps.now();
      const expiresAt = new Date(now.getTime() + days * DAY_MS);
      const sections = optedInSections(config);
      const token = await signScorecardLink({ partnerId: partner.id, sections, expiresAt }, deps.key, now);
      const expiresOn = dayInWords(expiresAt.toISOString());
      await recordAudit(deps.store, req, 'scorecard-shared', `${partner.name} — partner scorecard`, {
        partnerId: partner.id,
        days,
        expiresAt: expiresAt.toISOString(),
        sections,
        summary: `Shared the scorecard of ${partner.name} until ${expiresOn}`,
      });
      return { url: `/scorecard/${token}`, expiresAt: expiresAt.toISOString(), expiresOn, sections };
    },
  });
}

const NOTICE_STATUS: Record<LinkNotice, number> = { expired: 410, invalid: 404, unavailable: 503 };

function notice(res: Response, reason: LinkNotice): void {
  res.status(NOTICE_STATUS[reason]).type('html').send(renderLinkNotice(reason));
}

/** Headers of every answer to a share link: not cached, not indexed, and the token never leaves in a Referer. */
function publicHeaders(res: Response): void {
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Robots-Tag', 'noindex, nofollow');
}

/**
 * The page routes: the `/partners/:id/scorecard` preview and its `.html` and `.pdf` downloads behind sign-in, and the public
 * `/scorecard/<token>` (`.pdf` for the PDF), which reads the link's partner only and sets no cookie.
 */
export function scorecardPages(deps: ScorecardDeps): Router {
  const router = express.Router();
  const download = (as: 'page' | 'html' | 'pdf') => async (req: Request, res: Response) => {
    const id = PartnerParamsSchema.safeParse(req.params);
    if (!id.success) throw httpError(404, 'no such partner');
    const pdfHref = `/partners/${encodeURIComponent(id.data.id)}/scorecard.pdf`;
    await send(res, await scorecardOf(deps, id.data.id), as, as === 'page' ? pdfHref : undefined);
  };
  router.get('/partners/:id/scorecard', requirePageAuth(), download('page'));
  router.get('/partners/:id/scorecard.html', requirePageAuth(), download('html'));
  router.get('/partners/:id/scorecard.pdf', requirePageAuth(), download('pdf'));

  router.get('/scorecard/:token', async (req, res) => {
    publicHeaders(res);
    const raw = String(req.params.token);
    const pdf = raw.endsWith('.pdf');
    const token = pdf ? raw.slice(0, -'.pdf'.length) : raw;
    const check = await verifyScorecardLink(token, deps.key, deps.now());
    if (!check.ok) {
      notice(res, check.reason);
      return;
    }
    let card: Scorecard;
    try {
      card = await scorecardOf(deps, check.link.partnerId, check.link.sections);
    } catch (error) {
      // The partner may have left the ecosystem since the link was made: the link then opens nothing.
      if (error instanceof AtlasError && error.code === 'HTTP_NOT_FOUND') {
        notice(res, 'invalid');
        return;
      }
      // No scored run yet, or a broken scorecard.yaml: the partner is told nothing of it (the log is).
      deps.logger?.error({ err: error }, 'a scorecard link could not be shown');
      notice(res, 'unavailable');
      return;
    }
    await send(res, card, pdf ? 'pdf' : 'page', pdf ? undefined : `/scorecard/${token}.pdf`);
  });
  return router;
}
