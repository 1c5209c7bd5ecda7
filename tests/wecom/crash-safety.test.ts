import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageDedup } from '../../src/bot/responder/dedup.js';
import type { HandledMessage } from '../../src/bot/responder/handler.js';
import { StreamRegistry } from '../../src/bot/responder/streams.js';
import { UserQueue } from '../../src/bot/responder/user-queue.js';
import { responderTexts } from '../../src/bot/texts/responder.js';
import { createLogger } from '../../src/logger.js';
import { freePort } from '../../src/localstack/ports.js';
import { startRedis } from '../../src/localstack/redis.js';
import type { EmbeddedServer } from '../../src/localstack/ferretdb.js';
import { connectRedis } from '../../src/store/redis.js';
import { StoreUnavailableError } from '../../src/store/unavailable.js';
import type { StreamReply } from '../../src/wecom/replies.js';
import { useStores } from '../support/stores.js';
import { recordingHandler, startBot, until, type BotUnderTest } from './harness.js';

const stores = useStores('crashsafe');

const text = (userid: string, content: string, msgid: string) => ({
  msgid,
  chattype: 'single',
  from: { userid },
  msgtype: 'text',
  text: { content },
});
const streamOf = (r: { reply?: unknown }) => (r.reply as StreamReply).stream;

/**
 * What a bot that died mid-turn leaves in Redis: the claim and open stream, no live owner, and
 * (`queued`) its ticket in the user's queue, its lease still running (30 s).
 */
async function leaveOrphan(
  userid: string,
  content: string,
  msgid: string,
  queued = false,
): Promise<string> {
  const dedup = new MessageDedup(stores.redis);
  const ticket = queued
    ? new UserQueue(stores.redis, { leaseMs: 30_000 }).enter(userid).ticket
    : undefined;
  const streams = new StreamRegistry(stores.redis);
  const streamId = `orphan-${msgid}`;
  const msg: HandledMessage = {
    type: 'text',
    msgid,
    aibotid: 'simulated-aibot',
    chattype: 'single',
    from: { userid },
    text: content,
    rawText: content,
  };
  const opening = streams.opening({
    id: streamId,
    content: responderTexts.placeholder,
    userid,
    createdAt: Date.now(),
    msgid,
  });
  const claim = await dedup.claim(
    msgid,
    { streamId, msg, ...(ticket ? { ticket } : {}) },
    'the-dead-bot',
    opening,
  );
  expect(claim.kind).toBe('first');
  // Its lease runs out: nobody renews it any more.
  await stores.redis.del(MessageDedup.ownerKey(msgid));
  return streamId;
}

describe('a turn whose owner died', () => {
  const recorder = recordingHandler();
  const callsFor = (msgid: string) => recorder.calls.filter((c) => c.msgid === msgid).length;
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot(stores, { handler: recorder.handler, timing: { replyWaitMs: 1_000 } });
  });
  afterAll(() => bot.close());

  it('is taken over by the re-sent callback, which gets the real reply on the same stream (F1)', async () => {
    const streamId = await leaveOrphan('u-f1', '三月排查纠纷12起', 'f1-msgid');
    const res = await bot.client.send(text('u-f1', '三月排查纠纷12起', 'f1-msgid'));
    expect(res.status).toBe(200);
    expect(streamOf(res)).toMatchObject({
      id: streamId,
      finish: true,
      content: 'echo:三月排查纠纷12起',
    });
    expect(callsFor('f1-msgid')).toBe(1);
    // Any later repeat gets the recorded reply without running the turn again.
    const again = await bot.client.send(text('u-f1', '三月排查纠纷12起', 'f1-msgid'));
    expect(streamOf(again)).toMatchObject({ id: streamId, content: 'echo:三月排查纠纷12起' });
    expect(callsFor('f1-msgid')).toBe(1);
  });

  it("keeps the dead turn's place in the user's queue: the re-run goes first, not after its lease", async () => {
    const streamId = await leaveOrphan('u-queued', '调解纠纷9起', 'queued-msgid', true);
    const queue = new UserQueue(stores.redis);
    expect(await queue.depth('u-queued')).toBe(1);
    // The user's next message waits behind the dead turn, as it must.
    const next = bot.client.send(text('u-queued', '下一条', 'queued-next'));
    const res = await bot.client.send(text('u-queued', '调解纠纷9起', 'queued-msgid'));
    // Answered within the reply wait (1 s), though the dead ticket's lease has 30 s to run.
    expect(streamOf(res)).toMatchObject({
      id: streamId,
      finish: true,
      content: 'echo:调解纠纷9起',
    });
    const after = await bot.client.followStream(
      await next,
      { userid: 'u-queued' },
      { intervalMs: 50 },
    );
    expect(after.final).toMatchObject({ finish: true, content: 'echo:下一条' });
    const order = recorder.calls.map((c) => c.msgid).filter((id) => id.startsWith('queued-'));
    expect(order).toEqual(['queued-msgid', 'queued-next']);
    expect(await queue.depth('u-queued')).toBe(0);
  });

  it('is taken over by a stream refresh when WeCom only refreshes (the placeholder went out)', async () => {
    const streamId = await leaveOrphan('u-refresh', '普法活动20场', 'refresh-msgid');
    const first = await bot.client.refresh(streamId, { userid: 'u-refresh' });
    expect(first.status).toBe(200);
    const done = await bot.client.followStream(first, { userid: 'u-refresh' }, { intervalMs: 50 });
    expect(done.final).toMatchObject({ id: streamId, finish: true, content: 'echo:普法活动20场' });
    expect(callsFor('refresh-msgid')).toBe(1);
  });
});

