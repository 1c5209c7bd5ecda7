import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkReport, type Finding, type RuleId } from '../../src/report/check/index.js';
import { buildReport, DEFAULT_PARTS, withPart } from './report-builder.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const of = (findings: readonly Finding[], rule: RuleId): Finding[] =>
  findings.filter((f) => f.rule === rule);
const brief = (findings: readonly Finding[]): { severity: string; line: number }[] =>
  findings.map(({ severity, line }) => ({ severity, line }));

describe('the builder default', () => {
  it('is a clean report, so each case below shows only its own change', () => {
    expect(checkReport(buildReport().text)).toEqual([]);
  });
});

describe('missing-part', () => {
  it('recognises the five parts by meaning, not only by exact title', () => {
    const variants = [
      [
        '一、主要做法和工作成效',
        '二、存在问题和短板',
        '三、主要负责人述法情况',
        '四、明年工作计划',
        '五、其他需要报告的事项',
      ],
      [
        '一、工作开展情况',
        '二、存在的主要问题及原因',
        '三、党政主要负责人履职情况',
        '四、下一步工作打算',
        '五、其他事项',
      ],
      [
        '一、主要举措及成效',
        '二、短板和不足',
        '三、第一责任人职责履行情况',
        '四、2026年工作安排',
        '五、其他需要报告的情况',
      ],
      [
        '一、主要措施',
        '二、存在的不足',
        '三、党政主要负责人履行推进法治建设第一责任人职责情况',
        '四、下一步主要措施',
        '五、其他需要报告的情况',
      ],
      [
        '一、总体情况',
        '二、存在的问题',
        '三、主要负责人履职情况',
        '四、下一年度工作安排',
        '五、其他需要报告的情况',
      ],
    ];
    for (const headings of variants) {
      const parts = DEFAULT_PARTS.map((p, i) => [headings[i] ?? '', ...p.slice(1)]);
      expect(of(checkReport(buildReport(parts).text), 'missing-part')).toEqual([]);
    }
  });

  it('points to where a missing part belongs', () => {
    const parts = DEFAULT_PARTS.filter((_, i) => i !== 1).map((p, i) =>
      i < 1
        ? p
        : [
            p[0]?.replace(/^[三四五]/, (c) => ({ 三: '二', 四: '三', 五: '四' })[c] ?? c) ?? '',
            ...p.slice(1),
          ],
    );
    const r = buildReport(parts);
    const found = of(checkReport(r.text), 'missing-part');
    expect(brief(found)).toEqual([{ severity: 'error', line: r.lineOf('党政主要负责人履行') }]);
    expect(found[0]?.message).toContain('存在的不足和原因');
  });

  it('only notes, as info, that 其他需要报告的情况 is missing: many complete reports omit it', () => {
    const r = buildReport(DEFAULT_PARTS.slice(0, 4));
    const found = of(checkReport(r.text), 'missing-part');
    expect(brief(found)).toEqual([{ severity: 'info', line: r.lineOf('每季度抽查') }]);
    expect(found[0]?.message).toContain('其他需要报告的情况');
  });

  it('warns when the leaders part is only a sub-heading of another part', () => {
    const parts = DEFAULT_PARTS.filter((_, i) => i !== 2).map((p, i) => {
      if (i === 0) return [...p, '（三）党政主要负责人履行第一责任人职责情况', '镇长出庭应诉1次。'];
      if (i === 2) return ['三、下一年度推进法治政府建设的主要安排', ...p.slice(1)];
      if (i === 3) return ['四、其他需要报告的情况', ...p.slice(1)];
      return p;
    });
    const r = buildReport(parts);
    const found = of(checkReport(r.text), 'missing-part');
    expect(brief(found)).toEqual([{ severity: 'warning', line: r.lineOf('（三）党政主要负责人') }]);
  });

  it('warns about a combined 存在问题及下一步工作打算 part and still counts both parts', () => {
    const parts = [
      DEFAULT_PARTS[0] ?? [],
      [
        '二、存在问题及下一步工作打算',
        '执法人员多为兼职，办案经验不足。下一步工作打算：一是配齐专职执法人员2名；二是每季度组织案卷评查1次。',
      ],
      [
        '三、党政主要负责人履行推进法治建设第一责任人职责情况',
        ...(DEFAULT_PARTS[2] ?? []).slice(1),
      ],
      DEFAULT_PARTS[4] ?? [],
    ];
    const r = buildReport(parts);
    const found = of(checkReport(r.text), 'missing-part');
    expect(brief(found.filter((f) => f.severity !== 'info'))).toEqual([
      { severity: 'warning', line: r.lineOf('二、存在问题及') },
    ]);
  });

  it('takes topic headings before the 不足 part as the 举措和成效 part, with a hint', () => {
    const parts = [
      ['一、强化组织领导', '成立法治建设领导小组，全年召开会议4次。'],
      ['二、抓好矛盾纠纷化解', '全年排查矛盾纠纷40起，化解38起，化解率95%。'],
      ...DEFAULT_PARTS.slice(1).map((p, i) => [
        p[0]?.replace(/^./, '三四五六'.charAt(i)) ?? '',
        ...p.slice(1),
      ]),
    ];
    const findings = of(checkReport(buildReport(parts).text), 'missing-part');
    expect(findings.map((f) => f.severity)).toEqual(['info']);
  });

  it('reports all parts missing in a text with no numbered headings', () => {
    const found = of(checkReport('青禾镇2025年工作情况\n今年各项工作顺利完成。'), 'missing-part');
    expect(found.map((f) => f.severity)).toEqual(['error', 'error', 'error', 'error', 'info']);
    expect(new Set(found.map((f) => f.line))).toEqual(new Set([1]));
  });
});

