/**
 * Line lookups in HCL source. hcl2json drops positions, so problems are
 * located by scanning the text with a small brace/string/comment-aware scanner.
 */

export interface BlockRange {
  /** 1-based line of the block header. */
  startLine: number;
  /** 1-based line of the closing brace. */
  endLine: number;
}

/** Replaces strings and comments with spaces so braces and `=` can be counted safely. */
function stripLiterals(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '"') {
      out += ' ';
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') {
        const escaped = text[i] === '\\' && text[i + 1] !== '\n';
        out += escaped ? '  ' : ' ';
        i += escaped ? 2 : 1;
      }
      if (text[i] === '"') {
        out += ' ';
        i++;
      }
    } else if (ch === '#' || (ch === '/' && next === '/')) {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (ch === '/' && next === '*') {
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) {
        out += text[i] === '\n' ? '\n' : ' ';
        i++;
      }
      out += '  ';
      i += 2;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** Finds `module "<label>" {` blocks and their extents. */
export function findModuleBlocks(text: string): Map<string, BlockRange> {
  const lines = text.split('\n');
  const plain = stripLiterals(text).split('\n');
  const result = new Map<string, BlockRange>();
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*module\s+"([^"]+)"\s*\{/.exec(lines[i]);
    if (!m) continue;
    let depth = 0;
    for (let j = i; j < plain.length; j++) {
      for (const ch of plain[j]) {
        if (ch === '{') depth++;
        else if (ch === '}') depth--;
      }
      if (depth <= 0) {
        result.set(m[1], { startLine: i + 1, endLine: j + 1 });
        break;
      }
    }
  }
  return result;
}

/** 1-based line of `name =` directly inside the block, or the block header line. */
export function findArgumentLine(
  text: string,
  range: BlockRange,
  name: string,
): number {
  const plain = stripLiterals(text).split('\n');
  const pattern = new RegExp(`^\\s*${name.replace(/[^\w-]/g, '')}\\s*=`);
  let depth = 0;
  for (let i = range.startLine - 1; i < range.endLine; i++) {
    if (depth === 1 && pattern.test(plain[i])) return i + 1;
    for (const ch of plain[i]) {
      if (ch === '{' || ch === '[' || ch === '(') depth++;
      else if (ch === '}' || ch === ']' || ch === ')') depth--;
    }
  }
  return range.startLine;
}
