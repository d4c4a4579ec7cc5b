import {
  attributeValues,
  enclosingBlock,
  hasAttribute,
  stripComments,
} from './terraformText';

describe('stripComments', () => {
  it('removes #, // and block comments but keeps strings', () => {
    const source = [
      'a = 1 # one',
      '// whole line',
      'b = "x#y//z" // tail',
      '/* block',
      'c = 3 */ d = 4',
      'e = "say \\"hi\\" # not a comment"',
    ].join('\n');
    expect(stripComments(source)).toBe(
      [
        'a = 1 ',
        '',
        'b = "x#y//z" ',
        '',
        ' d = 4',
        'e = "say \\"hi\\" # not a comment"',
      ].join('\n'),
    );
  });
});

describe('hasAttribute / attributeValues', () => {
  it('tolerates spacing and quotes', () => {
    expect(
      hasAttribute(
        'x {\n  storage_encrypted   =  true\n}',
        'storage_encrypted',
        'true',
      ),
    ).toBe(true);
    expect(
      hasAttribute('{ http_tokens="required" }', 'http_tokens', 'required'),
    ).toBe(true);
    expect(
      hasAttribute(
        '{"publicly_accessible": false}',
        'publicly_accessible',
        'false',
      ),
    ).toBe(true);
  });

  it('does not match other keys or values', () => {
    expect(
      hasAttribute('my_storage_encrypted = true', 'storage_encrypted', 'true'),
    ).toBe(false);
    expect(
      hasAttribute('storage_encrypted = trueish', 'storage_encrypted', 'true'),
    ).toBe(false);
    expect(
      hasAttribute('storage_encrypted = false', 'storage_encrypted', 'true'),
    ).toBe(false);
  });

  it('lists every value', () => {
    expect(
      attributeValues('a = true\nb = 1\na = "false"\n{ a = var.x }', 'a'),
    ).toEqual(['true', 'false', 'var.x']);
  });
});

describe('enclosingBlock', () => {
  it('returns the innermost braces around a position', () => {
    const text =
      'p = [ { name = "x", value = 0 }, { name = "y", inner = { z = 1 }, value = 1 } ]';
    expect(enclosingBlock(text, text.indexOf('"y"'))).toBe(
      '{ name = "y", inner = { z = 1 }, value = 1 }',
    );
    expect(enclosingBlock(text, text.indexOf('"x"'))).toBe(
      '{ name = "x", value = 0 }',
    );
  });
});
