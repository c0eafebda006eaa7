/** Declares API routes once: express registration, the role needed, zod validation of params / query / body, and the OpenAPI entry. */
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Role } from '../model/index.js';
import { httpError, parseOr400 } from './http-errors.js';
import { defaultRole, requireRole } from './roles.js';

type Method = 'get' | 'post' | 'put' | 'delete';

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** Express path, e.g. `/api/partners/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** The least role that may call it: GET defaults to viewer, every other method to admin. */
  role?: Role;
  /** The action in words, for a refusal: "Saving a mapping" needs the editor role; you are a viewer. */
  doing?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of the 2xx answer (documentation). */
  response: z.ZodType;
  /** Media type of the 2xx answer when not JSON (e.g. `text/csv`); the handler then sends it itself. */
  mediaType?: string;
  /** 201 / 202 for creations and background starts. */
  status?: 200 | 201 | 202;
  handler: (
    input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B> },
    req: Request,
    res: Response,
  ) => Promise<unknown>;
}

/** What the OpenAPI generator reads back. */
export interface RegisteredRoute {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  role: Role;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  mediaType?: string;
  status: number;
}

/** An API router plus the list of what it declared. */
export class ApiRoutes {
  readonly routes: RegisteredRoute[] = [];
  readonly #router: Router;

  constructor(router: Router) {
    this.#router = router;
  }

  add<
    P extends z.ZodType = z.ZodObject,
    Q extends z.ZodType = z.ZodObject,
    B extends z.ZodType = z.ZodUnknown,
  >(spec: RouteSpec<P, Q, B>): void {
    const status = spec.status ?? 200;
    const role = spec.role ?? defaultRole(spec.method);
    this.routes.push({ ...spec, status, role });
    this.#router[spec.method](spec.path, async (req, res) => {
      // requireApiAuth ran before: no request gets here unsigned, but the role check must not rely on it.
      if (!req.auth) throw httpError(401, 'sign in first');
      requireRole(req.auth.role, role, spec.doing);
      const params = spec.params ? parseOr400(spec.params, req.params, 'path parameter') : {};
      const query = spec.query ? parseOr400(spec.query, req.query, 'query parameter') : {};
      const body = spec.body ? parseOr400(spec.body, req.body ?? {}, 'body field') : undefined;
      // The one place types are asserted: when a schema is absent its type parameter keeps its default
      // (an empty object / unknown), which is exactly the value passed; TypeScript cannot see that link.
      const result = await spec.handler(
        { params: params as z.infer<P>, query: query as z.infer<Q>, body: body as z.infer<B> },
        req,
        res,
      );
      if (!res.headersSent) res.status(status).json(result);
    });
  }
}

/** A query value that is a comma-separated list or repeated parameter, as an array. */
export const listParam = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s !== ''));
