/**
 * A small reader of HCL bodies for policy checks that need structure (which block sets which
 * argument) but must stay synchronous: hcl2json is async and drops nothing we could not get here.
 * Input must be comment-free (`stripComments`). It understands blocks, `key = value` and
 * `key: value` arguments, object literals, quoted strings with `${...}` templates, and heredocs;
 * expressions are returned as written, trimmed.
 */

export interface HclBlock {
  type: string;
  labels: string[];
  body: string;
}

export interface HclBody {
  /** Arguments directly in the body: name -> expression text. */
  attributes: Map<string, string>;
  blocks: HclBlock[];
}

const OPEN: Record<string, string> = { '{': '}', '[': ']', '(': ')' };
const IDENT = /[A-Za-z0-9_-]/;

/** Index just past the string literal that starts at `start` (a `"`), templates included. */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\') i += 2;
    else if ((text[i] === '$' || text[i] === '%') && text[i + 1] === '{') {
      i = skipBalanced(text, i + 1);
    } else i++;
  }
  return i + 1;
}

/** Index just past a heredoc (`<<EOF` / `<<-EOF`) starting at `start`, or `start` if none. */
function skipHeredoc(text: string, start: number): number {
  const head = /^<<-?([A-Za-z_][A-Za-z0-9_]*)[ \t]*\n/.exec(text.slice(start));
  if (!head) return start;
  const end = new RegExp(`\\n[ \\t]*${head[1]}[ \\t]*(?=\\n|$)`).exec(
    text.slice(start + head[0].length - 1),
  );
  return end
    ? start + head[0].length - 1 + end.index + end[0].length
    : text.length;
}

/** Index just past the bracket that closes the one at `start`. */
function skipBalanced(text: string, start: number): number {
  const stack = [OPEN[text[start]]];
  let i = start + 1;
  while (i < text.length && stack.length > 0) {
    const c = text[i];
    if (c === '"') {
      i = skipString(text, i);
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      const next = skipHeredoc(text, i);
      if (next !== i) {
        i = next;
        continue;
      }
    }
    if (OPEN[c]) stack.push(OPEN[c]);
    else if (c === stack[stack.length - 1]) stack.pop();
    i++;
  }
  return i;
}

/** End of the expression starting at `start`: a newline or comma outside brackets. */
function skipExpression(text: string, start: number): number {
  let i = start;
  while (i < text.length && text[i] !== '\n' && text[i] !== ',') {
    const c = text[i];
    if (c === '"') i = skipString(text, i);
    else if (OPEN[c]) i = skipBalanced(text, i);
    else if (c === '<' && text[i + 1] === '<')
      i = Math.max(skipHeredoc(text, i), i + 1);
    else if (c === '}' || c === ']' || c === ')') break;
    else i++;
  }
  return i;
}

function readName(text: string, start: number): [string, number] {
  if (text[start] === '"') {
    const end = skipString(text, start);
    return [text.slice(start + 1, end - 1), end];
  }
  let i = start;
  while (i < text.length && IDENT.test(text[i])) i++;
  return [text.slice(start, i), i];
}

/** Arguments and blocks of a body (a file, a block's body, or an object literal's inside). */
export function parseHclBody(text: string): HclBody {
  const attributes = new Map<string, string>();
  const blocks: HclBlock[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/[\s,]/.test(c)) {
      i++;
      continue;
    }
    if (c !== '"' && !IDENT.test(c)) {
      // Not a name: skip whatever it is so the scan stays aligned.
      i = OPEN[c] ? skipBalanced(text, i) : i + 1;
      continue;
    }
    const [name, afterName] = readName(text, i);
    let j = afterName;
    while (j < text.length && /[ \t]/.test(text[j])) j++;
    if ((text[j] === '=' && text[j + 1] !== '=') || text[j] === ':') {
      const end = skipExpression(text, j + 1);
      attributes.set(name, text.slice(j + 1, end).trim());
      i = end;
      continue;
    }
    const labels: string[] = [];
    while (j < text.length && text[j] !== '{' && text[j] !== '\n') {
      if (text[j] === '"' || IDENT.test(text[j])) {
        const [label, next] = readName(text, j);
        labels.push(label);
        j = next;
      } else j++;
    }
    if (text[j] !== '{') {
      i = j;
      continue;
    }
    const end = skipBalanced(text, j);
    blocks.push({ type: name, labels, body: text.slice(j + 1, end - 1) });
    i = end;
  }
  return { attributes, blocks };
}

/** The arguments inside an object expression `{ ... }`; empty for anything else. */
export function objectEntries(expression: string): Map<string, string> {
  const text = expression.trim();
  if (!text.startsWith('{') || skipBalanced(text, 0) !== text.length) {
    return new Map();
  }
  return parseHclBody(text.slice(1, -1)).attributes;
}
