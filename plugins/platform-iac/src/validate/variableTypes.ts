/**
 * Terraform type constraints (`type = map(object({ a = optional(string) }))`) as a small AST, and
 * a check of module argument values (as hcl2json returns them) against it. Values that are
 * expressions (references, function calls, conditionals: hcl2json's `"${...}"` strings) are
 * unknown until plan and accepted.
 */
export type TfType =
  | { kind: 'string' | 'number' | 'bool' | 'any' }
  | { kind: 'list' | 'set' | 'map'; element: TfType }
  | { kind: 'tuple'; elements: TfType[] }
  | {
      kind: 'object';
      attributes: Record<string, { type: TfType; optional: boolean }>;
    };

const PRIMITIVES = new Set(['string', 'number', 'bool', 'any']);
const COLLECTIONS = new Set(['list', 'set', 'map']);

class TypeParser {
  private i = 0;
  constructor(private readonly text: string) {}

  parse(): TfType {
    const type = this.type();
    this.space();
    if (this.i !== this.text.length) this.fail('unexpected text');
    return type;
  }

  private fail(message: string): never {
    throw new Error(`${message} at ${this.i} in type ${this.text}`);
  }

  private space() {
    while (/\s/.test(this.text[this.i] ?? '')) this.i++;
  }

  private word(): string {
    this.space();
    const m = /^"?([A-Za-z_][\w-]*)"?/.exec(this.text.slice(this.i));
    if (!m) this.fail('expected a name');
    this.i += m[0].length;
    return m[1];
  }

  private expect(char: string) {
    this.space();
    if (this.text[this.i] !== char) this.fail(`expected "${char}"`);
    this.i++;
  }

  private peek(): string {
    this.space();
    return this.text[this.i] ?? '';
  }

  /** Skips a default value of optional(type, default): any balanced expression. */
  private skipExpression() {
    let depth = 0;
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === '"') {
        this.i = this.text.indexOf('"', this.i + 1) + 1;
        continue;
      }
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) {
        if (depth === 0) return;
        depth--;
      } else if (c === ',' && depth === 0) return;
      this.i++;
    }
  }

  type(): TfType {
    const name = this.word();
    if (PRIMITIVES.has(name)) return { kind: name as 'string' };
    if (COLLECTIONS.has(name)) {
      // Legacy `list`/`map` without an element type mean any element.
      if (this.peek() !== '(')
        return { kind: name as 'list', element: { kind: 'any' } };
      this.expect('(');
      const element = this.type();
      this.expect(')');
      return { kind: name as 'list', element };
    }
    if (name === 'tuple') {
      this.expect('(');
      this.expect('[');
      const elements: TfType[] = [];
      while (this.peek() !== ']') {
        elements.push(this.type());
        if (this.peek() === ',') this.i++;
      }
      this.expect(']');
      this.expect(')');
      return { kind: 'tuple', elements };
    }
    if (name === 'object') return this.object();
    return this.fail(`unknown type "${name}"`);
  }

  private object(): TfType {
    this.expect('(');
    this.expect('{');
    const attributes: Record<string, { type: TfType; optional: boolean }> = {};
    while (this.peek() !== '}') {
      const attribute = this.word();
      this.expect('=');
      const optional = /^\s*optional\s*\(/.test(this.text.slice(this.i));
      if (optional) {
        this.word();
        this.expect('(');
      }
      const type = this.type();
      if (optional) {
        if (this.peek() === ',') {
          this.i++;
          this.skipExpression();
        }
        this.expect(')');
      }
      attributes[attribute] = { type, optional };
      if (this.peek() === ',') this.i++;
    }
    this.expect('}');
    this.expect(')');
    return { kind: 'object', attributes };
  }
}

/** Parses a type constraint; throws on anything that is not one. */
export function parseTfType(text: string): TfType {
  return new TypeParser(text).parse();
}

/** A value not known before plan: hcl2json writes every expression as `"${...}"`. */
const isExpression = (value: unknown) =>
  typeof value === 'string' && value.startsWith('${') && value.endsWith('}');

const describe = (value: unknown) => {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
};

/** Where `value` does not fit `type`: `path: message` per problem (empty when it fits). */
export function checkValue(
  value: unknown,
  type: TfType,
  path: string,
): string[] {
  if (value === null || value === undefined || isExpression(value)) return [];
  const wrong = (expected: string) => [
    `${path}: expected ${expected}, got ${describe(value)}`,
  ];
  switch (type.kind) {
    case 'any':
      return [];
    case 'string':
      return typeof value === 'object' ? wrong('a string') : [];
    case 'number':
      return typeof value === 'number' ||
        (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))
        ? []
        : wrong('a number');
    case 'bool':
      return typeof value === 'boolean' || value === 'true' || value === 'false'
        ? []
        : wrong('a bool');
    case 'list':
    case 'set':
      return Array.isArray(value)
        ? value.flatMap((v, i) => checkValue(v, type.element, `${path}[${i}]`))
        : wrong(`a ${type.kind}`);
    case 'tuple':
      if (!Array.isArray(value)) return wrong('a tuple');
      return value.flatMap((v, i) =>
        type.elements[i]
          ? checkValue(v, type.elements[i], `${path}[${i}]`)
          : [`${path}[${i}]: the tuple has ${type.elements.length} elements`],
      );
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value))
        return wrong('a map');
      return Object.entries(value).flatMap(([k, v]) =>
        checkValue(v, type.element, `${path}.${k}`),
      );
    case 'object':
    default:
      return checkObject(value, type, path);
  }
}

function checkObject(
  value: unknown,
  type: Extract<TfType, { kind: 'object' }>,
  path: string,
): string[] {
  if (typeof value !== 'object' || Array.isArray(value) || value === null) {
    return [`${path}: expected an object, got ${describe(value)}`];
  }
  const problems: string[] = [];
  const known = Object.keys(type.attributes);
  for (const [k, v] of Object.entries(value)) {
    const attribute = type.attributes[k];
    if (!attribute) {
      problems.push(
        `${path}.${k}: unknown attribute "${k}" (known: ${known.join(', ')})`,
      );
    } else problems.push(...checkValue(v, attribute.type, `${path}.${k}`));
  }
  for (const [k, attribute] of Object.entries(type.attributes)) {
    if (!attribute.optional && !(k in value)) {
      problems.push(`${path}: required attribute "${k}" is missing`);
    }
  }
  return problems;
}
