/**
 * A tiny HCL writer producing `terraform fmt`-canonical text.
 * Every string value goes through `hclString`, so request text can only ever
 * appear as an escaped literal, never as an expression or template directive.
 */

/** A raw HCL expression (references, function calls). Never built from user text. */
export interface HclRaw {
  readonly raw: string;
}

export type HclValue =
  | string
  | number
  | boolean
  | null
  | HclRaw
  | HclValue[]
  | { [key: string]: HclValue };

export type HclItem =
  | { kind: 'attr'; key: string; value: HclValue }
  | { kind: 'block'; type: string; labels: string[]; body: HclItem[] }
  | { kind: 'comment'; text: string }
  | { kind: 'blank' };

const INDENT = '  ';

/** Marks a string as an HCL expression to be written verbatim. */
export function raw(expression: string): HclRaw {
  return { raw: expression };
}

export function attr(key: string, value: HclValue): HclItem {
  return { kind: 'attr', key, value };
}

export function block(
  type: string,
  labels: string[],
  body: HclItem[],
): HclItem {
  return { kind: 'block', type, labels, body };
}

export function comment(text: string): HclItem {
  return { kind: 'comment', text };
}

export const blank: HclItem = { kind: 'blank' };

/**
 * Quotes a value as an HCL string literal. Escapes backslash, quote and control
 * characters, and doubles the template introducers (`${` -> `$${`, `%{` -> `%%{`)
 * so the result is a literal, never an interpolation or directive.
 */
export function hclString(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f)
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  out = out.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
  return `"${out}"`;
}

function isRaw(value: HclValue): value is HclRaw {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as HclRaw).raw === 'string'
  );
}

/** Object keys: bare identifiers stay bare, anything else is quoted. */
function objectKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : hclString(key);
}

function isScalar(value: HclValue): boolean {
  return value === null || typeof value !== 'object' || isRaw(value);
}

function scalar(value: HclValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return (value as HclRaw).raw;
}

/** Renders a value; `depth` is the indentation level of the line it starts on. */
function renderValue(value: HclValue, depth: number): string {
  if (isScalar(value)) return scalar(value);
  if (Array.isArray(value)) {
    if (value.every(isScalar)) return `[${value.map(scalar).join(', ')}]`;
    const pad = INDENT.repeat(depth + 1);
    const items = value.map(v => `${pad}${renderValue(v, depth + 1)},`);
    return `[\n${items.join('\n')}\n${INDENT.repeat(depth)}]`;
  }
  const entries = Object.entries(value as Record<string, HclValue>);
  if (entries.length === 0) return '{}';
  const items = entries.map(([k, v]) => attr(objectKey(k), v));
  return `{\n${renderBody(items, depth + 1)}${INDENT.repeat(depth)}}`;
}

/** Writes a body; consecutive single-line attributes get aligned `=` like terraform fmt. */
export function renderBody(items: HclItem[], depth: number): string {
  const pad = INDENT.repeat(depth);
  const lines: string[] = [];
  let run: Array<[string, string]> = [];
  const flush = () => {
    const width = Math.max(...run.map(([k]) => k.length));
    for (const [k, v] of run) lines.push(`${pad}${k.padEnd(width)} = ${v}`);
    run = [];
  };
  for (const item of items) {
    if (item.kind === 'attr') {
      const text = renderValue(item.value, depth);
      if (!text.includes('\n')) {
        run.push([item.key, text]);
        continue;
      }
      flush();
      lines.push(`${pad}${item.key} = ${text}`);
      continue;
    }
    flush();
    if (item.kind === 'blank') lines.push('');
    else if (item.kind === 'comment') lines.push(`${pad}# ${item.text}`);
    else lines.push(renderBlock(item, depth));
  }
  flush();
  return lines.map(l => `${l}\n`).join('');
}

function renderBlock(
  item: Extract<HclItem, { kind: 'block' }>,
  depth: number,
): string {
  const pad = INDENT.repeat(depth);
  const head = [item.type, ...item.labels.map(hclString)].join(' ');
  if (item.body.length === 0) return `${pad}${head} {}`;
  return `${pad}${head} {\n${renderBody(item.body, depth + 1)}${pad}}`;
}

/** Renders top-level items separated by blank lines, ending with one newline. */
export function renderFile(items: HclItem[]): string {
  return items
    .map(item => renderBody([item], 0))
    .join('\n')
    .replace(/\n+$/, '\n');
}
