import { normalize, stripPolite, stripRefFiller } from './normalize.js';

/** What a message asks for, read from its words alone (the engine decides in context). */
export type Intent =
  | { readonly kind: NoArgKind }
  | { readonly kind: 'fill' | 'edit' | 'claim'; readonly ref: string }
  | { readonly kind: 'assign'; readonly ref: string; readonly assignee: string }
  | { readonly kind: 'new'; readonly args: string }
  | { readonly kind: ArgKind; readonly arg: string }
  /** `加入 ABCD2345`: `code` as typed, `''` when the message is a bare `加入`. */
  | { readonly kind: 'joinCounty'; readonly code: string }
  | { readonly kind: 'choice'; readonly n: number }
  | { readonly kind: 'none' };

export type NoArgKind =
  | 'help'
  | 'continue'
  | 'skip'
  | 'back'
  | 'undo'
  | 'cancel'
  | 'progress'
  | 'summary'
  | 'countyProgress'
  | 'countyFigures'
  | 'draft'
  | 'draftHistory'
  | 'check'
  | 'reminderPlan'
  | 'pauseReminders'
  | 'resumeReminders'
  | 'remindNow'
  | 'invite'
  | 'confirm'
  | 'switchOrg';

type ArgKind =
  | 'setWebhook'
  | 'setLeader'
  | 'setAdmin'
  | 'setDeadline'
  | 'newCounty'
  | 'setOffice'
  | 'setAddressee'
  | 'setSigning';

/** Commands without arguments match only as the whole message (polite words aside). */
const NO_ARG: Readonly<Record<NoArgKind, readonly string[]>> = {
  help: [
    '帮助',
    'help',
    '菜单',
    '使用说明',
    '说明',
    '怎么用',
    '如何使用',
    '指令',
    '命令',
    '功能',
    '你能做什么',
    '能做什么',
    '用法',
    // A greeting is how most people open a chat with a bot: answer it with what the bot can do.
    '你好',
    '您好',
    '在吗',
    'hi',
    'hello',
  ],
  continue: ['继续', '继续填写', '继续填', '接着填', '接着', '接着填写', '恢复', '回到填写'],
  skip: [
    '跳过',
    '跳过这题',
    '跳过此题',
    '跳过这一题',
    '先跳过',
    '略过',
    '下一题',
    '暂不填写',
    '这题跳过',
  ],
  back: ['上一题', '返回上一题', '回到上一题', '上一个', '上一步', '返回', '后退'],
  undo: [
    '撤销',
    '撤回',
    '撤消',
    '撤销上一条',
    '撤销刚才',
    '撤销上一个回答',
    '撤回上一条',
    '撤销回答',
    '刚才填错了',
    '填错了',
  ],
  cancel: [
    '取消',
    '退出',
    '结束填写',
    '不填了',
    '算了',
    '停止',
    '停止填写',
    '退出填写',
    '取消填写',
    '先不填',
  ],
  progress: [
    '进度',
    '进展',
    '完成情况',
    '填报进度',
    '填写进度',
    '报告进度',
    '进度情况',
    '填报情况',
    '状态',
  ],
  summary: ['汇总', '汇总情况', '进度汇总', '总体情况', '报告汇总', '领导汇总'],
  countyProgress: ['全县进度', '全县情况', '全县', '全县填报进度', '各单位进度', '各乡镇进度'],
  countyFigures: ['全县汇总', '全县数据', '全县数据汇总', '汇总全县', '全县统计', '各乡镇汇总'],
  draft: [
    '草稿',
    '生成草稿',
    '出草稿',
    '生成报告',
    '预览',
    '预览报告',
    '报告草稿',
    '生成初稿',
    '初稿',
    '出稿',
  ],
  draftHistory: ['草稿 历史', '草稿历史', '历史草稿', '历次草稿', '草稿记录', '以前的草稿'],
  check: ['检查', '检查报告', '审核', '校对', '体检', '核对', '检查草稿'],
  reminderPlan: ['提醒计划', '提醒安排', '提醒', '提醒时间', '什么时候提醒'],
  // `恢复` alone stays `继续` (a paused section); only these whole phrases touch reminders.
  pauseReminders: [
    '暂停提醒',
    '停止提醒',
    '关闭提醒',
    '不要提醒',
    '别提醒',
    '先别提醒',
    '暂停催办',
  ],
  resumeReminders: ['恢复提醒', '开启提醒', '打开提醒', '继续提醒', '重新提醒', '恢复催办'],
  remindNow: ['立即提醒', '立刻提醒', '马上提醒', '现在提醒', '提醒大家', '催办', '催一催'],
  invite: ['邀请码', '生成邀请码', '邀请乡镇', '获取邀请码', '新邀请码', '要邀请码', '邀请'],
  confirm: [
    '确认',
    '确定',
    '确认无误',
    '无误',
    '没错',
    '没问题',
    '是的',
    '对的',
    '对',
    '数字没错',
    '保留',
  ],
  switchOrg: ['切换', '切换单位', '换单位', '选择单位', '切换报告'],
};

/** The word that asks for the org choice again (replayed in place of a secret never kept). */
export const SWITCH_ORG_WORD = NO_ARG.switchOrg[0]!;

const NO_ARG_INDEX = new Map<string, NoArgKind>(
  Object.entries(NO_ARG).flatMap(([kind, words]) =>
    words.map((w) => [w.toLowerCase(), kind as NoArgKind] as const),
  ),
);

