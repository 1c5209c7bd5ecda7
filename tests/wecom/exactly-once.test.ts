import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responderTexts } from '../../src/bot/texts/responder.js';
import type { StreamReply } from '../../src/wecom/replies.js';
import { QueueWaitError, UserQueue } from '../../src/bot/responder/user-queue.js';
import { connectRedis } from '../../src/store/redis.js';
import { useStores } from '../support/stores.js';
import {
  gate,
  recordingHandler,
  startBot,
  until,
  type BotUnderTest,
  type Gate,
} from './harness.js';

const stores = useStores('wecomonce');

const text = (userid: string, content: string, msgid?: string) => ({
  ...(msgid ? { msgid } : {}),
  chattype: 'single',
  from: { userid },
  msgtype: 'text',
  text: { content },
});

const streamOf = (r: { reply?: unknown }) => (r.reply as StreamReply).stream;

describe('duplicate callbacks', () => {
  const gates = new Map<string, Gate>();
  const recorder = recordingHandler(async (msg) => {
    const g = msg.type === 'text' ? gates.get(msg.text) : undefined;
    if (g) await g.promise;
    if (msg.type === 'enter_chat') return { kind: 'welcome', text: `欢迎 ${msg.msgid}` };
    return { kind: 'markdown', content: `echo:${msg.type === 'text' ? msg.text : msg.type}` };
  });
  const callsFor = (msgid: string) => recorder.calls.filter((c) => c.msgid === msgid).length;
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot(stores, { handler: recorder.handler, timing: { replyWaitMs: 1_000 } });
  });
  afterAll(() => bot.close());

  it('answers a re-sent message with the same stream and runs the handler once', async () => {
    const first = await bot.client.send(text('u-dup', '第一条', 'dup-1'));
    const done = await bot.client.followStream(first, { userid: 'u-dup' }, { intervalMs: 20 });
    // WeCom's retry: same payload, new nonce and signature.
    const again = await bot.client.send(text('u-dup', '第一条', 'dup-1'));
    expect(streamOf(again)).toEqual(done.final);
    expect(streamOf(again)).toMatchObject({ finish: true, content: 'echo:第一条' });
    expect(callsFor('dup-1')).toBe(1);
  });

  it('answers a repeat that arrives while the first is still running with the same stream', async () => {
    const g = gate();
    gates.set('慢', g);
    const firstP = bot.client.send(text('u-slow', '慢', 'dup-2'));
    await until(() => callsFor('dup-2') === 1, 'the first arrival to reach the handler');
    const repeat = await bot.client.send(text('u-slow', '慢', 'dup-2'));
    expect(streamOf(repeat)).toMatchObject({ finish: false, content: responderTexts.placeholder });
    const first = await firstP;
    expect(streamOf(first).id).toBe(streamOf(repeat).id);
    g.open();
    const followed = await bot.client.followStream(
      repeat,
      { userid: 'u-slow' },
      { intervalMs: 20 },
    );
    expect(followed.final).toMatchObject({
      id: streamOf(first).id,
      finish: true,
      content: 'echo:慢',
    });
    expect(callsFor('dup-2')).toBe(1);
  });

  it('gives eight simultaneous copies one stream id and one handler call', async () => {
    const copies = await Promise.all(
      Array.from({ length: 8 }, () => bot.client.send(text('u-burst', '并发', 'dup-3'))),
    );
    const ids = new Set(copies.map((c) => streamOf(c).id));
    expect(ids.size).toBe(1);
    expect(callsFor('dup-3')).toBe(1);
    const followed = await bot.client.followStream(
      copies[0]!,
      { userid: 'u-burst' },
      { intervalMs: 20 },
    );
    expect(followed.final?.content).toBe('echo:并发');
  });

  it('answers a re-sent event with the same reply and runs the handler once', async () => {
    const payload = {
      msgid: 'dup-4',
      chattype: 'single',
      from: { userid: 'u-evt' },
      msgtype: 'event',
      event: { eventtype: 'enter_chat' },
    };
    const [a, b] = await Promise.all([bot.client.send(payload), bot.client.send(payload)]);
    const c = await bot.client.send(payload);
    expect(a.reply).toEqual({ msgtype: 'text', text: { content: '欢迎 dup-4' } });
    expect(b.reply).toEqual(a.reply);
    expect(c.reply).toEqual(a.reply);
    expect(callsFor('dup-4')).toBe(1);
  });
});

