import { describe, expect, it } from 'vitest';
import { useWsBot } from '../support/ws-bot.js';

/**
 * Issue #14 over the long connection: the socket takes no `msg_item`, so the chart under `进度`
 * goes into the chat as an image message (uploaded as type image, then aibot_send_msg) right
 * after the text; every frame the stand-in got was accepted.
 */
const h = useWsBot('e2e-ws-charts');
const group = (userid: string) => ({ userid, chattype: 'group' as const, chatid: 'wr-charts' });

async function eventually<T>(find: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('charts over the long connection', () => {
  it('sends the 进度 chart as an image message after the text', async () => {
    const { say, wecom } = h.current;
    expect(
      await say(group('admin'), '新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26'),
    ).toMatch(/已新建/);
    expect(await say(group('admin'), '进度')).toMatch(/截止/);
    const image = await eventually(
      () =>
        wecom.pushed('wr-charts').find((m) => m.msgtype === 'image') as
          { image: { media_id: string } } | undefined,
      'the chart image',
    );
    const media = wecom.media.get(image.image.media_id);
    expect(media?.type).toBe('image');
    expect(media?.data.subarray(1, 4).toString('latin1')).toBe('PNG');
    const refused = wecom.received.filter((f) => f.errcode !== undefined && f.errcode !== 0);
    expect(refused).toEqual([]);
  }, 120_000);
});
