/** What every route of one emulator instance shares: state, tokens, usage, faults and resolved options. */
import type { Request, Response } from 'express';
import type { FaultInjector, Random } from '../kit/index.js';
import type { ApiUsage } from './api-usage.js';
import type { BulkQueryJobs } from './bulk2-jobs.js';
import type { QueryCursors } from './query-cursors.js';
import type { SalesforceEmulatorState } from './state.js';
import type { TokenStore } from './tokens.js';

/** Credentials the emulator accepts. Placeholders only: never real secrets. */
export interface EmulatorCredentials {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  /** PEM (SPKI public key or X.509 certificate) verifying JWT bearer assertions; without it any RS256 assertion with valid claims passes. */
  jwtPublicKey?: string;
}

export interface EmulatorContext {
  state: SalesforceEmulatorState;
  tokens: TokenStore;
  usage: ApiUsage;
  faults: FaultInjector;
  cursors: QueryCursors;
  bulkJobs: BulkQueryJobs;
  random: Random;
  credentials: EmulatorCredentials;
  /** Newest API version served, e.g. `62.0`. */
  apiVersion: string;
  /** Records per query page when the client does not ask for less (Salesforce: 2,000). */
  queryPageSize: number;
}

/** Base URL the client used to reach us (instance URL and login URL are the same host here). */
export function baseUrlOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}

/** Identity URL of the integration user, as in the token response's `id`. */
export function identityUrl(req: Request, ctx: EmulatorContext): string {
  return `${baseUrlOf(req)}/id/${ctx.state.orgId}/${ctx.state.userId}`;
}

/** The API version of the request (`62.0`), set by the REST router from `/services/data/vXX.X`. */
export function apiVersionOf(res: Response, ctx: EmulatorContext): string {
  const v: unknown = res.locals.apiVersion;
  return typeof v === 'string' ? v : ctx.apiVersion;
}
