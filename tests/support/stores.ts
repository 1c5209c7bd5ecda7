import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, inject } from 'vitest';
import { connectMongo } from '../../src/store/mongo.js';
import { connectRedis } from '../../src/store/redis.js';

export interface TestStores {
  readonly mongodbUri: string;
  readonly redisUrl: string;
  readonly dbName: string;
  readonly keyPrefix: string;
  mongo: Connection;
  redis: Redis;
}

/**
 * Per test file: its own database on the shared server and its own Redis key prefix, dropped and
 * cleaned when the file ends. Call at the top level of a test file.
 */
export function useStores(label: string): TestStores {
  const id = `${label.replace(/[^a-z0-9]/gi, '').slice(0, 20)}_${randomUUID().slice(0, 8)}`;
  const stores = {
    mongodbUri: inject('mongodbUri'),
    redisUrl: inject('redisUrl'),
    dbName: `t_${id}`,
    keyPrefix: `t:${id}:`,
  } as TestStores;
  beforeAll(async () => {
    stores.mongo = await connectMongo(stores.mongodbUri, stores.dbName);
    stores.redis = await connectRedis(stores.redisUrl, { keyPrefix: stores.keyPrefix });
  });
  afterAll(async () => {
    await stores.mongo?.dropDatabase().catch(() => undefined);
    await stores.mongo?.close();
    if (stores.redis) {
      // keyPrefix is not applied to KEYS patterns' results, so delete through a raw client call.
      const keys = await stores.redis.keys(`${stores.keyPrefix}*`);
      for (const key of keys) await stores.redis.del(key.slice(stores.keyPrefix.length));
      await stores.redis.quit();
    }
  });
  return stores;
}
