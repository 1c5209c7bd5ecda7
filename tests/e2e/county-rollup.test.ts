import { describe, expect, it } from 'vitest';
import { useBot } from '../support/bot-app.js';

/**
 * Issue #6's county roll-up end to end over HTTP: a county office binds its own group, issues
 * invitation codes, two townships redeem them in their groups, fill figures, and the county sees
 * 全县进度 and 全县汇总 with summed figures and the overall rate; non-leaders are refused.
 */
const h = useBot('e2e-county');
const inGroup = (chatid: string) => (userid: string) => ({
  userid,
  chattype: 'group' as const,
  chatid,
});
const county = inGroup('wr-county');
const east = inGroup('wr-east');
const west = inGroup('wr-west');

async function fillDisputes(
  say: (s: ReturnType<typeof east>, t: string) => Promise<string>,
  who: ReturnType<typeof east>,
  found: string,
  resolved: string,
): Promise<string> {
  let last = '';
  for (const text of [
    '认领 矛盾纠纷',
    '填写 一(五)',
    '每月排查，村调委会就地调处',
    found,
    resolved,
    '跳过',
    '跳过',
  ]) {
    last = await say(who, text);
  }
  return last;
}

describe('the county roll-up', () => {
  it('sums the townships that joined and refuses non-leaders', async () => {
    const { say } = h.current;
    expect(await say(county('xian'), '新建县级单位 青山县依法治县办')).toMatch(/青山县依法治县办/);
    const code = async () => {
      const reply = await say(county('xian'), '邀请码');
      const found = /加入 ([A-Z0-9]{8})/.exec(reply)?.[1];
      expect(found, reply).toBeDefined();
      return found!;
    };

    expect(
      await say(east('ea'), '新建 东岭镇 2026年度法治政府建设情况报告 截止 2027-02-26'),
    ).toMatch(/已新建/);
    expect(
      await say(west('wa'), '新建 西坪镇 2026年度法治政府建设情况报告 截止 2027-02-26'),
    ).toMatch(/已新建/);
    expect(await say(east('ea'), `加入 ${await code()}`)).toMatch(/已加入/);
    const westCode = await code();
    expect(await say(west('wo'), `加入 ${westCode}`)).toMatch(/管理员/);
    expect(await say(west('wa'), `加入 ${westCode}`)).toMatch(/已加入/);
    expect(await say(east('ea'), `加入 ${westCode}`)).toMatch(/不存在|用过/);

    expect(await fillDisputes(say, east('e1'), '40起', '38起')).toMatch(/已完成/);
    expect(await fillDisputes(say, west('w1'), '60余起', '57起')).toMatch(/已完成/);

    const progress = await say(county('xian'), '全县进度');
    expect(progress).toMatch(/2 个单位/);
    expect(progress).toMatch(/东岭镇：.*1\/12/);
    expect(progress).toMatch(/西坪镇：.*1\/12/);

    const figures = await say(county('xian'), '全县汇总');
    expect(figures).toMatch(/\| 排查矛盾纠纷[^|]* \| 100余起 \| 2 \|/);
    expect(figures).toMatch(/\| 化解矛盾纠纷[^|]* \| 95起 \| 2 \|/);
    expect(figures).toMatch(/95%（化解矛盾纠纷数95起 \/ 排查矛盾纠纷数100余起）/);

    expect(await say(county('clerk'), '全县汇总')).toMatch(/领导|管理员/);
  }, 120_000);
});
