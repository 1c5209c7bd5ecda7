import { normalize } from './normalize.js';
import type { Session } from './session.js';

/** How an invitation code looks (see `store/invitations.ts`): 8 letters and digits. */
const CODE = /^[A-Z0-9]{8}$/;

const NEW_COUNTY_EXAMPLE = '新建县级单位 青山县依法治县办';

/**
 * `新建县级单位 青山县依法治县办`: a county office that rolls up its townships and departments.
 * It files no report through the bot, so it is not a `新建 …报告` (which needs a template); the
 * group is bound to it and the sender becomes its admin, as with `新建` in a new group.
 */
export function newCountyCommand(s: Session, arg: string): void {
  if (s.turn.chatType === 'single' || !s.turn.chatId) {
    s.say(`请在县级单位的工作群里 @我 发送：${NEW_COUNTY_EXAMPLE}`);
    return;
  }
  const bound = s.scope?.org;
  if (bound) {
    s.say(
      bound.kind === 'county'
        ? `本群已是 ${bound.name} 的县级汇总群。邀请乡镇、部门请发送 邀请码。`
        : `本群已绑定 ${bound.name}，不能再设为县级单位。请在县级单位的工作群里发送。`,
    );
    return;
  }
  const name = normalize(arg).replace(/[\s,，。:：;；、()（）《》"“”]+/g, '');
  // The name is what townships see when they join (`已加入 青山县依法治县办的汇总`), so it must
  // say which county: `依法治县办` or `县司法局` alone would not.
  const place = /[\u4e00-\u9fa5]+[县区市旗]/.test(name.replace(/依法治[县区市旗]/g, ''));
  if (!/^[\u4e00-\u9fa5A-Za-z0-9]{3,30}$/.test(name) || !place) {
    s.say(`请写上县级单位全称（含县名），如：${NEW_COUNTY_EXAMPLE}`);
    return;
  }
  const org = { id: s.ctx.newId(), name, kind: 'county' as const };
  s.emit({ op: 'createOrg', org, at: s.now });
  s.emit({ op: 'bindChat', orgId: org.id, chatId: s.turn.chatId, at: s.now });
  s.scope = {
    org: { ...org, chatIds: [s.turn.chatId], hasWebhook: false },
    members: [],
    report: null,
    template: null,
    answers: [],
  };
  s.emit({
    op: 'grantRole',
    orgId: org.id,
    userid: s.userid,
    role: 'admin',
    by: s.userid,
    at: s.now,
  });
  s.say(
    [
      `✅ 已新建县级单位「${name}」，本群为县级汇总群，你是管理员。`,
      '',
      '邀请乡镇（街道）、部门：发送 `邀请码`，把码发给对方管理员，对方在本单位群里 @我 发送 `加入 <邀请码>`。',
      '查看：`全县进度` `全县汇总`',
    ].join('\n'),
  );
}

/** `邀请码`: a county admin asks for a code to hand to one township or department. */
export function inviteCommand(s: Session): void {
  const scope = s.scope;
  if (!scope) return;
  if (scope.org.kind !== 'county') {
    s.say(
      '邀请码由县级单位（依法治县办）在县级工作群里发放。本单位要加入全县汇总：请向县里要邀请码，再发送 加入 <邀请码>。',
    );
    return;
  }
  s.emit({
    op: 'issueInvitation',
    orgId: scope.org.id,
    by: s.userid,
    deliverTo: s.replyTarget(),
    at: s.now,
  });
  s.say('🔑 正在生成邀请码（一码一用，30天内有效）…');
}

/** `加入 ABCD2345`: a township or department admin joins the county that issued the code. */
export function joinCountyCommand(s: Session, typed: string): void {
  const scope = s.scope;
  if (!scope) return;
  if (scope.org.kind === 'county') {
    s.say('县级单位不能加入别的县级汇总。邀请乡镇、部门加入本县汇总，请发送 邀请码。');
    return;
  }
  const code = typed.toUpperCase();
  if (!code) {
    s.say('请发送县里给的邀请码，如：加入 ABCD2345');
    return;
  }
  if (!CODE.test(code)) {
    s.say(`邀请码是8位字母和数字，「${typed}」不对，请核对后再发送，如：加入 ABCD2345`);
    return;
  }
  s.emit({
    op: 'joinCounty',
    orgId: scope.org.id,
    code,
    by: s.userid,
    deliverTo: s.replyTarget(),
    at: s.now,
  });
  s.say(`🔗 正在用邀请码 ${code} 加入全县汇总…`);
}