/** Verbs taking a section reference; longest first so `填写` is tried before `填`. */
const SECTION_VERBS: readonly (readonly [string, 'fill' | 'edit' | 'claim'])[] = (
  [
    ['开始填写', 'fill'],
    ['继续填写', 'fill'],
    ['填写', 'fill'],
    ['填报', 'fill'],
    ['录入', 'fill'],
    ['补填', 'fill'],
    ['填', 'fill'],
    ['重新填写', 'edit'],
    ['修改', 'edit'],
    ['更改', 'edit'],
    ['更正', 'edit'],
    ['重填', 'edit'],
    ['认领', 'claim'],
    ['领取', 'claim'],
    ['我负责', 'claim'],
    ['由我负责', 'claim'],
    ['负责', 'claim'],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);

const ARG_VERBS: readonly (readonly [RegExp, ArgKind])[] = [
  // Before `新建`: a county office has no report of its own, so it is not a `新建 …报告`.
  [/^(?:新建|创建|新增|建立)(?:一个)?(?:县级单位|县级汇总|县级)[:：\s]*/, 'newCounty'],
  [
    /^(?:设置推送|设置推送地址|推送地址|设置webhook|webhook|设置群机器人|设置机器人)[:：\s]*/i,
    'setWebhook',
  ],
  [/^(?:设置领导|设领导|添加领导|设为领导)[:：\s]*/, 'setLeader'],
  [/^(?:设置类型|修改类型|设置单位类型|单位类型改为|设置机关类型)[:：为\s]*/, 'setOffice'],
  [
    /^(?:设置主送机关|设置主送|修改主送机关|修改主送|主送机关改为|主送改为)[:：为\s]*/,
    'setAddressee',
  ],
  [/^(?:设置落款|修改落款|落款改为)[:：为\s]*/, 'setSigning'],
  [/^(?:设置管理员|设管理员|添加管理员|设为管理员)[:：\s]*/, 'setAdmin'],
  [
    /^(?:设置截止日期|设置截止时间|修改截止日期|修改截止时间|截止日期改为|截止日期|设置截止|修改截止)[:：为\s]*/,
    'setDeadline',
  ],
];

/** Only a code-like token after `加入`: `加入了调解委员会` is an answer, not a command. */
const JOIN = /^(?:申请)?加入(?:全县汇总|县级汇总|县里汇总|汇总)?[:：\s]*([A-Za-z0-9]{4,16})?$/;

const NEW_VERB = /^(?:新建|创建|新增|建立)(?:一个|一份)?/;
const ASSIGN_ARROW = /^(?:把|将)?(.+?)(?:分配|指派|交|安排|派)给(.+)$/;
const ASSIGN_VERB = /^(?:分配|指派|安排)\s*(.+?)\s*给\s*(.+)$/;

export function parseIntent(text: string): Intent {
  const s = stripPolite(normalize(text));
  if (s === '' || s === '?') return { kind: 'help' };
  if (/^\d{1,2}$/.test(s)) return { kind: 'choice', n: Number(s) };
  // The whole message first: `马上提醒` must not lose its `马上` and become `提醒`. Then `算了`
  // must not lose its `了` to the trailing-word rule before the lookup.
  const noArg =
    NO_ARG_INDEX.get(normalize(text).toLowerCase()) ??
    NO_ARG_INDEX.get(s.toLowerCase()) ??
    NO_ARG_INDEX.get(stripPolite(normalize(text), false).toLowerCase());
  if (noArg) return { kind: noArg };
  const join = JOIN.exec(s);
  if (join) return { kind: 'joinCounty', code: join[1] ?? '' };

  for (const [re, kind] of ARG_VERBS) {
    const m = re.exec(s);
    if (m) return { kind, arg: s.slice(m[0].length).trim() };
  }
  const assign = ASSIGN_VERB.exec(s) ?? ASSIGN_ARROW.exec(s);
  if (assign) {
    return {
      kind: 'assign',
      ref: stripRefFiller(assign[1] ?? ''),
      assignee: cleanUser(assign[2] ?? ''),
    };
  }
  const created = NEW_VERB.exec(s);
  if (created) return { kind: 'new', args: s.slice(created[0].length).trim() };
  for (const [verb, kind] of SECTION_VERBS) {
    if (!s.startsWith(verb)) continue;
    const ref = stripRefFiller(s.slice(verb.length));
    // `负责人述法3次`, `填写了登记表20份`: a sentence, not a command with a section.
    return isRefLike(ref) ? { kind, ref } : { kind: 'none' };
  }
  return { kind: 'none' };
}

/** Short, no sentence punctuation, no counted figures (`12项`): 一(三), 1.3, 矛盾纠纷, 普法. */
function isRefLike(ref: string): boolean {
  return (
    [...ref].length <= 14 &&
    !/[，,。；;！!？?]/.test(ref) &&
    !/\d\s*[^\d\s.\-()（）]/.test(ref.replace(/^\d{1,2}[.-]\d{1,2}$/, ''))
  );
}

/** `@张三`, `张三。` → `张三`. */
function cleanUser(who: string): string {
  return who
    .replace(/^[@＠\s]+/, '')
    .replace(/(负责|来填|填写|吧|。|\.)+$/, '')
    .trim();
}

/** A user named in a command: `@张三`, `zhangsan` → as written, without the `@`. */
export function cleanUserArg(arg: string): string {
  return cleanUser(arg.split(/\s+/)[0] ?? '');
}
