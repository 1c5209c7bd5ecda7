import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import { startRedis } from '../../src/localstack/redis.js';
import type { EmbeddedServer } from '../../src/localstack/ferretdb.js';
import { freePort } from '../../src/localstack/ports.js';
import { connectRedis } from '../../src/store/redis.js';
import { testConfig } from '../support/config.js';
import { useStores } from '../support/stores.js';

const stores = useStores('health');
const log = createLogger('silent');

async function listen(
  app: ReturnType<typeof createApp>,
): Promise<{ base: string; server: Server }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('health, metrics and unknown routes', () => {
  let base: string;
  let server: Server;
  beforeAll(async () => {
    ({ base, server } = await listen(
      createApp({ config: testConfig(), log, mongo: stores.mongo, redis: stores.redis }),
    ));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('is green with both stores up', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', mongo: 'up', redis: 'up' });
  });

  it('answers unknown routes with 404 JSON', async () => {
    const res = await fetch(`${base}/no/such/thing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ error: 'not_found', message: 'no such route' });
  });

  it('exposes Prometheus metrics by route, with process metrics', async () => {
    await fetch(`${base}/healthz`);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/http_requests_total\{route="\/healthz",method="GET",status="200"\} \d+/);
    expect(text).toContain('http_request_duration_seconds_bucket');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(/http_requests_total\{route="unmatched",method="GET",status="404"\}/);
  });

  it('serves metrics only to a direct loopback client or a holder of the metrics token', async () => {
    const relayed = await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '10.1.2.3' } });
    expect(relayed.status).toBe(403);
    const token = 'metrics-token-0123456789';
    const app = createApp({
      config: testConfig({ METRICS_TOKEN: token }),
      log,
      mongo: stores.mongo,
      redis: stores.redis,
    });
    const other = await listen(app);
    try {
      const headers = { 'x-forwarded-for': '10.1.2.3' };
      expect((await fetch(`${other.base}/metrics`, { headers })).status).toBe(403);
      const withToken = await fetch(`${other.base}/metrics`, {
        headers: { ...headers, authorization: `Bearer ${token}` },
      });
      expect(withToken.status).toBe(200);
      expect(await withToken.text()).toContain('http_requests_total');
    } finally {
      other.server.close();
    }
  });
});

describe('health when Redis goes away and comes back', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'health-redis-'));
  let redisServer: EmbeddedServer;
  let base: string;
  let server: Server;
  let redis: Awaited<ReturnType<typeof connectRedis>>;

  beforeAll(async () => {
    redisServer = await startRedis(dir, log, await freePort());
    redis = await connectRedis(redisServer.url);
    ({ base, server } = await listen(
      createApp({ config: testConfig(), log, mongo: stores.mongo, redis }),
    ));
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    redis.disconnect();
    await redisServer.server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns 503 naming redis while it is stopped, and green after it restarts', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    await redisServer.server.stop();
    const down = await fetch(`${base}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'degraded', mongo: 'up', redis: 'down' });

    redisServer = await startRedis(dir, log, redisServer.port);
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await fetch(`${base}/healthz`)).status;
    }
    expect(status).toBe(200);
  });
});
