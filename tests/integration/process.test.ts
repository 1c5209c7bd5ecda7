import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectMongo } from '../../src/store/mongo.js';
import { connectRedis } from '../../src/store/redis.js';
import { storeChildPids, isAlive, startBotProcess } from '../support/bot-process.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bot-process-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function waitGone(pids: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && pids.some(isAlive)) await new Promise((r) => setTimeout(r, 100));
  return pids.filter(isAlive);
}

describe('the bot as a process on the embedded default', () => {
  it('serves health, shuts down gracefully with no child left, and keeps its data across restarts', async () => {
    const first = await startBotProcess(dataDir);
    const res = await fetch(`http://127.0.0.1:${first.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ mongo: 'up', redis: 'up' });

    const children = storeChildPids(first.child.pid!);
    expect(children.length).toBe(2);

    const mongo = await connectMongo(first.mongoUrl, 'report-bot');
    await mongo.collection('restart_probe').insertOne({ marker: '重启前写入' });
    await mongo.close();
    const redis = await connectRedis(first.redisUrl);
    await redis.set('restart_probe', '重启前写入');
    redis.disconnect();

    const started = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await waitGone(children, 2_000)).toEqual([]);

    const second = await startBotProcess(dataDir);
    const mongo2 = await connectMongo(second.mongoUrl, 'report-bot');
    expect(await mongo2.collection('restart_probe').findOne({})).toMatchObject({
      marker: '重启前写入',
    });
    await mongo2.close();
    const redis2 = await connectRedis(second.redisUrl);
    expect(await redis2.get('restart_probe')).toBe('重启前写入');
    redis2.disconnect();

    // A crash that skips every handler (SIGKILL) still takes the children down with it.
    const children2 = storeChildPids(second.child.pid!);
    second.child.kill('SIGKILL');
    await second.exited;
    expect(await waitGone(children2, 5_000)).toEqual([]);
  }, 120_000);

  it('refuses to start on an invalid variable, naming it in Chinese and English', async () => {
    await expect(startBotProcess(dataDir, { WECOM_BOT_ENCODING_AES_KEY: 'short' })).rejects.toThrow(
      /配置错误 WECOM_BOT_ENCODING_AES_KEY[\s\S]*Configuration error WECOM_BOT_ENCODING_AES_KEY/,
    );
    // A cold `node --import tsx` start alone can pass 30 s on a loaded 2-core machine.
  }, 120_000);
});
