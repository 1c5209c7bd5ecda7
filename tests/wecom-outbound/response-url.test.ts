import { describe, expect, it } from 'vitest';
import {
  ResponseUrlRefusedError,
  ResponseUrlClient,
  WeComApiError,
  WeComHttp,
  WeComPayloadError,
} from '../../src/wecom/outbound/index.js';
import type { ResponseUrlSender } from '../../src/wecom/response-url.js';
import { useWeComStandin, VirtualClock } from '../support/wecom-standin.js';

const standin = useWeComStandin();

function sender(clock = new VirtualClock()) {
  const http = new WeComHttp({
    sleep: clock.sleep,
    retry: { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 400, jitter: 0 },
  });
  return new ResponseUrlClient({ apiBase: standin.current.baseUrl, http });
}

describe('ResponseUrlClient against the stand-in', () => {
  it('plugs into the callback router as its ResponseUrlSender', async () => {
    const port: ResponseUrlSender = sender();
    const url = standin.current.mintResponseUrl();
    await port.send(url, { msgtype: 'markdown', markdown: { content: '慢任务完成' } });
    expect(standin.current.responseMessages(url)).toEqual([
      { msgtype: 'markdown', markdown: { content: '慢任务完成' } },
    ]);
  });

  it('posts a markdown message in the documented shape', async () => {
    const url = standin.current.mintResponseUrl();
    await sender().sendMarkdown(url, '**进度**：已完成 3/8 节');
    expect(standin.current.responseMessages(url)).toEqual([
      { msgtype: 'markdown', markdown: { content: '**进度**：已完成 3/8 节' } },
    ]);
  });

  it('posts a template card for a single chat', async () => {
    const url = standin.current.mintResponseUrl({ chattype: 'single' });
    const card = { card_type: 'text_notice', main_title: { title: '草稿已生成' } };
    await sender().sendTemplateCard(url, card);
    expect(standin.current.responseMessages(url)).toEqual([
      { msgtype: 'template_card', template_card: card },
    ]);
  });

  it('uses each URL once: a second call fails fast without reaching WeCom', async () => {
    const url = standin.current.mintResponseUrl();
    const s = sender();
    await s.sendMarkdown(url, '第一次');
    const before = standin.current.requestsTo('aibot/response').length;
    await expect(s.sendMarkdown(url, '第二次')).rejects.toMatchObject({
      name: 'ResponseUrlRefusedError',
      problem: 'spent',
    });
    expect(standin.current.requestsTo('aibot/response')).toHaveLength(before);
    expect(standin.current.responseMessages(url)).toHaveLength(1);
  });

  it('gets WeCom’s refusal when another sender already used the URL', async () => {
    const url = standin.current.mintResponseUrl();
    await sender().sendMarkdown(url, '实例一');
    const err = await sender()
      .sendMarkdown(url, '实例二')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComApiError);
    expect((err as WeComApiError).errcode).toBe(40058);
    expect(standin.current.responseMessages(url)).toHaveLength(1);
  });

  it('refuses markdown over 20,480 bytes before calling', async () => {
    const url = standin.current.mintResponseUrl();
    const before = standin.current.requests.length;
    const tooLong = '法'.repeat(6_827); // 3 bytes each: 20,481 bytes
    await expect(sender().sendMarkdown(url, tooLong)).rejects.toBeInstanceOf(WeComPayloadError);
    expect(standin.current.requests).toHaveLength(before);
    // The URL is still usable afterwards.
    await sender().sendMarkdown(url, '法'.repeat(6_826));
    expect(standin.current.responseMessages(url)).toHaveLength(1);
  });

  it('refuses a URL on another host', async () => {
    await expect(
      sender().sendMarkdown('https://example.com/cgi-bin/aibot/response?response_code=x', 'hi'),
    ).rejects.toBeInstanceOf(ResponseUrlRefusedError);
  });

  it('retries errcode -1 and then delivers', async () => {
    const clock = new VirtualClock();
    const url = standin.current.mintResponseUrl();
    standin.current.failNext('aibot/response', -1);
    await sender(clock).sendMarkdown(url, '重试后送达');
    expect(clock.sleeps).toEqual([100]);
    expect(standin.current.responseMessages(url)).toEqual([
      { msgtype: 'markdown', markdown: { content: '重试后送达' } },
    ]);
  });

  it('rejects a template card for a group message (WeCom allows cards only in single chats)', async () => {
    const url = standin.current.mintResponseUrl({ chattype: 'group' });
    await expect(
      sender().sendTemplateCard(url, { card_type: 'text_notice' }),
    ).rejects.toMatchObject({ name: 'WeComApiError', errcode: 40058 });
  });
});

describe('response_url validity in the stand-in', () => {
  it('expires after an hour', async () => {
    const clock = new VirtualClock();
    const { WeComStandin } = await import('../support/wecom-standin.js');
    const own = await WeComStandin.start({ now: clock.now });
    try {
      const url = own.mintResponseUrl();
      clock.advance(3_600_001);
      const http = new WeComHttp({
        retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, jitter: 0 },
      });
      const s = new ResponseUrlClient({ apiBase: own.baseUrl, http });
      await expect(s.sendMarkdown(url, '太晚了')).rejects.toMatchObject({
        errcode: 40058,
        errmsg: expect.stringContaining('expired'),
      });
      expect(own.responseMessages()).toEqual([]);
    } finally {
      await own.close();
    }
  });
});
