import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/**
 * GET /fleet's body for one refresh: the snapshot's JSON, its gzip and an ETag, made once when
 * the refresh is first seen and then written byte for byte to every client. Nothing in it
 * depends on the request or the clock (the client computes the age from `generatedAt`).
 */
export interface FleetBody {
  json: Buffer;
  gzip: Buffer;
  /** Weak: the gzip and the plain JSON carry the same tag. */
  etag: string;
}

export function renderFleetBody(json: string): FleetBody {
  const bytes = Buffer.from(json, 'utf8');
  // Content-derived, so every replica (same JSON from the shared cache) sends the same tag.
  const digest = createHash('sha1').update(bytes).digest('base64url');
  return {
    json: bytes,
    gzip: gzipSync(bytes, { level: 6 }),
    etag: `W/"fleet-${digest.slice(0, 20)}"`,
  };
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
