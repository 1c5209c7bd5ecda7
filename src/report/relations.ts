/**
 * Relations between a section's figures (化解 ≤ 排查, a stated rate that matches its counts).
 * Problems come back as friendly questions: the official may know better (a dispute found last
 * year and resolved this year), so the bot asks rather than refuses.
 */
import { formatQuantity } from './numbers.js';
import { relationsTexts } from './texts/relations.js';
import type { Metric, MetricRelation, Quantity, Section } from './types.js';

type LteRelation = Extract<MetricRelation, { kind: 'lte' }>;
type RateRelation = Extract<MetricRelation, { kind: 'rate' }>;

export type RelationProblem =
  | {
      readonly kind: 'lte';
      readonly relation: LteRelation;
      readonly left: Quantity;
      readonly right: Quantity;
      /** Chinese, for the user. */
      readonly message: string;
    }
  | {
      readonly kind: 'rate';
      readonly relation: RateRelation;
      readonly stated: Quantity;
      /** The rate the counts give. */
      readonly derived: Quantity;
      readonly message: string;
    };

/** Percentage points a stated rate may be off the counts (rounding 17/18 to 94% is fine). */
export const RATE_TOLERANCE = 0.5;

/**
 * The rate numerator / denominator in percent, to one decimal (17起 of 18起 → 94.4%). Undefined
 * when it cannot be known: no denominator, a hedged count (70余), or more resolved than found.
 */
export function deriveRate(numerator: Quantity, denominator: Quantity): Quantity | undefined {
  if (numerator.qualifier !== undefined || denominator.qualifier !== undefined) return undefined;
  if (denominator.value <= 0 || numerator.value < 0 || numerator.value > denominator.value) {
    return undefined;
  }
  const value = Math.round((numerator.value / denominator.value) * 1000) / 10;
  return {
    value,
    unit: '%',
    raw: `${formatQuantity(numerator)}/${formatQuantity(denominator)}`,
  };
}

/**
 * Rates a section declares but was not told, derived from its counts when both are known; keyed
 * by the rate metric's key. Lets the composer write 调解成功率94.4% without asking for it.
 */
export function deriveRates(
  section: Section,
  values: ReadonlyMap<string, Quantity>,
): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const r of section.relations) {
    if (r.kind !== 'rate' || values.has(r.rate)) continue;
    const num = values.get(r.numerator);
    const den = values.get(r.denominator);
    if (num === undefined || den === undefined) continue;
    const rate = deriveRate(num, den);
    if (rate !== undefined) out.set(r.rate, rate);
  }
  return out;
}

function nameOf(section: Section, key: string): string {
  return section.metrics.find((m: Metric) => m.key === key)?.name ?? key;
}

/** Whether a stated rate, with its hedge (94%以上, 近95%), fits the rate its counts give. */
function rateFits(stated: Quantity, derived: number): boolean {
  const diff = derived - stated.value;
  switch (stated.qualifier) {
    case undefined:
      return Math.abs(diff) <= RATE_TOLERANCE;
    case 'over':
    case 'at_least':
      return diff >= -RATE_TOLERANCE;
    case 'at_most':
      return diff <= RATE_TOLERANCE;
    case 'nearly':
      return diff <= RATE_TOLERANCE && diff >= -5;
    case 'about':
      return Math.abs(diff) <= 2;
  }
}

export function checkRelations(
  section: Section,
  values: ReadonlyMap<string, Quantity>,
): RelationProblem[] {
  const problems: RelationProblem[] = [];
  for (const relation of section.relations) {
    if (relation.kind === 'lte') {
      const left = values.get(relation.left);
      const right = values.get(relation.right);
      if (left === undefined || right === undefined || left.value <= right.value) continue;
      problems.push({
        kind: 'lte',
        relation,
        left,
        right,
        message: relationsTexts.exceeds(
          nameOf(section, relation.left),
          formatQuantity(left),
          nameOf(section, relation.right),
          formatQuantity(right),
        ),
      });
    } else {
      const stated = values.get(relation.rate);
      const num = values.get(relation.numerator);
      const den = values.get(relation.denominator);
      if (stated === undefined || num === undefined || den === undefined) continue;
      const derived = deriveRate(num, den);
      if (derived === undefined || rateFits(stated, derived.value)) continue;
      problems.push({
        kind: 'rate',
        relation,
        stated,
        derived,
        message: relationsTexts.rateOffCounts(
          nameOf(section, relation.rate),
          formatQuantity(stated),
          nameOf(section, relation.numerator),
          formatQuantity(num),
          nameOf(section, relation.denominator),
          formatQuantity(den),
          formatQuantity(derived),
        ),
      });
    }
  }
  return problems;
}
