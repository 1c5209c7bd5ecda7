import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { secureDataDir, socketDir } from './data-dir.js';
import { startFerretDB } from './ferretdb.js';
import { startRedis } from './redis.js';
import { Supervisor, type SupervisedStatus } from './supervisor.js';
import path from 'node:path';

export interface StoreUrls {
  readonly mongodbUri: string;
  /** A redis:// URL, or the embedded server's Unix socket path (ioredis takes either). */
  readonly redisUrl: string;
  /** The embedded servers' states by name; empty for servers given by URL. */
  status(): Record<string, SupervisedStatus>;
  /** Kills and restarts an embedded server whose `probe` keeps failing (a no-op for URLs). */
  watch(name: 'ferretdb' | 'redis-server', probe: () => Promise<boolean>): void;
  /** Stops whatever this module started; a no-op for servers given by URL. */
  stop(): Promise<void>;
}

export interface ResolveOptions {
  /** Called when an embedded server cannot be kept running: stop the bot, exit non-zero. */
  readonly onGiveUp?: (reason: Error) => void;
}

/**
 * Uses `MONGODB_URI` / `REDIS_URL` when set; otherwise starts the embedded default (FerretDB on
 * SQLite, redis-server with AOF) under a private `DATA_DIR`, on Unix sockets in that folder
 * (no TCP listener), and supervises them: restarted with backoff when they exit.
 */
export async function resolveStores(
  config: Config,
  log: Logger,
  options: ResolveOptions = {},
): Promise<StoreUrls> {
  const supervised: Supervisor[] = [];
  const stop = async () => {
    await Promise.all(supervised.map((s) => s.stop()));
  };
  const onGiveUp =
    options.onGiveUp ?? ((reason: Error) => log.fatal({ err: reason }, 'embedded store lost'));
  const status = () => Object.fromEntries(supervised.map((s) => [s.name, s.status()]));
  const watch = (name: string, probe: () => Promise<boolean>) =>
    supervised.find((s) => s.name === name)?.watch(probe);
  if (config.mongodbUri && config.redisUrl) {
    return { mongodbUri: config.mongodbUri, redisUrl: config.redisUrl, status, watch, stop };
  }
  const dataDir = secureDataDir(config.dataDir);
  const sockets = socketDir(dataDir);
  try {
    let mongodbUri = config.mongodbUri;
    if (!mongodbUri) {
      const ferret = await startFerretDB(dataDir, log, {
        socket: path.join(sockets, 'ferretdb.sock'),
      });
      supervised.push(new Supervisor(ferret.server, log, { onGiveUp }));
      mongodbUri = `${ferret.url}report-bot`;
      log.info(
        { socket: ferret.socket, dataDir },
        'embedded FerretDB (SQLite) is up on a Unix socket',
      );
    }
    let redisUrl = config.redisUrl;
    if (!redisUrl) {
      const redis = await startRedis(dataDir, log, { socket: path.join(sockets, 'redis.sock') });
      supervised.push(new Supervisor(redis.server, log, { onGiveUp }));
      redisUrl = redis.url;
      log.info({ socket: redis.socket, dataDir }, 'embedded redis-server is up on a Unix socket');
    }
    for (const s of supervised) s.markUp();
    return { mongodbUri, redisUrl, status, watch, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
