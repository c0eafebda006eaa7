/**
 * YAML text for starter mappings, written line by line so that every choice keeps its comment (a YAML
 * library's dump drops comments). Values are short scalars, lists and maps; anything else is not needed.
 */

/** A value a starter writes: a scalar, a list, or a map (kept in insertion order). */
export type StarterValue = string | number | boolean | readonly StarterValue[] | StarterMap;
export interface StarterMap {
  readonly [key: string]: StarterValue | undefined;
}

/** Lines longer than this put their comment above instead of after them. */
const LINE_MAX = 118;
/** The column trailing comments start at, as in the shipped mapping files. */
const COMMENT_COLUMN = 58;
/** A map whose flow form is longer than this is written in block form, one key a line. */
const FLOW_MAX = 90;

const YAML_WORDS = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

/** A string as a plain YAML scalar when it reads back the same, else double-quoted (JSON is valid YAML). */
function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return /^[A-Za-z][A-Za-z0-9_.]*$/.test(value) && !YAML_WORDS.test(value) ? value : JSON.stringify(value);
}

/** A value in flow form: `{ path: Name, optional: true }`, `[a, b]`. */
export function flow(value: StarterValue): string {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as StarterMap).filter(([, v]) => v !== undefined);
    return `{ ${entries.map(([k, v]) => `${yamlScalar(k)}: ${flow(v as StarterValue)}`).join(', ')} }`;
  }
  return yamlScalar(value as string | number | boolean);
}

/** Comment lines at `indent`, wrapped at word boundaries. */
export function commentLines(indent: number, text: string): string[] {
  const pad = ' '.repeat(indent);
  const width = LINE_MAX - indent - 2;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(`${pad}# ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(`${pad}# ${line}`);
  return lines;
}

/** One line with a trailing comment, or the comment above it when both do not fit on one line. */
function withComment(line: string, comment: string | undefined): string[] {
  if (!comment) return [line];
  const padded = line.padEnd(COMMENT_COLUMN - 1);
  if (padded.length + 3 + comment.length <= LINE_MAX) return [`${padded} # ${comment}`];
  const indent = line.length - line.trimStart().length;
  return [...commentLines(indent, comment), line];
}

/** `key: value`, in flow form when short, else in block form (maps one key a line), with its comment. */
export function entry(indent: number, key: string, value: StarterValue, comment?: string): string[] {
  const pad = ' '.repeat(indent);
  const inline = `${pad}${yamlScalar(key)}: ${flow(value)}`;
  const isMap = typeof value === 'object' && !Array.isArray(value);
  if (!isMap || inline.length - indent <= FLOW_MAX) return withComment(inline, comment);
  const children = Object.entries(value as StarterMap).flatMap(([k, v]) =>
    v === undefined ? [] : entry(indent + 2, k, v),
  );
  return [...withComment(`${pad}${yamlScalar(key)}:`, comment), ...children];
}

/** `- { … }` list items under a key, each with its comment above it. */
export function listItems(
  indent: number,
  items: readonly { value: StarterMap; comment?: string }[],
): string[] {
  const pad = ' '.repeat(indent);
  return items.flatMap((item) => {
    const line = `${pad}- ${flow(item.value)}`;
    if (line.length <= LINE_MAX) return [...(item.comment ? commentLines(indent, item.comment) : []), line];
    // Too long for one line (a junction's roles map): the item in block form.
    const [first, ...rest] = Object.entries(item.value).filter(([, v]) => v !== undefined);
    const head = first ? entry(indent + 2, first[0], first[1] as StarterValue) : [];
    const body = rest.flatMap(([k, v]) => entry(indent + 2, k, v as StarterValue));
    const firstLine = head[0] ? `${pad}- ${head[0].trimStart()}` : `${pad}-`;
    return [
      ...(item.comment ? commentLines(indent, item.comment) : []),
      firstLine,
      ...head.slice(1),
      ...body,
    ];
  });
}

/** One model field a starter fills, with why. */
export interface FieldChoice {
  field: string;
  source: StarterMap;
  comment?: string;
}

/** An entity's block: its heading, `object:`, `filter:`, `fields:` and any further lines (linkages, crossRefs). */
export function entityBlock(entity: {
  name: string;
  heading: string;
  object: string;
  filter: readonly { value: StarterMap; comment?: string }[];
  filterComment?: string;
  fields: readonly FieldChoice[];
  more?: readonly string[];
}): string[] {
  const filter =
    entity.filter.length === 0
      ? withComment('    filter: []', entity.filterComment)
      : [
          ...(entity.filterComment ? commentLines(4, entity.filterComment) : []),
          '    filter:',
          ...listItems(6, entity.filter),
        ];
  return [
    ...commentLines(2, `── ${entity.heading}`),
    `  ${entity.name}:`,
    `    object: ${yamlScalar(entity.object)}`,
    ...filter,
    '    fields:',
    ...entity.fields.flatMap((f) => entry(6, f.field, f.source, f.comment)),
    ...(entity.more ?? []),
    '',
  ];
}
