import { describe, expect, it } from 'vitest';
import { useBot } from '../support/bot-app.js';

/**
 * Issue #9: the words fit the office. For a 街道, a 乡 and a county department, over HTTP, every
 * reply a user reads — 新建, 帮助, 进度, a section filled, 汇总, 生成草稿 — says no 镇 (the org's
 * own name aside), and uses the office's own words for its party body and its head.
 */
const h = useBot('e2e-office-words');
const inGroup = (chatid: string) => (userid: string) => ({
  userid,
  chattype: 'group' as const,
  chatid,
});

const offices = [
  { org: '城关街道', party: '党工委', head: '办事处主任', section: '填写 三' },
  { org: '石门乡', party: '党委', head: '乡长', section: '填写 三' },
  { org: '县司法局', party: '党组', head: '局长', section: '填写 三' },
] as const;

describe('no 镇 shown to an office that is not one', () => {
  it.each(offices)(
    '$org',
    async ({ org, party, head, section }) => {
      const { say } = h.current;
      const who = inGroup(`wr-words-${org}`);
      const replies: Record<string, string> = {};
      replies.new = await say(
        who('admin'),
        `新建 ${org} 2026年度法治政府建设情况报告 截止 2027-02-26`,
      );
      expect(replies.new).toMatch(/已新建/);
      replies.frontMatter = await say(who('admin'), '好');
      replies.help = await say(who('admin'), '帮助');
      replies.open = await say(who('admin'), section);
      // The first-responsible part asks about this office's own party body and head.
      expect(replies.open).toContain(party);
      expect(replies.open).toContain(head);
      replies.answer = await say(
        who('admin'),
        `${party}书记和${head}带头讲法治课，重大事项亲自过问。`,
      );
      replies.progress = await say(who('admin'), '进度');
      replies.summary = await say(who('admin'), '汇总');
      replies.draft = await say(who('admin'), '生成草稿');
      for (const [view, text] of Object.entries(replies)) {
        expect(text.replaceAll(org, ''), `${org} ${view}`).not.toMatch(/镇/);
      }
    },
    120_000,
  );
});
