import type { RequestSummary } from './operations.js';
import { progressOf, progressReport } from './progress-view.js';
import type { Session, Workspace } from './session.js';
import { requestsTexts } from './texts/requests.js';

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
  s.say(
    p.done < p.total
      ? requestsTexts.draftStartedUnfinished(p.done, p.total)
      : requestsTexts.draftStarted,
  );
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
  s.say(requestsTexts.checkStarted);
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
  if (county && org.org.kind !== 'county') {
    s.say(
      view === 'progress'
        ? requestsTexts.countyProgressInCountyGroupOnly
        : requestsTexts.countyFiguresInCountyGroupOnly,
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
    !county
      ? requestsTexts.summaryStarted
      : view === 'progress'
        ? requestsTexts.countyProgressStarted
        : requestsTexts.countyFiguresStarted,
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
  s.say(
    canPush(s, ws.scope.org)
      ? requestsTexts.reminderPlanStarted
      : requestsTexts.reminderPlanStartedNoWebhook,
  );
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
  s.say(requestsTexts.draftHistoryStarted);
}

/**
 * `立即提醒`: admins only, since it @-mentions everyone who still owes a section. Without a push
 * webhook there is nowhere to push to, so say how to set one instead of emitting a request.
 */
export function remindNowCommand(s: Session): void {
  const ws = s.workspace();
  if (!ws) return;
  if (!canPush(s, ws.scope.org)) {
    s.say(requestsTexts.remindNowNoWebhook);
    return;
  }
  s.emit({
    op: 'remindNow',
    reportId: ws.report.id,
    orgId: ws.scope.org.id,
    deliverTo: s.replyTarget(),
    at: s.now,
  });
  s.say(requestsTexts.remindNowStarted);
}

/** Whether a reminder can reach the group: through its push webhook, or the bot posts itself. */
function canPush(s: Session, org: { readonly hasWebhook: boolean }): boolean {
  return org.hasWebhook || s.turn.botPushes === true;
}
