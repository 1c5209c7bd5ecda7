import { setAddresseeCommand, setOfficeCommand, setSigningCommand } from './format-commands.js';
import { answerFrontMatter } from './front-matter-question.js';
import {
  answerAddMember,
  grantRoleCommand,
  refuse,
  remindersPausedCommand,
  setDeadlineCommand,
  setWebhookCommand,
} from './admin-commands.js';
import { inviteCommand, joinCountyCommand, newCountyCommand } from './county-commands.js';
import { withCarriedScope } from './carried.js';
import { findDate } from './dates.js';
import { isStale, type FillState } from './dialog-state.js';
import {
  answerFill,
  backFill,
  confirmFill,
  resumeFill,
  skipFill,
  startFill,
  undoLast,
} from './fill.js';
import { helpText, looksLikeAnswer, strayAnswerText, unknownText } from './help.js';
import { importTurn } from './import-commands.js';
import { parseIntent, type Intent } from './intent.js';
import { continueNewReport, startNewReport } from './new-report.js';
import { normalize, stripPolite } from './normalize.js';
import { progressReport } from './progress-view.js';
import { findTemplateSection, fitReply, ref } from './render.js';
import {
  checkCommand,
  draftCommand,
  draftHistoryCommand,
  reminderPlanCommand,
  remindNowCommand,
  summaryCommand,
} from './request-commands.js';
import { namesSection, pickSection, withSectionRef } from './section-commands.js';
import { Session } from './session.js';
import type { ChatContext, Turn, TurnResult } from './types.js';

/**
 * The conversation engine: one message and everything loaded for it in; replies, operations and
 * the next dialog state out. Pure: no I/O, no clock (time is `turn.now`), ids from `ctx.newId`.
 */
export function handleTurn(turn: Turn, given: ChatContext): TurnResult {
  // Imported plans become questions of part 一 for the whole turn (one view, stable objects).
  const ctx: ChatContext = { ...given, orgs: given.orgs.map(withCarriedScope) };
  const s = new Session(turn, ctx, ctx.dialog);
  if (ctx.dialog && isStale(ctx.dialog, turn.now)) {
    // Gone quiet: a choice in the air is forgotten; a section in progress waits for `继续`.
    s.pending = undefined;
    if (s.fill) s.fill = { ...s.fill, paused: true };
  }
  if (!importTurn(s)) run(s, turn.text);
  if (s.replies.length === 0) s.say(unknownText(s, turn.text));
  const result = s.result();
  return { ...result, replies: result.replies.map((r) => fitReply(r)) };
}

/**
 * `填写 一(五)` with the section's paragraph on the lines below it: the section is opened and
 * the paragraph answers it at once, so a pasted section takes one message.
 */
function run(s: Session, text: string): void {
  const [head = '', ...more] = text.split('\n');
  const body = more.join('\n').trim();
  if (body === '' || parseIntent(head).kind !== 'fill') return runOne(s, text);
  const before = s.fill;
  runOne(s, head);
  const ws = s.workspace();
  if (s.fill && s.fill !== before && !s.fill.paused && !s.pending && ws)
    answerFill(s, ws, s.fill, body, true);
}

function runOne(s: Session, text: string): void {
  const intent = parseIntent(text);
  if (!chooseScope(s, intent, text)) return;
  if (s.scope && !s.member()) {
    s.emit({
      op: 'addMember',
      orgId: s.scope.org.id,
      userid: s.userid,
      roles: ['official'],
      at: s.now,
    });
  }
  if (s.pending && handlePending(s, intent, text)) return;
  const fill = s.fill && s.scope && s.fill.orgId === s.scope.org.id ? s.fill : undefined;
  if (fill && handleWithFill(s, fill, intent, text)) return;
  command(s, intent, text);
}

/**
 * Decides which org this turn is about. A group works on the org bound to it; a single chat on
 * the user's only org, or the one chosen earlier, or asks. False when the turn is done.
 */
function chooseScope(s: Session, intent: Intent, text: string): boolean {
  const orgs = s.ctx.orgs;
  if (s.turn.chatType === 'group') {
    s.scope = orgs[0] ?? null;
    return true;
  }
  const pending = s.pending;
  if (pending?.kind === 'pickOrg') {
    s.pending = undefined;
    const chosen =
      intent.kind === 'choice'
        ? orgs.find((o) => o.org.id === pending.orgIds[intent.n - 1])
        : undefined;
    if (chosen) {
      s.orgId = chosen.org.id;
      s.scope = chosen;
      if (parseIntent(pending.text).kind === 'switchOrg') {
        s.say(`👌 已切换到 ${chosen.org.name}。`);
        return false;
      }
      run(s, pending.text);
      return false;
    }
  }
  const preferred = s.orgId ?? s.fill?.orgId;
  const remembered = orgs.find((o) => o.org.id === preferred);
  if (orgs.length <= 1 || (remembered && intent.kind !== 'switchOrg')) {
    s.scope = remembered ?? orgs[0] ?? null;
    if (intent.kind === 'switchOrg') {
      s.say(s.scope ? `你只在 ${s.scope.org.name} 一个单位，无需切换。` : '你还没有加入任何单位。');
      return false;
    }
    return true;
  }
  if (intent.kind === 'help') return true;
  // A webhook key is a secret: never keep it in the dialog to replay; ask for it again instead.
  const secret = intent.kind === 'setWebhook';
  s.pending = { kind: 'pickOrg', orgIds: orgs.map((o) => o.org.id), text: secret ? '切换' : text };
  const list = orgs.map((o, i) => `${i + 1}. ${o.org.name}`).join('\n');
  const again = secret ? '\n选好后请重新发送 设置推送。' : '';
  s.say(`你在多个单位，这次是哪个？回复数字：\n${list}${again}`);
  return false;
}

