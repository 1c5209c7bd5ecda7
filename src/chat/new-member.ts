import type { Member } from '../report/types.js';
import type { AddMemberPending } from './dialog-state.js';
import type { Session } from './session.js';
import { membersTexts } from './texts/members.js';

/**
 * Roles and sections go to members only. The bot learns an org's members from who speaks to it
 * in the group (WeCom does not list a group's people to a bot), so a colleague who has not
 * spoken yet is not one: an admin naming such an account is shown the members we know (a typo
 * shows up there) and asked to confirm before the account is added and given the role or the
 * section. Nobody becomes a member of an office's report by a slip of the keyboard.
 */

/** How many members a reply names before it says "等 N 人". */
const NAMED_MAX = 10;

/** `张三（zhangsan）、李四（lisi）…`: the members as an office reads them, names first. */
export function knownMembersText(members: readonly Member[]): string {
  const shown = members
    .slice(0, NAMED_MAX)
    .map((m) => (m.name && m.name !== m.userid ? `${m.name}（${m.userid}）` : m.userid));
  const more = members.length > NAMED_MAX ? membersTexts.andMore(members.length) : '';
  return `${shown.join('、')}${more}`;
}

/** The line naming the members we know, or how members come to be known when there are none. */
export function knownMembersLine(members: readonly Member[]): string {
  return members.length > 0
    ? membersTexts.knownMembers(knownMembersText(members))
    : membersTexts.noKnownMembers;
}

/**
 * True when `userid` is a member of the turn's org. Otherwise asks the admin to confirm adding
 * the account first (`what`: what would follow, e.g. `设为领导`) and returns false.
 */
export function isMemberOrAsk(
  s: Session,
  userid: string,
  then: AddMemberPending['then'],
  what: string,
): boolean {
  const scope = s.scope;
  if (!scope) return false;
  if (scope.members.some((m) => m.userid === userid)) return true;
  s.pending = { kind: 'addMember', orgId: scope.org.id, userid, then };
  s.say(membersTexts.askAddMember(userid, scope.org.name, knownMembersLine(scope.members), what));
  return false;
}
