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
import { formatQuantity } from '../../src/report/numbers.js';
import type { Answer, Template } from '../../src/report/types.js';
import { answer, list, members, num, report, template, text, yearOfAnswers } from './fixtures.js';

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
      '二、上一年度推进法治政府建设存在的不足和原因',
      '三、党政主要负责人履行推进法治建设第一责任人职责情况',
      '四、下一年度推进法治政府建设的主要安排',
      '五、其他需要报告的情况',
    ]);
    expect(draft.parts[0]?.sections.map((s) => s.heading && headingText(s.heading))).toEqual([
      '（一）加强党的领导，学习贯彻习近平法治思想',
      '（二）规范行政执法',
      '（三）矛盾纠纷预防化解',
      '（四）普法与法治乡村',
      '（五）权力监督与政务公开',
    ]);
    // A part with a single section is not given a second heading of its own.
    expect(draft.parts.slice(1).every((p) => p.sections.every((s) => !s.heading))).toBe(true);
  });

  it('titles, addresses and signs the report from the facts it was given', () => {
    const draft = compose();
    expect(draft.title).toBe('青石镇2026年法治政府建设情况报告');
    expect(draft.addressee).toBe('清河县委、清河县人民政府：');
    expect(draft.closing).toEqual({ issuers: ['青石镇人民政府'], date: '2027年1月9日' });
    expect(draft.opening.map(paragraphText)).toEqual([
      '根据《法治政府建设与责任落实督察工作规定》，现将青石镇2026年度法治政府建设情况报告如下：',
    ]);
  });

  it('uses the joint Party committee and government form when the template is joint', () => {
    const joint: Template = { ...template, joint: true };
    const draft = compose({ template: joint, issuedOn: '2027-12-31' });
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
      '党委理论学习中心组专题学法12次',
      '排查矛盾纠纷18起',
      '成功化解17起',
      '开展普法宣传活动70余场次',
      '发放宣传资料1000余份',
      '受教育群众1.2万人次',
      '主持召开法治建设专题会议4次',
    ]) {
      expect(lines).toContain(figure);
    }
  });

  it('computes a rate from its two counts when the rate itself was not stated', () => {
    const draft = compose();
    expect(bodyLines(draft)).toContain('全年排查矛盾纠纷18起，成功化解17起，调解成功率94.4%。');
    const derived = allSpans(draft).find((s) => s.kind === 'figure' && s.derived);
    expect(derived).toMatchObject({
      text: '94.4%',
      derived: {
        numerator: { sectionId: '1.5', questionId: 'resolved' },
        denominator: { sectionId: '1.5', questionId: 'found' },
      },
    });
  });

  it('keeps a stated rate and does not compute one over it', () => {
    const answers = [
      ...yearOfAnswers(),
      answer('1.5', 'rate', num(95, '%', 'at_least', '95%以上')),
    ];
    const lines = bodyLines(compose({ answers })).join('\n');
    expect(lines).toContain('调解成功率95%以上');
    expect(lines).not.toContain('94.4%');
  });

  it('computes no rate from hedged counts, and never rounds an incomplete share up to 100%', () => {
    const hedged = [...yearOfAnswers(), answer('1.5', 'found', num(18, '起', 'over', '18起以上'))];
    expect(bodyLines(compose({ answers: hedged })).join('\n')).not.toContain('调解成功率');

    const almost = [
      ...yearOfAnswers(),
      answer('1.5', 'found', num(2000, '起')),
      answer('1.5', 'resolved', num(1999, '起')),
    ];
    expect(bodyLines(compose({ answers: almost })).join('\n')).toContain('调解成功率99.9%');
  });

  it('builds 一是……二是…… from a list answer', () => {
    expect(bodyLines(compose())).toContain(
      '一是在各村设立调解小组；二是镇综治中心每周集中接待来访群众；三是对涉土地纠纷实行包案到人。',
    );
  });

  it('lays out long points that each open with a short lead as numbered paragraphs', () => {
    const long = (lead: string) =>
      `${lead}。${'按月排查走访，建立台账并跟踪回访，'.repeat(4)}逐件销号`;
    const answers = [
      ...yearOfAnswers(),
      answer('1.5', 'measures', list(long('健全调解网络'), long('推行包案化解'))),
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
      answer('1.1', 'sessions', num(9, '次')),
      answer('1.1', 'sessions', num(0, '次'), { retracts: true }),
      answer('1.6', 'materials', num(0, '份'), { retracts: true }),
    ];
    const lines = bodyLines(compose({ answers })).join('\n');
    // 9 was withdrawn, so the answer before it (12) stands again.
    expect(lines).toContain('专题学法12次');
    expect(lines).not.toContain('专题学法9次');
    // The only answer on materials was withdrawn: the figure is gone and is owed again.
    expect(lines).not.toContain('发放宣传资料');
    expect(lines).toContain('【待填写：发放资料多少份？（负责人：张三）】');
  });

  it('ignores answers that belong to another report', () => {
    const stray = answer('5', 'other', text('本不属于此报告的内容'), { reportId: 'r-other' });
    expect(fullText(compose({ answers: [...yearOfAnswers(), stray] }))).not.toContain('本不属于');
  });
});