/** A numbered choice or a `新建` question is waiting. True when this message answered it. */
function handlePending(s: Session, intent: Intent, text: string): boolean {
  const pending = s.pending;
  if (!pending) return false;
  if (pending.kind === 'frontMatter') {
    if (intent.kind === 'none' || intent.kind === 'choice' || intent.kind === 'confirm') {
      answerFrontMatter(s, pending, text);
      return true;
    }
    // Anything else goes on as asked; the 主送机关 and 落款 stay as the 新建 reply showed them.
    s.pending = undefined;
    if (intent.kind !== 'cancel') return false;
    s.say('好的，主送和落款按默认写；需要时发送 设置主送／设置落款。');
    return true;
  }
  if (intent.kind === 'cancel') {
    s.pending = undefined;
    s.say(pending.kind === 'newReport' ? '已取消新建。' : '好的，已取消。');
    return true;
  }
  if (pending.kind === 'newReport') {
    if (intent.kind !== 'none' && intent.kind !== 'choice') {
      s.pending = undefined;
      return false;
    }
    continueNewReport(s, pending, text);
    return true;
  }
  if (pending.kind === 'addMember') return answerAddMember(s, pending, intent);
  if (pending.kind === 'pickSection') {
    const ws = s.workspace();
    if (!ws || pending.orgId !== ws.scope.org.id) {
      s.pending = undefined;
      return false;
    }
    if (intent.kind === 'choice') {
      pickSection(s, ws, pending.candidates, pending.then, intent.n);
      return true;
    }
    if (intent.kind === 'none') {
      s.say(`请回复数字 1 到 ${pending.candidates.length} 选择，或发送 取消。`);
      return true;
    }
  }
  s.pending = undefined;
  return false;
}

/**
 * The user has a section open in this org. Fill controls act on it; an answer is saved; any other
 * command interrupts it (it pauses, the command runs, `继续` resumes). True when handled.
 */
function handleWithFill(s: Session, fill: FillState, intent: Intent, text: string): boolean {
  const ws = s.workspace();
  if (!ws || ws.report.id !== fill.reportId) {
    s.fill = undefined;
    return false;
  }
  switch (intent.kind) {
    case 'continue':
      resumeFill(s, ws, fill);
      return true;
    case 'skip':
      skipFill(s, ws, fill);
      return true;
    case 'back':
      backFill(s, ws, fill);
      return true;
    case 'cancel': {
      s.fill = undefined;
      const section = findTemplateSection(ws.template, fill.sectionId);
      const again = section ? `，之后发送 填写 ${ref(section)} 接着填` : '';
      s.say(`已退出填写。已保存的回答都在${again}。`);
      return true;
    }
    case 'confirm':
      if (fill.confirming && !fill.paused) {
        confirmFill(s, ws, fill);
        return true;
      }
      break;
  }
  if (!fill.paused && isAnswer(s, intent)) {
    answerFill(s, ws, fill, text);
    return true;
  }
  if (
    fill.paused &&
    (intent.kind === 'none' || intent.kind === 'choice' || intent.kind === 'confirm')
  ) {
    s.say(
      looksLikeAnswer(text) || intent.kind !== 'none' ? strayAnswerText(s) : unknownText(s, text),
    );
    return true;
  }
  s.fill = { ...fill, paused: true };
  command(s, intent, text);
  const section = findTemplateSection(ws.template, fill.sectionId);
  const stillPaused = s.fill?.paused && s.fill.sectionId === fill.sectionId;
  if (stillPaused && section) {
    const n = section.questions.findIndex((q) => q.id === fill.questionId) + 1;
    s.add(`（${ref(section)} 第${n}题已暂停，发送 **继续** 接着填）`);
  } else if (s.fill && s.fill.sectionId !== fill.sectionId && section) {
    s.add(`（${ref(section)} 已答的都已保存，之后发送 填写 ${ref(section)} 接着填）`);
  }
  return true;
}

/**
 * While a question is open, only unmistakable commands are commands: `填写了登记表20份` is an
 * answer, `填写 一(三)` is not.
 */
function isAnswer(s: Session, intent: Intent): boolean {
  const ws = s.workspace();
  switch (intent.kind) {
    case 'none':
    case 'choice':
    case 'confirm':
      return true;
    case 'fill':
    case 'edit':
    case 'claim':
      return !ws || !namesSection(ws, intent.ref);
    case 'new':
      return !(intent.args === '' || /报告/.test(intent.args));
    case 'setDeadline': {
      const found = findDate(intent.arg, s.now);
      return !found || found.length < stripPolite(normalize(intent.arg)).length - 1;
    }
    default:
      return false;
  }
}

