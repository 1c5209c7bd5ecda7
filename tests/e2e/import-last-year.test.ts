import { describe, expect, it } from 'vitest';
import {
  LAST_YEAR_PLANS,
  lastYearReportDocx,
  lastYearReportText,
} from '../support/last-year-report.js';
import { useBot } from '../support/bot-app.js';

/**
 * Issue #5's import over HTTP: last year's report pasted (or sent as a .docx) in single chat is
 * read into its parts, its plans are carried over, and filling this year's section asks how each
 * plan went. Files come as WeCom sends them: a file callback with a 5-minute link to the bytes,
 * encrypted with the bot's key, hosted on the WeCom stand-in.
 */
const h = useBot('e2e-import');
const group = { userid: 'chen', chattype: 'group' as const, chatid: 'wr-import' };
const single = { userid: 'chen', chattype: 'single' as const };

describe('importing last year’s report', () => {
  it('turns last year’s plans into this year’s questions', async () => {
    const { say } = h.current;
    await say(group, '新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26');

    expect(await say(group, `导入\n${lastYearReportText()}`)).toMatch(/单聊/);

    const imported = await say(single, `导入\n${lastYearReportText()}`);
    expect(imported).toMatch(/5\/5/);
    expect(imported).toMatch(/3 ?(项|条)/);

    let reply = await say(single, '填写 一(三)');
    const asked: string[] = [];
    for (let i = 0; i < 12 && !/已完成/.test(reply); i++) {
      if (/去年计划/.test(reply)) {
        asked.push(reply);
        reply = await say(single, '今年已实现重大决策合法性审查全覆盖');
      } else {
        reply = await say(
          single,
          /多少|几/.test(reply) ? '3' : /是否/.test(reply) ? '是' : '按要求开展',
        );
      }
    }
    expect(asked.length).toBeGreaterThan(0);
    expect(asked[0]).toMatch(/去年计划.*合法性审查/);
    expect(reply).toMatch(/已完成/);
  }, 120_000);
});

describe('importing last year’s report sent as a .docx', () => {
  it('downloads the file from its link and lists the three plans carried over', async () => {
    const { say, sendFile, wecom } = h.current;
    const group = { userid: 'zhou', chattype: 'group' as const, chatid: 'wr-import-file' };
    const single = { userid: 'zhou', chattype: 'single' as const };
    await say(group, '新建 白沙镇 2026年度法治政府建设情况报告 截止 2027-02-26');
    const docx = await lastYearReportDocx();

    const reply = await sendFile(single, docx, {
      filename: '白沙镇2025年法治政府建设情况报告.docx',
    });
    expect(reply).toMatch(/收到文件/);
    expect(reply).toMatch(/已读取去年的报告.*《青石镇2025年法治政府建设情况报告》/);
    expect(reply).toMatch(/5\/5/);
    expect(reply).toMatch(/3 条计划/);
    LAST_YEAR_PLANS.forEach((plan, i) => {
      expect(reply).toContain(`${i + 1}. ${plan.slice(0, 8)}`);
    });
    // The bot fetched the link once, while it was alive.
    expect(wecom.requestsTo('file').at(-1)?.errcode).toBe(0);

    // A link already dead when the bot gets to it (WeCom's last 5 minutes).
    const late = await sendFile(single, docx, { ttlMs: 0 });
    expect(late).toMatch(/文件链接已过期，请重新发送/);
    expect(wecom.requestsTo('file').at(-1)?.errcode).toBe(404);
  }, 60_000);
});
