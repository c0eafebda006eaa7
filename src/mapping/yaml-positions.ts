/** Parses YAML keeping source positions, and turns key paths into `file:line:column` locations. */
import {
  type Document,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
} from 'yaml';
import type { MappingProblem } from '../errors.js';

export type KeyPath = readonly PropertyKey[];

/** Where a location points: at the key of the last path segment, or at its value. */
export type LocateAt = 'key' | 'value';

/** Finds the position of any key path in one parsed YAML file. */
export interface YamlLocator {
  readonly file: string;
  /** 1-based line and column of the path, or of its deepest existing ancestor when the path is absent. */
  locate(path: KeyPath, at?: LocateAt): { line: number; column: number };
  /** A problem located at `path`. */
  problem(path: KeyPath, message: string, hint?: string, at?: LocateAt): MappingProblem;
}

export interface ParsedYamlText {
  /** The plain JS value of the document (null for an empty file). */
  data: unknown;
  locator: YamlLocator;
  /** YAML syntax problems: malformed text, duplicate keys, tabs… Empty when the text parsed. */
  problems: MappingProblem[];
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `entities.deals.partners[1].role`; keys that are not identifiers are quoted: `valueMap["Food & Beverage"]`. */
export function formatKeyPath(path: KeyPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = String(segment);
      if (IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

const YAML_HINTS: Record<string, string> = {
  DUPLICATE_KEY: 'each key may appear once in a mapping; merge the two entries',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'check the indentation of this line against its parent',
  MULTIPLE_DOCS: 'keep one document per file (remove the extra `---`)',
};

/**
 * Aliases a document may resolve (the `yaml` package's `maxAliasCount`): mapping files hardly use them, and
 * a few nested ones can otherwise expand into billions of nodes.
 */
export const YAML_MAX_ALIAS_COUNT = 100;

/** Parses `text` as one YAML document; never throws. */
export function parseYamlText(file: string, text: string): ParsedYamlText {
  const lineCounter = new LineCounter();
  // `yaml`'s own uniqueKeys check compares each key with every earlier one: 12,000 keys took seconds.
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
  const locator = createLocator(file, doc, lineCounter);
  const problem = (offset: number, code: string, message: string): MappingProblem => {
    const start = lineCounter.linePos(offset);
    const hint = YAML_HINTS[code];
    return {
      file,
      line: start.line,
      column: start.col,
      keyPath: formatKeyPath(pathAtOffset(doc, offset)),
      message: `invalid YAML: ${firstLine(message)}`,
      ...(hint ? { hint } : {}),
    };
  };
  const problems = doc.errors.map((error) => problem(error.pos[0], error.code, error.message));
  for (const offset of duplicateKeyOffsets(doc))
    problems.push(problem(offset, 'DUPLICATE_KEY', 'Map keys must be unique'));
  if (problems.length > 0) return { data: null, locator, problems };
  try {
    return { data: doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT }) ?? null, locator, problems };
  } catch (error) {
    // `yaml` throws a ReferenceError when aliases expand past the limit (a "billion laughs" file).
    if (!(error instanceof ReferenceError)) throw error;
    const problem = locator.problem(
      [],
      'invalid YAML: its aliases (*name) expand into too many values',
      'write the repeated values out, or use fewer aliases',
    );
    return { data: null, locator, problems: [problem] };
  }
}

/** Start offsets of every scalar key that repeats an earlier key of the same map, in one pass per map. */
function duplicateKeyOffsets(doc: Document): number[] {
  const offsets: number[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = pair.key.value;
        if (seen.has(key)) offsets.push(pair.key.range?.[0] ?? 0);
        else seen.add(key);
      }
    },
  });
  return offsets;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** Start offset of a YAML node, if it is one and has a source range. */
function startOf(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}

function keyOf(node: unknown): string | undefined {
  if (isScalar(node)) return String(node.value);
  return undefined;
}

function createLocator(file: string, doc: Document, lineCounter: LineCounter): YamlLocator {
  const position = (offset: number | undefined) => {
    if (offset === undefined) return { line: 1, column: 1 };
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate = (path: KeyPath, at: LocateAt = 'value') => {
    let node: unknown = doc.contents;
    // Offset of the deepest existing element: the key of a map entry or the start of a sequence item.
    let keyOffset = startOf(doc.contents);
    let valueOffset = keyOffset;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => keyOf(p.key) === String(segment));
        if (!pair) return position(keyOffset);
        keyOffset = startOf(pair.key) ?? keyOffset;
        valueOffset = startOf(pair.value) ?? keyOffset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item: unknown = node.items[segment];
        if (item === undefined || item === null) return position(keyOffset);
        keyOffset = startOf(item) ?? keyOffset;
        valueOffset = keyOffset;
        node = item;
      } else {
        return position(keyOffset);
      }
    }
    return position(at === 'key' ? keyOffset : valueOffset);
  };
  return {
    file,
    locate,
    problem(path, message, hint, at) {
      const { line, column } = locate(path, at);
      return { file, line, column, keyPath: formatKeyPath(path), message, ...(hint ? { hint } : {}) };
    },
  };
}

/** The key path of the deepest map entry or sequence item whose source range contains `offset`. */
function pathAtOffset(doc: Document, offset: number): PropertyKey[] {
  const path: PropertyKey[] = [];
  let node: unknown = doc.contents;
  const contains = (n: unknown) => {
    const range = isNode(n) ? n.range : undefined;
    // range = [start, valueEnd, nodeEnd]; nodeEnd includes trailing blank lines, so stop at valueEnd.
    return range !== undefined && range !== null && offset >= range[0] && offset < range[1];
  };
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (contains(p.key) || contains(p.value)));
      if (!pair) return path;
      const key = keyOf(pair.key);
      if (key === undefined) return path;
      path.push(key);
      if (contains(pair.key)) return path;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item));
      if (index < 0) return path;
      path.push(index);
      node = node.items[index];
    } else {
      return path;
    }
  }
}
