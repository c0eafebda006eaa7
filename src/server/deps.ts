/** What the admin server needs from the rest of Atlas, injected so the pipeline and connectors can be wired in by the CLI. */
import type { Logger } from 'pino';
import type { CrmSystem } from '../model/index.js';
import type { Store } from '../store/index.js';
import type { AuthThrottleLimits } from './auth-throttle.js';

/** How a run is started from the Runs page; progress is read back from the store (getRun, listRunEvents). */
export interface StartRunOptions {
  /** Read and score, compute the write-back plan, but write nothing to any CRM. */
  dryRun: boolean;
  /** Ignore saved cursors and read everything. */
  full: boolean;
  /** Only these CRMs; all configured ones when absent. */
  systems?: CrmSystem[];
}

export interface RunLauncher {
  /**
   * Starts a run in the background and returns as soon as its run record exists (the run is then
   * visible through `store.getRun(runId)`). Throws AtlasError `RUN_LOCKED` when a run is already going.
   */
  start(options: StartRunOptions): Promise<{ runId: string }>;
}

/** A CRM field as the field picker lists it. */
export interface CrmField {
  name: string;
  label: string;
  type: string;
}

/** The CRM reads the mapping editor needs: field pickers and previews of an edited (unsaved) mapping. */
export interface CrmPreviews {
  /** Fields (Salesforce describe, HubSpot properties) of one CRM object. */
  describeFields(system: CrmSystem, object: string): Promise<CrmField[]>;
  /**
   * The first `limit` records of `entity` read from the CRM and mapped through `mappingYamlText` (already
   * validated by the server): model records and the record issues mapping raised.
   */
  previewRecords(
    system: CrmSystem,
    entity: string,
    mappingYamlText: string,
    limit: number,
  ): Promise<{ records: unknown[]; issues: unknown[] }>;
  /** A write-back dry run of `mappingYamlText` against the latest scores: the plan, as JSON; nothing is written. */
  previewWriteback(system: CrmSystem, mappingYamlText: string): Promise<unknown>;
}

/** Where evidence links point: CRM record pages are built from source refs with these. */
export interface CrmLinkSettings {
  /** e.g. `https://acme.my.salesforce.com`; no Salesforce links without it. */
  salesforceInstanceUrl?: string;
  /** The HubSpot account (hub) id; no HubSpot links without it. */
  hubspotPortalId?: string;
  /** objectTypeId per HubSpot object name for custom objects, e.g. `{ certifications: '2-1234567' }`. */
  hubspotObjectTypeIds?: Record<string, string>;
}

/** OpenID Connect single sign-on (ATLAS_OIDC_*), validated by src/config.ts. */
export interface OidcSettings {
  /** The provider's issuer URL; its `/.well-known/openid-configuration` is read at the first sign-in. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back; `<this server>/login/oidc/callback` when absent. */
  redirectUrl?: string;
  /** What the sign-in button says: "Sign in with <providerName>". */
  providerName: string;
}

export interface ServerDeps {
  store: Store;
  /** The mapping directory the editor reads and writes (history goes to `<mappingsDir>/.history/`). */
  mappingsDir: string;
  /** ATLAS_ADMIN_TOKEN: signs the bootstrap admin in, and is accepted as `Authorization: Bearer`. Never rendered. */
  adminToken: string;
  /** Single sign-on, when configured; users' own tokens and the admin token work either way. */
  oidc?: OidcSettings;
  runs: RunLauncher;
  crm: CrmPreviews;
  crmLinks?: CrmLinkSettings;
  logger?: Logger;
  /** The clock for sessions (tests); defaults to `() => new Date()`. */
  now?: () => Date;
  /** Express `trust proxy` (behind a TLS-terminating proxy), so `req.secure` and the client IP are right. */
  trustProxy?: false | number | string;
  /** Wrong tokens (bearer or sign-in) allowed per client per window (default: 10 per 15 minutes). */
  authFailureLimit?: AuthThrottleLimits;
  /** Session lifetime in ms (default 12 hours). */
  sessionTtlMs?: number;
  /** ATLAS_LINK_SECRET: signs scorecard share links; derived from the admin token when absent. */
  linkSecret?: string;
}