describe('the sweep of open turns', () => {
  it('re-runs a turn whose owner died though WeCom never asks again, once', async () => {
    const recorder = recordingHandler();
    const bot = await startBot(stores, {
      handler: recorder.handler,
      timing: { sweepMs: 100, ownerLeaseMs: 300 },
    });
    try {
      const streamId = await leaveOrphan('u-sweep', '法治讲座6场', 'sweep-msgid', true);
      const streams = new StreamRegistry(stores.redis);
      await until(async () => (await streams.get(streamId))?.finished === true, 'stream finished');
      expect(await streams.get(streamId)).toMatchObject({ content: 'echo:法治讲座6场' });
      await until(
        async () => (await new MessageDedup(stores.redis).get('sweep-msgid'))?.done === true,
        'turn recorded done',
      );
      expect(await stores.redis.zscore(MessageDedup.OPEN_KEY, 'sweep-msgid')).toBeNull();
      // WeCom's late re-send gets the recorded reply; the turn is not run again.
      const late = await bot.client.send(text('u-sweep', '法治讲座6场', 'sweep-msgid'));
      expect(streamOf(late)).toMatchObject({ id: streamId, content: 'echo:法治讲座6场' });
      expect(recorder.calls.filter((c) => c.msgid === 'sweep-msgid')).toHaveLength(1);
    } finally {
      await bot.close();
    }
  });
});

describe('a store that is down', () => {
  it('retries a turn that failed on a store outage, and answers with the real reply', async () => {
    let failures = 1;
    const recorder = recordingHandler(() => {
      if (failures-- > 0) throw new StoreUnavailableError(new Error('connect ECONNREFUSED'));
      return { kind: 'markdown', content: '已记录：5次' };
    });
    const bot = await startBot(stores, { handler: recorder.handler });
    try {
      const res = await bot.client.send(text('u-retry', '5次', 'retry-msgid'));
      const done = await bot.client.followStream(res, { userid: 'u-retry' }, { intervalMs: 50 });
      expect(done.final).toMatchObject({ finish: true, content: '已记录：5次' });
      expect(recorder.calls).toHaveLength(2);
    } finally {
      await bot.close();
    }
  });

  it('stores an answer once when the store stayed down past the retry after a partial write and the user re-sends it', async () => {
    // A store of answers by op key (msgid:index), as the real one: a write under a key that is
    // there already changes nothing.
    const stored = new Map<string, string>();
    let down = true;
    const recorder = recordingHandler((msg) => {
      const words = msg.type === 'text' ? msg.text : '';
      if (!stored.has(`${msg.msgid}:0`)) stored.set(`${msg.msgid}:0`, words);
      // The dialog save after the write: the database went down in between.
      if (down) throw new StoreUnavailableError(new Error('connect ECONNREFUSED'));
      return { kind: 'markdown', content: `已记录：${words}` };
    });
    const bot = await startBot(stores, {
      handler: recorder.handler,
      timing: { storeRetryMs: 300, replyWaitMs: 3_000 },
    });
    const user = { userid: 'u-partial' };
    const say = async (words: string, msgid: string) => {
      const res = await bot.client.send(text(user.userid, words, msgid));
      return (await bot.client.followStream(res, user, { intervalMs: 50 })).final;
    };
    try {
      expect(await say('排查纠纷12起', 'partial-1')).toMatchObject({
        content: responderTexts.recovering,
      });
      expect([...stored.values()]).toEqual(['排查纠纷12起']);
      down = false;
      // "请稍后重发这条消息": the same words, a new msgid. It runs under the first one's op key.
      expect(await say('排查纠纷12起', 'partial-2')).toMatchObject({
        finish: true,
        content: '已记录：排查纠纷12起',
      });
      expect([...stored.values()]).toEqual(['排查纠纷12起']);
      expect(recorder.calls.at(-1)?.msgid).toBe('partial-1');
      // The same words once more, after the re-send was answered: a message of its own.
      await say('排查纠纷12起', 'partial-3');
      expect(recorder.calls.at(-1)?.msgid).toBe('partial-3');
      expect(stored.size).toBe(2);

      // After a "recovering" reply the user says something else first: nothing is mapped.
      down = true;
      expect(await say('调解9起', 'partial-4')).toMatchObject({
        content: responderTexts.recovering,
      });
      down = false;
      await say('进度', 'partial-5');
      await say('调解9起', 'partial-6');
      expect(recorder.calls.at(-1)?.msgid).toBe('partial-6');
    } finally {
      await bot.close();
    }
  });

  describe('Redis gone', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'crash-redis-'));
    let server: EmbeddedServer;
    afterAll(async () => {
      await server?.server.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('answers 200 with a "send it again" reply, runs nothing, and works again once Redis is back', async () => {
      server = await startRedis(dir, createLogger('silent'), await freePort());
      const redis = await connectRedis(server.url);
      const recorder = recordingHandler();
      const bot = await startBot({ ...stores, redis }, { handler: recorder.handler });
      try {
        await server.server.stop();
        const res = await bot.client.send(text('u-down', '8起', 'down-msgid'));
        expect(res.status).toBe(200);
        expect(streamOf(res)).toMatchObject({ finish: true, content: responderTexts.recovering });
        expect(recorder.calls).toHaveLength(0);

        server = await startRedis(dir, createLogger('silent'), server.port!);
        await until(async () => (await redis.ping().catch(() => '')) === 'PONG', 'Redis back');
        const again = await bot.client.send(text('u-down', '8起', 'down-msgid-2'));
        expect(streamOf(again)).toMatchObject({ finish: true, content: 'echo:8起' });
      } finally {
        await bot.close();
        redis.disconnect();
      }
    }, 60_000);
  });
});
