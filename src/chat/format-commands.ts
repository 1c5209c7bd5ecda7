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

/** `1`…`4`, or the kind's own word: 镇, 乡, 街道, 部门/局. */
export function readOfficeKind(answer: string): OfficeKind | undefined {
  const a = normalize(answer).replace(/[。.！!]$/, '');
  if (/^[1-4]$/.test(a)) return OFFICE_KINDS[Number(a) - 1];
  if (/街道|社区|办事处/.test(a)) return 'subdistrict';
  if (/部门|县直|局|委|办/.test(a)) return 'department';
  if (/镇/.test(a)) return 'town';
  if (/乡/.test(a)) return 'xiang';
  return officeKindOfName(a);
}

export function officeQuestion(orgName: string): string {
  const list = OFFICE_KINDS.map((k, i) => `${i + 1}. ${OFFICE_KIND_NAMES[k]}`).join('  ');
  return `${orgName}是镇、乡、街道还是县直部门？问题里的称呼（党委/党工委/党组、镇长/乡长/办事处主任/局长）按这个来。回复数字：\n${list}`;
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
      : { error: '请直接写主送机关，如：清河县委、清河县人民政府；暂不写请回复 无。' };
  }
  if (NO_ADDRESSEE.test(a)) return { addressee: '' };
  const text = a.replace(/[:：。\s]+$/, '');
  if (text.length < 2 || text.length > 60 || !/[\u4e00-\u9fa5]/.test(text)) {
    return { error: '请写主送机关的名称，如：清河县委、清河县人民政府；暂不写请回复 无。' };
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
    text: `${partyCommitteeOf(org)}、${governmentOf(org)}联合落款`,
  };
  const single: SigningOption = { signing: 'single', text: `${governmentOf(org)}单独落款` };
  return template.joint ? [joint, single] : [single, joint];
}

export function signingQuestion(options: readonly SigningOption[]): string {
  const list = options.map((o, i) => `${i + 1}. ${o.text}${i === 0 ? '（默认）' : ''}`);
  return ['落款怎么写？回复数字：', ...list].join('\n');
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
    s.say(`现在是：${OFFICE_KIND_NAMES[now]}。请写明类型（${list}），如：设置类型 街道`);
    return;
  }
  if (kind === now && ws.report.office) {
    s.say(`${ws.report.orgName}已经是${OFFICE_KIND_NAMES[kind]}了。`);
    return;
  }
  s.emit({ op: 'setReportFormat', reportId: ws.report.id, office: kind, by: s.userid, at: s.now });
  const after = s.workspace();
  const party = after ? partyWordOf(after.template) : '';
  s.say(
    `👌 已设为${OFFICE_KIND_NAMES[kind]}。问题和草稿里的称呼随之调整${party ? `（如“${party}”）` : ''}；已填的回答不变。`,
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
    s.say(
      `现在的主送机关：${now ? now : '（未设置）'}。修改请发送：设置主送 清河县委、清河县人民政府（不写请发送 设置主送 无）`,
    );
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
  s.say(
    read.addressee
      ? `👌 主送机关改为：${read.addressee}：`
      : '👌 草稿不写主送机关了。需要时发送 设置主送 清河县委、清河县人民政府。',
  );
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
    s.say(`${signingQuestion(options).replace('回复数字：', '发送 设置落款 加数字：')}`);
    return;
  }
  s.emit({ op: 'setReportFormat', reportId: ws.report.id, signing, by: s.userid, at: s.now });
  const chosen = options.find((o) => o.signing === signing);
  s.say(`👌 落款改为：${chosen?.text ?? signing}。生成草稿时按此落款。`);
}
