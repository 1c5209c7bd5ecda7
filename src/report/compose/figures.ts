import type { Metric, Quantity } from '../types.js';

// TEMPORARY: stands in for `formatQuantity` from `../numbers.js` until that module lands.
const QUALIFIED: Record<NonNullable<Quantity['qualifier']>, (n: string, u: string) => string> = {
  over: (n, u) => `${n}余${u}`,
  about: (n, u) => `约${n}${u}`,
  nearly: (n, u) => `近${n}${u}`,
  at_least: (n, u) => `${n}${u}以上`,
  at_most: (n, u) => `${n}${u}以下`,
};

function formatQuantity(q: Quantity): string {
  const n = String(q.value);
  return q.qualifier ? QUALIFIED[q.qualifier](n, q.unit) : `${n}${q.unit}`;
}

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
