import { formatQuantity } from '../numbers.js';
import type { Metric, Quantity } from '../types.js';

/** A figure said back as written: value, unit (the metric's when the answer has none), qualifier. */
export function figureText(q: Quantity, metric?: Metric): string {
  const unit = q.unit || metric?.unit || '';
  return formatQuantity(unit === q.unit ? q : { ...q, unit });
}

/**
 * A rate from two exact counts, in percent with at most one decimal. Undefined when it cannot be
 * stated honestly: a hedged count (70余), a zero or smaller denominator, or part > whole.
 * Rounding never turns an incomplete share into 100%.
 */
export function rateFromCounts(numerator: Quantity, denominator: Quantity): Quantity | undefined {
  if (numerator.qualifier || denominator.qualifier) return undefined;
  if (!(denominator.value > 0) || numerator.value < 0 || numerator.value > denominator.value) {
    return undefined;
  }
  let value = Math.round((numerator.value / denominator.value) * 1000) / 10;
  if (value === 100 && numerator.value < denominator.value) value = 99.9;
  return { value, unit: '%', raw: '' };
}
