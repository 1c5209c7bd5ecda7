/**
 * The report's kind of office and front matter: asked at `新建` and changed by `设置类型`,
 * `设置主送` and `设置落款`. The kind decides the words every question uses (report/office.ts);
 * the 主送机关 and 落款 go straight into the draft.
 */
import { governmentOf, partyCommitteeOf } from '../report/compose/front-matter.js';
import {
  OFFICE_KINDS,
  OFFICE_KIND_NAMES,
  officeKindOf,
  officeKindOfName,
} from '../report/office.js';
import type { OfficeKind, Signing, Template } from '../report/types.js';
import { normalize } from './normalize.js';
import type { Session } from './session.js';
import { formatTexts } from './texts/format.js';

/** `1`…`4`, or the kind's own word: 镇, 乡, 街道, 部门/局. */
export function readOfficeKind(answer: string): OfficeKind | undefined {
  const a = normalize(answer).replace(/[。.！!]$/, '');
  if (/^\d$/.test(a)) return OFFICE_KINDS[Number(a) - 1];
  if (/街道|社区|办事处/.test(a)) return 'subdistrict';
  if (/部门|县直|局|委|办/.test(a)) return 'department';
  if (/镇/.test(a)) return 'town';
  if (/乡/.test(a)) return 'xiang';
  return officeKindOfName(a);
}

export function officeQuestion(orgName: string): string {
  return formatTexts.officeQuestion(orgName, officeOptions());
}

/** The kinds as the office question numbers them (`1. 镇  2. 乡  …`), for the question and its retry. */
export function officeOptions(): string {
  return OFFICE_KINDS.map((k, i) => `${i + 1}. ${OFFICE_KIND_NAMES[k]}`).join('  ');
}

/** `清河县委、清河县人民政府`, from the template's pattern, when the county is known. */
export function defaultAddressee(template: Template, countyName?: string): string | undefined {
  if (!countyName || !template.addresseePattern.trim()) return undefined;
  return template.addresseePattern.replace(/\{county\}/g, countyName).replace(/[:：\s]+$/, '');
}

const NO_ADDRESSEE = /^(?:无|没有|暂无|不写|不要|先不写|空)$/;
const TAKE_DEFAULT = /^(?:1|好|好的|是|对|可以|默认|用默认|确认|行|ok)$/i;

/**
 * A 主送机关 as answered: the default on 好/1, none on 无 (`''`), else the words given (the
 * colon is the draft's). An error text when it cannot be one.
 */
export function readAddressee(
  answer: string,
  fallback: string | undefined,
): { addressee: string } | { error: string } {
  const a = normalize(answer).trim();
  if (TAKE_DEFAULT.test(a)) {
    return fallback !== undefined
      ? { addressee: fallback }
      : { error: formatTexts.addresseeNoDefault };
  }
  if (NO_ADDRESSEE.test(a)) return { addressee: '' };
  const text = a.replace(/[:：。\s]+$/, '');
  if (text.length < 2 || text.length > 60 || !/[\u4e00-\u9fa5]/.test(text)) {
    return { error: formatTexts.addresseeUnreadable };
  }
  return { addressee: text };
}

export interface SigningOption {
  readonly signing: Signing;
  readonly text: string;
}

/** The two ways to sign, the template's usual one first (marked 默认). */
export function signingOptions(
  template: Template,
  orgName: string,
  office: OfficeKind,
): SigningOption[] {
  const org = { name: orgName, office };
  const joint: SigningOption = {
    signing: 'joint',
    text: formatTexts.jointSigning(partyCommitteeOf(org), governmentOf(org)),
  };
  const single: SigningOption = {
    signing: 'single',
    text: formatTexts.singleSigning(governmentOf(org)),
  };
  return template.joint ? [joint, single] : [single, joint];
}

export function signingQuestion(options: readonly SigningOption[]): string {
  return formatTexts.signingQuestion(signingList(options));
}

