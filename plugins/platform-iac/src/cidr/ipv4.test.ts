import fc from 'fast-check';
import {
  Cidr,
  alignUp,
  cidrRange,
  contains,
  formatCidr,
  formatIpv4,
  isPrivateCidr,
  isValidCidr,
  overlaps,
  parseCidr,
  parseIpv4,
  subdivide,
} from './ipv4';

/** Any valid block: a random address with its host bits cleared. */
const arbCidr = fc
  .tuple(
    fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    fc.integer({ min: 0, max: 32 }),
  )
  .map(([address, prefix]): Cidr => {
    const size = 2 ** (32 - prefix);
    return { network: Math.floor(address / size) * size, prefix };
  });

describe('parseIpv4 / formatIpv4', () => {
  it('parses and formats the extremes', () => {
    expect(parseIpv4('0.0.0.0')).toBe(0);
    expect(parseIpv4('255.255.255.255')).toBe(2 ** 32 - 1);
    expect(parseIpv4('10.1.2.3')).toBe(
      10 * 2 ** 24 + 1 * 2 ** 16 + 2 * 256 + 3,
    );
    expect(formatIpv4(2 ** 32 - 1)).toBe('255.255.255.255');
    expect(formatIpv4(parseIpv4('192.168.0.1'))).toBe('192.168.0.1');
  });

  it('keeps addresses above 128.0.0.0 unsigned', () => {
    expect(parseIpv4('200.0.0.0')).toBeGreaterThan(0);
  });

  it.each([
    '10.0.0',
    '10.0.0.0.0',
    '256.0.0.0',
    '10.0.0.-1',
    '10.00.0.0',
    'a.b.c.d',
    '',
    '10..0.0',
  ])('rejects %p', text => {
    expect(() => parseIpv4(text)).toThrow(/is not an IPv4 address/);
  });

  it('names the bad octet', () => {
    expect(() => parseIpv4('10.0.300.0')).toThrow(
      /octet '300' must be a decimal number 0..255/,
    );
  });

  it('rejects out-of-range integers when formatting', () => {
    expect(() => formatIpv4(-1)).toThrow();
    expect(() => formatIpv4(2 ** 32)).toThrow();
    expect(() => formatIpv4(1.5)).toThrow();
  });
});

describe('parseCidr', () => {
  it('parses a block', () => {
    expect(parseCidr('10.0.0.0/16')).toEqual({
      network: parseIpv4('10.0.0.0'),
      prefix: 16,
    });
    expect(parseCidr('0.0.0.0/0')).toEqual({ network: 0, prefix: 0 });
    expect(parseCidr('10.1.2.3/32').prefix).toBe(32);
  });

  it('rejects host bits and suggests the network address', () => {
    expect(() => parseCidr('10.0.0.1/16')).toThrow(
      "'10.0.0.1/16' has host bits set: the address must be the network address of the block (did you mean 10.0.0.0/16?)",
    );
  });

  it('rejects a prefix out of range, naming the value and the rule', () => {
    expect(() => parseCidr('10.0.0.0/33')).toThrow(
      "'10.0.0.0/33' has prefix /33: the prefix length must be 0..32",
    );
    expect(() => parseCidr('10.0.0.0/016')).toThrow(/prefix \/016/);
  });

  it.each([
    '10.0.0.0',
    '10.0.0.0/',
    '10.0.0.0/-1',
    '10.0.0.0/1a',
    '/16',
    '10.0.0.0/16 ',
    ' 10.0.0.0/16',
  ])('rejects malformed %p', text => {
    expect(() => parseCidr(text)).toThrow();
    expect(isValidCidr(text)).toBe(false);
  });

  it('rejects bad octets', () => {
    expect(() => parseCidr('10.256.0.0/16')).toThrow(/octet '256'/);
  });

  it('round trips parse(format(x)) for every valid block', () => {
    fc.assert(
      fc.property(arbCidr, cidr => {
        expect(parseCidr(formatCidr(cidr))).toEqual(cidr);
      }),
    );
  });
});

describe('contains / overlaps', () => {
  it('contains', () => {
    expect(contains('10.0.0.0/8', '10.1.0.0/16')).toBe(true);
    expect(contains('10.0.0.0/16', '10.0.0.0/16')).toBe(true);
    expect(contains('10.1.0.0/16', '10.0.0.0/8')).toBe(false);
    expect(contains('10.0.0.0/16', '10.1.0.0/24')).toBe(false);
  });

  it('overlaps', () => {
    expect(overlaps('10.0.0.0/16', '10.0.255.0/24')).toBe(true);
    expect(overlaps('10.0.0.0/16', '10.1.0.0/16')).toBe(false);
    expect(overlaps('10.0.0.0/8', '10.200.0.0/16')).toBe(true);
    expect(overlaps('192.168.0.0/16', '172.16.0.0/12')).toBe(false);
  });

  it('overlap is symmetric and implied by containment', () => {
    fc.assert(
      fc.property(arbCidr, arbCidr, (a, b) => {
        expect(overlaps(a, b)).toBe(overlaps(b, a));
        expect(!contains(a, b) || overlaps(a, b)).toBe(true);
        // Two CIDR blocks either nest or are disjoint.
        expect(overlaps(a, b)).toBe(contains(a, b) || contains(b, a));
      }),
    );
  });
});

describe('helpers', () => {
  it('cidrRange gives inclusive ends', () => {
    expect(cidrRange('10.0.0.0/24')).toEqual({
      start: parseIpv4('10.0.0.0'),
      end: parseIpv4('10.0.0.255'),
    });
    expect(cidrRange('0.0.0.0/0').end).toBe(2 ** 32 - 1);
  });

  it('subdivide splits in address order', () => {
    expect(subdivide('10.0.0.0/16', 18).map(formatCidr)).toEqual([
      '10.0.0.0/18',
      '10.0.64.0/18',
      '10.0.128.0/18',
      '10.0.192.0/18',
    ]);
    expect(() => subdivide('10.0.0.0/16', 15)).toThrow(
      /new prefix must be 16..32/,
    );
  });

  it('alignUp rounds to the next boundary', () => {
    expect(formatIpv4(alignUp(parseIpv4('10.0.0.1'), 16))).toBe('10.1.0.0');
    expect(formatIpv4(alignUp(parseIpv4('10.1.0.0'), 16))).toBe('10.1.0.0');
  });

  it('isPrivateCidr knows RFC 1918', () => {
    expect(isPrivateCidr('10.20.0.0/16')).toBe(true);
    expect(isPrivateCidr('172.31.0.0/16')).toBe(true);
    expect(isPrivateCidr('172.32.0.0/16')).toBe(false);
    expect(isPrivateCidr('192.168.4.0/22')).toBe(true);
    expect(isPrivateCidr('100.64.0.0/16')).toBe(false);
    expect(isPrivateCidr('8.0.0.0/7')).toBe(false);
  });
});
