import type { PartRole } from '../types.js';

/**
 * Recognising which of the five required parts (domain.md §1) a heading introduces, by meaning
 * rather than exact title: reports say 主要做法, 存在问题, 述法, 下一步工作打算, 2026年工作安排 …
 */

/** The five required parts in their official order, with the wording the rules use. */
export const REQUIRED_PARTS: readonly {
  readonly role: Exclude<PartRole, 'opening'>;
  readonly name: string;
}[] = [
  { role: 'measures', name: '主要举措和成效' },
  { role: 'shortcomings', name: '存在的不足和原因' },
  { role: 'first_responsible', name: '党政主要负责人履行推进法治建设第一责任人职责情况' },
  { role: 'plans', name: '下一年度主要安排' },
  { role: 'other', name: '其他需要报告的情况' },
];

export function partName(role: PartRole): string {
  return REQUIRED_PARTS.find((p) => p.role === role)?.name ?? role;
}

const OTHER = /其[他它](需要|需|应当|应)?(报告|说明)?的?(重要)?(情况|事项)/;

const FIRST_RESPONSIBLE =
  /第一责任人|述法|(党政|主要)负责(人|同志)|(主要领导|书记|镇长|乡长|主任|一把手).{0,12}(履职|履责|职责)|(履职|履责)情况|履行.{0,12}法治建设.{0,4}职责/;

const SHORTCOMINGS =
  /不足|存在(的)?(主要)?问题|问题(和|与|及)(原因|不足)|短板|差距|薄弱|困难和问题/;

const PLANS =
  /下一年度|下一步|下年度|明年|今后|来年|(工作|主要)(打算|计划|安排|思路)|(改进|整改)措施|努力方向|(20\d\d|[二〇零一二三四五六七八九]{4})\s*年度?.{0,10}(安排|计划|打算|思路)/;

/** Words that name the results part on their own, even next to another part's words. */
const MEASURES_STRONG =
  /主要举措|主要做法|举措(和|与|及)成效|做法(和|与|及)成效|工作成效|主要成效|取得的成效/;

/** Words that suggest the results part only when nothing more specific matched. */
const MEASURES_WEAK =
  /成效|成绩|(工作)?开展情况|工作情况|主要工作|基本情况|总体情况|主要措施|工作回顾|推进情况|建设情况|落实情况/;

/**
 * The roles a top-level heading introduces, in the order written. Usually one; a combined part
 * such as 存在问题及下一步工作打算 has two; an extra part (对上级的意见建议) has none.
 */
export function rolesOfHeading(title: string): PartRole[] {
  if (OTHER.test(title)) return ['other'];
  if (FIRST_RESPONSIBLE.test(title)) return ['first_responsible'];
  const found: { role: PartRole; at: number }[] = [];
  const add = (role: PartRole, re: RegExp): void => {
    const m = re.exec(title);
    if (m) found.push({ role, at: m.index });
  };
  add('measures', MEASURES_STRONG);
  add('shortcomings', SHORTCOMINGS);
  add('plans', PLANS);
  if (found.length === 0) add('measures', MEASURES_WEAK);
  return found.sort((a, b) => a.at - b.at).map((f) => f.role);
}
