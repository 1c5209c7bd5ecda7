/** The end of a section's fill: its status set, a recap of its answers, the report's progress. */
import { questionKey } from '../report/answers.js';
import { owedQuestions, sectionStatusOf } from '../report/progress.js';
import type { Question, Section } from '../report/types.js';
import { formatChineseDate } from './dates.js';
import { setStatus, standing } from './fill-position.js';
import { progressLines } from './progress-view.js';
import { clip, findTemplateSection, ref, showValue, title } from './render.js';
import type { Session, Workspace } from './session.js';
import { fillTexts } from './texts/fill.js';

/** The section is answered through: set its status, recap it, show the report's progress. */
export function finishSection(s: Session, ws: Workspace, section: Section, lead: string): void {
  const answers = standing(ws);
  const values = section.questions.map((q) => answers.get(questionKey(section.id, q.id)));
  const owed = owedQuestions(section, answers);
  const done = sectionStatusOf(section, answers) === 'done';
  setStatus(s, ws, section.id, done ? 'done' : 'in_progress');
  s.fill = undefined;
  const after = s.workspace() ?? ws;
  const recap = section.questions.map((q, i) => {
    const a = values[i];
    return fillTexts.recapLine(
      i + 1,
      shortLabel(section, q),
      a ? showValue(a.value, a.raw) : fillTexts.recapNotFilled,
    );
  });
  s.say(
    [
      ...(lead ? [lead, ''] : []),
      done
        ? fillTexts.sectionDone(title(section))
        : fillTexts.sectionOwes(title(section), owed.length),
      ...recap,
      ...(done
        ? []
        : [fillTexts.owedReminder(formatChineseDate(ws.report.deadline), ref(section))]),
      '',
      progressLines(after, s.now),
      ...nextHint(s, after, section),
    ].join('\n'),
  );
}

/** A question named in a few characters: its metric's name, or its prompt cut short. */
export function shortLabel(section: Section, question: Question): string {
  const metric = section.metrics.find((m) => m.key === question.metric);
  return metric ? metric.name : clip(question.prompt.split(/[？?。：:（(]/)[0] ?? '', 14);
}

/** Points the user at their next unfinished section, if they have one. */
export function nextHint(s: Session, ws: Workspace, just: Section): string[] {
  const mine = ws.report.sections.find(
    (st) => st.assignee === s.userid && st.sectionId !== just.id && st.status !== 'done',
  );
  const section = mine && findTemplateSection(ws.template, mine.sectionId);
  return section ? [fillTexts.nextSection(ref(section))] : [];
}
