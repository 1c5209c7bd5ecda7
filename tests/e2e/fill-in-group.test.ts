import { describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/store/repositories.js';
import { connectMongo } from '../../src/store/mongo.js';
import { useBot } from '../support/bot-app.js';

/**
 * Issue #4 end to end, over HTTP with signed and encrypted callbacks: an admin creates a report;
 * two officials fill different sections at the same time in one group while a third keeps asking
 * for progress; afterwards progress shows both sections done and every answer is kept once.
 */
const h = useBot('e2e-fill');
const group = (userid: string) => ({ userid, chattype: 'group' as const, chatid: 'wr-qingshi' });

describe('filling a report in a group', () => {
  it('keeps both officials’ sections when they type at once', async () => {
    const { say } = h.current;
    expect(
      await say(group('admin'), '新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26'),
    ).toMatch(/已新建/);

    /** One person typing their lines in order, each after the bot's answer to the last. */
    const typing = async (userid: string, lines: readonly string[]) => {
      const replies: string[] = [];
      for (const text of lines) replies.push(await say(group(userid), text));
      return replies;
    };
    const zhang = typing('zhang', [
      '认领 矛盾纠纷',
      '填写 一(五)',
      '依托综治中心每月排查，村调委会就地调处，镇领导轮流接访',
      '42起',
      '40起',
      '95.2%',
      '跳过',
    ]);
    const li = typing('li', [
      '认领 普法',
      '填写 一(六)',
      '结合赶集日开展宪法宣传和民法典进村活动，修订村规民约',
      '70余场次',
      '1000余份',
      '1.2万人次',
      '36名',
      '无',
    ]);
    const wang = typing('wang', Array<string>(5).fill('进度'));
    const [zhangReplies, liReplies, wangReplies] = await Promise.all([zhang, li, wang]);

    expect(zhangReplies.at(-1)).toMatch(/矛盾纠纷预防化解\*\* 已完成/);
    expect(liReplies.at(-1)).toMatch(/普法与基层依法治理\*\* 已完成/);
    for (const reply of wangReplies) expect(reply).toMatch(/\d+\/\d+/);

    const progress = await say(group('wang'), '进度');
    expect(progress).toMatch(/2\/\d+/);
    expect(progress).toMatch(/✅ 一（五）矛盾纠纷化解 · zhang\n/);
    expect(progress).toMatch(/✅ 一（六）普法与基层依法治理 · li\n/);

    // Every acknowledged answer is stored exactly once, in each person's own order.
    const conn = await connectMongo(h.current.dbUri);
    try {
      const repos = await createRepositories(conn);
      const [report] = await repos.reports.all();
      const history = await repos.answers.history(report!.id);
      const figures = (userid: string, sectionId: string) =>
        history
          .filter((a) => a.userid === userid && a.sectionId === sectionId)
          .flatMap((a) => (a.value.kind === 'number' ? [a.value.quantity.value] : []));
      expect(figures('zhang', '1.5')).toEqual([42, 40, 95.2]);
      // The last, 无 to 新创建民主法治示范村, is a figure too: none.
      expect(figures('li', '1.6')).toEqual([70, 1000, 12000, 36, 0]);
    } finally {
      await conn.close();
    }
  }, 120_000);
});
