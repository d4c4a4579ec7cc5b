import fc from 'fast-check';
import type { ExistingEnvironment } from '../types';
import { allocateVpcCidr } from './allocate';
import { contains, formatCidr, overlaps, parseCidr } from './ipv4';

const env = (
  name: string,
  cidr: string,
  source = 'catalog',
): ExistingEnvironment => ({
  name,
  cidr,
  source,
});

describe('allocateVpcCidr with a requested block', () => {
  it('accepts a free private block', () => {
    expect(
      allocateVpcCidr({
        requested: '10.2.0.0/16',
        existing: [env('staging', '10.1.0.0/16')],
      }),
    ).toBe('10.2.0.0/16');
    expect(allocateVpcCidr({ requested: '192.168.4.0/22', existing: [] })).toBe(
      '192.168.4.0/22',
    );
    expect(allocateVpcCidr({ requested: '172.20.0.0/20', existing: [] })).toBe(
      '172.20.0.0/20',
    );
  });

  it('names the conflicting environment and its block', () => {
    expect(() =>
      allocateVpcCidr({
        requested: '10.1.0.0/16',
        existing: [env('dev', '10.0.0.0/16'), env('staging', '10.1.0.0/16')],
      }),
    ).toThrow(
      "network.cidr 10.1.0.0/16 overlaps environment 'staging' (10.1.0.0/16, from catalog)",
    );
  });

  it('detects partial overlaps in both directions', () => {
    expect(() =>
      allocateVpcCidr({
        requested: '10.1.4.0/22',
        existing: [env('qa', '10.1.0.0/16', 'repository')],
      }),
    ).toThrow("overlaps environment 'qa' (10.1.0.0/16, from repository)");
    expect(() =>
      allocateVpcCidr({
        requested: '10.1.0.0/16',
        existing: [{ name: 'tiny', cidr: '10.1.200.0/24' }],
      }),
    ).toThrow("overlaps environment 'tiny' (10.1.200.0/24)");
  });

  it('rejects public blocks', () => {
    expect(() =>
      allocateVpcCidr({ requested: '8.8.0.0/16', existing: [] }),
    ).toThrow(/network.cidr 8.8.0.0\/16 must be a private RFC 1918 block/);
    expect(() =>
      allocateVpcCidr({ requested: '172.32.0.0/16', existing: [] }),
    ).toThrow(/RFC 1918/);
  });

  it('rejects prefixes outside /16../22', () => {
    expect(() =>
      allocateVpcCidr({ requested: '10.0.0.0/15', existing: [] }),
    ).toThrow(
      /network.cidr 10.0.0.0\/15 has prefix \/15: the prefix must be between \/16 and \/22 inclusive/,
    );
    expect(() =>
      allocateVpcCidr({ requested: '10.0.0.0/23', existing: [] }),
    ).toThrow(/has prefix \/23/);
  });

  it('names the field for malformed blocks', () => {
    expect(() =>
      allocateVpcCidr({ requested: '10.0.0.1/16', existing: [] }),
    ).toThrow(/^network.cidr: '10.0.0.1\/16' has host bits set/);
    expect(() => allocateVpcCidr({ requested: 'ten', existing: [] })).toThrow(
      /^network.cidr: /,
    );
  });
});

