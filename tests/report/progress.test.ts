import { describe, expect, it } from 'vitest';
import { daysBetween, shanghaiDate } from '../../src/report/dates.js';
import { computeProgress, progressBar } from '../../src/report/progress.js';
import { allSections } from '../../src/report/sections.js';
import type { Answer, Report, Template } from '../../src/report/types.js';
import { loadTemplates } from '../../src/store/template-files.js';
import { townshipTemplate } from '../chat/fixtures.js';

const at = (iso: string) => new Date(iso);

function report(sections: Report['sections'], deadline = '2027-02-26'): Report {
  return {
    id: 'r1',
    orgId: 'o1',
    orgName: '青石镇',
    year: 2026,
    templateId: 'township',
    templateVersion: 1,
    title: '青石镇2026年法治政府建设情况报告',
    deadline,
    adminUserid: 'admin',
    sections,
    createdAt: at('2027-01-01T00:00:00Z'),
  };
}

function answer(
  sectionId: string,
  questionId: string,
  when: string,
  extra: Partial<Answer> = {},
): Answer {
  return {
    reportId: 'r1',
    sectionId,
    questionId,
    raw: 'x',
    value: { kind: 'text', text: 'x' },
    userid: 'zhang',
    at: at(when),
    ...extra,
  };
}

