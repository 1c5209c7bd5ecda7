import type { Org, Report, Template } from '../report/types.js';
import { daysBetween, findDate, formatDateZh, shanghaiDate } from './dates.js';
import type { NewReportPending } from './dialog-state.js';
import { normalize } from './normalize.js';
import { allSections } from '../report/sections.js';
import { OFFICE_KINDS, officeKindOfName } from '../report/office.js';
import type { OfficeKind } from '../report/types.js';
import { officeOptions, officeQuestion, readOfficeKind } from './format-commands.js';
import {
  frontMatterLines,
  needsFrontMatterQuestion,
  takeFrontMatterClauses,
} from './front-matter-question.js';
import type { Session } from './session.js';
import { commonTexts } from './texts/common.js';
import { newReportTexts } from './texts/new-report.js';
import { refuse } from './admin-commands.js';

type OrgKind = Org['kind'];

/** What one `新建` line said. */
export interface NewReportLine {
  readonly orgName?: string;
  readonly year?: number;
  readonly deadline?: string;
  /** A deadline that was written but is today or earlier. */
  readonly pastDeadline?: string;
  readonly kind?: OrgKind;
}

const DEADLINE_WORD = /(?:截止|截至|期限|到期|deadline)(?:日期|时间)?[:：为是到\s]*/i;
const REPORT_WORDS =
  /(?:关于)?(?:法治政府建设|法治建设|法治政府)?(?:工作)?(?:情况|年度|工作)?(?:报告|总结)|法治政府建设|关于|年度|的/g;