describe('one user’s turns', () => {
  const order: string[] = [];
  /** zhang's turns running right now. */
  let active = 0;
  let maxActive = 0;
  const first = gate();
  const recorder = recordingHandler(async (msg) => {
    const words = msg.type === 'text' ? msg.text : msg.type;
    const zhang = msg.from.userid === 'zhang';
    if (zhang) active++;
    maxActive = Math.max(maxActive, active);
    order.push(words);
    if (words === '一') await first.promise;
    // Yield a few times so an overlapping turn would show.
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    if (zhang) active--;
    return { kind: 'markdown', content: `done:${words}` };
  });
  let bot: BotUnderTest;
  const queue = () => new UserQueue(stores.redis);
  beforeAll(async () => {
    bot = await startBot(stores, { handler: recorder.handler, timing: { replyWaitMs: 200 } });
  });
  afterAll(() => bot.close());

  it('run one at a time, in arrival order, without holding up other users', async () => {
    const sent = [bot.client.sendText({ userid: 'zhang', text: '一' })];
    await until(() => order.length === 1, 'the first turn to start');
    sent.push(bot.client.sendText({ userid: 'zhang', text: '二' }));
    await until(async () => (await queue().depth('zhang')) === 2, 'the second turn to queue');
    sent.push(bot.client.sendText({ userid: 'zhang', text: '三' }));
    await until(async () => (await queue().depth('zhang')) === 3, 'the third turn to queue');

    // Someone else's turn runs while zhang's first turn is held.
    const other = await bot.client.sendText({ userid: 'li', text: '别人' });
    const otherFinal = await bot.client.followStream(other, { userid: 'li' }, { intervalMs: 20 });
    expect(otherFinal.final).toMatchObject({ finish: true, content: 'done:别人' });
    expect(order).toEqual(['一', '别人']);

    first.open();
    const replies = await Promise.all(sent);
    const finals = await Promise.all(
      replies.map((r) => bot.client.followStream(r, { userid: 'zhang' }, { intervalMs: 20 })),
    );
    expect(finals.map((f) => f.final?.content)).toEqual(['done:一', 'done:二', 'done:三']);
    expect(order).toEqual(['一', '别人', '二', '三']);
    expect(maxActive).toBe(1);
    expect(await queue().depth('zhang')).toBe(0);
  });
});

describe('UserQueue across instances', () => {
  it('lets one turn run at a time across two instances, in enqueue order', async () => {
    const other = await connectRedis(stores.redisUrl, { keyPrefix: stores.keyPrefix });
    try {
      const a = new UserQueue(stores.redis, { pollMaxMs: 20 });
      const b = new UserQueue(other, { pollMaxMs: 20 });
      const ran: string[] = [];
      let active = 0;
      let maxActive = 0;
      const work = (name: string, wait?: Promise<void>) => async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        ran.push(name);
        if (wait) await wait;
        await new Promise((r) => setTimeout(r, 2));
        active--;
        return name;
      };
      const g = gate();
      const runs = [a.run('u1', work('a1', g.promise))];
      await until(() => ran.length === 1, 'a1 to start');
      const names = ['b1', 'a2', 'b2', 'a3', 'b3'];
      for (const [i, name] of names.entries()) {
        runs.push((name.startsWith('a') ? a : b).run('u1', work(name)));
        await until(async () => (await a.depth('u1')) === i + 2, `${name} to queue`);
      }
      g.open();
      expect(await Promise.all(runs)).toEqual(['a1', ...names]);
      expect(ran).toEqual(['a1', ...names]);
      expect(maxActive).toBe(1);
    } finally {
      other.disconnect();
    }
  });

  it('drops a crashed instance’s turn once its lease runs out', async () => {
    const doomed = await connectRedis(stores.redisUrl, { keyPrefix: stores.keyPrefix });
    const crashed = new UserQueue(doomed, { leaseMs: 300 });
    const survivor = new UserQueue(stores.redis, { leaseMs: 300, pollMaxMs: 20 });
    const never = gate();
    let started = false;
    void crashed
      .run('u2', async () => {
        started = true;
        await never.promise;
      })
      .catch(() => undefined);
    await until(() => started, 'the doomed turn to start');
    doomed.disconnect(); // the instance dies: no renewals, no release
    const result = await survivor.run('u2', async () => 'next turn ran');
    expect(result).toBe('next turn ran');
    expect(await survivor.depth('u2')).toBe(0);
    never.open();
  });

  it('gives up on a turn that waits longer than maxWaitMs, and leaves the queue clean', async () => {
    const q = new UserQueue(stores.redis, { maxWaitMs: 100, pollMaxMs: 20 });
    const g = gate();
    const holder = q.run('u3', () => g.promise);
    await until(async () => (await q.depth('u3')) === 1, 'the holder to queue');
    await expect(q.run('u3', async () => 'never')).rejects.toBeInstanceOf(QueueWaitError);
    expect(await q.depth('u3')).toBe(1);
    g.open();
    await holder;
    expect(await q.depth('u3')).toBe(0);
  });

  it('releases the place when the work throws', async () => {
    const q = new UserQueue(stores.redis);
    await expect(
      q.run('u4', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await q.run('u4', async () => 'after')).toBe('after');
  });
});
