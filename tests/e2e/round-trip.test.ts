import { describe, expect, it } from 'vitest';
import { docxText } from '../../src/report/import/docx-text.js';
import { useBot } from '../support/bot-app.js';

/**
 * Issue #9's round trip over HTTP: a 镇 fills a whole report from the facts of ONE published seed
 * report (shared/seeds/002, a 镇 report for 2025) — in our own words, typed as an official
 * would, with sentences, hedged figures and lists — once question by question and once with one
 * paragraph per section; both drafts (.docx) must hold every fact given (each figure with its
 * qualifier and each listed point), no figure nobody gave, and pass 检查 without an error.
 *
 * The seed states no figure for some required questions (专题会议, 重大决策, 审查件数, 执法人员,
 * 化解数, 顾问覆盖率, 主要负责人会议); an official knows them, so ADDED gives them, apart from
 * the seed's facts, and the counts printed at the end tell the two apart.
 */
const h = useBot('e2e-round-trip');
const inGroup = (chatid: string) => (userid: string) => ({
  userid,
  chattype: 'group' as const,
  chatid,
});

/** Facts of the seed, as fragments the draft must contain (figure with qualifier, or a point). */
const SEED_FACTS: readonly (string | readonly string[])[] = [
  '12次',
  '研讨交流2次',
  '第一议题',
  '纳入年度绩效考核',
  '聘请1名专职律师担任法律顾问',
  '100%',
  '月均检查3次',
  '36次',
  '专职调解员76名',
  '网格员29名',
  '18起',
  '25个村（社区）',
  // kept as typed: 十余次 in a paragraph, said back as 10余次 when answered alone
  ['10余次', '十余次'],
  '1500份',
  '纸抽1000多盒',
  '67名',
  ['100余人次', '百余人次'],
  '10件',
  '99%以上',
  // none: said with the template's zero clause, or in the official's own words
  ['未办理行政执法案件', '无行政执法案件'],
  // the four shortcomings, the three causes and the four plans, each a point of a list
  '执法力量偏弱',
  '普法方式创新不够',
  '执法装备和法治阵地经费不足',
  '参与法治建设积极性不高',
  '干部学法积极性不高',
  '普法形式单一',
  '学用转化能力不强',
  '执法人员持证上岗',
  '法治情景剧',
  '执法记录仪',
  '激励机制',
];
/** What the seed does not say but a required question needs (the official's own knowledge). */
const ADDED = ['召开法治建设专题会议4次', '3项', '20余件', '现有持证执法人员8名', '17起'];
/** Seed facts the township template has no question for (counted, not typed). */
const NOT_ASKED = [
  '对全市法治政府建设的意见建议（第五部分）',
  '村级重大事项依法决策率100%',
  '全年未发生重大刑事案件和安全事故',
];

const how = {
  '1.1':
    '镇党委书记、镇长任法治政府建设领导小组双组长，落实“第一议题”学法制度，把法治建设成效纳入年度绩效考核和述职述法内容；邀请法律顾问和司法干警开展案例教学，组织执法资格考试备考培训。',
  '1.3':
    '严格执行重大行政决策“五步法”，公众参与、专家论证、风险评估、合法性审查、集体讨论决定作为必经程序；企业发展、项目建设、购买服务先询价、论证，再请法律顾问审查。',
  '1.4':
    '乡镇综合行政执法队对洗煤厂、再生资源回收部、殡葬领域等重点企业常规巡查，月均检查3次，全年共检查36次，既守住法律底线，又体现执法温度。',
  '1.5':
    '健全“镇综治中心+村调委会+网格员”三级化解体系，配备专职调解员76名、网格员29名，推行源头摸排、多元化解、跟踪回访，复杂纠纷启动多部门联调。',
  '1.6':
    '利用消费者权益日、国家安全教育日和宪法宣传日开展“法律九进”，在镇政府及25个村（社区）建立宪法知识宣传阵地，指导各村修订村规民约。',
  '1.7': '依托司法所、综治中心和村（居）调委会，常态化为群众提供法律咨询。',
  '1.8': '主动接受镇人大法律监督，定期向镇人大报告法治政府建设工作。',
  '3': '书记、镇长做到重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办，研究解决执法规范化、矛盾纠纷化解等重大问题。',
};
const problems =
  '（一）执法力量偏弱，执法人员多为兼职，一人多岗、流动性大。（二）普法方式创新不够，新媒体用得少。（三）乡镇财力有限，执法装备和法治阵地经费不足。（四）部分群众法治意识淡薄，参与法治建设积极性不高。';