describe('heading-sequence', () => {
  it('reads a second 一、 right under the first as its first sub-topic, with one finding', () => {
    const part = [
      '一、2025年推进法治政府建设的主要举措和成效',
      '一、领导干部学法',
      '镇党委理论学习中心组全年专题学法10次，班子成员结合分管领域讲法6次。',
      '（二）矛盾纠纷化解',
      '全年排查矛盾纠纷40起，化解38起，化解率95%。',
    ];
    const r = buildReport(withPart(0, part));
    const found = checkReport(r.text);
    expect(found.map(({ rule, severity, line }) => ({ rule, severity, line }))).toEqual([
      { rule: 'heading-sequence', severity: 'error', line: r.lineOf('一、领导干部学法') },
    ]);
    expect(found[0]?.message).toContain('应写作“（一）”');
  });

  it('reads 1、 leading 二、 三、 as the first part, and 一主要举措 without 、 as a part', () => {
    for (const first of ['1、2025年推进法治政府建设的主要举措和成效', '一主要举措和成效']) {
      const r = buildReport(withPart(0, [first, ...(DEFAULT_PARTS[0] ?? []).slice(1)]));
      const found = checkReport(r.text);
      expect(found.map(({ rule, line }) => ({ rule, line }))).toEqual([
        { rule: 'heading-sequence', line: r.lineOf(first) },
      ]);
      expect(found[0]?.message).toMatch(/一、/);
    }
  });

  it('restarts numbering under each parent and flags a child that does not start at 1', () => {
    const part = [
      '一、2025年推进法治政府建设的主要举措和成效',
      '（一）领导干部学法',
      '1.中心组学法。全年专题学法10次。',
      '2.会前学法。全年会前学法20次。',
      '（二）矛盾纠纷化解',
      '3.排查化解。全年排查矛盾纠纷40起，化解38起。',
    ];
    const r = buildReport(withPart(0, part));
    const found = of(checkReport(r.text), 'heading-sequence');
    expect(brief(found)).toEqual([{ severity: 'error', line: r.lineOf('3.排查化解') }]);
    expect(found[0]?.message).toContain('应从“1.”开始');
  });

  it('reports a repeated number once when the next sibling carries on', () => {
    const parts = DEFAULT_PARTS.map((p, i) =>
      i === 2 ? [p[0]?.replace('三、', '二、') ?? '', ...p.slice(1)] : p,
    );
    const found = of(checkReport(buildReport(parts).text), 'heading-sequence');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('重复');
  });

  it('flags a number going backwards', () => {
    const parts = DEFAULT_PARTS.map((p, i) =>
      i === 3 ? [p[0]?.replace('四、', '二、') ?? '', ...p.slice(1)] : p,
    );
    const r = buildReport(parts);
    const found = of(checkReport(r.text), 'heading-sequence');
    expect(found[0]).toMatchObject({ severity: 'error', line: r.lineOf('二、下一年度') });
  });

  it('tells look-alike markers apart by severity', () => {
    const part = [
      '一. 2025年推进法治政府建设的主要举措和成效',
      '(一)领导干部学法',
      '1.中心组学法。全年专题学法10次。',
      '(1)会前学法20次，每次一名班子成员领学。',
      '2)专题讲座。邀请律师讲座3场。',
      '（二)矛盾纠纷化解',
      '全年排查矛盾纠纷40起，化解38起，化解率95%。',
    ];
    const r = buildReport(withPart(0, part));
    const found = of(checkReport(r.text), 'heading-sequence');
    expect(brief(found)).toEqual([
      { severity: 'warning', line: r.lineOf('一. 2025年') },
      { severity: 'info', line: r.lineOf('(一)领导') },
      { severity: 'error', line: r.lineOf('2)专题') },
    ]);
    // Bracket width is one habit: one note naming the other lines.
    const width = found.find((f) => f.severity === 'info');
    expect(width?.message).toContain(`第${r.lineOf('(1)会前')}、${r.lineOf('（二)矛盾')}行`);
  });

  it('says nothing of half-width brackets when the whole text is half-width', () => {
    const half = readFileSync(path.join(here, '../fixtures/check/half-width-brackets.txt'), 'utf8');
    const asConverted = half
      .replace(/，/g, ',')
      .replace(/：/g, ':')
      .replace(/；/g, ';')
      .replace(/（/g, '(')
      .replace(/）/g, ')');
    const widthNotes = (text: string): Finding[] =>
      of(checkReport(text), 'heading-sequence').filter((f) => f.message.includes('半角'));
    expect(widthNotes(half).map((f) => f.severity)).toEqual(['info']);
    expect(widthNotes(asConverted)).toEqual([]);
  });

  it('does not take figures, dates or 一是 at the start of a line for headings', () => {
    const part = [
      '一、2025年推进法治政府建设的主要举措和成效',
      '2025年，镇党委理论学习中心组专题学法10次。',
      '1.5万人次群众参加了法治宣传活动。',
      '一是全年排查矛盾纠纷40起，化解38起，化解率95%。',
      '3个村获评县级民主法治示范村。',
    ];
    const findings = checkReport(buildReport(withPart(0, part)).text);
    expect(of(findings, 'heading-sequence')).toEqual([]);
  });
});

