import { describe, expect, it } from 'vitest';
import { useBot } from '../support/bot-app.js';

/**
 * A group's push robot removed (WeCom answers 93000): the bot does not retry forever; it says the
 * reminder was not sent and tells the org's admin, with the next answer, how to set a new one.
 */
const h = useBot('e2e-broken-hook');
const group = (userid: string) => ({ userid, chattype: 'group' as const, chatid: 'wr-broken' });

describe('a broken group webhook', () => {
  it('is reported to the admin instead of being retried', async () => {
    const { say, wecom } = h.current;
    const key = wecom.registerKey();
    await say(group('admin'), '新建 石桥镇 2026年度法治政府建设情况报告 截止 2027-02-26');
    await say(group('admin'), `设置推送 ${wecom.webhookUrl(key)}`);
    wecom.removeKey(key);

    expect(await say(group('admin'), '立即提醒')).toMatch(/提醒没有发出去/);
    const attempts = wecom.requestsTo('webhook/send', key).length;
    expect(attempts).toBe(1);

    const next = await say(group('admin'), '进度');
    expect(next).toMatch(/推送机器人已失效（企业微信错误码 93000）/);
    expect(next).toMatch(/设置推送/);
    expect(next).not.toContain(key);
    // Shown once: the notice is not repeated with every answer.
    expect(await say(group('admin'), '进度')).not.toMatch(/已失效/);
    // Officials are not burdened with it.
    expect(await say(group('li'), '进度')).not.toMatch(/已失效/);
  }, 60_000);
});