function command(s: Session, intent: Intent, text: string): void {
  switch (intent.kind) {
    case 'help':
      return s.say(helpText(s));
    case 'new':
      return startNewReport(s, intent.args);
    case 'newCounty':
      return newCountyCommand(s, intent.arg);
    case 'switchOrg':
      return s.say('你只在一个单位，无需切换。');
    case 'none':
      if (s.scope && looksLikeAnswer(text)) return s.say(strayAnswerText(s));
      return s.say(unknownText(s, text));
    case 'choice':
      return s.say('现在没有需要选择的内容。发送 帮助 查看可用指令。');
    case 'confirm':
      return s.say('现在没有需要确认的内容。');
  }
  const scope = s.scope;
  if (!scope) return s.say(noOrgText(s, intent));
  switch (intent.kind) {
    case 'setLeader':
      return grantRoleCommand(s, 'leader', intent.arg);
    case 'setAdmin':
      return grantRoleCommand(s, 'admin', intent.arg);
    case 'setWebhook':
      return setWebhookCommand(s, intent.arg);
    case 'summary':
      return summaryCommand(s, scope.org.kind === 'county' ? 'county' : 'org', 'figures');
    case 'countyProgress':
      return summaryCommand(s, 'county', 'progress');
    case 'countyFigures':
      return summaryCommand(s, 'county', 'figures');
    case 'invite':
      return inviteCommand(s);
    case 'joinCounty':
      return joinCountyCommand(s, intent.code);
    case 'progress':
      // A county office usually has no report of its own: its progress is the county's.
      if (scope.org.kind === 'county' && !scope.report) {
        return summaryCommand(s, 'county', 'progress');
      }
      break;
  }
  const ws = s.workspace();
  if (!ws) {
    return s.say(
      `${scope.org.name}还没有进行中的报告。管理员可发送：新建 2026年度法治政府建设情况报告 截止 2027-02-26`,
    );
  }
  switch (intent.kind) {
    case 'fill':
      return withSectionRef(s, ws, intent.ref, { do: 'fill' });
    case 'edit':
      return withSectionRef(s, ws, intent.ref, { do: 'edit' });
    case 'claim':
      return withSectionRef(s, ws, intent.ref, { do: 'claim' });
    case 'assign':
      if (!s.hasRole('admin')) return refuse(s, '分配部分');
      return withSectionRef(s, ws, intent.ref, { do: 'assign', assignee: intent.assignee });
    case 'progress':
      return s.say(progressReport(ws, s.now));
    case 'draft':
      return draftCommand(s);
    case 'draftHistory':
      return draftHistoryCommand(s);
    case 'check':
      return checkCommand(s);
    case 'reminderPlan':
      return reminderPlanCommand(s);
    case 'pauseReminders':
    case 'resumeReminders':
      return remindersPausedCommand(s, intent.kind === 'pauseReminders');
    case 'remindNow':
      return remindNowCommand(s);
    case 'setDeadline':
      return setDeadlineCommand(s, intent.arg);
    case 'setOffice':
      return setOfficeCommand(s, intent.arg);
    case 'setAddressee':
      return setAddresseeCommand(s, intent.arg);
    case 'setSigning':
      return setSigningCommand(s, intent.arg);
    case 'undo':
      return undoLast(s, ws);
    case 'continue':
      return continueSomething(s);
    case 'skip':
    case 'back':
      return s.say('现在没有正在回答的题目。发送 **填写 一(三)** 开始。');
    case 'cancel':
      return s.say('现在没有进行中的填写，无需取消。');
  }
}

/** `继续` with nothing open here: a section started elsewhere, or the user's own unfinished one. */
function continueSomething(s: Session): void {
  const ws = s.workspace();
  if (!ws) return;
  if (s.fill && s.fill.orgId !== ws.scope.org.id) {
    s.say('你正在填写的是另一个单位的报告，请到那个单位的群里（或单聊我）发送 继续。');
    return;
  }
  const open = ws.report.sections.find(
    (st) => st.assignee === s.userid && st.status === 'in_progress',
  );
  const section = open && findTemplateSection(ws.template, open.sectionId);
  if (!section) {
    s.say('没有进行中的填写。发送 **填写 一(三)**（或关键词）开始。');
    return;
  }
  startFill(s, ws, section, 'first');
}

function noOrgText(s: Session, intent: Intent): string {
  const county = ['invite', 'countyProgress', 'countyFigures'].includes(intent.kind);
  if (county && s.turn.chatType === 'group') {
    return '本群还没有绑定县级单位。依法治县办的管理员可发送：\n`新建县级单位 青山县依法治县办`';
  }
  if (s.turn.chatType === 'group') {
    return '本群还没有报告。管理员可发送：\n`新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26`';
  }
  return '你还没有加入任何单位的报告。请在单位工作群里 @我 发送 帮助。';
}
