import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  fileMessage,
  markdownMessage,
  markdownV2Message,
  textMessage,
  WebhookClient,
  WeComApiError,
  WeComHttp,
  WeComNetworkError,
  WeComPayloadError,
  type WebhookMessage,
} from '../../src/wecom/outbound/index.js';
import { useWeComStandin, VirtualClock } from '../support/wecom-standin.js';

const standin = useWeComStandin();

function client(clock = new VirtualClock(), options: { timeoutMs?: number; base?: string } = {}) {
  const http = new WeComHttp({
    sleep: clock.sleep,
    timeoutMs: options.timeoutMs ?? 5_000,
    retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000, jitter: 0 },
  });
  return new WebhookClient({ apiBase: options.base ?? standin.current.baseUrl, http });
}

describe('WebhookClient.send: message shapes', () => {
  it('sends text with mentioned_list', async () => {
    const key = standin.current.registerKey();
    await client().send(key, textMessage('请尽快填写“矛盾纠纷化解”', ['zhangsan', 'lisi']));
    expect(standin.current.webhookMessages(key)).toEqual([
      {
        msgtype: 'text',
        text: { content: '请尽快填写“矛盾纠纷化解”', mentioned_list: ['zhangsan', 'lisi'] },
      },
    ]);
  });

  it('sends markdown and markdown_v2', async () => {
    const key = standin.current.registerKey();
    await client().send(key, markdownMessage('## 进度\n<@zhangsan> 还差 **2** 节'));
    await client().send(
      key,
      markdownV2Message('| 章节 | 状态 |\n| --- | --- |\n| 一(三) | 已完成 |'),
    );
    expect(standin.current.webhookMessages(key).map((m) => m.msgtype)).toEqual([
      'markdown',
      'markdown_v2',
    ]);
  });

  it('uploads a file (multipart field "media") and sends it as a file message', async () => {
    const key = standin.current.registerKey();
    const data = new TextEncoder().encode('2025年法治政府建设情况报告（草稿）');
    const media = await client().uploadFile(key, {
      filename: '青石镇2025年法治政府建设情况报告.docx',
      data,
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    expect(media.mediaId).not.toBe('');
    expect(media.createdAt).toBeGreaterThan(0);
    const [upload] = standin.current.uploads(key);
    expect(upload?.filename).toBe('青石镇2025年法治政府建设情况报告.docx');
    expect(upload?.data.equals(Buffer.from(data))).toBe(true);
    await client().send(key, fileMessage(media.mediaId));
    expect(standin.current.webhookMessages(key)).toEqual([
      { msgtype: 'file', file: { media_id: media.mediaId } },
    ]);
  });

  it('refuses files of 5 bytes or fewer and over 20 MB before uploading', async () => {
    const key = standin.current.registerKey();
    const c = client();
    await expect(
      c.uploadFile(key, { filename: 'a.txt', data: new Uint8Array(5) }),
    ).rejects.toBeInstanceOf(WeComPayloadError);
    await expect(
      c.uploadFile(key, { filename: 'a.bin', data: new Uint8Array(20 * 1024 * 1024 + 1) }),
    ).rejects.toBeInstanceOf(WeComPayloadError);
    expect(standin.current.requestsTo('webhook/upload_media', key)).toEqual([]);
  });

  it.each<[string, WebhookMessage]>([
    ['text over 2,048 bytes', textMessage('报'.repeat(683))],
    ['markdown over 4,096 bytes', markdownMessage('x'.repeat(4_097))],
    ['empty text', textMessage('  ')],
    [
      'a mentioned_list that is not a list of strings',
      {
        msgtype: 'text',
        text: { content: 'hi', mentioned_list: 'zhangsan' as unknown as string[] },
      },
    ],
  ])('refuses %s before sending', async (_label, message) => {
    const key = standin.current.registerKey();
    await expect(client().send(key, message)).rejects.toBeInstanceOf(WeComPayloadError);
    expect(standin.current.requestsTo('webhook/send', key)).toEqual([]);
  });
});

describe('WebhookClient: errcodes and network failures', () => {
  it('turns an errcode answered with HTTP 200 into WeComApiError without retrying', async () => {
    const key = standin.current.registerKey();
    standin.current.removeKey(key);
    const clock = new VirtualClock();
    const err = await client(clock)
      .send(key, textMessage('你好'))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComApiError);
    expect(err).toMatchObject({ errcode: 93000, endpoint: 'webhook/send' });
    expect((err as Error).message).not.toContain(key);
    expect(clock.sleeps).toEqual([]);
  });

  it('retries errcode -1 with growing backoff, then succeeds', async () => {
    const key = standin.current.registerKey();
    standin.current.failNext('webhook/send', -1, 2);
    const clock = new VirtualClock();
    await client(clock).send(key, textMessage('第三次才成功'));
    expect(clock.sleeps).toEqual([100, 200]);
    expect(standin.current.requestsTo('webhook/send', key).map((r) => r.errcode)).toEqual([
      -1, -1, 0,
    ]);
  });

  it('gives up on errcode -1 after a bounded number of retries', async () => {
    const key = standin.current.registerKey();
    // One first attempt and three retries: all busy.
    standin.current.failNext('webhook/send', -1, 4);
    const clock = new VirtualClock();
    await expect(client(clock).send(key, textMessage('忙'))).rejects.toMatchObject({
      name: 'WeComApiError',
      errcode: -1,
    });
    expect(standin.current.requestsTo('webhook/send', key)).toHaveLength(4);
    expect(clock.sleeps).toEqual([100, 200, 400]);
  });

  it('does not repeat a send whose connection dropped mid-request (it may have arrived)', async () => {
    const key = standin.current.registerKey();
    standin.current.failNext('webhook/send', 'drop');
    const clock = new VirtualClock();
    const err = await client(clock)
      .send(key, textMessage('可能已送达'))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComNetworkError);
    expect(err).toMatchObject({ failure: 'connection', attempts: 1, maybeDelivered: true });
    expect(standin.current.requestsTo('webhook/send', key).map((r) => r.outcome)).toEqual([
      'dropped',
    ]);
    expect(clock.sleeps).toEqual([]);
  });

  it('retries an upload whose connection dropped (uploading twice is harmless)', async () => {
    const key = standin.current.registerKey();
    standin.current.failNext('webhook/upload_media', 'drop');
    const clock = new VirtualClock();
    const media = await client(clock).uploadFile(key, {
      filename: 'a.docx',
      data: new Uint8Array(64),
    });
    expect(clock.sleeps).toEqual([100]);
    expect(standin.current.uploads(key).map((u) => u.mediaId)).toEqual([media.mediaId]);
  });

  it('reports an unreachable host as WeComNetworkError after the retries', async () => {
    const port = await closedPort();
    const clock = new VirtualClock();
    const err = await client(clock, { base: `http://127.0.0.1:${port}` })
      .send('somekey123', textMessage('无人接听'))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComNetworkError);
    // A refused connection never reached WeCom, so even a send is retried.
    expect(err).toMatchObject({
      failure: 'connection',
      detail: 'ECONNREFUSED',
      attempts: 4,
      maybeDelivered: false,
    });
    expect(err).not.toBeInstanceOf(WeComApiError);
  });

  it('times out a request that gets no answer', async () => {
    const key = standin.current.registerKey();
    standin.current.failNext('webhook/send', 'stall');
    const err = await client(new VirtualClock(), { timeoutMs: 150 })
      .send(key, textMessage('等不到回答'))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'WeComNetworkError', failure: 'timeout', attempts: 1 });
    expect(standin.current.requestsTo('webhook/send', key).map((r) => r.outcome)).toEqual([
      'stalled',
    ]);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
