import type { Role } from '../report/types.js';
import { setAddresseeCommand, setOfficeCommand, setSigningCommand } from './format-commands.js';
import {
  grantRoleCommand,
  refuse,
  remindersPausedCommand,
  setDeadlineCommand,
  setWebhookCommand,
} from './admin-commands.js';
import { inviteCommand, joinCountyCommand, newCountyCommand } from './county-commands.js';
import { startFill, undoLast } from './fill.js';
import { helpText, looksLikeAnswer, strayAnswerText, unknownText } from './help.js';
import type { Intent } from './intent.js';
import { startNewReport } from './new-report.js';
import { findTemplateSection } from './render.js';
import {
  checkCommand,
  progressCommand,
  draftCommand,
  draftHistoryCommand,
  reminderPlanCommand,
  remindNowCommand,
  summaryCommand,
} from './request-commands.js';
import { withSectionRef } from './section-commands.js';
import type { Session, Workspace } from './session.js';
import { commonTexts } from './texts/common.js';
import { routingTexts } from './texts/routing.js';

/** The intent of kind `K`, with its own fields. */
type IntentOf<K extends Intent['kind']> = Intent extends infer I
  ? I extends { readonly kind: infer Kinds }
    ? K extends Kinds
      ? Omit<I, 'kind'> & { readonly kind: K }
      : never
    : never
  : never;

interface Guard {
  /** Who may: absent, anyone who speaks in the org. */
  readonly roles?: readonly Role[];
  /** What the refusal says they may not do: 只有管理员可以{refusal}. */
  readonly refusal?: string | ((s: Session) => string);
}

/**
 * A command's row: what it works on (nothing, the org of this chat, or the org's open report),
 * who may run it, and what it does. The router checks the first two, so no command repeats them.
 */
type Route<I> =
  | (Guard & {
      readonly needs: 'nothing' | 'org';
      readonly run: (s: Session, intent: I, text: string) => void;
    })
  | (Guard & {
      readonly needs: 'report';
      readonly run: (s: Session, intent: I, text: string, ws: Workspace) => void;
    });

type Routes = { readonly [K in Intent['kind']]: Route<IntentOf<K>> };

const ADMIN: readonly Role[] = ['admin'];
const ADMIN_OR_LEADER: readonly Role[] = ['admin', 'leader'];
const LEADER_OR_ADMIN: readonly Role[] = ['leader', 'admin'];

