import type { Role } from '../report/types.js';
import { allowedUrl, WECOM_API_HOST } from './allowed-url.js';
import { daysBetween, findDate, formatDateZh, shanghaiDate } from './dates.js';
import { findTemplateSection, maskSecret, nameOf, namesWithRole } from './render.js';
import type { AddMemberPending } from './dialog-state.js';
import type { Intent } from './intent.js';
import { isMemberOrAsk } from './new-member.js';
import { assignTo, resolveUser, unknownUserText } from './section-commands.js';
import type { Session } from './session.js';
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
  const command = role === 'admin' ? '设置管理员' : '设置领导';
  const userid = resolveUser(scope.members, arg);
  if (!userid) {
    s.say(unknownUserText(arg, `${command} zhangsan`, scope.members));
    return;
  }
  const roleName = ROLE_NAMES[role];
  if (scope.members.some((m) => m.userid === userid && m.roles.includes(role))) {
    s.say(`${nameOf(scope.members, userid)} 已经是${roleName}了。`);
    return;
  }
  if (!isMemberOrAsk(s, userid, { do: 'grant', role }, `设为${roleName}`)) return;
  grantTo(s, role, userid);
}

function grantTo(s: Session, role: 'leader' | 'admin', userid: string): void {
  const scope = s.scope;
  if (!scope) return;
  s.emit({ op: 'grantRole', orgId: scope.org.id, userid, role, by: s.userid, at: s.now });
  const can =
    role === 'admin' ? '可以分配部分、设置截止日期和推送' : '可以发送 汇总、生成草稿、检查';
  s.say(`👌 已设置 ${nameOf(scope.members, userid)} 为${ROLE_NAMES[role]}，${can}。`);
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
    s.say('这份报告已经换过了，请重新发送 分配。');
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
    s.say(
      '请发送群机器人的 Webhook 地址，如：设置推送 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…（群设置 → 群机器人 → 复制地址）',
    );
    return;
  }
  if ('refused' in found) {
    s.say(
      `这个地址指向 ${found.refused}，不是企业微信群机器人的地址，没有设置。请在 群设置 → 群机器人 里复制地址（以 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key= 开头）后重新发送。`,
    );
    return;
  }
  const { key } = found;
  s.emit({ op: 'setWebhook', orgId: scope.org.id, key, by: s.userid, at: s.now });
  const warn = s.turn.chatType === 'group' ? '\n为安全起见，建议撤回刚才含地址的消息。' : '';
  s.say(`👌 已设置推送（key ${maskSecret(key)}），截止提醒会发到这个群机器人。${warn}`);
}

/** `设置截止 2月26日`. */
export function setDeadlineCommand(s: Session, arg: string): void {
  const ws = s.workspace();
  if (!ws) return;
  const found = findDate(arg, s.now);
  const today = shanghaiDate(s.now);
  if (!found || found.date <= today) {
    s.say(
      found
        ? `${formatDateZh(found.date)} 已经过了，请给一个今天之后的日期。`
        : '请写明日期，如：设置截止 2027-02-26',
    );
    return;
  }
  s.emit({
    op: 'setDeadline',
    reportId: ws.report.id,
    deadline: found.date,
    by: s.userid,
    at: s.now,
  });
  s.say(
    `👌 截止日期改为 ${formatDateZh(found.date)}（还有${daysBetween(today, found.date)}天），提醒会随之调整。`,
  );
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
      ? '⏸ 已暂停截止提醒，群里不会再自动催办。需要时发送 恢复提醒；临时催一次可发送 立即提醒。'
      : `▶️ 已恢复截止提醒，会在工作日按计划提醒（截止 ${formatDateZh(ws.report.deadline)}）。发送 提醒计划 查看安排。`,
  );
}
