import { areUnitsCompatible, findQuantities, parseQuantity } from './numbers.js';
import type { Metric, Quantity, Question, Section } from './types.js';
import { findZeroClauses } from './zero-statements.js';

/** A figure read out of a paragraph for one of the section's number questions. */
export interface ReadFigure {
  readonly question: Question;
  readonly metric: Metric;
  readonly quantity: Quantity;
}

/** A figure that looked like one the section asks for but cannot be right (out of bounds). */
export interface DoubtfulFigure {
  readonly question: Question;
  readonly raw: string;
  readonly hint: string;
}

/** How far back from a figure its words are looked for (排查各类矛盾纠纷 | 18起). */
const CONTEXT_CHARS = 16;

const bigrams = (text: string): string[] => {
  const chars = [...text.replace(/[\s\d，,。；;：:、（）()“”"%％.]/gu, '')];
  return chars.slice(0, -1).map((c, i) => `${c}${chars[i + 1] ?? ''}`);
};

/** The words a metric is known by: its phrase before the figure, its name, its question. */
function wordsOf(metric: Metric, question: Question): Set<string> {
  const phrase = metric.phrase?.split('{n}')[0] ?? '';
  return new Set([
    ...bigrams(phrase),
    ...bigrams(metric.name),
    ...bigrams(question.prompt),
    ...bigrams(metric.zero ?? ''),
  ]);
}

/** A zero said in words must share this many word pairs with a question to answer it. */
const ZERO_MIN_SCORE = 2;

function fits(metric: Metric, q: Quantity): boolean {
  if (metric.type === 'percent') return q.unit === '%';
  return q.unit !== '%' && areUnitsCompatible(metric.unit, q.unit);
}

/**
 * Reads, from what an official wrote about a whole section, the figures the section's number
 * questions ask for: each figure goes to the question whose words stand just before it
 * (排查矛盾纠纷18起 → 排查; 化解17起 → 化解), the unit must fit, and a figure out of the metric's
 * bounds is returned as doubtful rather than read. Pure; only `wanted` questions are considered.
 */
export function readSectionFigures(
  section: Section,
  text: string,
  wanted: readonly Question[],
): { found: ReadFigure[]; doubtful: DoubtfulFigure[] } {
  const candidates = wanted.flatMap((question) => {
    const metric = section.metrics.find((m) => m.key === question.metric);
    return question.kind === 'number' && metric
      ? [{ question, metric, words: wordsOf(metric, question) }]
      : [];
  });
  const pairs: { score: number; figure: number; candidate: number }[] = [];
  const figures: Quantity[] = [];
  let cursor = 0;
  for (const q of findQuantities(text)) {
    const at = text.indexOf(q.raw, cursor);
    const start = at >= 0 ? at : cursor;
    const before = text.slice(Math.max(cursor, start - CONTEXT_CHARS), start);
    const context = before.split(/[。；;\n]/u).at(-1) ?? '';
    cursor = start + q.raw.length;
    const index = figures.push(q) - 1;
    const grams = bigrams(context);
    candidates.forEach((c, k) => {
      if (!fits(c.metric, q)) return;
      const score = grams.filter((g) => c.words.has(g)).length;
      if (score > 0) pairs.push({ score, figure: index, candidate: k });
    });
  }
  // 全年无行政执法案件 / 未发生行政诉讼案件: a zero in words answers the count it names.
  for (const z of findZeroClauses(text)) {
    const grams = bigrams(z.what);
    const index = figures.push({ value: 0, unit: '', raw: z.raw }) - 1;
    candidates.forEach((c, k) => {
      if (c.metric.type === 'percent') return;
      const score = grams.filter((g) => c.words.has(g)).length;
      if (score >= ZERO_MIN_SCORE) pairs.push({ score, figure: index, candidate: k });
    });
  }
  // Best matches first; each figure and each question is used once.
  pairs.sort((a, b) => b.score - a.score || a.figure - b.figure);
  const usedFigures = new Set<number>();
  const usedCandidates = new Set<number>();
  const found: ReadFigure[] = [];
  const doubtful: DoubtfulFigure[] = [];
  for (const p of pairs) {
    if (usedFigures.has(p.figure) || usedCandidates.has(p.candidate)) continue;
    usedFigures.add(p.figure);
    usedCandidates.add(p.candidate);
    const { question, metric } = candidates[p.candidate]!;
    const q = figures[p.figure]!;
    // A zero in words is checked as 无 (bounds), and kept as the official wrote it.
    const checked = parseQuantity(q.value === 0 && q.unit === '' ? '无' : q.raw, {
      unit: metric.unit,
      type: metric.type,
      ...(metric.min !== undefined ? { min: metric.min } : {}),
      ...(metric.max !== undefined ? { max: metric.max } : {}),
    });
    if (checked.ok) found.push({ question, metric, quantity: { ...checked.quantity, raw: q.raw } });
    else doubtful.push({ question, raw: q.raw, hint: checked.hint });
  }
  const order = (q: Question) => section.questions.indexOf(q);
  found.sort((a, b) => order(a.question) - order(b.question));
  return { found, doubtful };
}
