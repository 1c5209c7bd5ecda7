import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StreamPayload } from '../../src/wecom/replies.js';
import { useBot } from '../support/bot-app.js';

/**
 * Issue #14: the progress chart as an image beside the text. `进度` and `汇总` in a group and the
 * county views finish their stream with one PNG in `msg_item` (the callback client refuses any
 * reply WeCom would not take: images before the finish, a wrong md5, not PNG/JPG); the text
 * stays whole for those who cannot see images. `进度` in a single chat stays text only.
 */
const h = useBot('e2e-charts');
const group = (chatid: string) => (userid: string) => ({
  userid,
  chattype: 'group' as const,
  chatid,
});
const east = group('ch-east');
const county = group('ch-county');

/** The one PNG of a finished answer, with its width and height read from the IHDR chunk. */
function onlyPng(frame: StreamPayload): { bytes: Buffer; width: number; height: number } {
  expect(frame.finish).toBe(true);
  expect(frame.msg_item).toHaveLength(1);
  const image = frame.msg_item![0]!.image;
  const bytes = Buffer.from(image.base64, 'base64');
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(createHash('md5').update(bytes).digest('hex')).toBe(image.md5);
  return { bytes, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('charts in the chat', () => {
  it('进度 and 汇总 in a group carry the chart beside the text; a single chat gets text', async () => {
    const { say, ask } = h.current;
    expect(
      await say(east('ea'), '新建 东岭镇 2026年度法治政府建设情况报告 截止 2027-02-26'),
    ).toMatch(/已新建/);
    const progress = await ask(east('ea'), '进度');
    expect(progress.content).toMatch(/截止/);
    const png = onlyPng(progress);
    // Wide enough for a phone to show the section labels legibly.
    expect(png.width).toBeGreaterThanOrEqual(600);

    const single = await ask({ userid: 'ea' }, '进度');
    expect(single.content).toMatch(/截止/);
    expect(single.msg_item).toBeUndefined();

    const summary = await ask(east('ea'), '汇总');
    expect(summary.content).toMatch(/东岭镇/);
    expect(summary.content).toMatch(/\/dash\//);
    onlyPng(summary);
  }, 120_000);

  it('全县进度 and 全县汇总 carry the county chart and the dashboard link', async () => {
    const { say, ask } = h.current;
    expect(await say(county('xian'), '新建县级单位 青山县依法治县办')).toMatch(/青山县/);
    const code = /加入 ([A-Z0-9]{8})/.exec(await say(county('xian'), '邀请码'))?.[1];
    expect(code).toBeDefined();
    expect(await say(east('ea'), `加入 ${code}`)).toMatch(/已加入/);
    for (const text of ['全县进度', '全县汇总']) {
      const frame = await ask(county('xian'), text);
      expect(frame.content).toMatch(/青山县依法治县办·全县/);
      expect(frame.content).toMatch(/\/dash\//);
      const png = onlyPng(frame);
      expect(png.width).toBeGreaterThanOrEqual(600);
    }
  }, 120_000);
});
