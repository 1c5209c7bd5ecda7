import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../../src/logger.js';
import { startFerretDB, type EmbeddedServer } from '../../src/localstack/ferretdb.js';
import { freePort } from '../../src/localstack/ports.js';
import { startRedis } from '../../src/localstack/redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongodbUri: string;
    redisUrl: string;
  }
}

/**
 * Starts a fresh FerretDB and redis-server on free ports in a temp folder for the whole run, or
 * uses MONGODB_URI / REDIS_URL when they are set (a real MongoDB in a user's CI, say).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = createLogger('silent');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'report-bot-test-'));
  const started: EmbeddedServer[] = [];
  let mongodbUri = process.env.MONGODB_URI;
  if (!mongodbUri) {
    const ferret = await startFerretDB(dir, log, await freePort());
    started.push(ferret);
    mongodbUri = ferret.url;
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startRedis(dir, log, await freePort());
    started.push(redis);
    redisUrl = redis.url;
  }
  project.provide('mongodbUri', mongodbUri);
  project.provide('redisUrl', redisUrl);
  return async () => {
    await Promise.all(started.map((s) => s.server.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
}
