import { objectEntries, parseHclBody } from './hclBody';

describe('parseHclBody', () => {
  it('reads blocks with labels and the arguments directly in a body', () => {
    const { attributes, blocks } = parseHclBody(
      [
        'resource "aws_iam_role" "this" {',
        '  path = "/platform/workloads/"',
        '  tags = { Name = "x" }',
        '  inline_policy {',
        '    name = "nested"',
        '  }',
        '}',
        'locals {',
        '  a = 1',
        '}',
        'top = var.x',
      ].join('\n'),
    );
    expect(attributes).toEqual(new Map([['top', 'var.x']]));
    expect(blocks.map(b => [b.type, ...b.labels])).toEqual([
      ['resource', 'aws_iam_role', 'this'],
      ['locals'],
    ]);
    const role = parseHclBody(blocks[0].body);
    expect(role.attributes).toEqual(
      new Map([
        ['path', '"/platform/workloads/"'],
        ['tags', '{ Name = "x" }'],
      ]),
    );
    // A nested block's arguments are not the outer block's.
    expect(role.attributes.has('name')).toBe(false);
    expect(role.blocks[0].type).toBe('inline_policy');
  });

  it('is not misled by braces, quotes and commas inside strings and templates', () => {
    const { attributes } = parseHclBody(
      [
        'a = "${join(",", ["}", "{"])}"',
        'b = "escaped \\" } quote"',
        'c = format("%s", "x")',
        'd = true',
      ].join('\n'),
    );
    expect(attributes.get('a')).toBe('"${join(",", ["}", "{"])}"');
    expect(attributes.get('b')).toBe('"escaped \\" } quote"');
    expect(attributes.get('c')).toBe('format("%s", "x")');
    expect(attributes.get('d')).toBe('true');
  });

  it('skips heredocs, whatever they contain', () => {
    const { attributes } = parseHclBody(
      [
        'policy = <<-EOT',
        '  { "path": "/", x = {',
        '  EOT',
        'path = "/platform/workloads/"',
      ].join('\n'),
    );
    expect(attributes.get('path')).toBe('"/platform/workloads/"');
    expect([...attributes.keys()]).toEqual(['policy', 'path']);
  });

  it('reads multi-line expressions to their end', () => {
    const { attributes } = parseHclBody(
      [
        'scaling = local.serverless ? {',
        '  min = 0',
        '} : null',
        'next = 1',
      ].join('\n'),
    );
    expect(attributes.get('scaling')).toBe(
      'local.serverless ? {\n  min = 0\n} : null',
    );
    expect(attributes.get('next')).toBe('1');
  });
});

describe('objectEntries', () => {
  it('reads object literals with = or :, quoted keys and commas', () => {
    expect(objectEntries('{ a = 1, "b-c": "x", d = { e = 2 } }')).toEqual(
      new Map([
        ['a', '1'],
        ['b-c', '"x"'],
        ['d', '{ e = 2 }'],
      ]),
    );
  });

  it('gives nothing for expressions that are not a single object literal', () => {
    expect(objectEntries('var.node_groups').size).toBe(0);
    expect(objectEntries('merge({ a = 1 }, var.x)').size).toBe(0);
    expect(objectEntries('{ a = 1 } if true').size).toBe(0);
  });
});