const causes =
  '原因主要有三：1.干部学法积极性不高，对法条理解不深；2.普法形式单一，精准度不够；3.学用转化能力不强。';
const plans =
  '一是强化队伍建设，分层培训，执法人员持证上岗；二是用短视频、法治情景剧等形式创新普法，培育各村“法律明白人”；三是争取上级资金，更新执法记录仪、执法车辆等设备；四是健全群众参与法治建设的激励机制。';

const overview =
  '今年以来，镇党委、镇政府围绕法治政府建设年度任务，压实责任、补齐短板，各项工作有序推进。';

/** Question by question, as the bot asks: [填写 …, then one message per question]. */
const stepByStep: readonly (readonly string[])[] = [
  ['填写 导语', overview],
  [
    '填写 一(一)',
    how['1.1'],
    '全年专题学习习近平法治思想12次，另开展研讨交流2次',
    '4次',
    '跳过', // meeting topics (v2, optional)
    '跳过',
    '跳过',
    '跳过', // counted in the annual assessment (v2, optional)
  ],
  ['填写 一(二)', '是，按区里部署调整', '跳过', '便民服务中心推行帮办代办', '跳过'],
  ['填写 一(三)', how['1.3'], '3项', '20余件', '聘请1名专职律师担任法律顾问', '100%'],
  ['填写 一(四)', how['1.4'], '8名', '无', '跳过', '跳过', '跳过', '跳过'],
  [
    '填写 一(五)',
    how['1.5'],
    '全年共排查各类矛盾纠纷18起，建立台账销号管理',
    '17起',
    '跳过',
    '跳过',
  ],
  [
    '填写 一(六)',
    how['1.6'],
    '十余次',
    '发放宣传普法彩页1500份，另有纸抽1000多盒、手提袋1000个',
    '跳过',
    '67名',
    '跳过', // 民主法治示范村 (v2, optional)
  ],
  ['填写 一(七)', how['1.7'], '100%', '百余人次', '跳过'],
  ['填写 一(八)', how['1.8'], '10件', '办结率和满意率均达99%以上', '跳过', '无'],
  ['填写 二', problems, causes],
  ['填写 三', how['3'], '4次', '跳过', '跳过', '是，法治建设纳入述职述法内容', '无'],
  ['填写 四', plans, '跳过'],
  ['填写 五', '无', '跳过'],
];

/**
 * One message per section — `填写` with the section's paragraph on the lines below — then
 * whatever the bot still asks for (a required question the paragraph does not answer).
 */
const oneMessage: readonly (readonly string[])[] = [
  [`填写 导语\n${overview}`],
  [
    `填写 一(一)\n${how['1.1']}全年专题学习习近平法治思想12次、研讨交流2次，召开法治建设专题会议4次。`,
  ],
  ['填写 一(二)\n是，按区里部署调整', '便民服务中心推行帮办代办'],
  [
    `填写 一(三)\n${how['1.3']}全年作出重大行政决策3项，聘请1名专职律师担任法律顾问，开展合法性审查20余件，审查覆盖率100%。`,
  ],
  [`填写 一(四)\n${how['1.4']}现有持证执法人员8名。`, '无'],
  [`填写 一(五)\n${how['1.5']}全年共排查各类矛盾纠纷18起，化解17起。`],
  [
    `填写 一(六)\n${how['1.6']}全年开展普法宣传活动十余次，发放宣传普法彩页1500份，另有纸抽1000多盒、手提袋1000个，培育“法律明白人”67名。`,
  ],
  [`填写 一(七)\n${how['1.7']}村（社区）法律顾问覆盖率100%，全年提供法律咨询百余人次。`],
  [`填写 一(八)\n${how['1.8']}全年办理人大代表建议10件，办结率和满意率均达99%以上。`, '无'],
  [`填写 二\n${problems}`, causes],
  [`填写 三\n${how['3']}主要负责人主持召开法治建设会议4次。`, '是，法治建设纳入述职述法内容'],
  [`填写 四\n${plans}`],
  ['填写 五\n无'],
];

async function fill(
  say: (who: ReturnType<ReturnType<typeof inGroup>>, text: string) => Promise<string>,
  who: ReturnType<ReturnType<typeof inGroup>>,
  script: readonly (readonly string[])[],
): Promise<{ turns: number; replies: string[] }> {
  const replies: string[] = [];
  for (const section of script) for (const text of section) replies.push(await say(who, text));
  return { turns: replies.length, replies };
}

