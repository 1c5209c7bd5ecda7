import { answerFrontMatter } from './front-matter-question.js';
import { answerAddMember } from './admin-commands.js';
import { withCarriedScope } from './carried.js';
import { findDate } from './dates.js';
import { isStale, type FillState } from './dialog-state.js';
import { answerFill, backFill, confirmFill, resumeFill, skipFill } from './fill.js';
import { looksLikeAnswer, strayAnswerText, unknownText } from './help.js';
import { importTurn } from './import-commands.js';
import { parseIntent, SWITCH_ORG_WORD, type Intent } from './intent.js';
import { continueNewReport } from './new-report.js';
import { normalize, stripPolite } from './normalize.js';
import { findTemplateSection, fitReply, ref } from './render.js';
import { namesSection, pickSection } from './section-commands.js';
import { dispatch } from './routes.js';
import { Session } from './session.js';
import { formatTexts } from './texts/format.js';
import { routingTexts } from './texts/routing.js';
import { sectionsTexts } from './texts/sections.js';
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
  dispatch(s, intent, text);
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
        s.say(routingTexts.switchedTo(chosen.org.name));
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
      s.say(s.scope ? routingTexts.onlyThisOrg(s.scope.org.name) : routingTexts.noOrgToSwitch);
      return false;
    }
    return true;
  }
  if (intent.kind === 'help') return true;
  // A webhook key is a secret: never keep it in the dialog to replay; ask for it again instead.
  const secret = intent.kind === 'setWebhook';
  s.pending = {
    kind: 'pickOrg',
    orgIds: orgs.map((o) => o.org.id),
    text: secret ? SWITCH_ORG_WORD : text,
  };
  const list = orgs.map((o, i) => `${i + 1}. ${o.org.name}`).join('\n');
  s.say(secret ? routingTexts.pickOrgThenResendWebhook(list) : routingTexts.pickOrg(list));
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
    s.say(formatTexts.frontMatterLeftAsDefault);
    return true;
  }
  if (intent.kind === 'cancel') {
    s.pending = undefined;
    s.say(pending.kind === 'newReport' ? routingTexts.newReportCancelled : routingTexts.cancelled);
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
      s.say(sectionsTexts.pickNumber(pending.candidates.length));
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
      s.say(section ? routingTexts.fillLeftResumeWith(ref(section)) : routingTexts.fillLeft);
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
  dispatch(s, intent, text);
  const section = findTemplateSection(ws.template, fill.sectionId);
  const stillPaused = s.fill?.paused && s.fill.sectionId === fill.sectionId;
  if (stillPaused && section) {
    const n = section.questions.findIndex((q) => q.id === fill.questionId) + 1;
    s.add(routingTexts.fillPaused(ref(section), n));
  } else if (s.fill && s.fill.sectionId !== fill.sectionId && section) {
    s.add(routingTexts.fillSwitchedAway(ref(section)));
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
