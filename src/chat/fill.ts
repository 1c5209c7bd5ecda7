/**
 * The fill dialog, one question at a time: start, answer, confirm, skip, go back, advance, undo.
 * Where it stands lives in fill-position.ts, reading a paragraph in fill-paragraph.ts, the end of
 * a section in fill-finish.ts.
 */
import { questionKey } from '../report/answers.js';
import { formatChineseDate } from './dates.js';
import type { FillState } from './dialog-state.js';
import { finishSection } from './fill-finish.js';
import { readParagraph, relationIssues } from './fill-paragraph.js';
import {
  lostPosition,
  openNow,
  positionOf,
  questionPrompt,
  recordAnswer,
  setStatus,
  standing,
  statusOf,
  type Position,
} from './fill-position.js';
import { parseAnswer } from './answer-parse.js';
import type { Section } from '../report/types.js';
import { findTemplateSection, ref, showValue, title } from './render.js';
import type { Session, Workspace } from './session.js';
import { SKIPPED_RAW } from './answer-words.js';
import { fillTexts } from './texts/fill.js';

/** After this many invalid answers to one question the prompt offers `跳过`. */
export const MAX_ATTEMPTS = 3;

/**
 * Opens a section for answering at its first unanswered question (`first`) or at its first
 * question (`revise`, for 修改 and for sections already complete). Permissions and claims are the
 * caller's business.
 */
export function startFill(
  s: Session,
  ws: Workspace,
  section: Section,
  mode: FillState['mode'],
  lead?: string,
): void {
  const answers = standing(ws);
  const firstOpen = section.questions.find((q) => openNow(section, q, answers));
  const effectiveMode = firstOpen ? mode : 'revise';
  const question = effectiveMode === 'first' ? firstOpen : section.questions[0];
  if (!question) {
    s.say(fillTexts.noQuestions(title(section)));
    return;
  }
  setStatus(s, ws, section.id, 'in_progress');
  s.fill = {
    orgId: ws.scope.org.id,
    reportId: ws.report.id,
    sectionId: section.id,
    questionId: question.id,
    mode: effectiveMode,
    attempts: 0,
    paused: false,
  };
  const answered = section.questions.filter((q) => !openNow(section, q, answers));
  const total = section.questions.length;
  const intro =
    effectiveMode === 'revise' && mode === 'first'
      ? fillTexts.introAlreadyDone(ref(section))
      : effectiveMode === 'revise'
        ? fillTexts.introReopened(ref(section))
        : answered.length > 0
          ? fillTexts.introResumed(ref(section), answered.length, total)
          : fillTexts.introStart(ref(section), total);
  s.say(
    [lead, intro, '', questionPrompt(s.workspace() ?? ws, section, question)]
      .filter((l) => l !== undefined)
      .join('\n'),
  );
}

/** Asks the current question again (after `继续`). */
export function resumeFill(s: Session, ws: Workspace, fill: FillState): void {
  const pos = positionOf(ws, fill);
  if (!pos) return lostPosition(s);
  s.fill = { ...fill, paused: false, attempts: 0 };
  s.say(fillTexts.resumed(questionPrompt(ws, pos.section, pos.question)));
}

/** An answer to the current question: save it at once, check it, move on. */
export function answerFill(
  s: Session,
  ws: Workspace,
  fill: FillState,
  raw: string,
  /** Sent with `填写` in one message: the section told at once, ask only what is owed. */
  pasted = false,
): void {
  const pos = positionOf(ws, fill);
  if (!pos) return lostPosition(s);
  const parsed = parseAnswer(pos.question, pos.section, raw);
  if (!parsed.ok) {
    const attempts = fill.attempts + 1;
    s.fill = { ...fill, attempts, paused: false };
    s.say(
      attempts >= MAX_ATTEMPTS
        ? fillTexts.answerUnreadableOfferSkip(parsed.hint, pos.question.prompt)
        : fillTexts.answerUnreadable(parsed.hint, pos.question.prompt),
    );
    return;
  }
  recordAnswer(s, ws, pos, raw.trim(), parsed.value);
  setStatus(s, ws, pos.section.id, 'in_progress');
  const read =
    parsed.value.kind === 'text' || parsed.value.kind === 'list'
      ? readParagraph(s, s.workspace() ?? ws, pos, raw.trim())
      : undefined;
  const now: FillState =
    read || pasted
      ? {
          ...fill,
          brief: true,
          ...(read?.doubtful.length ? { doubtful: read.doubtful } : {}),
        }
      : fill;
  const readLines = read?.lines ?? [];
  const after = s.workspace() ?? ws;
  const saved = [fillTexts.recorded(showValue(parsed.value, raw.trim())), ...readLines].join('\n');
  const disagreements =
    parsed.value.kind === 'number' ? relationIssues(after, pos.section, pos.question) : [];
  if (disagreements.length > 0) {
    s.fill = { ...now, attempts: 0, paused: false, confirming: true };
    const doubts = disagreements.map((d) => `🤔 ${d}`).join('\n');
    s.say(fillTexts.askConfirmFigures(saved, doubts));
    return;
  }
  // The recap repeats the last answer, so finishing needs no `已记录` line (but what was read
  // from a paragraph is said).
  advance(s, after, now, pos, saved, readLines.join('\n'));
}

