/** Page routes: every page behind sign-in, rendered from the layout and a page skeleton. */
import express, { type Request, type Router } from 'express';
import { PartnerIdSchema } from '../model/index.js';
import { requirePageAuth } from './auth.js';
import {
  MAP_PAGE,
  MAPPINGS_PAGE,
  MATCH_PAGE,
  PARTNERS_PAGE,
  type PageSpec,
  partnerPage,
  RUNS_PAGE,
  TEAMING_PAGE,
} from './pages/app-pages.js';
import { type NavItem, renderLayout } from './pages/layout.js';

function csrfOf(req: Request): string {
  return req.auth?.kind === 'session' ? req.auth.session.csrfToken : '';
}

export function pageRoutes(): Router {
  const router = express.Router();
  const nav: NavItem[] = [
    { href: '/', label: 'Ecosystem map' },
    { href: '/partners', label: 'Partners' },
    { href: '/match', label: 'Match' },
    { href: '/teaming', label: 'Teaming' },
    { href: '/runs', label: 'Runs' },
    { href: '/mappings', label: 'Mappings' },
  ];
  const send = (path: string, active: string, page: (req: Request) => PageSpec | null) => {
    router.get(path, requirePageAuth, (req, res) => {
      const spec = page(req);
      if (!spec) {
        res.status(404).type('text').send('not found');
        return;
      }
      res.type('html').send(
        renderLayout({
          title: spec.title,
          active,
          nav,
          csrfToken: csrfOf(req),
          body: spec.body,
          script: spec.script,
          charts: spec.charts ?? false,
          network: spec.network ?? false,
        }),
      );
    });
  };
  send('/', '/', () => MAP_PAGE);
  send('/partners', '/partners', () => PARTNERS_PAGE);
  send('/partners/:id', '/partners', (req) => {
    const id = PartnerIdSchema.safeParse(req.params.id);
    return id.success ? partnerPage(id.data) : null;
  });
  send('/match', '/match', () => MATCH_PAGE);
  send('/runs', '/runs', () => RUNS_PAGE);
  send('/mappings', '/mappings', () => MAPPINGS_PAGE);
  send('/teaming', '/teaming', () => TEAMING_PAGE);
  return router;
}
