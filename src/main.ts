import type { Server } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { createApp } from './http/app.js';
import { describeError } from './http/errors.js';
import { resolveStores } from './localstack/index.js';
import { connectMongo } from './store/mongo.js';
import { connectRedis } from './store/redis.js';
import { createCallbackRouter } from './wecom/callback-route.js';
import { resolveBotCredentials } from './wecom/credentials.js';

const SHUTDOWN_BUDGET_MS = 10_000;

/** config → stores → app → listen; returns a function that shuts everything down in order. */
export async function start(config: Config, log: Logger): Promise<() => Promise<void>> {
  const stores = await resolveStores(config, log);
  const closers: Array<() => Promise<unknown>> = [() => stores.stop()];
  const shutdown = async () => {
    for (const close of closers.reverse()) {
      await close().catch((err) => log.warn({ err: describeError(err) }, 'error during shutdown'));
    }
  };
  try {
    const mongo = await connectMongo(stores.mongodbUri);
    closers.push(() => mongo.close());
    const redis = await connectRedis(stores.redisUrl);
    closers.push(() => redis.quit());
    const credentials = resolveBotCredentials(config);
    if (credentials.development) {
      log.warn(
        'WECOM_BOT_TOKEN / WECOM_BOT_ENCODING_AES_KEY not set: using development credentials from DATA_DIR',
      );
    }
    const callback = createCallbackRouter({ config, credentials, redis, log });
    // Closers run in reverse: the server stops first, then running turns get a few seconds to
    // finish before Redis goes.
    closers.push(() => callback.close(5_000));
    const app = createApp({ config, log, mongo, redis, routers: [callback.router] });
    const server: Server = await new Promise((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          // Stop accepting, let in-flight requests finish, drop idle keep-alive sockets.
          server.close(() => resolve());
          server.closeIdleConnections();
        }),
    );
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log.info({ port }, 'wecom-report-bot listening on http://%s:%d', config.host, port);
    return shutdown;
  } catch (err) {
    await shutdown();
    throw err;
  }
}

/** The process entry: reads the environment, starts, and wires signals to a graceful stop. */
export async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.describe());
      process.exit(2);
    }
    throw err;
  }
  process.env.TZ = config.tz;
  const log = createLogger(config.logLevel);
  let stopping: Promise<void> | undefined;
  let shutdown: (() => Promise<void>) | undefined;
  const stop = (reason: string, code: number) => {
    if (stopping) return;
    log.info({ reason }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took longer than 10 s; exiting');
      process.exit(code || 1);
    }, SHUTDOWN_BUDGET_MS);
    force.unref();
    stopping = (shutdown?.() ?? Promise.resolve()).finally(() => {
      log.info('stopped');
      process.exit(code);
    });
  };
  process.once('SIGINT', () => stop('SIGINT', 0));
  process.once('SIGTERM', () => stop('SIGTERM', 0));
  process.on('uncaughtException', (err) => {
    log.fatal({ err: describeError(err) }, 'uncaught exception');
    stop('crash', 1);
  });
  process.on('unhandledRejection', (err) => {
    log.fatal({ err: describeError(err) }, 'unhandled rejection');
    stop('crash', 1);
  });
  try {
    shutdown = await start(config, log);
  } catch (err) {
    log.fatal({ err: describeError(err) }, 'could not start');
    process.exit(1);
  }
}
