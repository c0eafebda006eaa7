/** The warning `atlas serve` gives when the admin token would cross a network in clear text. */
import { isIP } from 'node:net';
import type { ServerDeps } from './deps.js';

/** True for addresses only this machine can reach: `localhost`, 127.0.0.0/8, `::1`. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').replace(/^::ffff:/i, '');
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/**
 * A warning when serving plain HTTP to other machines with no TLS proxy declared in front (no `trust proxy`):
 * the sign-in token and the session cookie would travel unencrypted. Null when there is nothing to warn about.
 */
export function plainHttpWarning(host: string, trustProxy: ServerDeps['trustProxy']): string | null {
  if (isLoopbackHost(host) || (trustProxy !== undefined && trustProxy !== false)) return null;
  return (
    `Serving plain HTTP on ${host}: the admin token and session cookie cross the network unencrypted. ` +
    'Put a TLS-terminating proxy in front and pass --trust-proxy (ATLAS_TRUST_PROXY), or listen on 127.0.0.1.'
  );
}
