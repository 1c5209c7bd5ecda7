import { describe, expect, it } from 'vitest';
import { loadCorpus, scoreCorpus } from '../../bench/check-accuracy.js';
import { MIN_PRECISION, MIN_RECALL } from '../../bench/check.bench.js';
import { RULE_IDS } from '../../src/report/check/index.js';

/*
 * The annotated corpus (tests/check/corpus) is the measuring stick of 检查: reports we wrote with
 * known defects and clean ones. `npm run bench -- check` prints the table; this test fails as soon
 * as a rule's recall or precision falls below the targets.
 */
describe('检查 on the annotated corpus', () => {
  const acc = scoreCorpus();

  it('has expectations for every rule, and clean reports among the files', () => {
    const corpus = loadCorpus();
    const ruled = new Set(corpus.flatMap((f) => f.expected.map((e) => e.rule)));
    expect([...ruled].sort()).toEqual([...RULE_IDS].sort());
    expect(corpus.filter((f) => f.expected.length === 0).length).toBeGreaterThanOrEqual(4);
  });

  it.each(RULE_IDS)('%s keeps its recall and precision', (rule) => {
    const score = acc.rules.find((r) => r.rule === rule);
    const misses = acc.files.flatMap((f) =>
      f.missed.filter((e) => e.rule === rule).map((e) => `${f.name}:${e.line}`),
    );
    const alarms = acc.files.flatMap((f) =>
      f.falseAlarms.filter((a) => a.rule === rule).map((a) => `${f.name}:${a.line} ${a.message}`),
    );
    expect(score?.recall ?? 0, `${rule} missed: ${misses.join('; ')}`).toBeGreaterThanOrEqual(
      MIN_RECALL,
    );
    expect(
      score?.precision ?? 0,
      `${rule} false alarms: ${alarms.join('; ')}`,
    ).toBeGreaterThanOrEqual(MIN_PRECISION);
  });

  it('is silent on the clean reports', () => {
    const clean = new Set(
      loadCorpus()
        .filter((f) => f.expected.length === 0)
        .map((f) => f.name),
    );
    const noise = acc.files.filter((f) => clean.has(f.name)).flatMap((f) => f.falseAlarms);
    expect(noise).toEqual([]);
  });
});
