/**
 * Small text helpers for policy checks on rendered Terraform. These are not
 * an HCL parser: they strip comments and match settings with regexes that
 * tolerate any spacing, which is enough for the files we render ourselves.
 */

/**
 * Removes `#`, `//` and `/* *\/` comments so a commented-out setting never
 * satisfies a check. Quoted strings are kept intact (a `#` inside
 * "a#b" is not a comment).
 */
export function stripComments(source: string): string {
  let out = '';
  let inString = false;
  let inBlock = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const next = source[i + 1];
    if (inBlock) {
      if (c === '*' && next === '/') {
        inBlock = false;
        i++;
      } else if (c === '\n') out += c;
      continue;
    }
    if (inString) {
      out += c;
      if (c === '\\') {
        out += next ?? '';
        i++;
      } else if (c === '"' || c === '\n') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '#' || (c === '/' && next === '/')) {
      while (i + 1 < source.length && source[i + 1] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      inBlock = true;
      i++;
    } else out += c;
  }
  return out;
}

/**
 * A regex for `key = value` in HCL, tolerant of whitespace and optional
 * quotes around the value: `attribute(key, 'true')` matches
 * `key = true`, `key  =  "true"` and `"key" = true` (map-literal style).
 */
export function attribute(key: string, value: string): RegExp {
  const k = escapeRegex(key);
  const v = escapeRegex(value);
  return new RegExp(
    `(^|[\\s{,])"?${k}"?\\s*[=:]\\s*"?${v}"?(?=[\\s,}]|$)`,
    'm',
  );
}

/** True when `key` is set to `value` somewhere in the (comment-free) text. */
export function hasAttribute(
  text: string,
  key: string,
  value: string,
): boolean {
  return attribute(key, value).test(text);
}

/** Every value `key` is assigned in the text, unquoted. */
export function attributeValues(text: string, key: string): string[] {
  const re = new RegExp(
    `(?:^|[\\s{,])"?${escapeRegex(key)}"?\\s*[=:]\\s*"?([^"\\s,}]*)"?`,
    'gm',
  );
  return [...text.matchAll(re)].map(m => m[1]);
}

/**
 * The innermost `{ ... }` around position `index`, used to read the
 * `value` next to a `name = "rds.force_ssl"` in the same parameter block.
 */
export function enclosingBlock(text: string, index: number): string {
  let depth = 0;
  let start = 0;
  for (let i = index; i >= 0; i--) {
    if (text[i] === '}' && i !== index) depth++;
    if (text[i] === '{') {
      if (depth === 0) {
        start = i;
        break;
      }
      depth--;
    }
  }
  depth = 0;
  let end = text.length;
  for (let i = index; i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}') {
      if (depth === 0) {
        end = i + 1;
        break;
      }
      depth--;
    }
  }
  return text.slice(start, end);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
