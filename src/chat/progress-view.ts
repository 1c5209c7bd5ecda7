import { computeProgress, progressBar, type ReportProgress } from '../report/progress.js';
import { sectionShortLabel } from '../report/sections.js';
import type { Section } from '../report/types.js';
import { formatChineseDate } from './dates.js';
import { findTemplateSection, nameOf, ref } from './render.js';
import type { Workspace } from './session.js';

export function progressOf(ws: Workspace, now: Date): ReportProgress {
  return computeProgress(ws.report, ws.template, ws.scope.answers, now);
}

/** `距截止还有30天（2月26日）`, `今天截止`, `已逾期3天`. */
export function deadlineText(p: ReportProgress): string {
  const date = formatChineseDate(p.deadline);
  if (p.daysLeft > 0) return `距截止还有${p.daysLeft}天（${date}）`;
  if (p.daysLeft === 0) return `今天截止（${date}）`;
  return `已逾期${-p.daysLeft}天（${date}截止）`;
}

/** The two lines shown after each finished section: bar + deadline, and who still owes what. */
export function progressLines(ws: Workspace, now: Date): string {
  const p = progressOf(ws, now);
  const lines = [`📊 ${progressBar(p.done, p.total)} · ${deadlineText(p)}`];
  const owing = owingText(ws, p);
  lines.push(owing ? `待完成：${owing}` : '🎉 全部完成！可发送 **生成草稿**');
  return lines.join('\n');
}

function owingText(ws: Workspace, p: ReportProgress): string {
  return p.owing
    .map((o) => {
      const refs = o.sectionIds.map((id) => shortRef(ws, id)).join('、');
      return `${o.assignee ? nameOf(ws.scope.members, o.assignee) : '未认领'} ${refs}`;
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
    const skipped = p.skippedQuestions > 0 ? `（其中跳过${p.skippedQuestions}题）` : '';
    lines.push(`待填写${p.owedQuestions}题${skipped}`);
  }
  lines.push('');
  for (const sp of p.sections) {
    const section = findTemplateSection(ws.template, sp.sectionId) as Section;
    // Nothing in it is owed (progress.ts): while nobody has written it, it is only on offer.
    if (sp.optional && sp.answered === 0) {
      lines.push(`○ ${sectionShortLabel(section)}（可选）`);
      continue;
    }
    const who = sp.assignee ? nameOf(ws.scope.members, sp.assignee) : '未认领';
    const owed = sp.owed > 0 ? ` · 欠${sp.owed}题` : '';
    lines.push(`${ICON[sp.status]} ${sectionShortLabel(section)} · ${who}${owed}`);
  }
  if (p.done < p.total) lines.push('', '填写：`填写 一(三)`；认领：`认领 普法`');
  return lines.join('\n');
}