describe('placeholder', () => {
  it.each([
    ['20XX年全年', '20XX'],
    ['202x年全年', '202x'],
    ['××镇综治中心', '××镇'],
    ['○○村调委会', '○○'],
    ['共调解纠纷X件', 'X件'],
    ['（待补充）', '（待补充）'],
    ['【此处填写数字】', '【此处填写数字】'],
    ['TODO 补数字', 'TODO'],
  ])('finds %s', (words, shown) => {
    const r = buildReport(
      withPart(1, [
        '二、存在的不足和原因',
        `一是${words}，执法人员多为兼职，办案经验不足，原因是专职编制少。`,
      ]),
    );
    const found = of(checkReport(r.text), 'placeholder');
    expect(brief(found)).toEqual([{ severity: 'error', line: r.lineOf(words) }]);
    expect(found[0]?.message).toContain(shown);
  });

  it('leaves ordinary Latin words, Chinese dates and markdown emphasis alone', () => {
    const r = buildReport(
      withPart(1, [
        '二、存在的不足和原因',
        '一是**执法力量不足**，二〇二五年新增的X光安检设备和Wi-Fi执法终端使用培训不够，原因是培训经费少；二是调解员补贴（待遇）偏低，普法覆盖面窄。',
      ]),
    );
    expect(of(checkReport(r.text), 'placeholder')).toEqual([]);
  });
});

