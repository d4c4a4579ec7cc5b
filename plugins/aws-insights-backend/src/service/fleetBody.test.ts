import { gunzipSync } from 'node:zlib';
import { acceptsGzip, etagMatches, FleetBodyCache } from './fleetBody';

describe('FleetBodyCache', () => {
  const snapshotJson = Buffer.from(
    '"generatedAt":"2025-06-02T09:00:00.000Z","n":1}',
  );

  it('puts the age fields in front of the snapshot JSON, and gzips the same bytes', () => {
    const body = new FleetBodyCache().body(
      '2025-06-02T09:00:00.000Z',
      snapshotJson,
      42,
      false,
    );
    expect(JSON.parse(body.json.toString())).toEqual({
      ageSeconds: 42,
      stale: false,
      generatedAt: '2025-06-02T09:00:00.000Z',
      n: 1,
    });
    expect(gunzipSync(body.gzip()).equals(body.json)).toBe(true);
    expect(body.etag).toBe('W/"fleet-1748854800000-42-0"');
  });

  it('renders each second once and a new body when the age, staleness or refresh changes', () => {
    const cache = new FleetBodyCache();
    const at = '2025-06-02T09:00:00.000Z';
    const first = cache.body(at, snapshotJson, 1, false);
    expect(cache.body(at, snapshotJson, 1, false)).toBe(first);
    expect(first.gzip()).toBe(first.gzip());
    const later = cache.body(at, snapshotJson, 2, false);
    expect(later).not.toBe(first);
    expect(later.etag).not.toBe(first.etag);
    expect(cache.body(at, snapshotJson, 2, true).etag).not.toBe(later.etag);
    expect(
      cache.body('2025-06-02T09:05:00.000Z', snapshotJson, 2, false).etag,
    ).not.toBe(later.etag);
  });
});

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', true],
    ['*', true],
    ['identity', false],
    ['gzip;q=0', false],
    ['deflate, br', false],
    ['', false],
    [undefined, false],
  ])('%s -> %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

describe('etagMatches', () => {
  const etag = 'W/"fleet-1-2-0"';
  it.each([
    ['W/"fleet-1-2-0"', true],
    ['"fleet-1-2-0"', true],
    ['"other", W/"fleet-1-2-0"', true],
    ['*', true],
    ['W/"fleet-1-3-0"', false],
    [undefined, false],
  ])('%s -> %s', (header, expected) => {
    expect(etagMatches(header, etag)).toBe(expected);
  });
});
