import { describe, expect, it } from 'vitest';
import {
  composeDraft,
  headingText,
  paragraphText,
  type Draft,
} from '../../src/report/compose/index.js';
import { draftText } from '../../src/report/export/index.js';
import { reportTemplate } from '../../src/report/office.js';
import type { Report, Signing, Template } from '../../src/report/types.js';
import { loadTemplates } from '../../src/store/template-files.js';
import { answer, report as townReport, yearOfAnswers } from './fixtures.js';

const v2 = loadTemplates().get('township', 2) as Template;

/** The fixture's year of answers, given by 城关街道 on template version 2. */
function subdistrictDraft(fields: Partial<Report> = {}, overview?: string): Draft {
  const report: Report = {
    ...townReport,
    orgName: '城关街道',
    templateVersion: 2,
    office: 'subdistrict',
    sections: [...townReport.sections, { sectionId: '0', status: 'todo' }],
    ...fields,
  };
  const answers = [
    ...yearOfAnswers(),
    ...(overview ? [answer('0', 'overview', { kind: 'text', text: overview })] : []),
  ];
  return composeDraft({
    template: reportTemplate(v2, report),
    report,
    answers,
    org: {
      name: '城关街道',
      countyName: '清河县',
      office: 'subdistrict',
      ...(report.signing ? { signing: report.signing as Signing } : {}),
      ...(report.addressee !== undefined ? { addressee: report.addressee } : {}),
    },
    issuedOn: '2027-01-09',
  });
}

describe('a 街道 draft on template version 2', () => {
  it('opens with the overview as given, then the formula sentence, and says nothing else of its own', () => {
    const overview =
      '今年以来，我街道把法治建设放进社区治理的每个环节，矛盾纠纷就地化解的比例明显提高。';
    const draft = subdistrictDraft({}, overview);
    const opening = draft.opening.map(paragraphText);
    expect(opening).toHaveLength(1);
    expect(opening[0]).toBe(
      `${overview}根据《法治政府建设与责任落实督察工作规定》，现将城关街道2026年度法治政府建设情况报告如下：`,
    );
    // Without an overview the draft starts straight from the formula sentence.
    expect(subdistrictDraft().opening.map(paragraphText)).toEqual([
      '根据《法治政府建设与责任落实督察工作规定》，现将城关街道2026年度法治政府建设情况报告如下：',
    ]);
  });

  it('names the 党工委 and the 办事处, and no heading, marker or sentence of ours says 镇', () => {
    const draft = subdistrictDraft();
    expect(draft.title).toBe(
      '中共城关街道工作委员会 城关街道办事处关于2026年度法治政府建设情况的报告',
    );
    expect(draft.closing.issuers).toEqual(['中共城关街道工作委员会', '城关街道办事处']);
    expect(draft.addressee).toBe('清河县委、清河县人民政府：');
    const headings = draft.parts.flatMap((p) => [
      headingText(p.heading),
      ...p.sections.flatMap((s) => (s.heading ? [headingText(s.heading)] : [])),
    ]);
    for (const h of headings) expect(h).not.toMatch(/镇/);
    const ours = draft.parts
      .flatMap((p) => p.sections.flatMap((s) => s.paragraphs.flatMap((para) => para.spans)))
      .filter((span) => span.kind !== 'answer' && span.kind !== 'figure')
      .map((span) => span.text);
    for (const text of ours) expect(text).not.toMatch(/镇/);
  });

  it("sets next year's plans out as numbered paragraphs at the next level, as v2 says (numbered: true)", () => {
    const plans = subdistrictDraft().parts.find((p) => p.no === 4)?.sections[0]?.paragraphs ?? [];
    expect(plans.map((p) => p.lead?.number)).toEqual(['（一）', '（二）', '（三）']);
    expect(plans.map(paragraphText)).toEqual([
      '（一）组织执法人员分批参加资格考试。',
      '（二）制作方言版普法短视频。',
      '（三）推动村法律顾问每月到村坐班。',
    ]);
    // The shortcomings (no flag) stay points inside one paragraph.
    const problems = subdistrictDraft().parts.find((p) => p.no === 2)?.sections[0]?.paragraphs;
    expect(problems?.map(paragraphText).join('\n')).toMatch(/一是[^；]+；二是/);
  });

  it('signs alone and addresses whom the report names when so set', () => {
    const draft = subdistrictDraft({ signing: 'single', addressee: '清河县人民政府' });
    expect(draft.closing.issuers).toEqual(['城关街道办事处']);
    expect(draft.title).toBe('城关街道2026年法治政府建设情况报告');
    expect(draftText(draft)).toContain('清河县人民政府：');
    expect(subdistrictDraft({ addressee: '' }).addressee).toBeUndefined();
  });
});
