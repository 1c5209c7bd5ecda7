import { describe, expect, it } from 'vitest';
import {
  composeDraft,
  headingText,
  isConnective,
  paragraphText,
  type ComposeInput,
  type Draft,
  type Span,
} from '../../src/report/compose/index.js';
import { currentAnswers } from '../../src/report/answers.js';
import { formatQuantity } from '../../src/report/numbers.js';
import { chineseOrdinal } from '../../src/report/chinese-numerals.js';
import type { Answer, Template } from '../../src/report/types.js';
import {
  answer,
  list,
  members,
  no,
  num,
  report,
  skipped,
  template,
  text,
  yearOfAnswers,
  yes,
} from './fixtures.js';

const org = { name: '青石镇', countyName: '清河县' };

function compose(overrides: Partial<ComposeInput> = {}): Draft {
  return composeDraft({
    template,
    report,
    answers: yearOfAnswers(),
    org,
    members,
    issuedOn: '2027-01-09',
    ...overrides,
  });
}

/** All body paragraphs in reading order, with their headings, as plain lines. */
function bodyLines(draft: Draft): string[] {
  const lines: string[] = [];
  for (const part of draft.parts) {
    lines.push(headingText(part.heading));
    for (const section of part.sections) {
      if (section.heading) lines.push(headingText(section.heading));
      for (const p of section.paragraphs) lines.push(paragraphText(p));
    }
  }
  return lines;
}

function allSpans(draft: Draft): Span[] {
  return [
    ...draft.opening.flatMap((p) => p.spans),
    ...draft.parts.flatMap((part) =>
      part.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.spans)),
    ),
  ];
}

const fullText = (draft: Draft) =>
  [
    draft.title,
    draft.addressee ?? '',
    ...draft.opening.map(paragraphText),
    ...bodyLines(draft),
  ].join('\n');

describe('composeDraft: layout', () => {
  it('puts the five parts and the sub-topics under official heading numbers, in template order', () => {
    const draft = compose();
    expect(draft.parts.map((p) => headingText(p.heading))).toEqual([
      '一、上一年度推进法治政府建设的主要举措和成效',
      '二、存在的不足和原因',
      '三、党政主要负责人履行推进法治建设第一责任人职责情况',
      '四、下一年度推进法治政府建设的主要安排',
      '五、其他需要报告的情况',
    ]);
    const subTopics = template.parts[0]?.sections ?? [];
    expect(subTopics).toHaveLength(8);
    expect(draft.parts[0]?.sections.map((s) => s.heading && headingText(s.heading))).toEqual(
      subTopics.map((s, i) => `（${chineseOrdinal(i + 1)}）${s.heading}`),
    );
    expect(
      headingText(draft.parts[0]?.sections[4]?.heading ?? { level: 2, number: '', text: '' }),
    ).toBe('（五）矛盾纠纷预防化解');
    // A part with a single section is not given a second heading of its own.
    expect(draft.parts.slice(1).every((p) => p.sections.every((s) => !s.heading))).toBe(true);
  });

  it('titles, addresses and signs the report from the facts it was given', () => {
    const draft = compose({ template: { ...template, joint: false } });
    expect(draft.title).toBe('青石镇2026年法治政府建设情况报告');
    expect(draft.addressee).toBe('清河县委、清河县人民政府：');
    expect(draft.closing).toEqual({ issuers: ['青石镇人民政府'], date: '2027年1月9日' });
    expect(draft.opening.map(paragraphText)).toEqual([
      '根据《法治政府建设与责任落实督察工作规定》，现将青石镇2026年度法治政府建设情况报告如下：',
    ]);
  });

  it('uses the joint Party committee and government form when the template is joint', () => {
    expect(template.joint).toBe(true);
    const joint: Template = template;
    const draft = compose({ issuedOn: '2027-12-31' });
    expect(draft.title).toBe('中共青石镇委员会 青石镇人民政府关于2026年度法治政府建设情况的报告');
    expect(draft.closing).toEqual({
      issuers: ['中共青石镇委员会', '青石镇人民政府'],
      date: '2027年12月31日',
    });
    const street = compose({ template: joint, org: { name: '城关街道' } });
    expect(street.closing.issuers).toEqual(['中共城关街道工作委员会', '城关街道办事处']);
  });

  it('leaves the addressee out when the county is not known, rather than printing a blank', () => {
    const draft = compose({ org: { name: '青石镇' } });
    expect(draft.addressee).toBeUndefined();
    expect(fullText(draft)).not.toMatch(/\{|\}|undefined/);
  });

  it('refuses a date that is not a calendar date', () => {
    expect(() => compose({ issuedOn: '2027-02-30' })).toThrow(RangeError);
    expect(() => compose({ issuedOn: '2027/1/9' })).toThrow(RangeError);
  });
});