describe('composeDraft: what is missing shows, and nothing is invented', () => {
  it('marks empty and unfinished sections, naming what is missing and who owes it', () => {
    const draft = compose();
    const lines = bodyLines(draft);
    expect(lines).toContain('【待填写：权力监督与政务公开，尚无回答（负责人：王五）】');
    expect(lines).toContain('【待填写：持证执法人员有几名？（负责人：李四）】');
    // No member name known: the userid stands in.
    expect(lines).toContain('【待填写：其他需要报告的情况，尚无回答（负责人：zhaoliu）】');
    // A bare yes asks for words instead of having some made up.
    expect(lines).toContain(
      '【待填写：是否出庭应诉？已答“是”，请补充具体情况（负责人：党政办陈主任）】',
    );
    expect(draft.missing.map((m) => [m.sectionId, m.reason])).toEqual([
      ['1.4', 'incomplete'],
      ['1.8', 'unanswered'],
      ['3', 'needs_wording'],
      ['5', 'unanswered'],
    ]);
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

  it('drops a skipped sub-topic and closes up the numbering, but keeps a skipped part visible', () => {
    const skipped = {
      ...report,
      sections: report.sections.map((s) =>
        s.sectionId === '1.8' || s.sectionId === '1.4' ? { ...s, status: 'skipped' as const } : s,
      ),
    };
    const answers = [
      ...yearOfAnswers().filter((a) => a.sectionId !== '1.4'),
      answer('5', 'other', { kind: 'skipped' }),
    ];
    const draft = compose({ report: skipped, answers });
    expect(draft.parts[0]?.sections.map((s) => s.heading && headingText(s.heading))).toEqual([
      '（一）加强党的领导，学习贯彻习近平法治思想',
      '（二）矛盾纠纷预防化解',
      '（三）普法与法治乡村',
    ]);
    expect(bodyLines(draft)).toContain(
      '【待填写：其他需要报告的情况，已跳过，如无内容请写“无”（负责人：zhaoliu）】',
    );
  });

  it('adds only connectives, template labels and given facts to the answers', () => {
    const answers = yearOfAnswers();
    const draft = compose({ answers });
    const answerWords = (sectionId: string, questionId: string) => {
      const current = answers.filter(
        (a) => a.sectionId === sectionId && a.questionId === questionId,
      );
      return current.map((a) => JSON.stringify(a.value)).join('\n');
    };
    const labels = new Set(
      template.parts.flatMap((p) => p.sections.flatMap((s) => s.metrics.map((m) => m.name))),
    );
    for (const span of allSpans(draft)) {
      switch (span.kind) {
        case 'connective':
          expect(isConnective(span.text), span.text).toBe(true);
          break;
        case 'label':
          expect(labels.has(span.text), span.text).toBe(true);
          break;
        case 'fact':
          expect(['青石镇', '2026']).toContain(span.text);
          break;
        case 'answer':
          expect(answerWords(span.ref.sectionId, span.ref.questionId)).toContain(span.text);
          break;
        case 'figure':
          if (!span.derived) {
            expect(answerWords(span.ref.sectionId, span.ref.questionId)).toMatch(/"kind":"number"/);
          }
          break;
        case 'marker':
          expect(span.text).toMatch(/^【待填写：.+】$/);
          break;
      }
    }
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
