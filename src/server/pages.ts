/** Page routes: every page behind sign-in, rendered from the layout and a page skeleton. */
import express, { type Request, type Router } from 'express';
import { PartnerIdSchema, type Role } from '../model/index.js';
import { requirePageAuth } from './auth.js';
import {
  MAP_PAGE,
  MAPPINGS_PAGE,
  MATCH_PAGE,
  PARTNERS_PAGE,
  type PageSpec,
  partnerPage,
  REVIEWS_PAGE,
  RUNS_PAGE,
  TEAMING_PAGE,
} from './pages/app-pages.js';
import { type NavItem, renderLayout } from './pages/layout.js';
import { AUDIT_PAGE, USERS_PAGE } from './pages/people-pages.js';

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
    { href: '/reviews', label: 'Reviews' },
    { href: '/mappings', label: 'Mappings' },
    { href: '/audit', label: 'Audit' },
    { href: '/users', label: 'Users', role: 'admin' },
  ];
  const send = (
    path: string,
    active: string,
    page: (req: Request) => PageSpec | null,
    role: Role = 'viewer',
  ) => {
    router.get(path, requirePageAuth(role), (req, res) => {
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
          user: { name: req.auth?.actor.name ?? '', role: req.auth?.role ?? 'viewer' },
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
  send('/reviews', '/reviews', () => REVIEWS_PAGE);
  send('/mappings', '/mappings', () => MAPPINGS_PAGE);
  send('/teaming', '/teaming', () => TEAMING_PAGE);
  send('/audit', '/audit', () => AUDIT_PAGE);
  send('/users', '/users', () => USERS_PAGE, 'admin');
  return router;
}
