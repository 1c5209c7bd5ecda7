import { currentAnswers, questionKey } from '../report/answers.js';
import { isOwed, owedQuestions, sectionStatusOf } from '../report/progress.js';
import { figureWording } from '../report/compose/figures.js';
import { readSectionFigures } from '../report/read-figures.js';
import { checkRelations } from '../report/relations.js';
import type { Answer, MetricRelation, Quantity, Question, Section } from '../report/types.js';
import { parseAnswer } from './answer-parse.js';
import { formatChineseDate } from './dates.js';
import type { FillState } from './dialog-state.js';
import { progressLines } from './progress-view.js';
import { clip, findTemplateSection, ref, showValue, title } from './render.js';
import type { Session, Workspace } from './session.js';

/** After this many invalid answers to one question the prompt offers `跳过`. */
export const MAX_ATTEMPTS = 3;

/** The question filling is at, with its section; null when the template no longer has it. */
interface Position {
  readonly section: Section;
  readonly question: Question;
  readonly index: number;
}

function positionOf(ws: Workspace, fill: FillState): Position | null {
  const section = findTemplateSection(ws.template, fill.sectionId);
  const index = section?.questions.findIndex((q) => q.id === fill.questionId) ?? -1;
  const question = section?.questions[index];
  return section && question ? { section, question, index } : null;
}

function standing(ws: Workspace): Map<string, Answer> {
  return currentAnswers(ws.scope.answers.filter((a) => a.reportId === ws.report.id));
}

/** Saves what the user sent for the question at `pos`, as they sent it and as it was read. */
function recordAnswer(
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

function statusOf(ws: Workspace, sectionId: string) {
  return ws.report.sections.find((s) => s.sectionId === sectionId)?.status ?? 'todo';
}

function setStatus(
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
    `**${title(section)}** 第${index + 1}/${section.questions.length}题`,
    question.prompt,
  ];
  if (question.hint) lines.push(`> ${question.hint}`);
  if (question.optional) lines.push('（选填，没有可发送 跳过）');
  const current = standing(ws).get(questionKey(section.id, question.id));
  if (current && current.value.kind !== 'skipped') {
    lines.push(`当前：${showValue(current.value)}（发送 跳过 保留）`);
  }
  return lines.join('\n');
}

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
    s.say(`${title(section)} 没有需要回答的问题。`);
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
      ? `${ref(section)} 已填完，逐题核对：发送新内容替换，发送 跳过 保留原答案。`
      : effectiveMode === 'revise'
        ? `重新打开 ${ref(section)}：发送新内容替换，发送 跳过 保留原答案。`
        : answered.length > 0
          ? `接着填写 ${ref(section)}（已答${answered.length}/${total}题）。`
          : `开始填写 ${ref(section)}，共${total}题，随时可发 跳过／上一题／撤销／取消。`;
  s.say(
    [lead, intro, '', questionPrompt(s.workspace() ?? ws, section, question)]
      .filter((l) => l !== undefined)
      .join('\n'),
  );
}

/** Still to ask when filling through: never answered, or skipped but owed (progress.ts). */
function openNow(
  section: Section,
  q: Question,
  answers: ReadonlyMap<string, Answer>,
  fill?: Pick<FillState, 'brief' | 'doubtful'>,
): boolean {
  const a = answers.get(questionKey(section.id, q.id));
  if (fill?.brief && q.optional && !fill.doubtful?.includes(q.id)) return false;
  return !a || isOwed(q, a);
}

/** When the bot asks again for a skipped question, said with the skip. */
function owedNote(ws: Workspace, section: Section): string {
  return `这一题仍算待填写：截止（${formatChineseDate(ws.report.deadline)}）前的提醒会再提到你，发送 **填写 ${ref(section)}** 会先问它。`;
}

/** Asks the current question again (after `继续`). */
export function resumeFill(s: Session, ws: Workspace, fill: FillState): void {
  const pos = positionOf(ws, fill);
  if (!pos) return lostPosition(s);
  s.fill = { ...fill, paused: false, attempts: 0 };
  s.say(`继续填写：\n\n${questionPrompt(ws, pos.section, pos.question)}`);
}

function lostPosition(s: Session): void {
  s.fill = undefined;
  s.say('这一题在模板里已经不存在了，请重新发送 填写 + 部分。');
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
    const offer = attempts >= MAX_ATTEMPTS ? '\n一时答不上来可以发送 **跳过**，之后再补。' : '';
    s.say(`⚠️ ${parsed.hint}${offer}\n\n${pos.question.prompt}`);
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
  const saved = [`已记录：${showValue(parsed.value, raw.trim())}`, ...readLines].join('\n');
  const disagreements =
    parsed.value.kind === 'number' ? relationIssues(after, pos.section, pos.question) : [];
  if (disagreements.length > 0) {
    s.fill = { ...now, attempts: 0, paused: false, confirming: true };
    s.say(
      `${saved}\n🤔 ${disagreements.join('\n🤔 ')}\n回复 **确认** 保留，或直接发送正确的数字。`,
    );
    return;
  }
  // The recap repeats the last answer, so finishing needs no `已记录` line (but what was read
  // from a paragraph is said).
  advance(s, after, now, pos, saved, readLines.join('\n'));
}