describe('composeDraft: content comes from answers', () => {
  it('says every answered figure back with its unit and qualifier', () => {
    const lines = bodyLines(compose()).join('\n');
    for (const figure of [
      '理论学习中心组集中学法12次',
      '召开法治建设专题会议4次',
      '干部参训260余人次',
      '权责清单现有事项180项',
      '便民服务中心全年办件3400余件',
      '聘请法律顾问2名',
      '排查矛盾纠纷18起',
      '化解矛盾纠纷17起',
      '开展普法宣传活动70余场次',
      '发放普法资料1000余份',
      '受教育群众1.2万人次',
      '培育“法律明白人”48名',
      '村（社区）法律顾问覆盖率达100%',
      '主要负责人主持召开法治建设专题会议4次',
    ]) {
      expect(lines).toContain(figure);
    }
    // Every figure answered is said once; an exact zero as the template says there was none.
    const figures = allSpans(compose()).filter((s) => s.kind === 'figure' && !s.derived);
    const numbers = new Map(
      yearOfAnswers().flatMap((a) =>
        a.value.kind === 'number'
          ? [[`${a.sectionId}/${a.questionId}`, a.value.quantity] as const]
          : [],
      ),
    );
    expect(figures).toHaveLength(numbers.size);
    expect(lines).toContain('未受理信访事项');
  });

  it("writes the official's own sentence when a figure was answered with one", () => {
    const said = '全年召开党委专题会议4次，专题研究法治宣传、执法规范、矛盾化解等重点任务';
    const answers = [
      ...yearOfAnswers(),
      answer('1.1', 'law_meetings', num(4, '次', undefined, said)),
    ];
    const draft = compose({ answers });
    const first = draft.parts[0]?.sections[0]?.paragraphs.map(paragraphText).join('\n') ?? '';
    expect(first).toContain(`${said}。`);
    // The figure itself is said once, inside the sentence, not again in the phrase.
    expect(first).not.toContain('召开法治建设专题会议4次');
    expect(first.match(/4次/g)).toHaveLength(1);
  });

  it("says an exact zero as a real sentence: the template's zero clause, or the official's own words", () => {
    const zeroOf = (raw: string) =>
      compose({
        answers: [
          ...yearOfAnswers(),
          answer('1.4', 'enforcement_cases', num(0, '件', undefined, raw)),
        ],
      });
    const fourth = (d: Draft) =>
      d.parts[0]?.sections[3]?.paragraphs.map(paragraphText).join('\n') ?? '';
    for (const bare of ['0', '无', '0件']) {
      const body = fourth(zeroOf(bare));
      expect(body, bare).toContain('未办理行政执法案件');
      expect(body, bare).not.toMatch(/无(?:办理)?行政执法案件|0件/);
    }
    // The official wrote a sentence: it is what the report says, as typed.
    const said = fourth(zeroOf('全年无行政执法案件'));
    expect(said).toContain('全年无行政执法案件。');
    expect(said).not.toContain('未办理行政执法案件');
  });

  it('says a figure read from a paragraph once, in the paragraph', () => {
    const paragraph = '镇综治中心每周接访，全年排查矛盾纠纷18起，化解17起。';
    const read = (questionId: string, value: number, raw: string) =>
      answer('1.5', questionId, {
        kind: 'number',
        quantity: { value, unit: '起', raw },
        statedIn: 'how',
      });
    const answers = [
      ...yearOfAnswers(),
      answer('1.5', 'how', text(paragraph)),
      read('disputes_found', 18, '18起'),
      read('disputes_resolved', 17, '17起'),
    ];
    const disputes = compose({ answers })
      .parts[0]?.sections.find((s) => s.id === '1.5')
      ?.paragraphs.map(paragraphText)
      .join('\n');
    expect(disputes).toContain(paragraph);
    expect(disputes?.match(/18起/g)).toHaveLength(1);
    expect(disputes).toContain('调解成功率94.4%');
  });

  it('computes a rate from its two counts when the rate itself was not stated', () => {
    const draft = compose();
    expect(bodyLines(draft).join('\n')).toContain(
      '排查矛盾纠纷18起，化解矛盾纠纷17起，调解成功率94.4%，未受理信访事项。',
    );
    const derived = allSpans(draft).find((s) => s.kind === 'figure' && s.derived);
    expect(derived).toMatchObject({
      text: '94.4%',
      derived: {
        numerator: { sectionId: '1.5', questionId: 'disputes_resolved' },
        denominator: { sectionId: '1.5', questionId: 'disputes_found' },
      },
    });
  });

  it('keeps a stated rate and does not compute one over it', () => {
    const answers = [
      ...yearOfAnswers(),
      answer('1.5', 'mediation_rate', num(95, '%', 'at_least', '95%以上')),
    ];
    const lines = bodyLines(compose({ answers })).join('\n');
    expect(lines).toContain('调解成功率95%以上');
    expect(lines).not.toContain('94.4%');
  });

  it('computes no rate from hedged counts, and never rounds an incomplete share up to 100%', () => {
    const hedged = [
      ...yearOfAnswers(),
      answer('1.5', 'disputes_found', num(18, '起', 'at_least', '18起以上')),
    ];
    expect(bodyLines(compose({ answers: hedged })).join('\n')).not.toContain('调解成功率');

    const almost = [
      ...yearOfAnswers(),
      answer('1.5', 'disputes_found', num(2000, '起')),
      answer('1.5', 'disputes_resolved', num(1999, '起')),
    ];
    expect(bodyLines(compose({ answers: almost })).join('\n')).toContain('调解成功率99.9%');
  });

  it('builds 一是……二是…… from a list answer', () => {
    expect(bodyLines(compose())).toContain(
      '一是执法人员多为兼职，专业力量不足；二是普法形式较单一，针对青年群体的内容偏少；三是部分村法律顾问到村次数不够。',
    );
    const sentences = [
      ...yearOfAnswers(),
      answer('4', 'plans', list('1、建强执法队伍。', '（二）创新普法方式！', '三是补齐经费短板')),
    ];
    // People's own numbering gives way to ours; their full stops stay, ours fill in.
    expect(bodyLines(compose({ answers: sentences }))).toContain(
      '一是建强执法队伍。二是创新普法方式！三是补齐经费短板。',
    );
  });

  it('reads an enumeration typed into a text answer as a list, leaving no marker in running text', () => {
    const answers = [
      ...yearOfAnswers(),
      answer(
        '1.5',
        'how',
        text(
          '镇综治中心牵头，主要做法：（一）网格员每周走访。（二）调委会每月排查。（三）重大纠纷领导包案。',
        ),
      ),
      answer('2', 'causes', text('原因有三：1.人员少 2.经费紧 3.培训少')),
    ];
    const lines = bodyLines(compose({ answers }));
    expect(lines).toContain(
      '镇综治中心牵头，主要做法：一是网格员每周走访；二是调委会每月排查；三是重大纠纷领导包案。',
    );
    expect(lines).toContain('原因有三：一是人员少；二是经费紧；三是培训少。');
    const mine = lines.filter((l) => l.includes('主要做法') || l.includes('原因有三'));
    expect(mine).toHaveLength(2);
    expect(mine.join('\n')).not.toMatch(/[（(][一二三四五六七八九十\d][)）]|[①-⑳]|\d[.、]/u);
  });

  it('lays out long points that each open with a short lead as numbered paragraphs', () => {
    const long = (lead: string) =>
      `${lead}。${'按月排查走访，建立台账并跟踪回访，'.repeat(4)}逐件销号`;
    const answers = [
      ...yearOfAnswers(),
      answer('1.5', 'how', list(long('健全调解网络'), long('推行包案化解'))),
      answer('4', 'plans', list(long('建强执法队伍'), long('创新普法方式'))),
    ];
    const draft = compose({ answers });
    const disputes = draft.parts[0]?.sections.find((s) => s.id === '1.5');
    expect(disputes?.paragraphs.slice(0, 2).map((p) => p.lead && headingText(p.lead))).toEqual([
      '1.健全调解网络。',
      '2.推行包案化解。',
    ]);
    // Directly under a part heading the points take the second level: （一） （二）.
    const plans = draft.parts[3]?.sections[0];
    expect(plans?.paragraphs.map((p) => p.lead && headingText(p.lead))).toEqual([
      '（一）建强执法队伍。',
      '（二）创新普法方式。',
    ]);
  });

  it('uses the newest answer to each question and honours retractions', () => {
    const answers: Answer[] = [
      ...yearOfAnswers(),
      answer('1.1', 'study_sessions', num(9, '次')),
      answer('1.1', 'study_sessions', num(0, '次'), { retracts: true }),
      answer('1.6', 'pufa_events', num(0, '场次'), { retracts: true }),
      answer('1.6', 'pufa_events', num(0, '场次'), { retracts: true }),
    ];
    const lines = bodyLines(compose({ answers })).join('\n');
    // 9 was withdrawn, so the answer before it (12) stands again.
    expect(lines).toContain('学法12次');
    expect(lines).not.toContain('学法9次');
    // Both answers on events were withdrawn: the figure is gone and is owed again.
    expect(lines).not.toMatch(/普法宣传活动\d/);
    expect(lines).toContain('【待填写：普法宣传活动场次（负责人：张三）】');
  });

  it('ignores answers that belong to another report', () => {
    const stray = answer('5', 'details', text('本不属于此报告的内容'), { reportId: 'r-other' });
    expect(fullText(compose({ answers: [...yearOfAnswers(), stray] }))).not.toContain('本不属于');
  });
});

