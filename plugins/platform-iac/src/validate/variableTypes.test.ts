import { PINNED_MODULE_VARIABLE_TYPES } from '../data';
import { checkValue, parseTfType } from './variableTypes';

describe('parseTfType', () => {
  it('parses primitives, collections, tuples, objects and optional() with defaults', () => {
    expect(parseTfType('list(string)')).toEqual({
      kind: 'list',
      element: { kind: 'string' },
    });
    expect(parseTfType('map')).toEqual({
      kind: 'map',
      element: { kind: 'any' },
    });
    expect(parseTfType('tuple([string, number])')).toEqual({
      kind: 'tuple',
      elements: [{ kind: 'string' }, { kind: 'number' }],
    });
    expect(
      parseTfType(
        'map(object({ key = string value = optional(string) effect = string b = optional(bool, true), c = optional(list(object({ x = number })), [{ x = 1 }]) }))',
      ),
    ).toEqual({
      kind: 'map',
      element: {
        kind: 'object',
        attributes: {
          key: { type: { kind: 'string' }, optional: false },
          value: { type: { kind: 'string' }, optional: true },
          effect: { type: { kind: 'string' }, optional: false },
          b: { type: { kind: 'bool' }, optional: true },
          c: {
            type: {
              kind: 'list',
              element: {
                kind: 'object',
                attributes: {
                  x: { type: { kind: 'number' }, optional: false },
                },
              },
            },
            optional: true,
          },
        },
      },
    });
  });

  it('rejects what is not a type', () => {
    expect(() => parseTfType('strng')).toThrow(/unknown type "strng"/);
    expect(() => parseTfType('list(string')).toThrow(/expected "\)"/);
  });

  it('parses every variable type of every pinned module', () => {
    const entries = Object.entries(PINNED_MODULE_VARIABLE_TYPES);
    expect(entries.length).toBe(8);
    for (const [, module] of entries) {
      expect(module.commit).toMatch(/^[0-9a-f]{40}$/);
      for (const type of Object.values(module.variables)) {
        expect(() => parseTfType(type)).not.toThrow();
      }
    }
  });
});

describe('checkValue', () => {
  const taints = parseTfType(
    'map(object({ key = string value = optional(string) effect = string }))',
  );

  it('accepts values of the declared shape and expressions of any', () => {
    expect(
      checkValue({ a: { key: 'k', effect: 'NO_SCHEDULE' } }, taints, 't'),
    ).toEqual([]);
    expect(checkValue('${var.taints}', taints, 't')).toEqual([]);
    expect(checkValue({ a: '${local.taint}' }, taints, 't')).toEqual([]);
    expect(checkValue(null, taints, 't')).toEqual([]);
    expect(checkValue(3, parseTfType('string'), 's')).toEqual([]);
    expect(checkValue('5', parseTfType('number'), 'n')).toEqual([]);
  });

  it('reports unknown attributes, missing required ones and wrong kinds', () => {
    expect(
      checkValue({ a: { key: 'k', efect: 'NO_SCHEDULE' } }, taints, 't'),
    ).toEqual([
      't.a.efect: unknown attribute "efect" (known: key, value, effect)',
      't.a: required attribute "effect" is missing',
    ]);
    expect(checkValue(['x'], taints, 't')).toEqual([
      't: expected a map, got a list',
    ]);
    expect(checkValue({ x: 1 }, parseTfType('string'), 's')).toEqual([
      's: expected a string, got an object',
    ]);
    expect(checkValue('x', parseTfType('list(string)'), 'l')).toEqual([
      'l: expected a list, got a string',
    ]);
    expect(checkValue('yes', parseTfType('bool'), 'b')).toEqual([
      'b: expected a bool, got a string',
    ]);
  });
});