describe('allocateVpcCidr from the pool', () => {
  it('returns the first block of an empty pool', () => {
    expect(allocateVpcCidr({ existing: [] })).toBe('10.0.0.0/16');
    expect(
      allocateVpcCidr({
        existing: [],
        prefixLength: 20,
        pool: '172.16.0.0/12',
      }),
    ).toBe('172.16.0.0/20');
  });

  it('returns the lowest free block, filling gaps', () => {
    const existing = [
      env('a', '10.0.0.0/16'),
      env('b', '10.2.0.0/16'),
      env('c', '10.1.0.0/24'),
    ];
    expect(allocateVpcCidr({ existing })).toBe('10.3.0.0/16');
    expect(allocateVpcCidr({ existing, prefixLength: 20 })).toBe(
      '10.1.16.0/20',
    );
  });

  it('skips blocks bigger than the requested size and ignores blocks outside the pool', () => {
    const existing = [
      env('big', '10.0.0.0/12'),
      env('other', '192.168.0.0/16'),
    ];
    expect(allocateVpcCidr({ existing })).toBe('10.16.0.0/16');
  });

  it('fails when the pool is exhausted', () => {
    expect(() =>
      allocateVpcCidr({
        pool: '10.0.0.0/15',
        existing: [env('a', '10.0.0.0/16'), env('b', '10.1.0.0/17')],
      }),
    ).toThrow(
      'pool 10.0.0.0/15 is exhausted: no free /16 block left among 2 existing environments',
    );
  });

  it('validates its options', () => {
    expect(() => allocateVpcCidr({ existing: [], prefixLength: 24 })).toThrow(
      /prefixLength 24 must be an integer between 16 and 22/,
    );
    expect(() =>
      allocateVpcCidr({ existing: [], pool: '10.0.0.0/20', prefixLength: 16 }),
    ).toThrow(/larger than the pool/);
    expect(() => allocateVpcCidr({ existing: [], pool: '11.0.0.0/8' })).toThrow(
      /private/,
    );
    expect(() =>
      allocateVpcCidr({ existing: [env('broken', '10.0.0.0/99')] }),
    ).toThrow(/existing environment 'broken' has an invalid block/);
  });

  it('is fast for thousands of existing environments', () => {
    // Reversed input checks the sort; 4000 /20s fill 10.0.0.0-10.249.255.255.
    const existing = Array.from({ length: 250 }, (_, i) =>
      env(`e${i}`, `10.${i}.0.0/16`),
    );
    existing.reverse();
    const started = Date.now();
    expect(allocateVpcCidr({ existing })).toBe('10.250.0.0/16');
    const many = Array.from({ length: 4000 }, (_, i) =>
      env(`s${i}`, `10.${Math.floor(i / 16)}.${(i % 16) * 16}.0/20`),
    );
    expect(allocateVpcCidr({ existing: many, prefixLength: 20 })).toBe(
      '10.250.0.0/20',
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('allocateVpcCidr properties', () => {
  const arbExisting = fc.array(
    fc
      .tuple(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 14, max: 24 }),
      )
      .map(([b, c, prefix]) => {
        const cidr = parseCidr(`10.${b}.0.0/16`);
        const size = 2 ** (32 - prefix);
        const network = Math.floor((cidr.network + c * 256) / size) * size;
        return formatCidr({ network, prefix });
      }),
    { maxLength: 60 },
  );

  it('never overlaps an existing block and stays inside the pool', () => {
    fc.assert(
      fc.property(
        arbExisting,
        fc.integer({ min: 16, max: 22 }),
        (cidrs, prefixLength) => {
          const existing = cidrs.map((cidr, i) => env(`e${i}`, cidr));
          const block = allocateVpcCidr({ existing, prefixLength });
          expect(contains('10.0.0.0/8', block)).toBe(true);
          expect(parseCidr(block).prefix).toBe(prefixLength);
          for (const e of existing) expect(overlaps(block, e.cidr)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('accepts exactly the requested blocks that overlap nothing', () => {
    fc.assert(
      fc.property(arbExisting, fc.integer({ min: 0, max: 255 }), (cidrs, b) => {
        const existing = cidrs.map((cidr, i) => env(`e${i}`, cidr));
        const requested = `10.${b}.0.0/16`;
        const clash = existing.some(e => overlaps(e.cidr, requested));
        let outcome: string;
        try {
          outcome = allocateVpcCidr({ requested, existing });
        } catch (e) {
          outcome = (e as Error).message;
        }
        expect(outcome).toMatch(
          clash
            ? /^network.cidr .* overlaps environment/
            : /^10\.\d+\.0\.0\/16$/,
        );
      }),
      { numRuns: 200 },
    );
  });
});
