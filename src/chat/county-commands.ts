import { normalize } from './normalize.js';
import type { Session } from './session.js';
import { commonTexts } from './texts/common.js';
import { countyTexts } from './texts/county.js';

/** How an invitation code looks (see `store/invitations.ts`): 8 letters and digits. */
const CODE = /^[A-Z0-9]{8}$/;

/**
 * `新建县级单位 青山县依法治县办`: a county office that rolls up its townships and departments.
 * It files no report through the bot, so it is not a `新建 …报告` (which needs a template); the
 * group is bound to it and the sender becomes its admin, as with `新建` in a new group.
 */
export function newCountyCommand(s: Session, arg: string): void {
  if (s.turn.chatType === 'single' || !s.turn.chatId) {
    s.say(countyTexts.newCountyInGroupOnly(commonTexts.newCountyExample));
    return;
  }
  const bound = s.scope?.org;
  if (bound) {
    s.say(
      bound.kind === 'county'
        ? countyTexts.alreadyCountyGroup(bound.name)
        : countyTexts.groupBoundToOrg(bound.name),
    );
    return;
  }
  const name = normalize(arg).replace(/[\s,，。:：;；、()（）《》"“”]+/g, '');
  // The name is what townships see when they join (`已加入 青山县依法治县办的汇总`), so it must
  // say which county: `依法治县办` or `县司法局` alone would not.
  const place = /[\u4e00-\u9fa5]+[县区市旗]/.test(name.replace(/依法治[县区市旗]/g, ''));
  if (!/^[\u4e00-\u9fa5A-Za-z0-9]{3,30}$/.test(name) || !place) {
    s.say(countyTexts.countyNameNeeded(commonTexts.newCountyExample));
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
  s.say(countyTexts.countyCreated(name));
}

/** `邀请码`: a county admin asks for a code to hand to one township or department. */
export function inviteCommand(s: Session): void {
  const scope = s.scope;
  if (!scope) return;
  if (scope.org.kind !== 'county') {
    s.say(countyTexts.inviteFromCountyOnly);
    return;
  }
  s.emit({
    op: 'issueInvitation',
    orgId: scope.org.id,
    by: s.userid,
    deliverTo: s.replyTarget(),
    at: s.now,
  });
  s.say(countyTexts.issuingInvitation);
}

/** `加入 ABCD2345`: a township or department admin joins the county that issued the code. */
export function joinCountyCommand(s: Session, typed: string): void {
  const scope = s.scope;
  if (!scope) return;
  if (scope.org.kind === 'county') {
    s.say(countyTexts.countyCannotJoin);
    return;
  }
  const code = typed.toUpperCase();
  if (!code) {
    s.say(countyTexts.joinCodeMissing);
    return;
  }
  if (!CODE.test(code)) {
    s.say(countyTexts.joinCodeMalformed(typed));
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
  s.say(countyTexts.joining(code));
}
