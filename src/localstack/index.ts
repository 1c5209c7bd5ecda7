import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { startFerretDB, type EmbeddedServer } from './ferretdb.js';
import { startRedis } from './redis.js';

export interface StoreUrls {
  readonly mongodbUri: string;
  readonly redisUrl: string;
  /** Stops whatever this module started; a no-op for servers given by URL. */
  stop(): Promise<void>;
}

/**
 * Uses `MONGODB_URI` / `REDIS_URL` when set; otherwise starts the embedded default
 * (FerretDB on SQLite, redis-server with AOF) under `DATA_DIR`.
 */
export async function resolveStores(config: Config, log: Logger): Promise<StoreUrls> {
  const started: EmbeddedServer[] = [];
  const stop = async () => {
    await Promise.all(started.map((s) => s.server.stop()));
  };
  try {
    let mongodbUri = config.mongodbUri;
    if (!mongodbUri) {
      const ferret = await startFerretDB(config.dataDir, log);
      started.push(ferret);
      mongodbUri = `${ferret.url}report-bot`;
      log.info(
        { port: ferret.port, dataDir: config.dataDir },
        'embedded FerretDB (SQLite) is up at %s',
        ferret.url,
      );
    }
    let redisUrl = config.redisUrl;
    if (!redisUrl) {
      const redis = await startRedis(config.dataDir, log);
      started.push(redis);
      redisUrl = redis.url;
      log.info(
        { port: redis.port, dataDir: config.dataDir },
        'embedded redis-server is up at %s',
        redis.url,
      );
    }
    return { mongodbUri, redisUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
