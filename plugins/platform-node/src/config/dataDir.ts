import { resolve as resolvePath } from 'node:path';

/**
 * The portal's data folder: SQLite files, the local infrastructure repository, local service
 * repositories. `PORTAL_DATA_DIR`, else `data/` at the repository root (the backend runs from
 * packages/backend). Absolute, so every reader agrees whatever it joins onto it.
 */
export function portalDataDir(): string {
  return resolvePath(process.env.PORTAL_DATA_DIR ?? '../../data');
}