/** `确认` after a disagreement: keep the figure and go on. */
export function confirmFill(s: Session, ws: Workspace, fill: FillState): void {
  const pos = positionOf(ws, fill);
  if (!pos) return lostPosition(s);
  advance(s, ws, { ...fill, confirming: false }, pos, fillTexts.keptFigure);
}

/** `跳过`: keep a standing answer as it is, or record the question as skipped. */
export function skipFill(s: Session, ws: Workspace, fill: FillState): void {
  const pos = positionOf(ws, fill);
  if (!pos) return lostPosition(s);
  const current = standing(ws).get(questionKey(pos.section.id, pos.question.id));
  if (current) {
    advance(
      s,
      ws,
      fill,
      pos,
      current.value.kind === 'skipped' ? fillTexts.skippedAgain : fillTexts.keptAnswer,
    );
    return;
  }
  recordAnswer(s, ws, pos, SKIPPED_RAW, { kind: 'skipped' });
  const lead = pos.question.optional
    ? fillTexts.skippedOptional
    : fillTexts.skippedOwed(formatChineseDate(ws.report.deadline), ref(pos.section));
  advance(s, s.workspace() ?? ws, fill, pos, lead);
}

/** `上一题`. */
export function backFill(s: Session, ws: Workspace, fill: FillState): void {
  const pos = positionOf(ws, fill);
  if (!pos) return lostPosition(s);
  const prev = pos.section.questions[pos.index - 1];
  if (!prev) {
    s.fill = { ...fill, paused: false, attempts: 0, confirming: false };
    s.say(fillTexts.firstQuestionAlready(questionPrompt(ws, pos.section, pos.question)));
    return;
  }
  s.fill = { ...fill, questionId: prev.id, paused: false, attempts: 0, confirming: false };
  s.say(questionPrompt(ws, pos.section, prev));
}

function advance(
  s: Session,
  ws: Workspace,
  fill: FillState,
  pos: Position,
  lead: string,
  finishLead = lead,
): void {
  const answers = standing(ws);
  const rest = pos.section.questions.slice(pos.index + 1);
  const next =
    fill.mode === 'first' ? rest.find((q) => openNow(pos.section, q, answers, fill)) : rest[0];
  if (next) {
    s.fill = { ...fill, questionId: next.id, attempts: 0, paused: false, confirming: false };
    s.say(`${lead}\n\n${questionPrompt(ws, pos.section, next)}`);
    return;
  }
  const unanswered = pos.section.questions.find(
    (q) =>
      !answers.has(questionKey(pos.section.id, q.id)) &&
      !(fill.brief && q.optional && !fill.doubtful?.includes(q.id)),
  );
  if (unanswered) {
    // Went back and forward again past a question still open: ask it before finishing.
    s.fill = { ...fill, questionId: unanswered.id, attempts: 0, paused: false, confirming: false };
    s.say(`${lead}\n\n${questionPrompt(ws, pos.section, unanswered)}`);
    return;
  }
  finishSection(s, ws, pos.section, finishLead);
}

/**
 * `撤销`: withdraw the user's newest standing answer in this report and ask that question again.
 * Only an answer nobody has replaced since can be withdrawn (a retraction always withdraws the
 * newest standing answer to its question).
 */
export function undoLast(s: Session, ws: Workspace): void {
  const answers = standing(ws);
  const mine = [...ws.scope.answers]
    .reverse()
    .find(
      (a) =>
        a.reportId === ws.report.id &&
        a.userid === s.userid &&
        !a.retracts &&
        answers.get(questionKey(a.sectionId, a.questionId)) === a,
    );
  const section = mine && findTemplateSection(ws.template, mine.sectionId);
  const question = section?.questions.find((q) => q.id === mine?.questionId);
  if (!mine || !section || !question) {
    s.say(fillTexts.nothingToUndo);
    return;
  }
  s.emit({ op: 'appendAnswer', answer: { ...mine, at: s.now, retracts: true } });
  const sameSection = s.fill?.sectionId === section.id;
  if (statusOf(ws, section.id) !== 'in_progress') setStatus(s, ws, section.id, 'in_progress');
  s.fill = {
    orgId: ws.scope.org.id,
    reportId: ws.report.id,
    sectionId: section.id,
    questionId: question.id,
    mode: sameSection && s.fill ? s.fill.mode : 'first',
    attempts: 0,
    paused: false,
  };
  const after = s.workspace() ?? ws;
  const restored = standing(after).get(questionKey(section.id, question.id));
  const n = section.questions.indexOf(question) + 1;
  const prompt = questionPrompt(after, section, question);
  s.say(
    restored && restored.value.kind !== 'skipped'
      ? fillTexts.undoneRestored(
          ref(section),
          n,
          showValue(mine.value),
          showValue(restored.value),
          prompt,
        )
      : fillTexts.undone(ref(section), n, showValue(mine.value), prompt),
  );
}
