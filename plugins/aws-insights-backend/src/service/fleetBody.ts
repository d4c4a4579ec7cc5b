import { gzipSync } from 'node:zlib';

/** One rendering of GET /fleet: the JSON, its gzip (made on first demand) and its ETag. */
export interface FleetBody {
  json: Buffer;
  etag: string;
  gzip(): Buffer;
}

/**
 * Renders GET /fleet bodies from the snapshot's pre-serialised JSON. Only `ageSeconds` and
 * `stale` change between requests, and only once a second, so each second's body - and its
 * gzip, which the backend's compression middleware would otherwise redo for every browser
 * request - is built once and shared by every request in that second.
 */
export class FleetBodyCache {
  private last?: { key: string; body: FleetBody };

  body(
    generatedAt: string,
    snapshotJson: Buffer,
    ageSeconds: number,
    stale: boolean,
  ): FleetBody {
    const key = `${generatedAt}|${ageSeconds}|${stale}`;
    if (this.last?.key === key) return this.last.body;
    const json = Buffer.concat([
      Buffer.from(`{"ageSeconds":${ageSeconds},"stale":${stale},`),
      snapshotJson,
    ]);
    let gzipped: Buffer | undefined;
    const body: FleetBody = {
      json,
      etag: `W/"fleet-${Date.parse(generatedAt)}-${ageSeconds}-${
        stale ? 1 : 0
      }"`,
      gzip: () => (gzipped ??= gzipSync(json, { level: 6 })),
    };
    this.last = { key, body };
    return body;
  }
}

/** Whether an Accept-Encoding header admits gzip (by name or `*`) with a non-zero quality. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some(part => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
    const q = params.map(p => p.trim()).find(p => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Whether an If-None-Match header names `etag` (weak comparison, lists and `*` included). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, '');
  return header
    .split(',')
    .some(tag => tag.trim() === '*' || weak(tag) === weak(etag));
}
