import { findQuantities, formatQuantity } from '../numbers.js';
import { deriveRate } from '../relations.js';
import type { Metric, Quantity } from '../types.js';
import { KEEP_ENDINGS, MEASURE_AFTER_NOUN, SAME_MEASURES } from './label-words.js';

/** A figure said back as written: value, unit (the metric's when the answer has none), qualifier. */
export function figureText(q: Quantity, metric?: Metric): string {
  const unit = q.unit || metric?.unit || '';
  return formatQuantity(unit === q.unit ? q : { ...q, unit });
}

/**
 * A rate from two exact counts (17起 of 18起 → 94.4%), or undefined when it cannot be stated
 * honestly (see deriveRate). Rounding never turns an incomplete share into 100%.
 */
export function rateFromCounts(numerator: Quantity, denominator: Quantity): Quantity | undefined {
  const rate = deriveRate(numerator, denominator);
  if (rate && rate.value >= 100 && numerator.value < denominator.value) {
    return { ...rate, value: 99.9 };
  }
  return rate;
}

/**
 * The words to set before a figure, from the metric's name: names say what is counted
 * (排查矛盾纠纷数, 普法宣传活动场次, 法律顾问人数), prose says it before the figure and its unit
 * (排查矛盾纠纷18起, 普法宣传活动70余场次, 法律顾问2名). Rates keep their name (调解成功率94.4%).
 */
export function figureLabel(metric: Metric): string {
  const { name, unit } = metric;
  if (!unit || unit === '%') return name;
  let label = name.replace(/(?:数量|数|量)$/u, '');
  for (const measure of SAME_MEASURES.get(unit) ?? [unit]) {
    if (!label.endsWith(measure)) continue;
    const keep =
      KEEP_ENDINGS.some((k) => label.endsWith(k)) &&
      !MEASURE_AFTER_NOUN.some((k) => label.endsWith(k));
    if (!keep) label = label.slice(0, -measure.length);
    break;
  }
  return label.length >= 2 ? label : name;
}

/**
 * The words around a bare figure: the metric's phrase (召开法治建设专题会议{n}次 → 召开法治建设专题会议
 * + 4次), else its label before the figure. An exact zero is said the way the template says
 * there was none (`zero`: 未发生行政诉讼案件), as one clause with no label; without that, in the
 * phrase like any figure. Never 无 + the metric's name.
 */
export function figureWording(
  q: Quantity,
  metric: Metric | undefined,
  fallback = '',
): { label: string; text: string; after?: string } {
  if (q.value === 0 && !q.qualifier && metric?.zero) return { label: '', text: metric.zero };
  const text = figureText(q, metric);
  const label = metric ? figureLabel(metric) : fallback;
  if (!metric?.phrase) return { label, text };
  const [before = '', rest = ''] = metric.phrase.split('{n}');
  // The phrase's own unit gives way to the one in the figure (场 where the metric says 场次).
  const after = rest.startsWith(metric.unit) ? rest.slice(metric.unit.length) : rest;
  return { label: before, text, ...(after ? { after } : {}) };
}

/** Filler that says nothing beyond the figure: 共、全年、大约、左右 … */
const FILLER =
  /全年|今年|本年度|年内|共计|总共|一共|累计|合计|共|大约|大概|约|左右|上下|余|多|以上|不到|近|达到|达|为|是|有/gu;

/**
 * Whether an answer to a number question says more than its figure: 全年召开党工委专题会议4次，
 * 专题研究法治宣传等 does; 4次, 共4次, 大约30余场 do not.
 */
export function saysMoreThanFigure(raw: string): boolean {
  let rest = raw;
  for (const q of findQuantities(raw)) rest = rest.replace(q.raw, '');
  rest = rest
    .replace(/[\d.,，。；;：:、%％\s（）()“”"'!！?？-]/gu, '')
    .replace(/[零〇一二两三四五六七八九十百千万]+[次场名人件份个项起条期]*/gu, '')
    .replace(FILLER, '');
  return [...rest].length >= 5;
}
