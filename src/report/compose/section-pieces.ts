/**
 * What each answer of a section contributes to its text, in the template's order: lines, lists,
 * sentences and figures (with rates derived from counts), plus the questions still owed.
 * section-body.ts lays the pieces out as paragraphs.
 */
import { questionKey } from '../answers.js';
import type { Answer, Metric, Question, Section } from '../types.js';
import type { AnswerRef } from './draft.js';
import { figureWording, rateFromCounts, saysMoreThanFigure } from './figures.js';
import { findEnumeration } from '../points.js';
import { isOwed } from '../progress.js';
import { sectionBodyTexts } from './texts/section-body.js';

export type Piece =
  | { readonly kind: 'text'; readonly ref: AnswerRef; readonly lines: readonly string[] }
  | { readonly kind: 'confirmed'; readonly ref: AnswerRef; readonly statement: string }
  | {
      readonly kind: 'list';
      readonly ref: AnswerRef;
      readonly items: readonly string[];
      /** The words before an enumeration inside a text answer (镇党委高度重视，). */
      readonly lead?: string;
      /** The template wants the points as numbered paragraphs (`numbered: true`). */
      readonly numbered?: boolean;
    }
  /** A number question answered with a whole sentence, kept as written. */
  | { readonly kind: 'said'; readonly ref: AnswerRef; readonly text: string }
  | {
      readonly kind: 'figure';
      readonly ref: AnswerRef;
      readonly label: string;
      readonly text: string;
      /** Template wording after the figure (聘请{n}名法律顾问 → 法律顾问). */
      readonly after?: string;
      readonly derived?: { readonly numerator: AnswerRef; readonly denominator: AnswerRef };
    };

/** A user's own numbering at the start of a point (1、 （二） 三是), which our layout replaces. */
const OWN_NUMBERING =
  /^\s*(?:[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}[、.．]|[一二三四五六七八九十]{1,3}是)\s*/u;

function cleanItem(item: string): string {
  return item.replace(OWN_NUMBERING, '').trim();
}

const linesOf = (text: string): string[] =>
  text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * A text answer as pieces: its lines, except that an enumeration in it (（一）…（二）…, 1.…2.…)
 * becomes a list, so no marker the official typed is left standing in running text.
 */
function textPieces(text: string, ref: AnswerRef, numbered = false): Piece[] {
  const found = findEnumeration(text);
  if (!found) {
    const lines = linesOf(text);
    return lines.length ? [{ kind: 'text', ref, lines }] : [];
  }
  const before = linesOf(found.lead);
  const lead = before.pop();
  return [
    ...(before.length ? [{ kind: 'text' as const, ref, lines: before }] : []),
    {
      kind: 'list',
      ref,
      items: found.items.map(cleanItem).filter(Boolean),
      ...(lead ? { lead } : {}),
      ...(numbered ? { numbered } : {}),
    },
  ];
}

/** What each answered question contributes, in the template's order, plus what is missing. */
export function collect(section: Section, current: ReadonlyMap<string, Answer>) {
  const pieces: Piece[] = [];
  const unanswered: string[] = [];
  const needsWording: string[] = [];
  /** 否/无 answers without a note: nothing to write, unless they are all a section has. */
  const negatives: AnswerRef[] = [];
  let answered = 0;
  const metricOf = (key?: string): Metric | undefined =>
    key === undefined ? undefined : section.metrics.find((m) => m.key === key);

  for (const question of section.questions) {
    const answer = current.get(questionKey(section.id, question.id));
    const ref: AnswerRef = { sectionId: section.id, questionId: question.id };
    // One meaning of owed (progress.ts): a skipped required question is still owed a marker.
    if (isOwed(question, answer)) unanswered.push(missingName(question, metricOf(question.metric)));
    if (!answer) continue;
    answered++;
    const value = answer.value;
    switch (value.kind) {
      case 'skipped':
        break;
      case 'text':
        pieces.push(...textPieces(value.text, ref, question.numbered));
        break;
      case 'list': {
        const items = value.items.map(cleanItem).filter(Boolean);
        const numbered = question.numbered ? { numbered: true } : {};
        if (items.length) pieces.push({ kind: 'list', ref, items, ...numbered });
        break;
      }
      case 'number': {
        const metric = metricOf(question.metric);
        const q = value.quantity;
        const source = value.statedIn
          ? current.get(questionKey(section.id, value.statedIn))
          : undefined;
        // Read from a paragraph that still says it: the paragraph is where the report says it.
        if (source && source.raw.includes(q.raw)) break;
        if (saysMoreThanFigure(answer.raw)) {
          // The official's own sentence (全年召开党工委专题会议4次，专题研究……) says more than
          // the figure: it is what the report says, the figure stays beside it for the checks.
          pieces.push({ kind: 'said', ref, text: answer.raw.trim() });
          break;
        }
        pieces.push({
          kind: 'figure',
          ref,
          ...figureWording(q, metric, promptName(question)),
        });
        break;
      }
      case 'yesno': {
        const note = value.note?.trim();
        const statement = value.yes ? confirmedStatement(question.prompt) : undefined;
        if (note) pieces.push({ kind: 'text', ref, lines: [note] });
        else if (!value.yes) negatives.push(ref);
        else if (statement) pieces.push({ kind: 'confirmed', ref, statement });
        else needsWording.push(sectionBodyTexts.yesNeedsDetail(promptName(question)));
        break;
      }
    }
  }
  for (const answer of extraAnswers(section, current)) {
    // An answer to a question the template does not know: a follow-up on last year's plans
    // (`carried_<n>`, asked by the chat engine). Its words belong in the section all the same.
    const ref: AnswerRef = { sectionId: section.id, questionId: answer.questionId };
    const value = answer.value;
    if (value.kind === 'text') {
      pieces.push(...textPieces(value.text, ref));
    } else if (value.kind === 'list') {
      const items = value.items.map(cleanItem).filter(Boolean);
      if (items.length) pieces.push({ kind: 'list', ref, items });
    } else if (value.kind === 'yesno' && value.note?.trim()) {
      pieces.push({ kind: 'text', ref, lines: [value.note.trim()] });
    }
  }
  return {
    pieces: withDerivedRates(section, current, pieces),
    unanswered,
    needsWording,
    negatives,
    answered,
  };
}

