import type { RequestSummary } from './operations.js';
import { progressOf, progressReport } from './progress-view.js';
import type { Session, Workspace } from './session.js';

/** `生成草稿`: admins and leaders; the adapter composes it and sends the preview and .docx. */
export function draftCommand(s: Session): void {
  const ws = s.workspace();
  if (!ws) return;
  s.emit({
    op: 'requestDraft',
    reportId: ws.report.id,
    orgId: ws.scope.org.id,
    deliverTo: s.replyTarget(),
    at: s.now,
  });
  const p = progressOf(ws, s.now);
  const partial =
    p.done < p.total ? `目前完成 ${p.done}/${p.total} 部分，未完成的会标注“待填写”。` : '';
  s.say(`📝 正在生成草稿，稍等片刻发给你。${partial}`);
}

/** `检查`: admins and leaders; the checker's findings come back through the adapter. */
export function checkCommand(s: Session): void {
  const ws = s.workspace();
  if (!ws) return;
  s.emit({
    op: 'requestCheck',
    reportId: ws.report.id,
    orgId: ws.scope.org.id,
    deliverTo: s.replyTarget(),
    at: s.now,
  });
  s.say('🔍 正在检查（五个部分是否齐全、序号、数字前后是否一致、有无占位符），稍后发给你。');
}

/**
 * `汇总` (this org), `全县进度` / `全县汇总` (every org that joined this county): leaders and
 * admins. The county views differ only in what the handler renders, so both are one request.
 */
export function summaryCommand(
  s: Session,
  scope: RequestSummary['scope'],
  view: RequestSummary['view'],
): void {
  const org = s.scope;
  if (!org) return;
  const county = scope === 'county';
  const asked = county ? (view === 'progress' ? '全县进度' : '全县汇总') : '汇总';
  if (county && org.org.kind !== 'county') {
    s.say(
      `${asked}需要在县级单位（依法治县办）的群里查看。本单位情况可发送 汇总；要加入全县汇总，请向县里要邀请码，再发送 加入 <邀请码>。`,
    );
    return;
  }
  s.emit({
    op: 'requestSummary',
    scope,
    view,
    orgId: org.org.id,
    ...(org.report ? { reportId: org.report.id, year: org.report.year } : {}),
    deliverTo: s.replyTarget(),
    at: s.now,
  });
  s.say(
    county
      ? `📋 正在${view === 'progress' ? '汇总全县各单位进度' : '汇总全县各单位数据'}，稍后发给你。`
      : '📋 正在生成汇总，稍后发给你。',
  );
}

/**
 * `进度`: the report section by section, at once; in a group the progress chart follows as an
 * image under it (the text alone in a single chat, where it is one person's check).
 */
export function progressCommand(s: Session, ws: Workspace): void {
  s.say(progressReport(ws, s.now));
  if (s.turn.chatType !== 'group') return;
  s.emit({ op: 'requestChart', orgId: ws.scope.org.id, reportId: ws.report.id, at: s.now });
}

/** `提醒计划`: anyone in the org may see when reminders go out. */
export function reminderPlanCommand(s: Session): void {
  const ws = s.workspace();
  if (!ws) return;
  s.emit({
    op: 'requestReminderPlan',
    reportId: ws.report.id,
    orgId: ws.scope.org.id,
    deliverTo: s.replyTarget(),
    at: s.now,
  });
  const hook = canPush(s, ws.scope.org)
    ? ''
    : '\n本群还没设置推送，管理员可发送 设置推送 <群机器人地址>。';
  s.say(`⏰ 正在排提醒计划（只在工作日提醒），稍后发给你。${hook}`);
}

/** `草稿 历史`: the drafts generated so far, for those who may generate one. */
export function draftHistoryCommand(s: Session): void {
  const ws = s.workspace();
  if (!ws) return;
  s.emit({
    op: 'draftHistory',
    reportId: ws.report.id,
    orgId: ws.scope.org.id,
    deliverTo: s.replyTarget(),
    at: s.now,
  });
  s.say('🗂 正在列出历次草稿，稍后发给你。');
}

/**
 * `立即提醒`: admins only, since it @-mentions everyone who still owes a section. Without a push
 * webhook there is nowhere to push to, so say how to set one instead of emitting a request.
 */
export function remindNowCommand(s: Session): void {
  const ws = s.workspace();
  if (!ws) return;
  if (!canPush(s, ws.scope.org)) {
    s.say('本群还没设置推送，提醒发不出去。请先发送 设置推送 <群机器人地址>，再发送 立即提醒。');
    return;
  }
  s.emit({
    op: 'remindNow',
    reportId: ws.report.id,
    orgId: ws.scope.org.id,
    deliverTo: s.replyTarget(),
    at: s.now,
  });
  s.say('⏰ 正在群里提醒还没完成的同事。');
}

/** Whether a reminder can reach the group: through its push webhook, or the bot posts itself. */
function canPush(s: Session, org: { readonly hasWebhook: boolean }): boolean {
  return org.hasWebhook || s.turn.botPushes === true;
}