describe('computeProgress', () => {
  const sections: Report['sections'] = [
    {
      sectionId: '1.1',
      status: 'done',
      assignee: 'li',
      updatedAt: at('2027-01-05T02:00:00Z'),
      updatedBy: 'li',
    },
    { sectionId: '1.2', status: 'todo', assignee: 'zhang' },
    { sectionId: '1.3', status: 'in_progress', assignee: 'zhang' },
    { sectionId: '1.4', status: 'skipped' },
    { sectionId: '2', status: 'todo' },
    { sectionId: '3', status: 'todo', assignee: 'li' },
  ];

  it('decides done by what is owed: a skipped question stays owed, a recorded status does not override', () => {
    const answers = [
      answer('1.3', 'measures', '2027-01-06T02:00:00Z'),
      answer('1.3', 'found', '2027-01-06T03:00:00Z'),
      answer('1.3', 'found', '2027-01-06T04:00:00Z', { retracts: true }),
      answer('1.4', 'events', '2027-01-06T05:00:00Z', { value: { kind: 'skipped' } }),
      answer('1.2', 'reviews', '2027-01-07T01:00:00Z', { userid: 'zhang' }),
      { ...answer('1.1', 'study', '2027-01-08T01:00:00Z'), reportId: 'other' },
    ];
    const p = computeProgress(
      report(sections),
      townshipTemplate,
      answers,
      at('2027-01-10T01:00:00Z'),
    );
    expect(p).toMatchObject({
      total: 6,
      done: 1,
      inProgress: 3,
      todo: 2,
      skipped: 1,
      owedQuestions: 8,
      skippedQuestions: 1,
    });
    expect(
      p.sections.map((s) => [s.sectionId, s.status, s.answered, s.questions, s.owed, s.skipped]),
    ).toEqual([
      // Recorded done, but both its questions are owed.
      ['1.1', 'in_progress', 0, 2, 2, 0],
      // Its one question answered: done, whatever the recorded status says.
      ['1.2', 'done', 1, 1, 0, 0],
      // The retracted answer no longer counts.
      ['1.3', 'in_progress', 1, 4, 3, 0],
      // Skipped is owed.
      ['1.4', 'in_progress', 0, 1, 1, 1],
      ['2', 'todo', 0, 1, 1, 0],
      ['3', 'todo', 0, 1, 1, 0],
    ]);
    expect(p.sections[2]?.owedQuestionIds).toEqual(['found', 'resolved', 'case']);
    expect(p.sections[0]).toMatchObject({ lastUpdate: at('2027-01-05T02:00:00Z'), lastBy: 'li' });
    expect(p.sections[1]).toMatchObject({
      lastUpdate: at('2027-01-07T01:00:00Z'),
      lastBy: 'zhang',
    });
    expect(p.lastUpdate).toEqual(at('2027-01-07T01:00:00Z'));
    expect(p.owing).toEqual([
      { assignee: 'li', sectionIds: ['1.1', '3'] },
      { assignee: 'zhang', sectionIds: ['1.3'] },
      { assignee: null, sectionIds: ['1.4', '2'] },
    ]);
  });

  it('takes 无 as an answer and never owes an optional question', () => {
    const optional = {
      ...townshipTemplate,
      parts: townshipTemplate.parts.map((part) => ({
        ...part,
        sections: part.sections.map((s) =>
          s.id === '1.3'
            ? { ...s, questions: s.questions.map((q) => ({ ...q, optional: q.id === 'case' })) }
            : s,
        ),
      })),
    };
    const answers = [
      answer('1.3', 'measures', '2027-01-06T02:00:00Z'),
      answer('1.3', 'found', '2027-01-06T03:00:00Z', { value: { kind: 'text', text: '无' } }),
      answer('1.3', 'resolved', '2027-01-06T03:00:00Z'),
      answer('1.3', 'case', '2027-01-06T04:00:00Z', { value: { kind: 'skipped' } }),
    ];
    const p = computeProgress(report(sections), optional, answers, at('2027-01-10T01:00:00Z'));
    expect(p.sections.find((s) => s.sectionId === '1.3')).toMatchObject({
      status: 'done',
      owed: 0,
      skipped: 0,
    });
  });

  it('takes a section that asks nothing required (the opening 导语) as done and leaves it out of the counts', () => {
    const v2 = loadTemplates().get('township', 2) as Template;
    const all = allSections(v2);
    const opening = all.find((s) => s.part === 0);
    expect(opening?.questions.every((q) => q.optional)).toBe(true);
    const states = all.map((s) => ({ sectionId: s.id, status: 'todo' as const, assignee: 'li' }));
    const fresh = computeProgress(
      { ...report(states), templateVersion: 2 },
      v2,
      [],
      at('2027-01-10T01:00:00Z'),
    );
    // Nothing written: nothing counted done, and the opening is not among what is owed.
    expect(fresh).toMatchObject({ total: all.length - 1, done: 0, todo: all.length - 1 });
    expect(fresh.sections.find((s) => s.sectionId === '0')).toMatchObject({
      status: 'done',
      optional: true,
      owed: 0,
    });
    expect(fresh.owing.flatMap((o) => o.sectionIds)).not.toContain('0');

    // Every required question answered, the opening left alone: the report is finished.
    const answers = all.flatMap((s) =>
      s.questions.filter((q) => !q.optional).map((q) => answer(s.id, q.id, '2027-01-06T02:00:00Z')),
    );
    const finished = computeProgress(
      { ...report(states), templateVersion: 2 },
      v2,
      answers,
      at('2027-01-10T01:00:00Z'),
    );
    expect(finished).toMatchObject({ total: all.length - 1, done: all.length - 1, owing: [] });
    expect(finished.owedQuestions).toBe(0);
  });

  it('counts days to the deadline in Asia/Shanghai, negative when overdue', () => {
    // 2027-02-25T17:00Z is already the 26th in Shanghai: the deadline is today.
    expect(
      computeProgress(report(sections), townshipTemplate, [], at('2027-02-25T17:00:00Z')),
    ).toMatchObject({
      today: '2027-02-26',
      daysLeft: 0,
      overdue: false,
    });
    expect(
      computeProgress(report(sections), townshipTemplate, [], at('2027-03-01T01:00:00Z')),
    ).toMatchObject({
      daysLeft: -3,
      overdue: true,
    });
    expect(shanghaiDate(at('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(daysBetween('2027-01-10', '2027-02-26')).toBe(47);
  });
});

describe('progressBar', () => {
  it('draws ten cells with the count', () => {
    expect(progressBar(4, 12)).toBe('▓▓▓░░░░░░░ 4/12');
    expect(progressBar(0, 12)).toBe('░░░░░░░░░░ 0/12');
    expect(progressBar(12, 12)).toBe('▓▓▓▓▓▓▓▓▓▓ 12/12');
    // Something done shows at least one cell; not everything done never shows a full bar.
    expect(progressBar(1, 40)).toBe('▓░░░░░░░░░ 1/40');
    expect(progressBar(39, 40)).toBe('▓▓▓▓▓▓▓▓▓░ 39/40');
    expect(progressBar(0, 0)).toBe('░░░░░░░░░░ 0/0');
  });
});