async function draftText(
  say: (who: ReturnType<ReturnType<typeof inGroup>>, text: string) => Promise<string>,
  who: ReturnType<ReturnType<typeof inGroup>>,
): Promise<{ preview: string; text: string }> {
  const preview = await say(who, '生成草稿');
  const link = /\((http:\/\/[^)\s]+\/drafts\/[^)\s]+\.docx)\)/.exec(preview)?.[1];
  expect(link, preview).toBeDefined();
  const res = await fetch(
    link!.replace(/^http:\/\/localhost:\d+/, `http://127.0.0.1:${h.current.bot.port}`),
  );
  expect(res.status).toBe(200);
  return { preview, text: await docxText(Buffer.from(await res.arrayBuffer())) };
}

/** Every number printed in a text, as digits (headings' Chinese numerals are not figures). */
const numbersIn = (text: string): string[] => text.match(/\d+(?:\.\d+)?/g) ?? [];

describe('a seed report round-tripped over HTTP', () => {
  it('step by step and one message per section both give a draft with every fact and none invented', async () => {
    const { say } = h.current;
    const results: Record<string, { turns: number; found: number; text: string }> = {};
    for (const [mode, script] of [
      ['step', stepByStep],
      ['one', oneMessage],
    ] as const) {
      const who = inGroup(`wr-rt-${mode}`);
      // 新建 counts too: step by step it asks the 主送机关 and 落款 once (好 keeps them); in one
      // message the line says them.
      const create =
        mode === 'step'
          ? [['新建 云岭镇 2026年度法治政府建设情况报告 截止 2027-02-26', '好']]
          : [
              [
                '新建 云岭镇 2026年度法治政府建设情况报告 截止 2027-02-26 主送 清河县委、清河县人民政府 落款 联合',
              ],
            ];
      const made = await fill(say, who('admin'), create);
      expect(made.replies[0]).toMatch(/已新建/);
      const filled = await fill(say, who('admin'), script);
      const turns = made.turns + filled.turns;
      const replies = [...made.replies, ...filled.replies];
      const progress = await say(who('admin'), '进度');
      expect(progress, replies.join('\n---\n')).toMatch(/12\/12/);
      const { preview, text } = await draftText(say, who('admin'));
      // The simulator-visible promises: a sentence answer and a （一）… list show in the preview.
      expect(preview).toContain('全年专题学习习近平法治思想12次');
      expect(preview).toMatch(/一是执法力量偏弱[^；]*；二是普法方式创新不够/);

      const missing = [...SEED_FACTS, ...ADDED].filter((f) =>
        typeof f === 'string' ? !text.includes(f) : !f.some((alt) => text.includes(alt)),
      );
      expect(missing, `${mode}: facts missing from the draft\n${text}`).toEqual([]);
      expect(text).toContain(overview);
      if (mode === 'one') expect(text).toContain('清河县委、清河县人民政府：');
      expect(text).not.toContain('【待填写');
      // No enumerator typed by the official is left in running text.
      expect(text).not.toMatch(/[（(][一二三四]）[^\n]*[（(][二三四]）|[。；]\d[.、]/u);

      // No figure nobody gave: every number in the body was typed, or is the year, the date,
      // a heading's numbering or the rate derived from 17 of 18.
      const typed = new Set(numbersIn(script.flat().join('\n')));
      for (const n of ['2026', '2027', '10', '100', '94.4']) typed.add(n);
      const body = text.split('\n').slice(1).join('\n');
      const stray = numbersIn(body).filter((n) => !typed.has(n));
      expect(stray, `${mode}: numbers nobody gave\n${text}`).toEqual([]);

      const check = await say(who('admin'), '检查');
      expect(check, text).not.toMatch(/\[错误\]|错误 [1-9]/);
      results[mode] = { turns, found: SEED_FACTS.length - missing.length, text };
    }
    const step = results.step!;
    const one = results.one!;
    // Target of the issue: at most half the turns.
    expect(one.turns * 2).toBeLessThanOrEqual(step.turns);
    console.info(
      `round trip of seed 002: ${SEED_FACTS.length} seed facts typed, ${NOT_ASKED.length} the template cannot ask, ` +
        `${ADDED.length} added for required questions the seed does not answer; ` +
        `reached the draft: ${step.found}/${SEED_FACTS.length} (step by step), ${one.found}/${SEED_FACTS.length} (one message per section); ` +
        `turns: ${step.turns} step by step, ${one.turns} one message per section`,
    );
  }, 300_000);
});
