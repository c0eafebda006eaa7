/** One name per region for partners and customers: a partner's region text and a deal's customer region key, through taxonomy.yaml `regions:`. */
import type { Taxonomy } from '../model/taxonomy.js';

/** The region of partners without one, and of deals whose customer has none: on the map, never in matching. */
export const UNKNOWN_REGION = 'Unknown';

/**
 * Resolves a region as people or records name it to its display name: a taxonomy region's key or label
 * (any case) gives the label, so the partner field's "North America" and a deal's `north_america` are one
 * region; other text is kept as written (partner regions outside the taxonomy); empty gives null.
 * @example regionNameOf(taxonomy)('emea') // 'EMEA'
 */
export function regionNameOf(taxonomy: Taxonomy): (region: string | null | undefined) => string | null {
  const byName = new Map<string, string>();
  for (const r of taxonomy.regions ?? []) {
    byName.set(r.key.toLowerCase(), r.label);
    byName.set(r.label.trim().toLowerCase(), r.label);
  }
  return (region) => {
    const text = region?.trim();
    if (!text) return null;
    return byName.get(text.toLowerCase()) ?? text;
  };
}

/** Every region a command may be asked for: the taxonomy's, then partner regions outside it, by name. */
export function knownRegions(taxonomy: Taxonomy, partners: readonly { region: string | null }[]): string[] {
  const nameOf = regionNameOf(taxonomy);
  const own = (taxonomy.regions ?? []).map((r) => r.label);
  const others = new Set<string>();
  for (const p of partners) {
    const name = nameOf(p.region);
    if (name !== null && !own.includes(name)) others.add(name);
  }
  return [...own, ...[...others].sort()];
}
