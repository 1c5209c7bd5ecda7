import { describe, expect, it } from 'vitest';
import { useBot } from '../support/bot-app.js';

/**
 * Issue #9's one meaning of done, end to end over HTTP: a township skips a required question,
 * answers another with 无, and every view — 进度, 汇总, 全县进度, 立即提醒 (@ whom), 生成草稿 and
 * 检查 — says the same thing about what is owed; once the skipped question is answered they all
 * agree again that nothing is.
 */
const h = useBot('e2e-owed');
const inGroup = (chatid: string) => (userid: string) => ({
  userid,
  chattype: 'group' as const,
  chatid,
});
const town = inGroup('wr-owed-town');
const county = inGroup('wr-owed-county');

describe('skipped means owed, in every view', () => {
  it('six views agree before and after the skipped question is answered', async () => {
    const { say, wecom } = h.current;
    const key = wecom.registerKey();
    expect(await say(county('xian'), '新建县级单位 青山县依法治县办')).toMatch(/青山县依法治县办/);
    const code = /加入 ([A-Z0-9]{8})/.exec(await say(county('xian'), '邀请码'))?.[1];
    expect(code).toBeDefined();
    expect(
      await say(town('admin'), '新建 柳溪镇 2026年度法治政府建设情况报告 截止 2027-02-26'),
    ).toMatch(/已新建/);
    expect(await say(town('admin'), `加入 ${code}`)).toMatch(/已加入/);
    expect(await say(town('admin'), `设置推送 ${wecom.webhookUrl(key)}`)).toMatch(/推送/);
    expect(await say(town('admin'), '设置领导 leader1')).toMatch(/「leader1」还不是.*成员/);
    expect(await say(town('admin'), '确认')).toMatch(/已设置 leader1 为领导/);

    // 一（五）: how answered, 排查 skipped (required), 化解 answered 无, the optional ones skipped.
    await say(town('li'), '填写 一(五)');
    await say(town('li'), '每月排查一次，村调委会就地调处');
    const skipped = await say(town('li'), '跳过');
    expect(skipped).toMatch(/仍算待填写/);
    expect(skipped).toMatch(
      /截止（2027年2月26日）前的提醒会再提到你|截止（2月26日）前的提醒会再提到你/,
    );
    await say(town('li'), '无');
    await say(town('li'), '跳过');
    const finished = await say(town('li'), '跳过');
    expect(finished).toMatch(/还欠1题/);

    const views = async () => {
      const before = wecom.webhookMessages(key).length;
      const remind = await say(town('admin'), '立即提醒');
      const pushed = wecom.webhookMessages(key).slice(before);
      const text = pushed.find((m) => m.msgtype === 'text') as
        { text: { content: string; mentioned_list?: string[] } } | undefined;
      return {
        progress: await say(town('li'), '进度'),
        summary: await say(town('leader1'), '汇总'),
        countyProgress: await say(county('xian'), '全县进度'),
        remind,
        mentioned: text?.text.mentioned_list ?? [],
        pushed: text?.text.content ?? '',
        draft: await say(town('admin'), '生成草稿'),
        check: await say(town('admin'), '检查'),
      };
    };

    const optionalAgrees = (v: Awaited<ReturnType<typeof views>>) => {
      expect(v.progress).toContain('○ 导语：总体情况（可选）');
      expect(v.progress).not.toMatch(/⬜ 导语|导语[^\n]*欠/);
      expect(v.summary).not.toMatch(/总体情况/);
      expect(v.countyProgress).not.toMatch(/\/13/);
      expect(v.pushed).not.toMatch(/导语|总体情况/);
      expect(v.draft).not.toMatch(/【待填写：[^】]*(总体情况|概括)/);
      expect(v.check).not.toMatch(/总体情况|导语/);
    };

    const owed = await views();
    optionalAgrees(owed);
    expect(owed.progress).toMatch(/✍️ 一（五）矛盾纠纷化解 · li · 欠1题/);
    expect(owed.summary).toMatch(/1\.5 矛盾纠纷预防化解（欠1题，其中跳过1题）/);
    // The opening (导语) asks nothing required: counted nowhere, owed nowhere, offered in 进度.
    expect(owed.countyProgress).toMatch(/柳溪镇：.*0\/12/);
    expect(owed.mentioned).toContain('li');
    expect(owed.draft).toContain('【待填写：排查矛盾纠纷数（负责人：li）】');
    // 无 is an answer: 化解 is not owed, and the draft says it as 无.
    expect(owed.draft).not.toMatch(/【待填写：[^】]*化解矛盾纠纷数/);
    expect(owed.check).toMatch(/待填写/);

    // The skipped question is asked first on 填写, and answering it settles the section.
    expect(await say(town('li'), '填写 一(五)')).toMatch(/全年共排查矛盾纠纷多少起/);
    expect(await say(town('li'), '0起')).toMatch(/✅ \*\*一（五）.*\*\* 已完成/);

    const settled = await views();
    optionalAgrees(settled);
    expect(settled.progress).toMatch(/✅ 一（五）矛盾纠纷化解 · li\n/);
    expect(settled.summary).not.toMatch(/1\.5 矛盾纠纷预防化解/);
    expect(settled.countyProgress).toMatch(/柳溪镇：.*1\/12/);
    expect(settled.mentioned).not.toContain('li');
    expect(settled.draft).not.toMatch(/【待填写：[^】]*矛盾纠纷/);
    expect(settled.check).not.toMatch(/矛盾纠纷预防化解[^\n]*待填写|待填写[^\n]*排查矛盾纠纷/);
  }, 180_000);
});