describe('composeDraft: what is missing shows, and nothing is invented', () => {
  it('marks empty and unfinished sections, naming what is missing and who owes it', () => {
    const draft = compose();
    const lines = bodyLines(draft);
    expect(lines).toContain('【待填写：权力监督与政务公开，尚无回答（负责人：王五）】');
    expect(lines).toContain('【待填写：持证执法人员数；办理行政执法案件数（负责人：李四）】');
    // No member name known: the userid stands in.
    expect(lines).toContain('【待填写：其他需要报告的情况，尚无回答（负责人：zhaoliu）】');
    expect(draft.missing.map((m) => [m.sectionId, m.reason, m.assigneeName ?? m.assignee])).toEqual(
      [
        ['1.4', 'incomplete', '李四'],
        ['1.8', 'unanswered', '王五'],
        ['5', 'unanswered', 'zhaoliu'],
      ],
    );
  });

  it('says what a 是 confirmed, asks for words where it cannot, and writes 无 for a part answered 无', () => {
    const lines = bodyLines(compose()).join('\n');
    expect(lines).toContain('按要求调整、公布了本镇的权责清单。权责清单现有事项180项。');
    expect(lines).toContain('主要负责人在年终述职中开展了述法。');
    // 否 to the conditional court question leaves nothing to say in part 三.
    expect(lines).not.toContain('出庭应诉');

    const answers = [
      ...yearOfAnswers(),
      answer('5', 'any', yes()),
      answer('3', 'shufa', yes('书记、镇长均在年终述职会上专题述法')),
    ];
    const draft = compose({ answers });
    expect(bodyLines(draft)).toContain(
      '【待填写：有没有其他需要报告的情况？已答“是”，请补充具体情况（负责人：zhaoliu）】',
    );
    expect(bodyLines(draft).join('\n')).toContain('书记、镇长均在年终述职会上专题述法。');

    const nothing = compose({ answers: [...yearOfAnswers(), answer('5', 'any', no())] });
    expect(nothing.parts[4]?.sections[0]?.paragraphs.map(paragraphText)).toEqual(['无。']);
    expect(nothing.missing.map((m) => m.sectionId)).not.toContain('5');
  });

  it('names no one when a section is unassigned', () => {
    const unassigned = {
      ...report,
      sections: report.sections.map((s) =>
        s.sectionId === '1.8' ? { sectionId: s.sectionId, status: s.status } : s,
      ),
    };
    expect(bodyLines(compose({ report: unassigned }))).toContain(
      '【待填写：权力监督与政务公开，尚无回答（尚未分配负责人）】',
    );
  });

  it('keeps a skipped sub-topic and part, with a marker for every question still owed', () => {
    const skipping = {
      ...report,
      sections: report.sections.map((s) =>
        s.sectionId === '1.8' || s.sectionId === '1.4' ? { ...s, status: 'skipped' as const } : s,
      ),
    };
    const answers = [
      ...yearOfAnswers().filter((a) => a.sectionId !== '1.4'),
      answer('1.4', 'how', skipped),
      answer('5', 'any', skipped),
      answer('5', 'details', skipped),
    ];
    const draft = compose({ report: skipping, answers });
    // 跳过 leaves a question owed (report/progress.ts): nothing silently disappears.
    expect(draft.parts[0]?.sections).toHaveLength(8);
    const lines = bodyLines(draft);
    expect(lines.some((l) => l.startsWith('【待填写：行政执法公示、执法全过程记录'))).toBe(true);
    expect(lines).toContain('【待填写：有没有其他需要报告的情况？（负责人：zhaoliu）】');
    expect(draft.missing.map((m) => m.sectionId)).toEqual(
      expect.arrayContaining(['1.4', '1.8', '5']),
    );
    // An optional question skipped is not owed: 5's details asks for nothing once 无 is said.
    const settled = compose({
      report: skipping,
      answers: [...answers, answer('5', 'any', no())],
    });
    expect(settled.missing.map((m) => m.sectionId)).not.toContain('5');
    expect(bodyLines(settled).join('\n')).not.toContain('其他需要报告的情况？');
  });

  it('adds only connectives, template wording and given facts to the answers', () => {
    const answers = [...yearOfAnswers(), answer('5', 'any', no())];
    const draft = compose({ answers });
    const current = currentAnswers(answers);
    const valueOf = (ref: { sectionId: string; questionId: string }) =>
      current.get(`${ref.sectionId}/${ref.questionId}`)?.value;
    const promptOf = (ref: { sectionId: string; questionId: string }) =>
      template.parts
        .flatMap((p) => p.sections)
        .find((s) => s.id === ref.sectionId)
        ?.questions.find((q) => q.id === ref.questionId)?.prompt ?? '';
    const metricNames = template.parts.flatMap((p) =>
      p.sections.flatMap((s) => s.metrics.map((m) => m.name)),
    );
    const phrasePieces = template.parts.flatMap((p) =>
      p.sections.flatMap((s) =>
        s.metrics.flatMap((m) => (m.phrase ?? '').replace(`{n}${m.unit}`, '{n}').split('{n}')),
      ),
    );
    const seen = new Set<string>();
    for (const span of allSpans(draft)) {
      seen.add(span.kind);
      switch (span.kind) {
        case 'connective':
          expect(isConnective(span.text), span.text).toBe(true);
          break;
        case 'label':
          // A metric's name, less the measure word its figure's unit repeats.
          // A piece of a metric's phrase, or (zero, 无) its name less the measure word.
          expect(
            phrasePieces.includes(span.text) || metricNames.some((n) => n.startsWith(span.text)),
            span.text,
          ).toBe(true);
          break;
        case 'fact':
          expect(['青石镇', '2026']).toContain(span.text);
          break;
        case 'answer': {
          const value = valueOf(span.ref);
          if (value?.kind === 'yesno' && !value.yes) expect(span.text).toBe('无');
          else expect(JSON.stringify(value), span.text).toContain(span.text);
          break;
        }
        case 'confirmed':
          expect(valueOf(span.ref)).toMatchObject({ kind: 'yesno', yes: true });
          expect(promptOf(span.ref).replace('是否', '')).toContain(span.text);
          break;
        case 'figure': {
          if (span.derived) break;
          const value = valueOf(span.ref);
          expect(value?.kind).toBe('number');
          if (value?.kind !== 'number') break;
          // An exact zero is said as the template says there was none (`zero`).
          const section = template.parts
            .flatMap((p) => p.sections)
            .find((s) => s.id === span.ref.sectionId);
          const key = section?.questions.find((q) => q.id === span.ref.questionId)?.metric;
          const metric = section?.metrics.find((m) => m.key === key);
          expect(span.text).toBe(
            value.quantity.value === 0 && metric?.zero
              ? metric.zero
              : formatQuantity(value.quantity),
          );
          break;
        }
        case 'marker':
          expect(span.text).toMatch(/^【待填写：.+】$/);
          break;
      }
    }
    expect([...seen].sort()).toEqual(
      ['answer', 'confirmed', 'connective', 'fact', 'figure', 'label', 'marker'].sort(),
    );
  });

  it('prints no digit that is not in an answer, the year, the date, a derived rate or a heading number', () => {
    const answers = yearOfAnswers();
    const draft = compose({ answers });
    const allowed = new Set<string>(['2026', '94.4']);
    for (const a of answers) {
      if (a.value.kind !== 'number') continue;
      for (const n of formatQuantity(a.value.quantity).match(/\d+(?:\.\d+)?/g) ?? [])
        allowed.add(n);
    }
    const body = [
      ...draft.opening.map(paragraphText),
      ...draft.parts.flatMap((p) =>
        p.sections.flatMap((s) => s.paragraphs.map((x) => x.spans.map((t) => t.text).join(''))),
      ),
    ].join('\n');
    const printed = body.match(/\d+(?:\.\d+)?/g) ?? [];
    expect(printed.length).toBeGreaterThan(5);
    for (const n of printed) expect(allowed, n).toContain(n);
  });
});
