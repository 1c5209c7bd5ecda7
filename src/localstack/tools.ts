import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, found from this file whether it runs from src/ (tsx) or dist/ (node). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where setup puts the FerretDB binary it builds (git-ignored). */
export const ferretdbBinary = path.join(projectRoot, '.tools', 'bin', 'ferretdb');

/** Finds redis-server: the Debian package's path first, then PATH. */
export function redisServerBinary(): string {
  for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
    if (existsSync(candidate)) return candidate;
  }
  return 'redis-server';
}
