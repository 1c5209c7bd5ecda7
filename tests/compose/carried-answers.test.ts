import { describe, expect, it } from 'vitest';
import { composeDraft, paragraphText } from '../../src/report/compose/index.js';
import {
  answer,
  members,
  num,
  report,
  skipped,
  template,
  text,
  yearOfAnswers,
} from './fixtures.js';

/** Answers to last year's plans (`carried_<n>`) are not template questions, yet belong in the draft. */
describe('answers to questions the template does not list', () => {
  it('are written at the end of their section, in question order, without breaking the rest', () => {
    const section = template.parts.find((p) => p.no === 1)?.sections[0];
    if (!section) throw new Error('template has no part 一');
    const draft = composeDraft({
      template,
      report,
      members,
      org: { name: '青石镇' },
      issuedOn: '2027-01-09',
      answers: [
        ...yearOfAnswers(),
        answer(section.id, 'carried_10', text('第十条计划的落实情况写在这里。')),
        answer(section.id, 'carried_2', text('去年说要建的学法档案，今年已经全部建好。')),
        answer(section.id, 'carried_3', skipped),
        answer(section.id, 'carried_4', num(5, '件')),
        answer('9.9', 'carried_1', text('没有这个部分的回答不会出现。')),
      ],
    });
    const body = draft.parts
      .flatMap((p) => p.sections)
      .flatMap((s) => s.paragraphs)
      .map(paragraphText)
      .join('\n');
    const second = body.indexOf('学法档案，今年已经全部建好');
    const tenth = body.indexOf('第十条计划的落实情况');
    expect(second).toBeGreaterThan(-1);
    expect(tenth).toBeGreaterThan(second);
    expect(body).not.toContain('没有这个部分的回答');
  });
});
