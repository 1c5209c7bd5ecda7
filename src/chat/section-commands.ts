import { allSections, resolveSection } from '../report/sections.js';
import type { Member, Section } from '../report/types.js';
import type { SectionAction } from './dialog-state.js';
import { startFill } from './fill.js';
import { cleanUserArg } from './intent.js';
import { isMemberOrAsk, knownMembersLine } from './new-member.js';
import { stripRefFiller } from './normalize.js';
import { findTemplateSection, nameOf, namesWithRole, ref, title } from './render.js';
import type { Session, Workspace } from './session.js';
import { membersTexts } from './texts/members.js';
import { sectionsTexts } from './texts/sections.js';

/** Looks a section reference up; `none` also for an empty reference. */
export function lookupSection(ws: Workspace, words: string) {
  const cleaned = stripRefFiller(words);
  if (cleaned === '') return { kind: 'none' as const };
  const first = resolveSection(ws.template, cleaned);
  return first.kind === 'none' && cleaned !== words.trim()
    ? resolveSection(ws.template, words.trim())
    : first;
}

/** True when the words clearly name a section (found or a short list of candidates). */
export function namesSection(ws: Workspace, words: string): boolean {
  return lookupSection(ws, words).kind !== 'none';
}

/**
 * Runs a section command on the section the words name: at once when found, after a numbered
 * choice when ambiguous (kept in the dialog), or with a short list of sections when unknown.
 * An empty reference picks sensibly for the action (the user's own open sections for `填写`).
 */
export function withSectionRef(
  s: Session,
  ws: Workspace,
  words: string,
  then: SectionAction,
): void {
  if (stripRefFiller(words) === '') {
    const candidates = defaultCandidates(s, ws, then);
    if (candidates.length === 1 && then.do !== 'assign')
      return runSectionAction(s, ws, candidates[0] as Section, then);
    if (candidates.length === 0) {
      s.say(then.do === 'claim' ? sectionsTexts.allClaimed : sectionsTexts.nothingToFill);
      return;
    }
    return offerChoice(s, ws, candidates, then, sectionsTexts.pickSection);
  }
  const found = lookupSection(ws, words);
  if (found.kind === 'found') return runSectionAction(s, ws, found.section, then);
  if (found.kind === 'ambiguous')
    return offerChoice(s, ws, found.candidates, then, (list) =>
      sectionsTexts.pickSectionFor(words, list),
    );
  const list = allSections(ws.template)
    .map((sec) => title(sec))
    .join('\n');
  s.say(sectionsTexts.notFound(words, list));
}

function defaultCandidates(s: Session, ws: Workspace, then: SectionAction): Section[] {
  const states = ws.report.sections;
  const pick = (keep: (st: (typeof states)[number]) => boolean) =>
    states
      .filter(keep)
      .map((st) => findTemplateSection(ws.template, st.sectionId))
      .filter((sec): sec is Section => sec !== undefined);
  if (then.do === 'claim') return pick((st) => !st.assignee);
  if (then.do === 'edit') return pick((st) => st.status === 'done' || st.status === 'skipped');
  const mine = pick((st) => st.assignee === s.userid && st.status !== 'done');
  return mine.length > 0 ? mine : pick((st) => !st.assignee && st.status !== 'done');
}

const MAX_CHOICES = 12;

function offerChoice(
  s: Session,
  ws: Workspace,
  candidates: readonly Section[],
  then: SectionAction,
  ask: (list: string) => string,
): void {
  const shown = candidates.slice(0, MAX_CHOICES);
  s.pending = {
    kind: 'pickSection',
    orgId: ws.scope.org.id,
    candidates: shown.map((c) => c.id),
    then,
  };
  const lines = shown.map((c, i) => `${i + 1}. ${title(c)}`);
  s.say(ask(lines.join('\n')));
}

/** A number replying to a section choice. */
export function pickSection(
  s: Session,
  ws: Workspace,
  candidates: readonly string[],
  then: SectionAction,
  n: number,
): void {
  const id = candidates[n - 1];
  const section = id ? findTemplateSection(ws.template, id) : undefined;
  if (!section) {
    s.say(sectionsTexts.pickNumber(candidates.length));
    return;
  }
  s.pending = undefined;
  runSectionAction(s, ws, section, then);
}

