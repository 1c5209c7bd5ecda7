import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WeComWsStandin } from '../src/devtools/wecom-ws-standin.js';
import { createLogger } from '../src/logger.js';
import { startRedis } from '../src/localstack/redis.js';
import { freePort } from '../src/localstack/ports.js';
import { connectRedis } from '../src/store/redis.js';
import { Responder } from '../src/bot/responder/responder.js';
import type { MessageHandler } from '../src/bot/responder/handler.js';
import { ChatPusher } from '../src/wecom/longconn/chat-pusher.js';
import { LongConnection } from '../src/wecom/longconn/connection.js';
import { OpenStreams } from '../src/wecom/longconn/open-streams.js';
import { WsTransport } from '../src/wecom/longconn/transport.js';
import { LocalRateGate } from '../src/wecom/outbound/rate-gate.js';
import type { Redis } from 'ioredis';
import type { Bench } from './types.js';

/**
 * How long the bot is off the long connection: after the socket drops (the SDK reconnects, first
 * retry after `reconnectBaseMs`), and after the holder instance dies without giving its lease
 * back (a standby takes over once the lease lapses; it looks every lease/3). Measured against
 * the local stand-in of WeCom's endpoint and a real Redis, with the production defaults
 * (30 s lease, 1 s reconnect base) and with the 3 s lease the tests use. And how long a slow
 * answer that was streaming when its holder died waits for its final frame from the successor
 * (the dead turn's owner lease, 10 s, is what it waits for).
 */