/** Reads `青石镇 2026年度法治政府建设情况报告 截止 2027-02-26` (any part may be missing). */
export function parseNewReportLine(args: string, now: Date): NewReportLine {
  let rest = normalize(args);
  let deadline: string | undefined;
  let pastDeadline: string | undefined;
  const keyword = DEADLINE_WORD.exec(rest);
  const searchFrom = keyword ? keyword.index : 0;
  const found = findDate(rest.slice(searchFrom), now);
  if (found) {
    const start = searchFrom + found.index;
    const cutFrom = keyword ? keyword.index : start;
    rest = `${rest.slice(0, cutFrom)} ${rest.slice(start + found.length)}`;
    if (found.date > shanghaiDate(now)) deadline = found.date;
    else pastDeadline = found.date;
  } else if (keyword) {
    rest = rest.replace(DEADLINE_WORD, ' ');
  }
  let year: number | undefined;
  const y = /(\d{4})\s*年?度?/.exec(rest);
  if (y) {
    year = Number(y[1]);
    rest = rest.replace(y[0], ' ');
  }
  let kind: OrgKind | undefined;
  if (/乡镇|街道模板|乡镇模板/.test(rest)) kind = 'township';
  if (/县直部门|部门模板|部门/.test(rest)) kind = 'department';
  rest = rest.replace(/(?:用|使用)?(?:乡镇|县直部门|部门)(?:模板)?/g, ' ');
  const name = rest
    .replace(REPORT_WORDS, ' ')
    .replace(/[\s,，。:：;；、()（）《》"“”]+/g, ' ')
    .trim();
  const orgName = name.split(' ').find((w) => isOrgName(w));
  return {
    ...(orgName ? { orgName } : {}),
    ...(year ? { year } : {}),
    ...(deadline ? { deadline } : {}),
    ...(pastDeadline ? { pastDeadline } : {}),
    ...((kind ?? (orgName && kindOfName(orgName)))
      ? { kind: kind ?? kindOfName(orgName as string) }
      : {}),
  };
}

function isOrgName(word: string): boolean {
  return (
    /^[\u4e00-\u9fa5A-Za-z0-9]{2,30}$/.test(word) &&
    /[\u4e00-\u9fa5]/.test(word) &&
    !/^\d+$/.test(word)
  );
}

/** 青石镇 → township; 县司法局 → department; 某县 → county. */
export function kindOfName(name: string): OrgKind | undefined {
  if (/(镇|乡|街道|街道办事处|街道办)$/.test(name)) return 'township';
  if (/(局|委|委员会|办|办公室|中心|院|队|所|站)$/.test(name)) return 'department';
  if (/(县|区|市|旗)$/.test(name)) return 'county';
  return undefined;
}

function templateFor(
  templates: readonly Template[],
  kind: OrgKind | undefined,
): Template | undefined {
  if (templates.length === 1) return templates[0];
  return kind ? templates.find((t) => t.orgKind === kind) : undefined;
}

/** Templates as offered: the township one (the default) first. */
function templateOptions(templates: readonly Template[]): Template[] {
  return [...templates].sort(
    (a, b) => Number(b.orgKind === 'township') - Number(a.orgKind === 'township'),
  );
}

/** The year a report being started now most likely covers: last year until mid-year. */
function likelyYear(now: Date): number {
  const today = shanghaiDate(now);
  const y = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) <= 6 ? y - 1 : y;
}

/** `新建 …`: collects what the line gives, then asks for the rest one at a time. */
export function startNewReport(s: Session, args: string): void {
  const scope = s.scope;
  if (s.turn.chatType === 'single' && !scope) {
    s.say(newReportTexts.useGroupChat);
    return;
  }
  if (scope && !s.hasRole('admin') && scope.members.some((m) => m.roles.includes('admin'))) {
    refuse(s, commonTexts.mayCreateReport);
    return;
  }
  // 主送 … 落款 … on the line are read apart (which of the two ways to sign is checked here).
  const clauses = takeFrontMatterClauses(normalize(args), undefined);
  if (clauses.error) {
    s.say(newReportTexts.clauseUnreadable(clauses.error));
    return;
  }
  const line = parseNewReportLine(clauses.rest, s.now);
  const kind = scope?.org.kind ?? line.kind;
  const template = templateFor(s.ctx.templates, kind);
  const draft: NewReportPending = {
    kind: 'newReport',
    ...(scope
      ? { orgId: scope.org.id, orgName: scope.org.name }
      : line.orgName
        ? { orgName: line.orgName }
        : {}),
    ...(line.year ? { year: line.year } : {}),
    ...(line.deadline ? { deadline: line.deadline } : {}),
    ...(template ? { templateId: template.id } : {}),
    ...(officeOfName(scope?.org.name ?? line.orgName) ?? {}),
    ...clauses.words,
    asking: 'orgName',
    attempts: 0,
  };
  const note = line.pastDeadline
    ? newReportTexts.deadlineAlreadyPast(formatDateZh(line.pastDeadline))
    : '';
  nextStep(s, draft, note);
}

/** A reply while `新建` is waiting for one of its parts. */
export function continueNewReport(s: Session, draft: NewReportPending, text: string): void {
  const answer = normalize(text);
  const result = readPart(s, draft, answer);
  if (typeof result === 'string') {
    const attempts = draft.attempts + 1;
    s.pending = { ...draft, attempts };
    s.say(
      attempts >= 3
        ? newReportTexts.answerUnreadableOfferCancel(result)
        : newReportTexts.answerUnreadable(result),
    );
    return;
  }
  nextStep(s, { ...result, attempts: 0 }, '');
}

function readPart(s: Session, draft: NewReportPending, answer: string): NewReportPending | string {
  switch (draft.asking) {
    case 'orgName': {
      const line = parseNewReportLine(answer, s.now);
      if (!line.orgName) return newReportTexts.orgNameUnreadable;
      const template = draft.templateId ? undefined : templateFor(s.ctx.templates, line.kind);
      return {
        ...draft,
        orgName: line.orgName,
        ...(template ? { templateId: template.id } : {}),
        ...(officeOfName(line.orgName) ?? {}),
      };
    }
    case 'year': {
      const m = /^(\d{4})\s*(?:年度?)?$/.exec(answer);
      const year = m ? Number(m[1]) : NaN;
      const thisYear = Number(shanghaiDate(s.now).slice(0, 4));
      if (!(year >= thisYear - 3 && year <= thisYear + 1)) {
        return newReportTexts.yearUnreadable(likelyYear(s.now));
      }
      return { ...draft, year };
    }
    case 'deadline': {
      const found = findDate(answer, s.now);
      if (!found) return newReportTexts.dateUnreadable;
      if (found.date <= shanghaiDate(s.now))
        return newReportTexts.dateNotInFuture(formatDateZh(found.date));
      return { ...draft, deadline: found.date };
    }
    case 'template': {
      const options = templateOptions(s.ctx.templates);
      const n = /^\d+$/.test(answer) ? Number(answer) : NaN;
      const byWord = /乡|镇|街道|默认/.test(answer)
        ? options.find((t) => t.orgKind === 'township')
        : /部门|局|县直/.test(answer)
          ? options.find((t) => t.orgKind === 'department')
          : undefined;
      const chosen = options[n - 1] ?? byWord;
      if (!chosen) return newReportTexts.templateUnreadable(options.length);
      return { ...draft, templateId: chosen.id };
    }
    case 'office': {
      const office = readOfficeKind(answer);
      if (!office) return newReportTexts.officeUnreadable(OFFICE_KINDS.length, officeOptions());
      const template =
        draft.templateId ??
        templateFor(s.ctx.templates, office === 'department' ? 'department' : 'township')?.id;
      return { ...draft, office, ...(template ? { templateId: template } : {}) };
    }
  }
}

function officeOfName(name: string | undefined): { office: OfficeKind } | undefined {
  const office = name ? officeKindOfName(name) : undefined;
  return office ? { office } : undefined;
}

function nextStep(s: Session, draft: NewReportPending, note: string): void {
  const ask = (asking: NewReportPending['asking'], question: string) => {
    s.pending = { ...draft, asking };
    s.say([note, question].filter(Boolean).join('\n'));
  };
  if (!draft.orgName) return ask('orgName', newReportTexts.askOrgName);
  if (!draft.year) return ask('year', newReportTexts.askYear(draft.orgName, likelyYear(s.now)));
  if (!draft.deadline) return ask('deadline', newReportTexts.askDeadline);
  if (!draft.office) return ask('office', officeQuestion(draft.orgName));
  if (!draft.templateId) {
    const list = templateOptions(s.ctx.templates)
      .map((t, i) =>
        t.orgKind === 'township'
          ? newReportTexts.defaultTemplateOption(i + 1, TEMPLATE_KIND_NAMES[t.orgKind])
          : newReportTexts.templateOption(i + 1, TEMPLATE_KIND_NAMES[t.orgKind]),
      )
      .join('\n');
    return ask('template', newReportTexts.askTemplate(list));
  }
  createReport(s, draft);
}

/** A template offered by whom it is for, not by its file's name (乡镇（街道）… is no 街道's word). */
const TEMPLATE_KIND_NAMES: Readonly<Record<Template['orgKind'], string>> = {
  township: newReportTexts.templateForTownships,
  department: newReportTexts.templateForDepartments,
  county: newReportTexts.templateForCounty,
};

function titleOf(template: Template, org: string, year: number): string {
  return template.titlePattern
    .replace(/\{org\}/g, org)
    .replace(/\{year\}/g, String(year))
    .replace(/\{[a-z]+\}/g, '');
}

function createReport(s: Session, draft: NewReportPending): void {
  const template = s.ctx.templates.find((t) => t.id === draft.templateId);
  const { orgName, year, deadline } = draft;
  if (!template || !orgName || !year || !deadline) {
    s.pending = undefined;
    s.say(newReportTexts.notCompleted);
    return;
  }
  if (s.scope?.report && s.scope.report.year === year) {
    s.pending = undefined;
    s.say(newReportTexts.alreadyHasReport(year, s.scope.report.title));
    return;
  }
  if (!s.scope) {
    const org = { id: s.ctx.newId(), name: orgName, kind: template.orgKind };
    s.scope = {
      org: { ...org, chatIds: [], hasWebhook: false },
      members: [],
      report: null,
      template: null,
      answers: [],
    };
    s.emit({ op: 'createOrg', org, at: s.now });
    if (s.turn.chatId) s.emit({ op: 'bindChat', orgId: org.id, chatId: s.turn.chatId, at: s.now });
  }
  const orgId = s.scope.org.id;
  const report: Report = {
    id: s.ctx.newId(),
    orgId,
    orgName,
    year,
    templateId: template.id,
    templateVersion: template.version,
    title: titleOf(template, orgName, year),
    deadline,
    adminUserid: s.userid,
    sections: allSections(template).map((sec) => ({ sectionId: sec.id, status: 'todo' as const })),
    createdAt: s.now,
    ...(draft.office ? { office: draft.office } : {}),
    ...(draft.addressee !== undefined ? { addressee: draft.addressee } : {}),
    ...(draft.signing ? { signing: draft.signing } : {}),
  };
  s.emit({ op: 'createReport', report });
  s.scope = { ...s.scope, template };
  if (!s.hasRole('admin')) {
    s.emit({ op: 'grantRole', orgId, userid: s.userid, role: 'admin', by: s.userid, at: s.now });
  }
  // One question settles the 主送机关 and 落款 the line did not give (好 keeps the defaults).
  const asking = needsFrontMatterQuestion(draft);
  s.pending = asking ? { kind: 'frontMatter', orgId, reportId: report.id, attempts: 0 } : undefined;
  if (s.fill?.orgId === orgId) s.fill = undefined;
  if (s.turn.chatType === 'single') s.orgId = orgId;
  const days = daysBetween(shanghaiDate(s.now), deadline);
  const count = report.sections.length;
  s.say(
    [
      newReportTexts.created(report.title, formatDateZh(deadline), days, count),
      '',
      ...frontMatterLines(template, report, s.scope.countyName, asking),
    ].join('\n'),
  );
}
