import { refuse } from './admin-commands.js';
import { progressOf } from './progress-view.js';
import type { Session } from './session.js';

/** `生成草稿`: admins and leaders; the adapter composes it and sends the preview and .docx. */
export function draftCommand(s: Session): void {
  const ws = s.workspace();
  if (!ws) return;
  if (!s.hasRole('admin', 'leader')) return refuse(s, '生成草稿', ['admin', 'leader']);
  s.emit({
    op: 'requestDraft',
    reportId: ws.report.id,
    orgId: ws.scope.org.id,
    deliverTo: s.replyTarget(),
    at: s.now,
  });
  const p = progressOf(ws, s.now);
  const partial =
    p.done < p.total ? `目前完成 ${p.done}/${p.total} 部分，未完成的会标注“待补充”。` : '';
  s.say(`📝 正在生成草稿，稍等片刻发给你。${partial}`);
}

/** `检查`: admins and leaders; the checker's findings come back through the adapter. */
export function checkCommand(s: Session): void {
  const ws = s.workspace();
  if (!ws) return;
  if (!s.hasRole('admin', 'leader')) return refuse(s, '检查报告', ['admin', 'leader']);
  s.emit({
    op: 'requestCheck',
    reportId: ws.report.id,
    orgId: ws.scope.org.id,
    deliverTo: s.replyTarget(),
    at: s.now,
  });
  s.say('🔍 正在检查（五个部分是否齐全、序号、数字前后是否一致、有无占位符），稍后发给你。');
}

/** `汇总` (this org) or `全县进度` (every org under this county): leaders and admins. */
export function summaryCommand(s: Session, county: boolean): void {
  const scope = s.scope;
  if (!scope) return;
  if (!s.hasRole('admin', 'leader'))
    return refuse(s, county ? '查看全县进度' : '查看汇总', ['leader', 'admin']);
  if (county && scope.org.kind !== 'county') {
    s.say('全县进度需要在县级单位（依法治县办）的群里查看。本单位情况可发送 汇总。');
    return;
  }
  s.emit({
    op: 'requestSummary',
    scope: county ? 'county' : 'org',
    orgId: scope.org.id,
    ...(scope.report ? { reportId: scope.report.id, year: scope.report.year } : {}),
    deliverTo: s.replyTarget(),
    at: s.now,
  });
  s.say(county ? '📋 正在汇总全县各单位进度，稍后发给你。' : '📋 正在生成汇总，稍后发给你。');
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
  const hook = ws.scope.org.hasWebhook
    ? ''
    : '\n本群还没设置推送，管理员可发送 设置推送 <群机器人地址>。';
  s.say(`⏰ 正在排提醒计划（只在工作日提醒），稍后发给你。${hook}`);
}
