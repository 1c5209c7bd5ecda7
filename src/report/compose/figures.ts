import { formatQuantity } from '../numbers.js';
import { deriveRate } from '../relations.js';
import type { Metric, Quantity } from '../types.js';

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

/** Words that end in a measure character but are nouns in their own right: keep them whole. */
const KEEP_ENDINGS = [
  '案件',
  '文件',
  '事件',
  '条件',
  '事项',
  '款项',
  '办件',
  '明白人',
  '责任人',
  '负责人',
  '当事人',
  '代理人',
  '联系人',
];
/** …except where the measure belongs to the count: 政协提案 + 件数, 代表建议 + 件数. */
const MEASURE_AFTER_NOUN = ['提案件', '建议件'];

/**
 * The words to set before a figure, from the metric's name: names say what is counted
 * (排查矛盾纠纷数, 普法宣传活动场次, 法律顾问人数), prose says it before the figure and its unit
 * (排查矛盾纠纷18起, 普法宣传活动70余场次, 法律顾问2名). Rates keep their name (调解成功率94.4%).
 */
export function figureLabel(metric: Metric): string {
  const { name, unit } = metric;
  if (!unit || unit === '%') return name;
  let label = name.replace(/(?:数量|数|量)$/u, '');
  for (const measure of unit === '名' ? ['名', '人'] : [unit]) {
    if (!label.endsWith(measure)) continue;
    const keep =
      KEEP_ENDINGS.some((k) => label.endsWith(k)) &&
      !MEASURE_AFTER_NOUN.some((k) => label.endsWith(k));
    if (!keep) label = label.slice(0, -measure.length);
    break;
  }
  return label.length >= 2 ? label : name;
}