describe('year-mismatch', () => {
  it('flags an opening copied from last year', () => {
    const r = buildReport(undefined, {
      opening: '2024年以来，青禾镇按照县委年度工作要点推进各项任务。',
    });
    const found = of(checkReport(r.text), 'year-mismatch');
    expect(brief(found)).toEqual([{ severity: 'error', line: r.lineOf('2024年以来') }]);
  });

  it('flags next year in the results, and allows it in the plans', () => {
    const r = buildReport(
      withPart(0, [
        '一、2025年推进法治政府建设的主要举措和成效',
        '2026年全年排查矛盾纠纷40起，化解38起，化解率95%。',
      ]),
    );
    const found = of(checkReport(r.text), 'year-mismatch');
    expect(brief(found)).toEqual([{ severity: 'error', line: r.lineOf('2026年全年') }]);
    expect(found[0]?.message).toContain('2026年');
  });

  it('allows comparisons, starting points, document names and ranges; questions other old years', () => {
    const r = buildReport(
      withPart(0, [
        '一、2025年推进法治政府建设的主要举措和成效',
        '全年排查矛盾纠纷40起，较2023年减少6起；自2019年起坚持会前学法，按《法治政府建设实施纲要（2021—2025年）》完成评估。',
        '2021-2025年累计培养法律明白人200名。',
        '2022年开展了案卷评查4次。',
      ]),
    );
    const found = of(checkReport(r.text), 'year-mismatch');
    expect(brief(found)).toEqual([{ severity: 'warning', line: r.lineOf('2022年开展') }]);
  });

  it('allows the leaders part to tell of 述法 early next year, but not the results part', () => {
    const early = '2026年1月，镇党委书记在县委全面依法治县委员会会议上述法，全年主持专题会议4次。';
    const leaders = buildReport(
      withPart(2, ['三、党政主要负责人履行推进法治建设第一责任人职责情况', early]),
    );
    expect(of(checkReport(leaders.text), 'year-mismatch')).toEqual([]);
    const results = buildReport(
      withPart(0, [
        '一、2025年推进法治政府建设的主要举措和成效',
        '2026年1月，镇里开展执法案卷评查2次，全年排查矛盾纠纷40起。',
      ]),
    );
    expect(brief(of(checkReport(results.text), 'year-mismatch'))).toEqual([
      { severity: 'error', line: results.lineOf('2026年1月') },
    ]);
  });

  it('warns about a 落款 date far from the reporting year', () => {
    const r = buildReport(undefined, { closing: ['青禾镇人民政府', '2024年1月8日'] });
    const found = of(checkReport(r.text), 'year-mismatch');
    expect(brief(found)).toEqual([{ severity: 'warning', line: r.lineOf('2024年1月8日') }]);
  });

  it('only notes that the year is unknown when the title has none', () => {
    const r = buildReport(undefined, { title: '青禾镇法治政府建设情况报告' });
    expect(of(checkReport(r.text), 'year-mismatch').map((f) => f.severity)).toEqual(['info']);
    expect(of(checkReport(r.text, { year: 2025 }), 'year-mismatch')).toEqual([]);
  });
});