export function runSectionAction(
  s: Session,
  ws: Workspace,
  section: Section,
  then: SectionAction,
): void {
  switch (then.do) {
    case 'fill':
    case 'edit':
      return openSection(s, ws, section, then.do === 'edit' ? 'revise' : 'first');
    case 'claim':
      return claim(s, ws, section);
    case 'assign':
      return assign(s, ws, section, then.assignee);
  }
}

function holder(ws: Workspace, section: Section): string | undefined {
  return ws.report.sections.find((st) => st.sectionId === section.id)?.assignee;
}

function takenReply(ws: Workspace, section: Section, by: string): string {
  const admins = namesWithRole(ws.scope.members, 'admin');
  const name = nameOf(ws.scope.members, by);
  return admins
    ? sectionsTexts.takenBy(ref(section), name, admins)
    : sectionsTexts.takenByNoAdmins(ref(section), name);
}

/** Claims the section for the sender; should another claimant win the race, `ifTaken` is said. */
function claimFor(s: Session, ws: Workspace, section: Section): void {
  s.emit({
    op: 'claimSection',
    reportId: ws.report.id,
    sectionId: section.id,
    userid: s.userid,
    at: s.now,
    ifTaken: sectionsTexts.claimedMeanwhile(ref(section)),
  });
}

/** `填写` / `修改`: the assignee or an admin may; an unassigned section is claimed on the way. */
function openSection(s: Session, ws: Workspace, section: Section, mode: 'first' | 'revise'): void {
  const by = holder(ws, section);
  if (by && by !== s.userid && !s.hasRole('admin')) {
    s.say(takenReply(ws, section, by));
    return;
  }
  let lead: string | undefined;
  if (!by) {
    claimFor(s, ws, section);
    lead = sectionsTexts.claimedOnTheWay(ref(section));
  }
  startFill(s, s.workspace() ?? ws, section, mode, lead);
}

/** `认领`: anyone in the org may take an unassigned section. */
function claim(s: Session, ws: Workspace, section: Section): void {
  const by = holder(ws, section);
  if (by === s.userid) {
    s.say(sectionsTexts.alreadyYours(ref(section)));
    return;
  }
  if (by) {
    s.say(takenReply(ws, section, by));
    return;
  }
  claimFor(s, ws, section);
  s.say(sectionsTexts.claimed(title(section), ref(section), section.questions.length));
}

/** `分配 一(三) 给 张三`: admins only (checked by the caller); to members only. */
function assign(s: Session, ws: Workspace, section: Section, who: string): void {
  const userid = resolveUser(ws.scope.members, who);
  if (!userid) {
    s.say(unknownUserText(who, sectionsTexts.assignExample(ref(section)), ws.scope.members));
    return;
  }
  const then = { do: 'assign' as const, reportId: ws.report.id, sectionId: section.id };
  if (!isMemberOrAsk(s, userid, then, sectionsTexts.assignAfterAdding(ref(section)))) return;
  assignTo(s, ws, section, userid);
}

/** Gives `section` to `userid`, a member (or one the admin just confirmed). */
export function assignTo(s: Session, ws: Workspace, section: Section, userid: string): void {
  s.emit({
    op: 'assignSection',
    reportId: ws.report.id,
    sectionId: section.id,
    assignee: userid,
    by: s.userid,
    at: s.now,
  });
  const after = s.workspace() ?? ws;
  s.say(sectionsTexts.assigned(title(section), nameOf(after.scope.members, userid), ref(section)));
}

const USERID = /^[A-Za-z0-9_.@-]{1,64}$/;

/** When a name matches no member: the members we know, or the WeCom account (userid) instead. */
export function unknownUserText(
  who: string,
  example: string,
  members: readonly Member[] = [],
): string {
  const name = cleanUserArg(who);
  return name
    ? membersTexts.memberNotFound(name, knownMembersLine(members), example)
    : membersTexts.sayWho(example);
}

/** A member named by userid or display name; an unknown well-formed userid is taken as given. */
export function resolveUser(members: readonly Member[], who: string): string | null {
  const name = cleanUserArg(who);
  if (name === '') return null;
  const byId = members.find((m) => m.userid === name);
  if (byId) return byId.userid;
  const byName = members.filter((m) => m.name === name);
  if (byName.length === 1) return byName[0]?.userid ?? null;
  return USERID.test(name) ? name : null;
}
