import { describe, expect, it } from 'vitest';
import { composeDraft, type Draft } from '../../src/report/compose/index.js';
import {
  chatPreview,
  draftMarkdown,
  toMarkdown,
  toMarkdownSummary,
  utf8Bytes,
} from '../../src/report/export/markdown.js';
import type { Answer } from '../../src/report/types.js';
import { answer, list, members, report, template, text, yearOfAnswers } from './fixtures.js';

const URL_ = 'https://bot.example.cn/drafts/abc.def.docx';

function draftWith(answers: Answer[]): Draft {
  return composeDraft({
    template,
    report,
    answers,
    org: { name: '青石镇', countyName: '清河县' },
    members,
    issuedOn: '2027-01-09',
  });
}

/** A year in which every section has a great deal to say: well over one message. */
function longDraft(): Draft {
  const para = (topic: string, n: number) =>
    Array.from(
      { length: n },
      (_, i) => `${topic}第${i + 1}项工作按月推进，逐村落实责任，台账记录完整，群众反映良好。`,
    ).join('');
  const answers = [
    ...yearOfAnswers(),
    answer('1.1', 'how', text(`${para('学法', 40)}\n${para('述法', 40)}`)),
    answer('1.4', 'how', text(para('执法', 80))),
    answer('1.8', 'how', text(para('公开', 80))),
    answer('4', 'plans', list(para('安排甲', 20), para('安排乙', 20), para('安排丙', 20))),
    answer('5', 'details', text(para('其他', 60))),
  ];
  return draftWith(answers);
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe('chat preview in Markdown', () => {
  it('sends a short draft whole, headings and markers visible, link at the end', () => {
    const pages = toMarkdown(draftWith(yearOfAnswers()), { fullDocumentUrl: URL_ });
    expect(pages).toHaveLength(1);
    const md = pages[0] as string;
    expect(
      md.startsWith('# 中共青石镇委员会 青石镇人民政府关于2026年度法治政府建设情况的报告'),
    ).toBe(true);
    expect(md).toContain('## 一、上一年度推进法治政府建设的主要举措和成效');
    expect(md).toContain('### （五）矛盾纠纷预防化解');
    expect(md).toContain('**【待填写：权力监督与政务公开，尚无回答（负责人：王五）】**');
    expect(md).toContain('调解成功率94.4%');
    expect(md.trimEnd().endsWith(`(${URL_})`)).toBe(true);
  });

  it('keeps people’s own Markdown characters from turning into markup', () => {
    const md = draftMarkdown(
      draftWith([...yearOfAnswers(), answer('5', 'details', text('#标签 *重点* [链接]'))]),
    );
    expect(md).toContain('\\#标签 \\*重点\\* \\[链接\\]');
  });

  it('splits a long draft into pages within the byte limit, each ending with the link', () => {
    const draft = longDraft();
    const whole = draftMarkdown(draft);
    expect(utf8Bytes(whole)).toBeGreaterThan(20_480);

    const pages = toMarkdown(draft, { fullDocumentUrl: URL_ });
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(Buffer.byteLength(page, 'utf8')).toBeLessThanOrEqual(20_480);
      expect(
        page.trimEnd().endsWith(`第${i + 1}/${pages.length}页，[下载完整文档（.docx）](${URL_})`),
      ).toBe(true);
    });
    // Nothing lost, nothing repeated: the pages minus their footers are the whole text.
    const body = pages.map((p) => p.replace(/\n\n> 草稿预览 第\d+\/\d+页.*$/s, '')).join('');
    expect(squash(body)).toBe(squash(whole));
  });

  it('cuts a paragraph longer than a page at a sentence end, never inside a character', () => {
    const draft = longDraft();
    const pages = toMarkdown(draft, { maxBytes: 2_000 });
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      expect(Buffer.byteLength(page, 'utf8')).toBeLessThanOrEqual(2_000);
      expect(page).not.toContain('\uFFFD');
      // A page never ends on a heading whose text is on the next page.
      const content = page.replace(/\n\n> 草稿预览.*$/s, '').split('\n\n');
      expect(content.at(-1)?.startsWith('#')).toBe(false);
    }
    const cutMidSentence = pages.filter((p) => {
      const last = p.replace(/\n\n> 草稿预览.*$/s, '').trimEnd();
      return !/[。；！？：）】*\d日]$/u.test(last);
    });
    expect(cutMidSentence).toEqual([]);
    expect(squash(pages.map((p) => p.replace(/\n\n> 草稿预览.*$/s, '')).join(''))).toBe(
      squash(draftMarkdown(draft)),
    );
  });

  it('summarises a long draft part by part in one message, with what is missing and the link', () => {
    const draft = longDraft();
    const summary = toMarkdownSummary(draft, { fullDocumentUrl: URL_ });
    expect(utf8Bytes(summary)).toBeLessThanOrEqual(20_480);
    for (const part of draft.parts) expect(summary).toContain(part.heading.text);
    expect(summary).toContain('（六）普法与法治乡村');
    expect(summary).toContain(`**尚有${draft.missing.length}处待填写**`);
    expect(summary.trimEnd().endsWith(`(${URL_})`)).toBe(true);
    // Tight limits are still respected.
    expect(
      utf8Bytes(toMarkdownSummary(draft, { maxBytes: 1_000, fullDocumentUrl: URL_ })),
    ).toBeLessThanOrEqual(1_000);
  });

  it('previews the whole draft when it fits and the summary when it does not', () => {
    const short = draftWith(yearOfAnswers());
    expect(chatPreview(short, { fullDocumentUrl: URL_ })).toBe(draftMarkdown(short, URL_));
    const long = longDraft();
    expect(chatPreview(long, { fullDocumentUrl: URL_ })).toBe(
      toMarkdownSummary(long, { fullDocumentUrl: URL_ }),
    );
  });
});
