import { gunzipSync } from 'node:zlib';
import { acceptsGzip, etagMatches, renderFleetBody } from './fleetBody';

describe('renderFleetBody', () => {
  const json = '{"generatedAt":"2025-06-02T09:00:00.000Z","n":1}';

  it('serves the snapshot JSON byte for byte, and gzips the same bytes', () => {
    const body = renderFleetBody(json);
    expect(body.json.toString('utf8')).toBe(json);
    expect(gunzipSync(body.gzip).equals(body.json)).toBe(true);
    expect(body.etag).toMatch(/^W\/"fleet-[A-Za-z0-9_-]{20}"$/);
  });

  it('derives the ETag from the content alone: same JSON, same tag on every replica', () => {
    expect(renderFleetBody(json).etag).toBe(renderFleetBody(json).etag);
    expect(renderFleetBody(json.replace('"n":1', '"n":2')).etag).not.toBe(
      renderFleetBody(json).etag,
    );
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
