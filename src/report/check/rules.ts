import { emptyPart } from './empty-part.js';
import { headingSequence } from './heading-sequence.js';
import { missingPart } from './missing-part.js';
import { numberInconsistent } from './number-inconsistent.js';
import { placeholder } from './placeholder.js';
import { reference } from './reference.js';
import { textFormat } from './text-format.js';
import type { Rule, RuleId } from './types.js';
import { yearMismatch } from './year-mismatch.js';

/** Every rule the checker runs, in the order their findings are listed for one line. */
export const RULES: readonly Rule[] = [
  missingPart,
  headingSequence,
  placeholder,
  yearMismatch,
  numberInconsistent,
  emptyPart,
  reference,
  textFormat,
];

export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.id);
