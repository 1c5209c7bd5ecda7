import type { Role } from '../report/types.js';
import { allowedUrl, WECOM_API_HOST } from './allowed-url.js';
import { daysBetween, findDate, formatDateZh, shanghaiDate } from './dates.js';
import { findTemplateSection, maskSecret, nameOf, namesWithRole } from './render.js';
import type { AddMemberPending } from './dialog-state.js';
import type { Intent } from './intent.js';
import { isMemberOrAsk } from './new-member.js';
import { assignTo, resolveUser, unknownUserText } from './section-commands.js';
import type { Session } from './session.js';
import { adminTexts } from './texts/admin.js';
import { commonTexts } from './texts/common.js';

/** What a role is called in a reply. */
export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  admin: commonTexts.roleAdmin,
  leader: commonTexts.roleLeader,
  official: commonTexts.roleOfficial,
};

/** A refusal naming who can do it instead. */
export function refuse(s: Session, what: string, roles: readonly Role[] = ['admin']): void {
  const members = s.scope?.members ?? [];
  const who = roles
    .map((r) => namesWithRole(members, r))
    .filter(Boolean)
    .join('、');
  const roleWords = roles.map((r) => ROLE_NAMES[r]).join(commonTexts.roleOr);
  s.say(
    who ? commonTexts.refusedAskWho(roleWords, what, who) : commonTexts.refused(roleWords, what),
  );
}

/** `设置领导 <userid>` / `设置管理员 <userid>`: to members only. */
export function grantRoleCommand(s: Session, role: 'leader' | 'admin', arg: string): void {
  const scope = s.scope;
  if (!scope) return;
  const roleName = ROLE_NAMES[role];
  const userid = resolveUser(scope.members, arg);
  if (!userid) {
    s.say(unknownUserText(arg, adminTexts.grantRoleExample(roleName), scope.members));
    return;
  }
  if (scope.members.some((m) => m.userid === userid && m.roles.includes(role))) {
    s.say(adminTexts.alreadyHasRole(nameOf(scope.members, userid), roleName));
    return;
  }
  const then = adminTexts.grantRoleAfterAdding(roleName);
  if (!isMemberOrAsk(s, userid, { do: 'grant', role }, then)) return;
  grantTo(s, role, userid);
}

function grantTo(s: Session, role: 'leader' | 'admin', userid: string): void {
  const scope = s.scope;
  if (!scope) return;
  s.emit({ op: 'grantRole', orgId: scope.org.id, userid, role, by: s.userid, at: s.now });
  const granted = role === 'admin' ? adminTexts.grantedAdmin : adminTexts.grantedLeader;
  s.say(granted(nameOf(scope.members, userid), ROLE_NAMES[role]));
}

/**
 * The admin's answer to "add this account first?" (new-member.ts). `确认` adds the account as a
 * member and gives the role or section; anything else drops the question and is read as a
 * command of its own (false). Still admins only, and only in the org that was asked about.
 */
export function answerAddMember(s: Session, pending: AddMemberPending, intent: Intent): boolean {
  s.pending = undefined;
  if (intent.kind !== 'confirm') return false;
  const scope = s.scope;
  if (!scope || scope.org.id !== pending.orgId) return false;
  const then = pending.then;
  if (!s.hasRole('admin')) {
    refuse(
      s,
      then.do === 'grant' ? commonTexts.mayGrantRole(ROLE_NAMES[then.role]) : commonTexts.mayAssign,
    );
    return true;
  }
  const ws = s.workspace();
  const section =
    then.do === 'assign' && ws?.report.id === then.reportId
      ? findTemplateSection(ws.template, then.sectionId)
      : undefined;
  if (then.do === 'assign' && (!ws || !section)) {
    s.say(adminTexts.reportReplaced);
    return true;
  }
  s.emit({
    op: 'addMember',
    orgId: scope.org.id,
    userid: pending.userid,
    roles: ['official'],
    at: s.now,
  });
  if (then.do === 'grant') grantTo(s, then.role, pending.userid);
  else if (ws && section) assignTo(s, ws, section, pending.userid);
  return true;
}

/**
 * The `key` of a WeCom group robot: the bare key, or a full webhook address on one of `hosts`
 * (`{ refused }` with the address's host for any other: the key is not taken from it, since an
 * address elsewhere is not WeCom's group robot). Null for anything else.
 */
export function webhookKeyOf(
  arg: string,
  hosts: readonly string[] = [WECOM_API_HOST],
): { readonly key: string } | { readonly refused: string } | null {
  const text = arg.trim();
  if (/^[A-Za-z0-9-]{8,64}$/.test(text)) return { key: text };
  const href = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  if (!URL.canParse(href) || !/[?&]key=/.test(text)) return null;
  const url = new URL(href);
  if (!allowedUrl(href, hosts)) return { refused: url.host };
  const key = url.searchParams.get('key')?.trim() ?? '';
  return /^[A-Za-z0-9-]{8,64}$/.test(key) ? { key } : null;
}

/** `设置推送 <webhook>`: the key is a secret, so the reply shows its last 4 characters only. */
export function setWebhookCommand(s: Session, arg: string): void {
  const scope = s.scope;
  if (!scope) return;
  const found = webhookKeyOf(arg, s.turn.webhookHosts);
  if (!found) {
    s.say(adminTexts.webhookUsage);
    return;
  }
  if ('refused' in found) {
    s.say(adminTexts.webhookElsewhere(found.refused));
    return;
  }
  const { key } = found;
  s.emit({ op: 'setWebhook', orgId: scope.org.id, key, by: s.userid, at: s.now });
  const set = s.turn.chatType === 'group' ? adminTexts.webhookSetInGroup : adminTexts.webhookSet;
  s.say(set(maskSecret(key)));
}

/** `设置截止 2月26日`. */
export function setDeadlineCommand(s: Session, arg: string): void {
  const ws = s.workspace();
  if (!ws) return;
  const found = findDate(arg, s.now);
  const today = shanghaiDate(s.now);
  if (!found || found.date <= today) {
    s.say(found ? adminTexts.deadlinePassed(formatDateZh(found.date)) : adminTexts.deadlineUsage);
    return;
  }
  s.emit({
    op: 'setDeadline',
    reportId: ws.report.id,
    deadline: found.date,
    by: s.userid,
    at: s.now,
  });
  s.say(adminTexts.deadlineSet(formatDateZh(found.date), daysBetween(today, found.date)));
}

/**
 * `暂停提醒` / `恢复提醒`: admins only. The engine cannot see whether reminders are paused now,
 * and the write is idempotent, so it always confirms the state asked for.
 */
export function remindersPausedCommand(s: Session, paused: boolean): void {
  const ws = s.workspace();
  if (!ws) return;
  s.emit({
    op: 'setRemindersPaused',
    reportId: ws.report.id,
    paused,
    by: s.userid,
    at: s.now,
  });
  s.say(
    paused
      ? adminTexts.remindersPaused
      : adminTexts.remindersResumed(formatDateZh(ws.report.deadline)),
  );
}