/** The options numbered one per line, the first marked as the default. */
function signingList(options: readonly SigningOption[]): string {
  return options
    .map((o, i) => `${i + 1}. ${o.text}${i === 0 ? formatTexts.signingDefaultMark : ''}`)
    .join('\n');
}

export function readSigning(
  answer: string,
  options: readonly SigningOption[],
): Signing | undefined {
  const a = normalize(answer).trim();
  if (/^[12]$/.test(a)) return options[Number(a) - 1]?.signing;
  if (TAKE_DEFAULT.test(a)) return options[0]?.signing;
  if (/联合|党委|党工委|党组|共同|两个|两家/.test(a)) return 'joint';
  if (/单独|政府|办事处|只|一个/.test(a)) return 'single';
  return undefined;
}

/** `设置类型 街道`. */
export function setOfficeCommand(s: Session, arg: string): void {
  const ws = s.workspace();
  if (!ws) return;
  const kind = arg.trim() ? readOfficeKind(arg) : undefined;
  const now = officeKindOf(ws.report, ws.template);
  if (!kind) {
    const list = OFFICE_KINDS.map((k) => OFFICE_KIND_NAMES[k]).join('、');
    s.say(formatTexts.officeKindUsage(OFFICE_KIND_NAMES[now], list));
    return;
  }
  if (kind === now && ws.report.office) {
    s.say(formatTexts.officeKindAlready(ws.report.orgName, OFFICE_KIND_NAMES[kind]));
    return;
  }
  s.emit({ op: 'setReportFormat', reportId: ws.report.id, office: kind, by: s.userid, at: s.now });
  const after = s.workspace();
  const party = after ? partyWordOf(after.template) : '';
  s.say(
    party
      ? formatTexts.officeKindSet(OFFICE_KIND_NAMES[kind], party)
      : formatTexts.officeKindSetNoSample(OFFICE_KIND_NAMES[kind]),
  );
}

/** A sample of the worded template, for the confirmation: the first-responsible part's heading. */
function partyWordOf(template: Template): string {
  const part = template.parts.find((p) => p.role === 'first_responsible');
  const prompt = part?.sections[0]?.questions[0]?.prompt ?? '';
  return /^(.{2,12}?)是怎样/.exec(prompt)?.[1] ?? '';
}

/** `设置主送 清河县委、清河县人民政府` (or 无). */
export function setAddresseeCommand(s: Session, arg: string): void {
  const ws = s.workspace();
  if (!ws) return;
  const fallback = defaultAddressee(ws.template, ws.scope.countyName);
  if (!arg.trim()) {
    const now = ws.report.addressee ?? fallback;
    s.say(formatTexts.addresseeNow(now ? now : formatTexts.addresseeUnset));
    return;
  }
  const read = readAddressee(arg, fallback);
  if ('error' in read) {
    s.say(`⚠️ ${read.error}`);
    return;
  }
  s.emit({
    op: 'setReportFormat',
    reportId: ws.report.id,
    addressee: read.addressee,
    by: s.userid,
    at: s.now,
  });
  s.say(read.addressee ? formatTexts.addresseeSet(read.addressee) : formatTexts.addresseeDropped);
}

/** `设置落款 联合` / `设置落款 单独` (or 1/2 as offered). */
export function setSigningCommand(s: Session, arg: string): void {
  const ws = s.workspace();
  if (!ws) return;
  const options = signingOptions(
    ws.template,
    ws.report.orgName,
    officeKindOf(ws.report, ws.template),
  );
  const signing = arg.trim() ? readSigning(arg, options) : undefined;
  if (!signing) {
    s.say(formatTexts.signingUsage(signingList(options)));
    return;
  }
  s.emit({ op: 'setReportFormat', reportId: ws.report.id, signing, by: s.userid, at: s.now });
  const chosen = options.find((o) => o.signing === signing);
  s.say(formatTexts.signingSet(chosen?.text ?? signing));
}
