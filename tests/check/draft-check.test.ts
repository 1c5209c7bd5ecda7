import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/report/check/index.js';
import { composeDraft } from '../../src/report/compose/index.js';
import { draftText } from '../../src/report/export/index.js';
import { members, report, template, yearOfAnswers } from '../compose/fixtures.js';

/*
 * Our own draft passes through the same 检查 as any report: each 【待填写：…】 marker the composer
 * leaves, however long, is a finding, and a part holding only markers is reported as empty.
 */
function draft(answers: Parameters<typeof composeDraft>[0]['answers']): string {
  return draftText(
    composeDraft({
      template,
      report,
      answers,
      org: { name: '青石镇', countyName: '清河县' },
      members,
      issuedOn: '2027-01-09',
    }),
  );
}

/** 1-based lines holding a marker, once per marker. */
function markerLines(text: string): number[] {
  return text.split('\n').flatMap((l, i) => [...l.matchAll(/【待填写[^】]*】/g)].map(() => i + 1));
}

describe('检查 on our own drafts', () => {
  it.each([
    ['unanswered', () => draft([])],
    ['mostly answered', () => draft(yearOfAnswers())],
  ])('finds every 【待填写】 marker of a %s draft, at its line', (_, make) => {
    const text = make();
    const markers = markerLines(text);
    expect(markers.length).toBeGreaterThan(0);
    const found = checkReport(text).filter(
      (f) => f.rule === 'placeholder' && f.message.includes('待填写'),
    );
    expect(found.map((f) => f.line).sort((a, b) => a - b)).toEqual(markers);
  });

  it('does not count marker text as content: parts holding only markers are empty', () => {
    const text = draft([]);
    expect(text.split('\n').some((l) => /【待填写[^】]{30,}】/.test(l))).toBe(true);
    const empty = checkReport(text).filter(
      (f) => f.rule === 'empty-part' && f.severity === 'error',
    );
    expect(empty.length).toBeGreaterThan(0);
    for (const f of empty) expect(f.message).toContain('待填写');
  });
});
