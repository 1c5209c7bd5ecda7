import type { RedisOptions } from 'bullmq';

/**
 * BullMQ connection options from a `redis://` / `rediss://` URL or a Unix socket path. BullMQ opens (and closes) its
 * own connections from these (it takes no URL itself: taskforcesh/bullmq#1039); workers need
 * `maxRetriesPerRequest: null` for blocking commands.
 */
export function bullmqConnection(url: string): RedisOptions {
  // The embedded redis-server listens on a Unix socket, named by its path.
  if (url.startsWith('/')) return { path: url, maxRetriesPerRequest: null };
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new Error(`not a redis:// or rediss:// URL (${u.protocol})`);
  }
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(Number.isInteger(db) ? { db } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}
