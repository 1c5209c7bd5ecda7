/**
 * 检查 accuracy: precision and recall per rule on the annotated corpus (tests/check/corpus).
 * Targets: every rule precision ≥ 0.95 and recall ≥ 0.9.
 */
import { accuracyMarkdown, scoreCorpus } from './check-accuracy.js';
import type { Bench } from './types.js';

export const MIN_PRECISION = 0.95;
export const MIN_RECALL = 0.9;

const bench: Bench = {
  name: 'check',
  run() {
    const acc = scoreCorpus();
    const ok = acc.rules.every((r) => r.precision >= MIN_PRECISION && r.recall >= MIN_RECALL);
    const markdown = [
      `Targets per rule: precision ≥ ${MIN_PRECISION}, recall ≥ ${MIN_RECALL}.`,
      '',
      accuracyMarkdown(acc),
    ].join('\n');
    return Promise.resolve({ markdown, ok });
  },
};

export default bench;
