import Koa from 'koa';
import Router from '@koa/router';
import type { Connection } from 'mongoose';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { SupervisedStatus } from '../localstack/supervisor.js';
import { errorBoundary } from './errors.js';
import { checkHealth, type TransportsHealth } from './health.js';
import { createHttpMetrics, metricsAllowed } from './metrics.js';

export interface AppDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly mongo: Connection;
  readonly redis: Redis;
  /** Feature routers (WeCom callback, drafts, ...) mounted after the built-in routes. */
  readonly routers?: readonly Router[];
  /** The embedded servers' supervision states, shown by /healthz. */
  readonly embedded?: () => Record<string, SupervisedStatus>;
  /** How WeCom reaches the bot, for /healthz; `ok: false` makes the bot report itself degraded. */
  readonly transports?: () => TransportsHealth;
}

/** Builds the Koa app without listening, so tests can run it in-process. */
export function createApp(deps: AppDeps): Koa {
  const { log, mongo, redis } = deps;
  const app = new Koa({ proxy: true });
  const metrics = createHttpMetrics();

  // Koa's default handler prints stacks to stderr; errors are already logged by the boundary.
  app.on('error', (err: unknown) => log.debug({ err }, 'koa error event'));

  const router = new Router();
  router.get('/healthz', async (ctx) => {
    const health = await checkHealth(mongo, redis, deps.embedded);
    const transports = deps.transports?.();
    const status = health.status === 'ok' && transports?.ok !== false ? 'ok' : 'degraded';
    ctx.status = status === 'ok' ? 200 : 503;
    ctx.body = { ...health, status, ...(transports ? { transports: transports.detail } : {}) };
  });
  router.get('/metrics', async (ctx) => {
    if (!metricsAllowed(ctx, deps.config.metricsToken)) {
      ctx.status = 403;
      ctx.body = { error: 'forbidden', message: 'metrics are served on loopback or with a token' };
      return;
    }
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });

  app.use(metrics.middleware);
  app.use(errorBoundary(log));
  app.use(router.routes()).use(router.allowedMethods());
  for (const r of deps.routers ?? []) app.use(r.routes()).use(r.allowedMethods());
  app.use(async (ctx) => {
    ctx.status = 404;
    ctx.body = { error: 'not_found', message: 'no such route' };
  });
  return app;
}
