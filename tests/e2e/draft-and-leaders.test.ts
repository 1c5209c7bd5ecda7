import { describe, expect, it } from 'vitest';
import { useBot } from '../support/bot-app.js';

/**
 * Issues #5 and #6 end to end over HTTP: a draft with its signed link and the .docx pushed to the
 * group, the draft history, the checker in chat, a leader's summary (and a refusal for others),
 * the reminder plan, and 立即提醒 naming exactly the people who still owe sections.
 */
const h = useBot('e2e-draft');
const group = (userid: string) => ({ userid, chattype: 'group' as const, chatid: 'wr-baihe' });

describe('drafts, summaries and reminders in a group', () => {
  it('serves the whole flow a township goes through', async () => {
    const { say, wecom } = h.current;
    const key = wecom.registerKey();
    expect(
      await say(group('admin'), '新建 白河镇 2026年度法治政府建设情况报告 截止 2027-02-26'),
    ).toMatch(/已新建/);
    expect(await say(group('admin'), `设置推送 ${wecom.webhookUrl(key)}`)).toMatch(/推送/);
    // Neither has spoken in the group yet: the bot asks before adding them.
    expect(await say(group('admin'), '设置领导 leader1')).toMatch(/「leader1」还不是.*成员/);
    expect(await say(group('admin'), '确认')).toMatch(/已设置 leader1 为领导/);
    expect(await say(group('admin'), '分配 二 给 zhao')).toMatch(/「zhao」还不是.*成员/);
    expect(await say(group('admin'), '确认')).toMatch(/已分配给 zhao/);

    for (const text of [
      '认领 普法',
      '填写 一(六)',
      '开展宪法宣传周和民法典进村活动',
      '25场次',
      '3200余份',
      '跳过',
      '跳过',
      '无',
    ]) {
      await say(group('li'), text);
    }

    // The draft: a preview with the figures as answered, a working link, and the file in the group.
    const draft = await say(group('admin'), '生成草稿');
    expect(draft).toMatch(/草稿第1版/);
    // The header counts what is owed in the words the preview's own summary uses.
    expect(draft).toMatch(/\*\*草稿第1版已生成\*\*（尚有\d+处待填写）/);
    expect(draft).toContain('25场次');
    expect(draft).toContain('3200余份');
    expect(draft).toMatch(/【待填写/);
    const link = /\((http:\/\/[^)\s]+\/drafts\/[^)\s]+\.docx)\)/.exec(draft)?.[1];
    expect(link).toBeDefined();
    const res = await fetch(
      link!.replace(/^http:\/\/localhost:\d+/, `http://127.0.0.1:${h.current.bot.port}`),
    );
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const files = wecom.webhookMessages(key).filter((m) => m.msgtype === 'file');
    expect(files).toHaveLength(1);
    expect(wecom.uploads(key)[0]?.data.byteLength).toBe(bytes.byteLength);

    await say(group('admin'), '生成草稿');
    const history = await say(group('admin'), '草稿 历史');
    expect(history).toMatch(/共 2 版/);
    expect(history).toMatch(/第2版[\s\S]*第1版/);

    // The checker on the current draft flags what is still missing.
    expect(await say(group('admin'), '检查')).toMatch(/待填写|placeholder/);

    // Summaries: leaders see figures and who owes what; others are refused.
    expect(await say(group('li'), '汇总')).toMatch(/领导|管理员/);
    const summary = await say(group('leader1'), '汇总');
    expect(summary).toMatch(/汇总/);
    expect(summary).toMatch(/普法宣传活动场次：25场次/);
    expect(summary).toMatch(/zhao/);

    // Reminders: the plan lists working days; 立即提醒 names everyone who still owes a section.
    expect(await say(group('admin'), '提醒计划')).toMatch(/提醒安排（截止 2027年2月26日）/);
    const before = wecom.webhookMessages(key).length;
    expect(await say(group('admin'), '立即提醒')).toMatch(/已在群里提醒/);
    const pushed = wecom.webhookMessages(key).slice(before);
    const text = pushed.find((m) => m.msgtype === 'text') as
      { text: { content: string; mentioned_list?: string[] } } | undefined;
    expect(text?.text.mentioned_list).toContain('zhao');
    expect(text?.text.mentioned_list).not.toContain('li');
  }, 120_000);
});