/**
 * Current answers in this section to questions the template does not list, in question order
 * (`carried_2` before `carried_10`). Figures are left out: without a metric they have no label.
 */
function extraAnswers(section: Section, current: ReadonlyMap<string, Answer>): Answer[] {
  const known = new Set(section.questions.map((q) => q.id));
  const order = (id: string): number => Number(/(\d+)$/.exec(id)?.[1] ?? Number.MAX_SAFE_INTEGER);
  return [...current.values()]
    .filter((a) => a.sectionId === section.id && !known.has(a.questionId))
    .sort(
      (a, b) =>
        order(a.questionId) - order(b.questionId) || a.questionId.localeCompare(b.questionId),
    );
}

/**
 * The statement a 是 confirms, from a question of the form …是否…？ (今年是否公布了权责清单？ →
 * 公布了权责清单). Undefined for conditional or open questions, which need the person's words.
 */
export function confirmedStatement(prompt: string): string | undefined {
  const first = prompt.split(/[？?]/u)[0]?.trim() ?? '';
  if ((first.match(/是否/gu) ?? []).length !== 1) return undefined;
  if (/如有|如果|若有|没有|有没有|哪些|多少|怎样|如何/u.test(first)) return undefined;
  const statement = first
    .replace(/是否/u, '')
    // The prompt speaks to someone filling it in during the year; the report looks back on it.
    .replace(/^(?:今年|本年度|本年)[，,]?/u, '')
    .trim();
  return statement.length >= 4 ? statement : undefined;
}

/** The question itself, without the hints that follow it: 镇里现有多少名持证执法人员？ */
function promptName(question: Question): string {
  const first = /^[^？?]*[？?]/u.exec(question.prompt.trim())?.[0];
  return (first ?? question.prompt.trim()).replace(/[。：:\s]+$/u, '');
}

/** What a marker calls an unanswered question: a figure by its metric's name, else the question. */
function missingName(question: Question, metric?: Metric): string {
  return question.kind === 'number' && metric ? metric.name : promptName(question);
}

/**
 * Adds a rate right after its numerator's figure where the template relates them, both counts
 * are answered exactly, and the rate itself was not stated.
 */
function withDerivedRates(
  section: Section,
  current: ReadonlyMap<string, Answer>,
  pieces: Piece[],
): Piece[] {
  const out = [...pieces];
  const byMetric = (key: string) => section.questions.find((q) => q.metric === key);
  const quantityOf = (q?: Question) => {
    const v = q ? current.get(questionKey(section.id, q.id))?.value : undefined;
    return v?.kind === 'number' ? v.quantity : undefined;
  };
  for (const relation of section.relations) {
    if (relation.kind !== 'rate') continue;
    const rateMetric = section.metrics.find((m) => m.key === relation.rate);
    const rateQuestion = byMetric(relation.rate);
    const numQ = byMetric(relation.numerator);
    const denQ = byMetric(relation.denominator);
    if (!rateMetric || !numQ || !denQ || quantityOf(rateQuestion)) continue;
    const num = quantityOf(numQ);
    const den = quantityOf(denQ);
    const rate = num && den ? rateFromCounts(num, den) : undefined;
    if (!rate) continue;
    const numRef = { sectionId: section.id, questionId: numQ.id };
    const denRef = { sectionId: section.id, questionId: denQ.id };
    const at = Math.max(
      out.findIndex((p) => p.kind === 'figure' && p.ref.questionId === numQ.id),
      out.findIndex((p) => p.kind === 'figure' && p.ref.questionId === denQ.id),
    );
    out.splice(at + 1, 0, {
      kind: 'figure',
      ref: { sectionId: section.id, questionId: rateQuestion?.id ?? relation.rate },
      ...figureWording(rate, rateMetric),
      derived: { numerator: numRef, denominator: denRef },
    });
  }
  return out;
}
