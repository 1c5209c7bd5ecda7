import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { startRedis } from '../../src/localstack/redis.js';
import { Supervisor } from '../../src/localstack/supervisor.js';
import { connectRedis } from '../../src/store/redis.js';
import { isAlive, startBotProcess, storeChildPids } from '../support/bot-process.js';

const log = createLogger('silent');
const dirs: string[] = [];
const tempDir = (label: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), label));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function until<T>(probe: () => Promise<T> | T, ok: (v: T) => boolean, ms: number) {
  const deadline = Date.now() + ms;
  let value = await probe();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return value;
}

describe('supervision of an embedded store', () => {
  it('restarts a killed redis-server (clients reconnect), and gives up with a reason when restarts keep failing', async () => {
    const dir = tempDir('supervise-');
    const started = await startRedis(dir, log, { socket: path.join(dir, 'redis.sock') });
    const reasons: Error[] = [];
    const supervisor = new Supervisor(started.server, log, {
      onGiveUp: (reason) => reasons.push(reason),
      backoffMs: 20,
      maxFailures: 2,
    });
    supervisor.markUp();
    const client = await connectRedis(started.url);
    try {
      await client.set('probe', '重启前');
      const firstPid = started.server.pid!;
      process.kill(firstPid, 'SIGKILL');
      const back = await until(
        () => supervisor.status(),
        (s) => s.state === 'up' && s.restarts === 1,
        15_000,
      );
      expect(back).toMatchObject({ state: 'up', restarts: 1, lastExit: 'signal SIGKILL' });
      expect(started.server.pid).not.toBe(firstPid);
      const pong = await until(
        () => client.ping().catch(() => 'down'),
        (v) => v === 'PONG',
        10_000,
      );
      expect(pong).toBe('PONG');

      // Make every further start fail: its data folder becomes a plain file.
      rmSync(path.join(dir, 'redis'), { recursive: true, force: true });
      writeFileSync(path.join(dir, 'redis'), 'not a folder');
      process.kill(started.server.pid!, 'SIGKILL');
      const failed = await until(
        () => supervisor.status(),
        (s) => s.state === 'failed',
        20_000,
      );
      expect(failed.state).toBe('failed');
      expect(reasons).toHaveLength(1);
      expect(reasons[0]!.message).toMatch(/redis-server could not be kept running/);
    } finally {
      client.disconnect();
      await supervisor.stop();
    }
  }, 60_000);
});

/** Listening TCP ports owned by the given pids (ss shows the owner when run by the same user). */
function tcpListenersOf(pids: number[]): number[] {
  const out = execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => pids.some((pid) => line.includes(`pid=${pid},`)))
    .map((line) => Number(/:(\d+)\s/.exec(line.split(/\s+/)[3] + ' ')?.[1]));
}

function modes(dir: string): { files: Set<string>; dirs: Set<string> } {
  const files = new Set<string>();
  const folders = new Set<string>([(statSync(dir).mode & 0o777).toString(8)]);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const mode = (statSync(full).mode & 0o777).toString(8);
    if (entry.isDirectory()) folders.add(mode);
    else if (entry.isFile()) files.add(mode);
  }
  return { files, dirs: folders };
}

describe('the bot on the embedded default', () => {
  it('listens on TCP only on its HTTP port, keeps DATA_DIR private, and heals a killed store by itself', async () => {
    const dataDir = path.join(tempDir('surface-'), 'data');
    // A file left world-readable by an older version is tightened at start.
    mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    writeFileSync(path.join(dataDir, 'old-notes.txt'), 'x', { mode: 0o644 });
    const bot = await startBotProcess(dataDir);
    try {
      const children = storeChildPids(bot.child.pid!);
      expect(children).toHaveLength(2);
      expect(tcpListenersOf([bot.child.pid!, ...children])).toEqual([bot.port]);
      const { files, dirs: folders } = modes(dataDir);
      expect([...files]).toEqual(['600']);
      expect([...folders]).toEqual(['700']);

      const redisPid = storeChildPids(bot.child.pid!).find((pid) =>
        execFileSync('ps', ['-o', 'comm=', '-p', String(pid)], { encoding: 'utf8' }).includes(
          'redis',
        ),
      )!;
      process.kill(redisPid, 'SIGKILL');
      const health = await until(
        async () => {
          const res = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
          return { status: res.status, body: (await res.json()) as Record<string, unknown> };
        },
        (h) =>
          h.status === 200 &&
          (h.body.embedded as Record<string, { restarts: number }>)['redis-server']!.restarts === 1,
        30_000,
      );
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({
        status: 'ok',
        redis: 'up',
        embedded: { 'redis-server': { state: 'up', restarts: 1, lastExit: 'signal SIGKILL' } },
      });
      expect(isAlive(redisPid)).toBe(false);
    } finally {
      bot.child.kill('SIGTERM');
      await bot.exited;
    }
  }, 90_000);
});