const BOT = 'aibbenchbot';
const SECRET = 'bench-secret';
const DROPS = 5;
const TAKEOVERS = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(5);
  }
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${Math.round(s[Math.floor(s.length / 2)]!)} / ${Math.round(s[s.length - 1]!)}`;
};

async function run(): Promise<{ markdown: string; ok: boolean }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'report-bot-ws-bench-'));
  const log = createLogger('silent');
  const redisServer = await startRedis(dir, log, await freePort());
  const redis = await connectRedis(redisServer.url);
  const wecom = await WeComWsStandin.start({ bots: { [BOT]: SECRET } });
  const rows: string[] = [];
  let ok = true;
  let n = 0;
  const link = (leaseMs: number) =>
    new LongConnection({
      botId: BOT,
      secret: SECRET,
      wsUrl: wecom.url,
      redis,
      log,
      leaseMs,
      heartbeatMs: Math.floor(leaseMs / 3),
      leasePrefix: `bench${++n}:`,
    });
  try {
    // Socket drops: from the drop to the next accepted subscribe.
    const one = link(30_000);
    one.start();
    await until(() => one.isUp(), 10_000);
    const drops: number[] = [];
    for (let i = 0; i < DROPS; i++) {
      const before = wecom.liveConnectionId(BOT)!;
      const t0 = performance.now();
      wecom.drop(BOT);
      await until(() => (wecom.liveConnectionId(BOT) ?? 0) > before && one.isUp(), 40_000);
      drops.push(performance.now() - t0);
      // Let the SDK's backoff counter reset (it does on a successful subscribe) and settle.
      await sleep(200);
    }
    await one.stop();
    rows.push(`| socket dropped, SDK reconnects (1 s base backoff) | ${DROPS} | ${stats(drops)} |`);
    ok &&= Math.max(...drops) < 5_000;

    for (const leaseMs of [3_000, 30_000]) {
      const takeovers: number[] = [];
      for (let i = 0; i < TAKEOVERS; i++) {
        const prefix = `bench-takeover-${leaseMs}-${i}:`;
        const mk = () =>
          new LongConnection({
            botId: BOT,
            secret: SECRET,
            wsUrl: wecom.url,
            redis,
            log,
            leaseMs,
            heartbeatMs: Math.floor(leaseMs / 3),
            leasePrefix: prefix,
          });
        const a = mk();
        a.start();
        await until(() => a.isUp(), 10_000);
        const b = mk();
        b.start();
        await sleep(50);
        // A dies as a killed process does: socket gone, lease left in Redis until it lapses.
        const before = wecom.liveConnectionId(BOT)!;
        const t0 = performance.now();
        await a.stop({ keepLease: true });
        await until(() => b.isUp() && (wecom.liveConnectionId(BOT) ?? 0) > before, leaseMs * 3);
        takeovers.push(performance.now() - t0);
        await b.stop();
      }
      rows.push(
        `| holder killed, standby takes over (lease ${leaseMs / 1000} s) | ${TAKEOVERS} | ${stats(takeovers)} |`,
      );
      ok &&= Math.max(...takeovers) < leaseMs + leaseMs / 3 + 3_000;
    }

    const finals: number[] = [];
    for (let i = 0; i < TAKEOVERS; i++) finals.push(await streamTakeover(wecom, redis, i));
    rows.push(
      `| holder killed mid-answer, successor sends the final frame (lease 3 s) | ${TAKEOVERS} | ${stats(finals)} |`,
    );
    // The owner lease (10 s) plus a follower sweep (5 s) plus the re-run.
    ok &&= Math.max(...finals) < 20_000;
  } finally {
    await wecom.close();
    redis.disconnect();
    await redisServer.server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    markdown: [
      'Time off the long connection, ms (median / worst), against the local WeCom stand-in and a',
      'real Redis. Target: a drop is back within 5 s; a takeover within the lease plus one standby',
      'tick (lease/3) plus 3 s; a slow answer left streaming by a killed holder gets its final',
      "frame from the successor within 20 s (it waits for the dead turn's 10 s owner lease; the",
      'link takeover and the 5 s follower sweep run meanwhile).',
      '',
      '| event | runs | ms median / worst |',
      '| --- | --- | --- |',
      ...rows,
    ].join('\n'),
    ok,
  };
}

/**
 * Two instances, each a link, a Responder and a transport on its own Redis connection. A holds
 * the socket and answers a slow request with its interim frame; then A dies (its socket and its
 * Redis connection cut, no lease given back). Measured: from A's death to the final frame of
 * that answer, sent by B on the callback's req_id.
 */
async function streamTakeover(wecom: WeComWsStandin, redis: Redis, run: number): Promise<number> {
  const log = createLogger('silent');
  const prefix = `bench-stream-${run}:`;
  const instance = (handler: MessageHandler) => {
    const own = redis.duplicate();
    own.on('error', () => undefined);
    const link = new LongConnection({
      botId: BOT,
      secret: SECRET,
      wsUrl: wecom.url,
      redis: own,
      log,
      leaseMs: 3_000,
      heartbeatMs: 1_000,
      leasePrefix: prefix,
    });
    const responder = new Responder({ redis: own, log, handler });
    const pusher = new ChatPusher({ client: () => link.client, gate: new LocalRateGate() });
    const streams = new OpenStreams(own, BOT, { prefix: `${prefix}streams:` });
    const transport = new WsTransport({ link, responder, pusher, streams, log });
    return { own, link, responder, transport };
  };
  const slow =
    (later: Promise<string>): MessageHandler =>
    async () => ({
      kind: 'markdown',
      content: '正在生成草稿……',
      later,
    });
  const a = instance(slow(new Promise<string>(() => undefined))); // dies before it is done
  a.link.start();
  await until(() => a.link.isUp(), 10_000);
  const b = instance(slow(Promise.resolve('草稿第1版已生成')));
  b.link.start();
  await sleep(50);
  const msgid = `bench-slow-${run}-${Date.now()}`;
  await wecom.text(BOT, { userid: 'li', chattype: 'group', chatid: 'wr-bench' }, '生成草稿', msgid);
  await wecom.until(() => wecom.repliesToMsg(msgid).length > 0, 10_000, 'the interim frame');
  const t0 = performance.now();
  await a.link.stop({ keepLease: true });
  // Its renewals stop: the link's, the stream follower's and (the Responder has a connection of
  // its own) the turn owner's leases lapse.
  a.own.disconnect();
  await a.responder.close(0);
  await wecom.finalText(msgid, 40_000);
  const ms = performance.now() - t0;
  await b.transport.drain(1_000);
  await b.link.stop();
  await b.responder.close(1_000);
  b.own.disconnect();
  return ms;
}

const bench: Bench = { name: 'long-connection', run };
export default bench;
