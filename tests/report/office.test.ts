import { describe, expect, it } from 'vitest';
import {
  draftAddressee,
  draftIssuers,
  draftTitle,
  governmentOf,
  partyCommitteeOf,
} from '../../src/report/compose/front-matter.js';
import {
  OFFICE_KINDS,
  officeKindOfName,
  reportTemplate,
  wordTemplate,
} from '../../src/report/office.js';
import { allSections, sectionLabel } from '../../src/report/sections.js';
import type { OfficeKind, Question, Template } from '../../src/report/types.js';
import { loadTemplates } from '../../src/store/template-files.js';

const registry = loadTemplates();
const v1 = registry.get('township', 1) as Template;
const v2 = registry.get('township', 2) as Template;

/** Every text of a template that an official is shown, with where it is. */
function shownTexts(t: Template): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  for (const part of t.parts) {
    out.push({ where: `part ${part.no} heading`, text: part.heading });
    for (const s of part.sections) {
      out.push({ where: `${s.id} heading`, text: s.heading });
      out.push({ where: `${s.id} label`, text: sectionLabel(s) });
      if (s.example) out.push({ where: `${s.id} example`, text: s.example });
      for (const q of s.questions) {
        out.push({ where: `${s.id}/${q.id} prompt`, text: q.prompt });
        if (q.hint) out.push({ where: `${s.id}/${q.id} hint`, text: q.hint });
      }
      for (const m of s.metrics) {
        out.push({ where: `${s.id}/${m.key} name`, text: m.name });
        if (m.phrase) out.push({ where: `${s.id}/${m.key} phrase`, text: m.phrase });
      }
    }
  }
  return out;
}

describe('kind of office', () => {
  it('is read from the name, and not guessed when the name does not tell', () => {
    const cases: [string, OfficeKind | undefined][] = [
      ['青石镇', 'town'],
      ['石门乡', 'xiang'],
      ['城关街道', 'subdistrict'],
      ['城关街道办事处', 'subdistrict'],
      ['县司法局', 'department'],
      ['县卫健委', 'department'],
      ['县政府办', 'department'],
      ['青石', undefined],
    ];
    for (const [name, kind] of cases) expect(officeKindOfName(name), name).toBe(kind);
  });

  it('version 2 is the newest township template and version 1 is kept for old reports', () => {
    expect(registry.latest('township')?.version).toBe(2);
    expect(v1.version).toBe(1);
    // Version 1 has no placeholders: wording it changes nothing, so old reports read as before.
    for (const kind of OFFICE_KINDS) expect(wordTemplate(v1, kind)).toEqual(v1);
  });

  it('shows a 街道 no 镇, a 乡 no 镇, a 镇 no 乡长, in every prompt, hint, heading and example', () => {
    const forbidden: Record<Exclude<OfficeKind, 'department'>, RegExp> = {
      subdistrict: /镇/,
      xiang: /镇/,
      town: /乡长|本乡|我乡|党工委|办事处/,
    };
    for (const [kind, word] of Object.entries(forbidden) as [OfficeKind, RegExp][]) {
      const texts = shownTexts(wordTemplate(v2, kind, '城关街道'));
      expect(texts.length).toBeGreaterThan(100);
      for (const { where, text } of texts) {
        expect(text, `${kind} ${where}`).not.toMatch(word);
        expect(text, `${kind} ${where}: placeholder left`).not.toMatch(/\{(?!n\})[a-z]+\}/);
      }
    }
  });

  it('words the department template for the department that reports', () => {
    const dept = registry.latest('county-department') as Template;
    expect(dept.version).toBe(2);
    for (const [name, head] of [
      ['县司法局', '局长'],
      ['县卫健委', '主任'],
    ] as const) {
      const texts = shownTexts(reportTemplate(dept, { office: 'department', orgName: name }));
      for (const { where, text } of texts) {
        expect(text, `${name} ${where}`).not.toMatch(/镇|乡长|\{(?!n\})[a-z]+\}/);
      }
      expect(texts.map((t) => t.text).join('|')).toContain(`党组书记、${head}是怎样履行`);
    }
    expect(
      shownTexts(reportTemplate(dept, { office: 'department', orgName: '县卫健委' })).some((t) =>
        t.text.includes('局'),
      ),
    ).toBe(false);
  });

  it('uses each office its own words for the party committee and the head of government', () => {
    const prompt = (kind: OfficeKind, name: string) =>
      allSections(reportTemplate(v2, { office: kind, orgName: name })).find((s) => s.id === '3')
        ?.questions[0]?.prompt;
    expect(prompt('town', '青石镇')).toMatch(/^党委书记和镇长是怎样履行/);
    expect(prompt('xiang', '石门乡')).toMatch(/^党委书记和乡长是怎样履行/);
    expect(prompt('subdistrict', '城关街道')).toMatch(/^党工委书记和办事处主任是怎样履行/);
    expect(prompt('department', '县司法局')).toMatch(/^党组书记和局长是怎样履行/);
    expect(prompt('department', '县卫健委')).toMatch(/^党组书记和主任是怎样履行/);
    const enforcement = reportTemplate(v2, { orgName: '城关街道' }).parts[1]?.sections[3];
    expect(enforcement?.questions.map((q) => q.prompt)).toContain('本街道现有多少名持证执法人员？');
  });

  it('asks in version 2 what published reports say and version 1 could not take, each optional', () => {
    const questions = new Map(
      allSections(v2).flatMap((s) =>
        s.questions.map((q): [string, Question] => [`${s.id}/${q.id}`, q]),
      ),
    );
    for (const id of [
      '0/overview',
      '1.1/meeting_topics',
      '1.1/assessment',
      '1.4/special_campaigns',
      '1.4/enforcement_legal_reviews',
      '1.6/model_villages',
      '3/leader_lectures',
    ]) {
      expect(questions.get(id)?.optional, id).toBe(true);
    }
    expect(v2.parts[0]).toMatchObject({ no: 0, role: 'opening' });
  });
});

describe('front matter by kind of office', () => {
  it('names the issuers as each kind of office is named', () => {
    expect([partyCommitteeOf({ name: '石门乡' }), governmentOf({ name: '石门乡' })]).toEqual([
      '中共石门乡委员会',
      '石门乡人民政府',
    ]);
    expect([partyCommitteeOf({ name: '城关街道' }), governmentOf({ name: '城关街道' })]).toEqual([
      '中共城关街道工作委员会',
      '城关街道办事处',
    ]);
    const bureau = { name: '县司法局', office: 'department' as const };
    expect([partyCommitteeOf(bureau), governmentOf(bureau)]).toEqual([
      '中共县司法局党组',
      '县司法局',
    ]);
  });

  it('signs jointly or alone as chosen, and addresses whom the report names', () => {
    const org = { name: '城关街道', countyName: '清河县' };
    expect(draftIssuers(v2, org)).toEqual(['中共城关街道工作委员会', '城关街道办事处']);
    expect(draftIssuers(v2, { ...org, signing: 'single' })).toEqual(['城关街道办事处']);
    expect(draftTitle(v2, { ...org, signing: 'single' }, 2026)).toBe(
      '城关街道2026年法治政府建设情况报告',
    );
    expect(draftAddressee(v2, org, 2026)).toBe('清河县委、清河县人民政府：');
    expect(draftAddressee(v2, { ...org, addressee: '清河县人民政府' }, 2026)).toBe(
      '清河县人民政府：',
    );
    expect(draftAddressee(v2, { ...org, addressee: '' }, 2026)).toBeUndefined();
  });
});