/** Every command the engine knows, one row each. Fill controls inside a section come first (engine.ts). */
export const ROUTES: Routes = {
  help: { needs: 'nothing', run: (s) => s.say(helpText(s)) },
  new: { needs: 'nothing', run: (s, i) => startNewReport(s, i.args) },
  newCounty: { needs: 'nothing', run: (s, i) => newCountyCommand(s, i.arg) },
  switchOrg: { needs: 'nothing', run: (s) => s.say(routingTexts.onlyOneOrg) },
  none: {
    needs: 'nothing',
    run: (s, _i, text) =>
      s.say(s.scope && looksLikeAnswer(text) ? strayAnswerText(s) : unknownText(s, text)),
  },
  choice: {
    needs: 'nothing',
    run: (s) => s.say(routingTexts.nothingToChoose),
  },
  confirm: { needs: 'nothing', run: (s) => s.say(routingTexts.nothingToConfirm) },

  setLeader: {
    needs: 'org',
    roles: ADMIN,
    refusal: commonTexts.mayGrantRole(commonTexts.roleLeader),
    run: (s, i) => grantRoleCommand(s, 'leader', i.arg),
  },
  setAdmin: {
    needs: 'org',
    roles: ADMIN,
    refusal: commonTexts.mayGrantRole(commonTexts.roleAdmin),
    run: (s, i) => grantRoleCommand(s, 'admin', i.arg),
  },
  setWebhook: {
    needs: 'org',
    roles: ADMIN,
    refusal: commonTexts.maySetWebhook,
    run: (s, i) => setWebhookCommand(s, i.arg),
  },
  summary: {
    needs: 'org',
    roles: LEADER_OR_ADMIN,
    refusal: (s) =>
      s.scope?.org.kind === 'county'
        ? commonTexts.mayViewCountySummary
        : commonTexts.mayViewSummary,
    run: (s) => summaryCommand(s, s.scope?.org.kind === 'county' ? 'county' : 'org', 'figures'),
  },
  countyProgress: {
    needs: 'org',
    roles: LEADER_OR_ADMIN,
    refusal: commonTexts.mayViewCountyProgress,
    run: (s) => summaryCommand(s, 'county', 'progress'),
  },
  countyFigures: {
    needs: 'org',
    roles: LEADER_OR_ADMIN,
    refusal: commonTexts.mayViewCountySummary,
    run: (s) => summaryCommand(s, 'county', 'figures'),
  },
  invite: {
    needs: 'org',
    roles: ADMIN,
    refusal: commonTexts.mayInvite,
    run: (s) => inviteCommand(s),
  },
  joinCounty: {
    needs: 'org',
    roles: ADMIN,
    refusal: commonTexts.mayJoinCounty,
    run: (s, i) => joinCountyCommand(s, i.code),
  },
  progress: {
    needs: 'org',
    run: (s, _i, text) => {
      const scope = s.scope;
      // A county office usually has no report of its own: its progress is the county's.
      if (scope?.org.kind === 'county' && !scope.report) {
        return dispatch(s, { kind: 'countyProgress' }, text);
      }
      const ws = s.workspace();
      if (ws) progressCommand(s, ws);
      else s.say(noReportText(s));
    },
  },

  fill: { needs: 'report', run: (s, i, _t, ws) => withSectionRef(s, ws, i.ref, { do: 'fill' }) },
  edit: { needs: 'report', run: (s, i, _t, ws) => withSectionRef(s, ws, i.ref, { do: 'edit' }) },
  claim: { needs: 'report', run: (s, i, _t, ws) => withSectionRef(s, ws, i.ref, { do: 'claim' }) },
  assign: {
    needs: 'report',
    roles: ADMIN,
    refusal: commonTexts.mayAssign,
    run: (s, i, _t, ws) => withSectionRef(s, ws, i.ref, { do: 'assign', assignee: i.assignee }),
  },
  draft: {
    needs: 'report',
    roles: ADMIN_OR_LEADER,
    refusal: commonTexts.mayDraft,
    run: (s) => draftCommand(s),
  },
  draftHistory: {
    needs: 'report',
    roles: ADMIN_OR_LEADER,
    refusal: commonTexts.mayViewDraftHistory,
    run: (s) => draftHistoryCommand(s),
  },
  check: {
    needs: 'report',
    roles: ADMIN_OR_LEADER,
    refusal: commonTexts.mayCheck,
    run: (s) => checkCommand(s),
  },
  reminderPlan: { needs: 'report', run: (s) => reminderPlanCommand(s) },
  pauseReminders: {
    needs: 'report',
    roles: ADMIN,
    refusal: commonTexts.mayPauseReminders,
    run: (s) => remindersPausedCommand(s, true),
  },
  resumeReminders: {
    needs: 'report',
    roles: ADMIN,
    refusal: commonTexts.mayResumeReminders,
    run: (s) => remindersPausedCommand(s, false),
  },
  remindNow: {
    needs: 'report',
    roles: ADMIN,
    refusal: commonTexts.mayRemindNow,
    run: (s) => remindNowCommand(s),
  },
  setDeadline: {
    needs: 'report',
    roles: ADMIN,
    refusal: commonTexts.maySetDeadline,
    run: (s, i) => setDeadlineCommand(s, i.arg),
  },
  setOffice: {
    needs: 'report',
    roles: ADMIN,
    refusal: commonTexts.maySetOffice,
    run: (s, i) => setOfficeCommand(s, i.arg),
  },
  setAddressee: {
    needs: 'report',
    roles: ADMIN,
    refusal: commonTexts.maySetAddressee,
    run: (s, i) => setAddresseeCommand(s, i.arg),
  },
  setSigning: {
    needs: 'report',
    roles: ADMIN,
    refusal: commonTexts.maySetSigning,
    run: (s, i) => setSigningCommand(s, i.arg),
  },
  undo: { needs: 'report', run: (s, _i, _t, ws) => undoLast(s, ws) },
  continue: { needs: 'report', run: (s, _i, _t, ws) => continueSomething(s, ws) },
  skip: { needs: 'report', run: (s) => s.say(routingTexts.noQuestionOpen) },
  back: { needs: 'report', run: (s) => s.say(routingTexts.noQuestionOpen) },
  cancel: { needs: 'report', run: (s) => s.say(routingTexts.nothingToCancel) },
};

/** Runs a command by its row: org and report first, then the speaker's roles, then the command. */
export function dispatch(s: Session, intent: Intent, text: string): void {
  const route = ROUTES[intent.kind] as Route<Intent>;
  if (route.needs !== 'nothing' && !s.scope) return s.say(noOrgText(s, intent));
  const ws = route.needs === 'report' ? s.workspace() : null;
  if (route.needs === 'report' && !ws) return s.say(noReportText(s));
  if (route.roles && !s.hasRole(...route.roles)) {
    const what = typeof route.refusal === 'function' ? route.refusal(s) : (route.refusal ?? '');
    return refuse(s, what, route.roles);
  }
  if (route.needs === 'report') return route.run(s, intent, text, ws!);
  route.run(s, intent, text);
}

/** `继续` with nothing open here: a section started elsewhere, or the user's own unfinished one. */
function continueSomething(s: Session, ws: Workspace): void {
  if (s.fill && s.fill.orgId !== ws.scope.org.id) {
    s.say(routingTexts.continueInItsOrg);
    return;
  }
  const open = ws.report.sections.find(
    (st) => st.assignee === s.userid && st.status === 'in_progress',
  );
  const section = open && findTemplateSection(ws.template, open.sectionId);
  if (!section) {
    s.say(routingTexts.nothingToContinue);
    return;
  }
  startFill(s, ws, section, 'first');
}

function noReportText(s: Session): string {
  return routingTexts.noOpenReport(s.scope?.org.name ?? routingTexts.thisOrg);
}

function noOrgText(s: Session, intent: Intent): string {
  const county = ['invite', 'countyProgress', 'countyFigures'].includes(intent.kind);
  if (county && s.turn.chatType === 'group') {
    return routingTexts.groupHasNoCounty(commonTexts.newCountyExample);
  }
  if (s.turn.chatType === 'group') {
    return routingTexts.groupHasNoReport(commonTexts.newReportExample);
  }
  return routingTexts.notInAnyOrg;
}
