import { computeProgress, progressBar, type ReportProgress } from '../report/progress.js';
import { sectionShortLabel } from '../report/sections.js';
import type { Section } from '../report/types.js';
import { deadlineText as deadlineSentence } from '../report/deadline-text.js';
import { findTemplateSection, nameOf, ref } from './render.js';
import type { Workspace } from './session.js';
import { progressTexts } from './texts/progress.js';

export function progressOf(ws: Workspace, now: Date): ReportProgress {
  return computeProgress(ws.report, ws.template, ws.scope.answers, now);
}

/** `距截止还有30天（2月26日）`, `今天截止（2月26日）`, `已逾期3天（2月26日截止）`. */
export function deadlineText(p: ReportProgress): string {
  return deadlineSentence(p.daysLeft, p.deadline);
}

/** The two lines shown after each finished section: bar + deadline, and who still owes what. */
export function progressLines(ws: Workspace, now: Date): string {
  const p = progressOf(ws, now);
  const lines = [`📊 ${progressBar(p.done, p.total)} · ${deadlineText(p)}`];
  const owing = owingText(ws, p);
  lines.push(owing ? progressTexts.stillOwing(owing) : progressTexts.allDone);
  return lines.join('\n');
}

function owingText(ws: Workspace, p: ReportProgress): string {
  return p.owing
    .map((o) => {
      const refs = o.sectionIds.map((id) => shortRef(ws, id)).join('、');
      return `${o.assignee ? nameOf(ws.scope.members, o.assignee) : progressTexts.unclaimed} ${refs}`;
    })
    .join('；');
}

function shortRef(ws: Workspace, sectionId: string): string {
  const section = findTemplateSection(ws.template, sectionId);
  return section ? ref(section) : sectionId;
}

const ICON = { done: '✅', in_progress: '✍️', todo: '⬜', skipped: '⏭️' } as const;

/**
 * The full `进度` reply, one line per section that fits a phone: its short name, who holds it and
 * how many questions it still owes (skipped ones included: see report/progress.ts).
 */
export function progressReport(ws: Workspace, now: Date): string {
  const p = progressOf(ws, now);
  const lines = [`**${ws.report.title}**`, `${progressBar(p.done, p.total)} · ${deadlineText(p)}`];
  if (p.owedQuestions > 0) {
    lines.push(
      p.skippedQuestions > 0
        ? progressTexts.owedQuestionsWithSkipped(p.owedQuestions, p.skippedQuestions)
        : progressTexts.owedQuestions(p.owedQuestions),
    );
  }
  lines.push('');
  for (const sp of p.sections) {
    const section = findTemplateSection(ws.template, sp.sectionId) as Section;
    // Nothing in it is owed (progress.ts): while nobody has written it, it is only on offer.
    if (sp.optional && sp.answered === 0) {
      lines.push(progressTexts.optionalSection(sectionShortLabel(section)));
      continue;
    }
    const who = sp.assignee ? nameOf(ws.scope.members, sp.assignee) : progressTexts.unclaimed;
    const label = sectionShortLabel(section);
    lines.push(
      sp.owed > 0
        ? progressTexts.sectionOwes(ICON[sp.status], label, who, sp.owed)
        : progressTexts.section(ICON[sp.status], label, who),
    );
  }
  if (p.done < p.total) lines.push('', progressTexts.howToGoOn);
  return lines.join('\n');
}