describe('number-inconsistent', () => {
  const inMeasures = (sentence: string) =>
    buildReport(withPart(0, ['一、2025年推进法治政府建设的主要举措和成效', sentence]));

  it.each([
    ['受理信访事项30件，办结28件，办结率100%。', 'error', '93.3%'],
    ['排查矛盾纠纷十八起，化解二十起。', 'error', '化解二十起'],
    ['排查矛盾纠纷40起，化解38起，化解率105%。', 'error', '超过100%'],
    ['排查矛盾纠纷18起，化解率95%。', 'warning', '95%'],
    ['开展普法讲座3余场，发放资料500份。', 'warning', '3余场'],
  ] as const)('%s', (sentence, severity, says) => {
    const r = inMeasures(sentence);
    const found = of(checkReport(r.text), 'number-inconsistent');
    expect(brief(found)).toEqual([{ severity, line: r.lineOf(sentence) }]);
    expect(found[0]?.message).toContain(says);
  });

  it.each([
    '排查矛盾纠纷18起，化解17起，调解成功率达94%以上。',
    '排查化解矛盾纠纷35起，化解率100%。',
    '受理并成功调解纠纷12件，群众满意率100%。',
    '排查矛盾纠纷30余起，化解32起。',
    '配备专职调解员76名，全年化解纠纷80起。',
    '建成矛盾纠纷化解中心12个，全年排查矛盾纠纷10起，化解10起。',
    '发现执法问题15个，已整改12个，整改率80%。',
  ])('accepts %s', (sentence) => {
    expect(of(checkReport(inMeasures(sentence).text), 'number-inconsistent')).toEqual([]);
  });

  it('reads markdown tables against their header row', () => {
    const r = buildReport(
      withPart(0, [
        '一、2025年推进法治政府建设的主要举措和成效',
        '全年信访和调解情况如下：',
        '| 类别 | 受理（件） | 办结（件） | 办结率 |',
        '| --- | --- | --- | --- |',
        '| 信访事项 | 30 | 30 | 100% |',
        '| 行政调解 | 12 | 10 | 100% |',
      ]),
    );
    const found = of(checkReport(r.text), 'number-inconsistent');
    expect(brief(found)).toEqual([{ severity: 'error', line: r.lineOf('| 行政调解') }]);
    expect(found[0]?.message).toContain('83.3%');
  });
});

describe('empty-part', () => {
  it('warns about a part that is too short', () => {
    const r = buildReport(withPart(1, ['二、存在的不足和原因', '学法不够深入。']));
    const found = of(checkReport(r.text), 'empty-part');
    expect(brief(found)).toEqual([{ severity: 'warning', line: r.lineOf('二、存在的不足') }]);
    expect(found[0]?.message).toContain('过短');
  });

  it('warns about results without a single figure', () => {
    const r = buildReport(
      withPart(0, [
        '一、2025年推进法治政府建设的主要举措和成效',
        '镇党委理论学习中心组把宪法和行政复议法列为专题学习内容，班子成员结合分管领域讲法，综治中心牵头调处邻里、土地和婚姻家庭纠纷。',
      ]),
    );
    const found = of(checkReport(r.text), 'empty-part');
    expect(brief(found)).toEqual([{ severity: 'warning', line: r.lineOf('一、2025年') }]);
    expect(found[0]?.message).toContain('没有任何数据');
  });

  it('warns about slogans in the plans part', () => {
    const r = buildReport(
      withPart(3, [
        '四、下一年度推进法治政府建设的主要安排',
        '一是进一步加强组织领导，切实提高政治站位。二是持续推进普法宣传，营造良好氛围。三是不断完善工作机制，确保各项工作落到实处。',
      ]),
    );
    const found = of(checkReport(r.text), 'empty-part');
    expect(brief(found)).toEqual([{ severity: 'warning', line: r.lineOf('四、下一年度') }]);
  });

  it('asks for “无” when 其他需要报告的情况 is left empty', () => {
    const r = buildReport(withPart(4, ['五、其他需要报告的情况']));
    const found = of(checkReport(r.text), 'empty-part');
    expect(brief(found)).toEqual([{ severity: 'warning', line: r.lineOf('五、其他') }]);
  });

  it('only advises figures for the leaders part when it has none', () => {
    const r = buildReport(
      withPart(2, [
        '三、党政主要负责人履行推进法治建设第一责任人职责情况',
        '镇党委书记主持研究执法队伍调配和村级法律顾问经费问题，年底在县委依法治县委员会会议上述法，镇长出庭应诉行政诉讼案件。',
      ]),
    );
    expect(of(checkReport(r.text), 'empty-part').map((f) => f.severity)).toEqual(['info']);
  });
});