/**
 * A text written for the whole section (pasted or typed in one go): the figures the section asks
 * for are read from it and saved beside it, each marked as said in this answer. Returns the lines
 * that tell the official what was read (读到：排查矛盾纠纷18起，化解矛盾纠纷17起) and what looked
 * wrong; nothing when the text holds no figure the section still needs.
 */
function readParagraph(
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
      const w = figureWording(f.quantity, f.metric);
      return `${w.label}${w.text}${w.after ?? ''}`;
    });
    lines.push(`读到：${said.join('，')}（有误可发送 修改 ${ref(pos.section)}）`);
    const after = s.workspace() ?? ws;
    const issues = new Set(found.flatMap((f) => relationIssues(after, pos.section, f.question)));
    for (const issue of issues) lines.push(`🤔 ${issue}`);
  }
  for (const d of doubtful) lines.push(`⚠️ “${d.raw}”：${d.hint}`);
  return { lines, doubtful: doubtful.map((d) => d.question.id) };
}

/** Friendly questions about relations this answer takes part in that the figures break. */
function relationIssues(ws: Workspace, section: Section, question: Question): string[] {
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

function involves(relation: MetricRelation, metric: string): boolean {
  return relation.kind === 'lte'
    ? relation.left === metric || relation.right === metric
    : [relation.rate, relation.numerator, relation.denominator].includes(metric);
}

/** `确认` after a disagreement: keep the figure and go on. */
export function confirmFill(s: Session, ws: Workspace, fill: FillState): void {
  const pos = positionOf(ws, fill);
  if (!pos) return lostPosition(s);
  advance(s, ws, { ...fill, confirming: false }, pos, '好的，按你填的数字保留。');
}

/** `跳过`: keep a standing answer as it is, or record the question as skipped. */
export function skipFill(s: Session, ws: Workspace, fill: FillState): void {
  const pos = positionOf(ws, fill);
  if (!pos) return lostPosition(s);
  const current = standing(ws).get(questionKey(pos.section.id, pos.question.id));
  if (current) {
    advance(s, ws, fill, pos, current.value.kind === 'skipped' ? '已跳过。' : '保留原答案。');
    return;
  }
  recordAnswer(s, ws, pos, '跳过', { kind: 'skipped' });
  const lead = pos.question.optional
    ? '已跳过（选填题）。'
    : `已跳过。${owedNote(ws, pos.section)}`;
  advance(s, s.workspace() ?? ws, fill, pos, lead);
}

/** `上一题`. */
export function backFill(s: Session, ws: Workspace, fill: FillState): void {
  const pos = positionOf(ws, fill);
  if (!pos) return lostPosition(s);
  const prev = pos.section.questions[pos.index - 1];
  if (!prev) {
    s.fill = { ...fill, paused: false, attempts: 0, confirming: false };
    s.say(`已经是第一题了。\n\n${questionPrompt(ws, pos.section, pos.question)}`);
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

/** The section is answered through: set its status, recap it, show the report's progress. */
function finishSection(s: Session, ws: Workspace, section: Section, lead: string): void {
  const answers = standing(ws);
  const values = section.questions.map((q) => answers.get(questionKey(section.id, q.id)));
  const owed = owedQuestions(section, answers);
  const done = sectionStatusOf(section, answers) === 'done';
  setStatus(s, ws, section.id, done ? 'done' : 'in_progress');
  s.fill = undefined;
  const after = s.workspace() ?? ws;
  const recap = section.questions.map((q, i) => {
    const a = values[i];
    return `${i + 1}. ${shortLabel(section, q)}：${a ? showValue(a.value, a.raw) : '（未填）'}`;
  });
  s.say(
    [
      ...(lead ? [lead, ''] : []),
      done
        ? `✅ **${title(section)}** 已完成`
        : `⏸ **${title(section)}** 还欠${owed.length}题（跳过的题仍算待填写）`,
      ...recap,
      ...(done
        ? []
        : [
            `截止（${formatChineseDate(ws.report.deadline)}）前的提醒会再提到你；补上请发送 **填写 ${ref(section)}**，没有的写“无”。`,
          ]),
      '',
      progressLines(after, s.now),
      ...nextHint(s, after, section),
    ].join('\n'),
  );
}

/** A question named in a few characters: its metric's name, or its prompt cut short. */
function shortLabel(section: Section, question: Question): string {
  const metric = section.metrics.find((m) => m.key === question.metric);
  return metric ? metric.name : clip(question.prompt.split(/[？?。：:（(]/)[0] ?? '', 14);
}

/** Points the user at their next unfinished section, if they have one. */
function nextHint(s: Session, ws: Workspace, just: Section): string[] {
  const mine = ws.report.sections.find(
    (st) => st.assignee === s.userid && st.sectionId !== just.id && st.status !== 'done',
  );
  const section = mine && findTemplateSection(ws.template, mine.sectionId);
  return section ? [`下一部分：发送 **填写 ${ref(section)}**`] : [];
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
    s.say('没有可以撤销的回答。');
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
  const was =
    restored && restored.value.kind !== 'skipped' ? `，恢复为：${showValue(restored.value)}` : '';
  s.say(
    `↩️ 已撤销 ${ref(section)} 第${section.questions.indexOf(question) + 1}题的回答「${showValue(mine.value)}」${was}。请重新回答：\n\n${questionPrompt(after, section, question)}`,
  );
}
