import { timingSafeEqual } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface HttpMetrics {
  readonly registry: Registry;
  readonly middleware: Middleware;
}

/** One registry per app, so several apps in one test process never clash. */
export function createHttpMetrics(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and method',
    labelNames: ['route', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const middleware: Middleware = async (ctx, next) => {
    const end = latency.startTimer();
    try {
      await next();
    } finally {
      // The matched route pattern, never the raw path: tokens in paths must not become labels.
      const route = (ctx as unknown as { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
      end({ route, method: ctx.method });
      requests.inc({ route, method: ctx.method, status: String(ctx.status) });
    }
  };
  return { registry, middleware };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * /metrics is for the machine's own scraper: a direct loopback connection (not one relayed by a
 * proxy, which would say so in X-Forwarded-For) or, when METRICS_TOKEN is set, anyone presenting
 * `Authorization: Bearer <token>`.
 */
export function metricsAllowed(ctx: Context, token: string | undefined): boolean {
  if (token) {
    const given = /^Bearer\s+(.+)$/i.exec(ctx.get('authorization'))?.[1]?.trim() ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    if (a.length === b.length && timingSafeEqual(a, b)) return true;
  }
  const peer = ctx.req.socket.remoteAddress ?? '';
  return LOOPBACK.test(peer) && !ctx.get('x-forwarded-for') && !ctx.get('forwarded');
}
