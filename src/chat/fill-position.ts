/**
 * Where a fill dialog stands and the small moves every step of it makes: the question it is at,
 * the standing answers, saving an answer, the section's recorded status, the prompt for a question.
 */
import { currentAnswers, questionKey } from '../report/answers.js';
import { isOwed } from '../report/progress.js';
import type { Answer, Question, Section } from '../report/types.js';
import type { FillState } from './dialog-state.js';
import { findTemplateSection, showValue, title } from './render.js';
import type { Session, Workspace } from './session.js';
import { fillTexts } from './texts/fill.js';

/** The question filling is at, with its section; null when the template no longer has it. */
export interface Position {
  readonly section: Section;
  readonly question: Question;
  readonly index: number;
}

export function positionOf(ws: Workspace, fill: FillState): Position | null {
  const section = findTemplateSection(ws.template, fill.sectionId);
  const index = section?.questions.findIndex((q) => q.id === fill.questionId) ?? -1;
  const question = section?.questions[index];
  return section && question ? { section, question, index } : null;
}

export function standing(ws: Workspace): Map<string, Answer> {
  return currentAnswers(ws.scope.answers.filter((a) => a.reportId === ws.report.id));
}

/** Saves what the user sent for the question at `pos`, as they sent it and as it was read. */
export function recordAnswer(
  s: Session,
  ws: Workspace,
  pos: Position,
  raw: string,
  value: Answer['value'],
): void {
  s.emit({
    op: 'appendAnswer',
    answer: {
      reportId: ws.report.id,
      sectionId: pos.section.id,
      questionId: pos.question.id,
      raw,
      value,
      userid: s.userid,
      at: s.now,
    },
  });
}

export function statusOf(ws: Workspace, sectionId: string) {
  return ws.report.sections.find((s) => s.sectionId === sectionId)?.status ?? 'todo';
}

export function setStatus(
  s: Session,
  ws: Workspace,
  sectionId: string,
  status: 'in_progress' | 'done' | 'skipped',
): void {
  if (statusOf(ws, sectionId) === status) return;
  s.emit({
    op: 'setSectionStatus',
    reportId: ws.report.id,
    sectionId,
    status,
    by: s.userid,
    at: s.now,
  });
}

/** The prompt for one question: where we are, the question, its hint, the standing answer. */
export function questionPrompt(ws: Workspace, section: Section, question: Question): string {
  const index = section.questions.indexOf(question);
  const lines = [
    fillTexts.questionHeading(title(section), index + 1, section.questions.length),
    question.prompt,
  ];
  if (question.hint) lines.push(`> ${question.hint}`);
  if (question.optional) lines.push(fillTexts.optionalNote);
  const current = standing(ws).get(questionKey(section.id, question.id));
  if (current && current.value.kind !== 'skipped') {
    lines.push(fillTexts.currentAnswer(showValue(current.value)));
  }
  return lines.join('\n');
}

/** Still to ask when filling through: never answered, or skipped but owed (progress.ts). */
export function openNow(
  section: Section,
  q: Question,
  answers: ReadonlyMap<string, Answer>,
  fill?: Pick<FillState, 'brief' | 'doubtful'>,
): boolean {
  const a = answers.get(questionKey(section.id, q.id));
  if (fill?.brief && q.optional && !fill.doubtful?.includes(q.id)) return false;
  return !a || isOwed(q, a);
}

export function lostPosition(s: Session): void {
  s.fill = undefined;
  s.say(fillTexts.questionGone);
}
