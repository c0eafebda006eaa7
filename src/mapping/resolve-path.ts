/** Precompiles dotted paths into accessor functions, so mapping a million records walks no strings. */

/** Reads one value from a nested JSON object; undefined when any step is missing. */
export type Accessor = (source: unknown) => unknown;

function step(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

/**
 * An accessor for `path` (`Name`, `Account.Owner.Name`). Specialised for the common one- and two-step
 * paths; null or missing links give undefined.
 * @example compilePath('Account.Industry')({ Account: { Industry: 'Banking' } }) // 'Banking'
 */
export function compilePath(path: string): Accessor {
  const segments = path.split('.');
  if (segments.length === 1) {
    const [a = ''] = segments;
    return (source) => step(source, a);
  }
  if (segments.length === 2) {
    const [a = '', b = ''] = segments;
    return (source) => step(step(source, a), b);
  }
  return (source) => {
    let value = source;
    for (const segment of segments) {
      value = step(value, segment);
      if (value === undefined || value === null) return value;
    }
    return value;
  };
}

/** The items of a collection (Salesforce subquery array, HubSpot association array); [] when absent. */
export function readCollection(values: Record<string, unknown>, name: string): readonly unknown[] {
  const items = values[name];
  return Array.isArray(items) ? items : [];
}

/**
 * Calls `visit` with each association label of a HubSpot associated record (as written); stops when it
 * returns true. Returns whether any call did.
 */
export function someLabel(item: unknown, visit: (label: string) => boolean): boolean {
  const labels = step(item, 'labels');
  if (!Array.isArray(labels)) return false;
  for (const label of labels) {
    if (typeof label === 'string' && visit(label)) return true;
  }
  return false;
}
