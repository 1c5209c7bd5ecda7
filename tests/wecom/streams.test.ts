import { createServer, type IncomingMessage as HttpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responderTexts } from '../../src/bot/texts/responder.js';
import type { StreamReply } from '../../src/wecom/replies.js';
import { FetchResponseUrlSender, ResponseUrlError } from '../../src/wecom/response-url.js';
import { MessageDedup } from '../../src/bot/responder/dedup.js';
import { StreamRegistry } from '../../src/bot/responder/streams.js';
import { useStores } from '../support/stores.js';
import {
  gate,
  recordingHandler,
  startBot,
  until,
  type BotUnderTest,
  type Gate,
} from './harness.js';

const stores = useStores('wecomstreams');

/** A short stream budget stands in for WeCom's 5.5 minutes. */
const BUDGET_MS = 2_000;

/** A stand-in for WeCom's response_url endpoint: records POSTs, answers as configured. */
interface ResponseUrlServer {
  readonly url: string;
  readonly received: Array<{ path: string; body: unknown }>;
  answer: { status: number; body: string } | 'hang';
  close(): Promise<void>;
}

async function responseUrlServer(): Promise<ResponseUrlServer> {
  const received: ResponseUrlServer['received'] = [];
  const state = {
    answer: { status: 200, body: '{"errcode":0,"errmsg":"ok"}' } as ResponseUrlServer['answer'],
  };
  const server: Server = createServer((req: HttpRequest, res) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(data) as unknown });
      const a = state.answer;
      if (a === 'hang') return;
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/cgi-bin/aibot/response?response_code=RC123`,
    received,
    get answer() {
      return state.answer;
    },
    set answer(a) {
      state.answer = a;
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

describe('slow work', () => {
  const pending = new Map<string, { gate: Gate; result: () => Promise<string> }>();
  const recorder = recordingHandler(async (msg) => {
    if (msg.type !== 'text') return { kind: 'none' };
    const slow = pending.get(msg.text);
    if (slow) {
      return {
        kind: 'markdown',
        content: msg.text.startsWith('无') ? '' : '正在生成草稿……',
        later: slow.gate.promise.then(slow.result),
      };
    }
    if (msg.text === '出错') throw new Error('engine exploded at /srv/app/secret.ts:12');
    return { kind: 'markdown', content: `echo:${msg.text}` };
  });
  let bot: BotUnderTest;
  let target: ResponseUrlServer;
  beforeAll(async () => {
    target = await responseUrlServer();
    bot = await startBot(stores, {
      handler: recorder.handler,
      timing: { replyWaitMs: 1_000, streamBudgetMs: BUDGET_MS },
    });
  });
  afterAll(async () => {
    await bot.close();
    await target.close();
  });

  const slow = (name: string, result: () => Promise<string>) => {
    const g = gate();
    pending.set(name, { gate: g, result });
    return g;
  };

  it('streams a placeholder, then the result when the work completes', async () => {
    const g = slow('草稿', async () => '# 草稿\n\n正文');
    const first = await bot.client.sendText({ userid: 'u1', text: '草稿' });
    const stream = (first.reply as StreamReply).stream;
    expect(stream).toMatchObject({ finish: false, content: '正在生成草稿……' });

    const mid = await bot.client.refresh(stream.id, { userid: 'u1' });
    expect((mid.reply as StreamReply).stream).toEqual(stream);

    g.open();
    const followed = await bot.client.followStream(first, { userid: 'u1' }, { intervalMs: 20 });
    expect(followed.finished).toBe(true);
    expect(followed.final).toEqual({ id: stream.id, finish: true, content: '# 草稿\n\n正文' });
    expect(followed.frames.every((f) => f.id === stream.id)).toBe(true);
  });

  it('keeps the turn owned until the slow result is in the stream, so a dead owner is taken over', async () => {
    const g = slow('慢汇总', async () => '汇总完成');
    const first = await bot.client.sendText({ userid: 'u-owned', text: '慢汇总' });
    expect((first.reply as StreamReply).stream.finish).toBe(false);
    const msgid = recorder.calls.find((c) => c.type === 'text' && c.text === '慢汇总')!.msgid;
    // The first reply went out, but the turn is neither done nor unowned: an owner dying now
    // leaves it to a takeover (a re-sent callback or a refresh), not to an open stream forever.
    const during = await new MessageDedup(stores.redis).get(msgid);
    expect(during?.done).not.toBe(true);
    expect(await stores.redis.exists(MessageDedup.ownerKey(msgid))).toBe(1);
    g.open();
    const followed = await bot.client.followStream(
      first,
      { userid: 'u-owned' },
      { intervalMs: 20 },
    );
    expect(followed.final?.content).toBe('汇总完成');
    await until(
      async () => (await new MessageDedup(stores.redis).get(msgid))?.done === true,
      'the turn recorded as done',
    );
    expect(await stores.redis.exists(MessageDedup.ownerKey(msgid))).toBe(0);
  });

  it('shows the standard placeholder when the handler gives no interim text', async () => {
    const g = slow('无提示', async () => '好了');
    const first = await bot.client.sendText({ userid: 'u1b', text: '无提示' });
    expect((first.reply as StreamReply).stream).toMatchObject({
      finish: false,
      content: responderTexts.placeholder,
    });
    g.open();
    const followed = await bot.client.followStream(first, { userid: 'u1b' }, { intervalMs: 20 });
    expect(followed.final?.content).toBe('好了');
  });

  it('finishes with an apology when the work fails, without the error’s words', async () => {
    const g = slow('坏草稿', async () => {
      throw new Error('docx renderer crashed at /srv/app/render.ts:99');
    });
    const first = await bot.client.sendText({ userid: 'u2', text: '坏草稿' });
    g.open();
    const followed = await bot.client.followStream(first, { userid: 'u2' }, { intervalMs: 20 });
    expect(followed.final).toMatchObject({ finish: true, content: responderTexts.error });
  });

  it('finishes with an apology when the handler throws', async () => {
    const first = await bot.client.sendText({ userid: 'u3', text: '出错' });
    const followed = await bot.client.followStream(first, { userid: 'u3' }, { intervalMs: 20 });
    expect(followed.final).toMatchObject({ finish: true, content: responderTexts.error });
    expect(JSON.stringify(followed.frames)).not.toContain('secret.ts');
  });

  it('past the stream budget, closes the stream with a note and sends the result to response_url', async () => {
    const g = slow('大报告', async () => '## 完整报告\n\n' + '内容'.repeat(100));
    const first = await bot.client.sendText({
      userid: 'u4',
      text: '大报告',
      responseUrl: target.url,
    });
    const followed = await bot.client.followStream(first, { userid: 'u4' }, { intervalMs: 50 });
    expect(followed.final).toMatchObject({
      finish: true,
      content: `正在生成草稿……\n\n${responderTexts.lateNote}`,
    });
    expect(target.received).toEqual([]);

    g.open();
    await until(() => target.received.length === 1, 'the response_url POST');
    expect(target.received[0]).toEqual({
      path: '/cgi-bin/aibot/response?response_code=RC123',
      body: { msgtype: 'markdown', markdown: { content: '## 完整报告\n\n' + '内容'.repeat(100) } },
    });
    // The stream stays as it was closed.
    const later = await bot.client.refresh(followed.final!.id, { userid: 'u4' });
    expect((later.reply as StreamReply).stream).toEqual(followed.final);
  });

  it('closes a stream whose instance died, when WeCom next refreshes it', async () => {
    const registry = new StreamRegistry(stores.redis);
    await registry.create({
      id: 'orphan-1',
      content: '写到一半',
      userid: 'u5',
      createdAt: Date.now() - BUDGET_MS - 30_000 - 1_000,
    });
    const res = await bot.client.refresh('orphan-1', { userid: 'u5' });
    expect((res.reply as StreamReply).stream).toEqual({
      id: 'orphan-1',
      finish: true,
      content: `写到一半\n\n${responderTexts.interrupted}`,
    });
  });
});

describe('StreamRegistry', () => {
  it('never changes a finished stream', async () => {
    const registry = new StreamRegistry(stores.redis);
    await registry.create({ id: 's1', content: 'a', userid: 'u', createdAt: 1 });
    expect(await registry.write('s1', 'b')).toBe(true);
    expect(await registry.finish('s1', 'c', { card: { card_type: 'text_notice' } })).toBe(true);
    expect(await registry.write('s1', 'd')).toBe(false);
    expect(await registry.finish('s1', 'e')).toBe(false);
    expect(await registry.get('s1')).toEqual({
      id: 's1',
      content: 'c',
      finished: true,
      userid: 'u',
      createdAt: 1,
      card: { card_type: 'text_notice' },
    });
    expect(await registry.claimCard('s1')).toBe(true);
    expect(await registry.claimCard('s1')).toBe(false);
    expect(await registry.finish('missing', 'x')).toBe(false);
    expect(await registry.get('missing')).toBeUndefined();
  });
});

describe('FetchResponseUrlSender', () => {
  let target: ResponseUrlServer;
  beforeAll(async () => {
    target = await responseUrlServer();
  });
  afterAll(() => target.close());
  const reply = { msgtype: 'markdown', markdown: { content: '你好' } } as const;

  const failure = async (p: Promise<void>) => {
    try {
      await p;
      return undefined;
    } catch (err) {
      expect(err).toBeInstanceOf(ResponseUrlError);
      expect((err as Error).message).not.toContain('RC123');
      return err as ResponseUrlError;
    }
  };

  it('POSTs the reply as JSON and accepts errcode 0', async () => {
    target.answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
    await new FetchResponseUrlSender().send(target.url, reply);
    expect(target.received.at(-1)?.body).toEqual(reply);
  });

  it('refuses a non-zero errcode that comes with HTTP 200', async () => {
    target.answer = { status: 200, body: '{"errcode":40008,"errmsg":"invalid message type"}' };
    const err = await failure(new FetchResponseUrlSender().send(target.url, reply));
    expect(err).toMatchObject({ kind: 'api', errcode: 40008 });
  });

  it('refuses an HTTP error and a non-JSON answer', async () => {
    target.answer = { status: 502, body: 'bad gateway' };
    expect(await failure(new FetchResponseUrlSender().send(target.url, reply))).toMatchObject({
      kind: 'http',
    });
    target.answer = { status: 200, body: '<html>' };
    expect(await failure(new FetchResponseUrlSender().send(target.url, reply))).toMatchObject({
      kind: 'api',
    });
  });

  it('gives up on an endpoint that never answers, after its timeout', async () => {
    target.answer = 'hang';
    const err = await failure(
      new FetchResponseUrlSender({ timeoutMs: 200 }).send(target.url, reply),
    );
    expect(err).toMatchObject({ kind: 'timeout' });
  });

  it('reports an endpoint it cannot reach as a network error', async () => {
    const err = await failure(
      new FetchResponseUrlSender().send(
        'http://127.0.0.1:1/cgi-bin/aibot/response?response_code=RC123',
        reply,
      ),
    );
    expect(err).toMatchObject({ kind: 'network' });
  });
});
