import type { Role } from '../report/types.js';
import { daysBetween, findDate, formatDateZh, shanghaiDate } from './dates.js';
import { maskSecret, nameOf, namesWithRole } from './render.js';
import { resolveUser, unknownUserText } from './section-commands.js';
import type { Session } from './session.js';

/** A refusal naming who can do it instead. */
export function refuse(s: Session, what: string, roles: readonly Role[] = ['admin']): void {
  const members = s.scope?.members ?? [];
  const who = roles
    .map((r) => namesWithRole(members, r))
    .filter(Boolean)
    .join('、');
  const roleWords = roles
    .map((r) => ({ admin: '管理员', leader: '领导', official: '成员' })[r])
    .join('或');
  s.say(`抱歉，只有${roleWords}可以${what}${who ? `，请联系 ${who}` : ''}。`);
}

/** `设置领导 <userid>` / `设置管理员 <userid>`. */
export function grantRoleCommand(s: Session, role: 'leader' | 'admin', arg: string): void {
  const scope = s.scope;
  if (!scope) return;
  if (!s.hasRole('admin')) return refuse(s, role === 'admin' ? '设置管理员' : '设置领导');
  const userid = resolveUser(scope.members, arg);
  if (!userid) {
    s.say(unknownUserText(arg, `${role === 'admin' ? '设置管理员' : '设置领导'} zhangsan`));
    return;
  }
  const roleName = role === 'admin' ? '管理员' : '领导';
  if (scope.members.some((m) => m.userid === userid && m.roles.includes(role))) {
    s.say(`${nameOf(scope.members, userid)} 已经是${roleName}了。`);
    return;
  }
  s.emit({ op: 'grantRole', orgId: scope.org.id, userid, role, by: s.userid, at: s.now });
  const can =
    role === 'admin' ? '可以分配部分、设置截止日期和推送' : '可以发送 汇总、生成草稿、检查';
  s.say(`👌 已设置 ${nameOf(scope.members, userid)} 为${roleName}，${can}。`);
}

/** The `key` of a WeCom group robot: a full webhook URL or the bare key. */
export function webhookKeyOf(arg: string): string | null {
  const text = arg.trim();
  const fromUrl = /[?&]key=([A-Za-z0-9-]{8,64})/.exec(text);
  if (fromUrl) return fromUrl[1] ?? null;
  return /^[A-Za-z0-9-]{8,64}$/.test(text) ? text : null;
}

/** `设置推送 <webhook>`: the key is a secret, so the reply shows its last 4 characters only. */
export function setWebhookCommand(s: Session, arg: string): void {
  const scope = s.scope;
  if (!scope) return;
  if (!s.hasRole('admin')) return refuse(s, '设置推送');
  const key = webhookKeyOf(arg);
  if (!key) {
    s.say(
      '请发送群机器人的 Webhook 地址，如：设置推送 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…（群设置 → 群机器人 → 复制地址）',
    );
    return;
  }
  s.emit({ op: 'setWebhook', orgId: scope.org.id, key, by: s.userid, at: s.now });
  const warn = s.turn.chatType === 'group' ? '\n为安全起见，建议撤回刚才含地址的消息。' : '';
  s.say(`👌 已设置推送（key ${maskSecret(key)}），截止提醒会发到这个群机器人。${warn}`);
}

/** `设置截止 2月26日`. */
export function setDeadlineCommand(s: Session, arg: string): void {
  const ws = s.workspace();
  if (!ws) return;
  if (!s.hasRole('admin')) return refuse(s, '设置截止日期');
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
  if (!s.hasRole('admin')) return refuse(s, paused ? '暂停提醒' : '恢复提醒');
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
