/**
 * A text written for a whole section, read for the figures the section asks for, and the
 * friendly questions about figures that break the template's relations.
 */
import { questionKey } from '../report/answers.js';
import { figureWording } from '../report/compose/figures.js';
import { readSectionFigures } from '../report/read-figures.js';
import { checkRelations } from '../report/relations.js';
import type { MetricRelation, Quantity, Question, Section } from '../report/types.js';
import { openNow, standing, type Position } from './fill-position.js';
import { ref } from './render.js';
import type { Session, Workspace } from './session.js';
import { fillTexts } from './texts/fill.js';

/**
 * A text written for the whole section (pasted or typed in one go): the figures the section asks
 * for are read from it and saved beside it, each marked as said in this answer. Returns the lines
 * that tell the official what was read (读到：排查矛盾纠纷18起，化解矛盾纠纷17起) and what looked
 * wrong; nothing when the text holds no figure the section still needs.
 */
export function readParagraph(
  s: Session,
  ws: Workspace,
  pos: Position,
  raw: string,
): { lines: string[]; doubtful: string[] } | undefined {
  const answers = standing(ws);
  const wanted = pos.section.questions.filter(
    (q) => q.kind === 'number' && q !== pos.question && openNow(pos.section, q, answers),
  );
  if (wanted.length === 0) return undefined;
  const { found, doubtful } = readSectionFigures(pos.section, raw, wanted);
  if (found.length === 0 && doubtful.length === 0) return undefined;
  for (const f of found) {
    s.emit({
      op: 'appendAnswer',
      answer: {
        reportId: ws.report.id,
        sectionId: pos.section.id,
        questionId: f.question.id,
        raw: f.quantity.raw,
        value: { kind: 'number', quantity: f.quantity, statedIn: pos.question.id },
        userid: s.userid,
        at: s.now,
      },
    });
  }
  const lines: string[] = [];
  if (found.length > 0) {
    const said = found.map((f) => {
      // A zero read from words (全年无行政执法案件) is shown in the official's own words.
      if (f.quantity.value === 0) return f.quantity.raw;
      const w = figureWording(f.quantity, f.metric);
      return `${w.label}${w.text}${w.after ?? ''}`;
    });
    lines.push(fillTexts.readFromParagraph(said.join('，'), ref(pos.section)));
    const after = s.workspace() ?? ws;
    const issues = new Set(found.flatMap((f) => relationIssues(after, pos.section, f.question)));
    for (const issue of issues) lines.push(`🤔 ${issue}`);
  }
  for (const d of doubtful) lines.push(`⚠️ “${d.raw}”：${d.hint}`);
  return { lines, doubtful: doubtful.map((d) => d.question.id) };
}

/** Friendly questions about relations this answer takes part in that the figures break. */
export function relationIssues(ws: Workspace, section: Section, question: Question): string[] {
  if (!question.metric) return [];
  const answers = standing(ws);
  const values = new Map<string, Quantity>();
  for (const q of section.questions) {
    const a = answers.get(questionKey(section.id, q.id));
    if (q.metric && a?.value.kind === 'number') values.set(q.metric, a.value.quantity);
  }
  return checkRelations(section, values)
    .filter((issue) => involves(issue.relation, question.metric as string))
    .map((issue) => issue.message);
}

export function involves(relation: MetricRelation, metric: string): boolean {
  return relation.kind === 'lte'
    ? relation.left === metric || relation.right === metric
    : [relation.rate, relation.numerator, relation.denominator].includes(metric);
}
