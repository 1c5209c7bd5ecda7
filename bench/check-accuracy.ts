/**
 * Accuracy of 检查 on the annotated corpus (tests/check/corpus): reports we wrote, each carrying
 * known defects, and expected.yaml naming the finding a proofreader expects for each (rule and a
 * piece of its line). A finding matches an expectation of the same rule on the same line; each
 * expectation is matched at most once. Shared by `npm run bench -- check` and tests/check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { checkReport } from '../src/report/check/index.js';
import type { Finding, RuleId } from '../src/report/check/index.js';
import { RULE_IDS } from '../src/report/check/index.js';
import { loadCheckReferences } from '../src/store/check-references.js';

export const CORPUS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'tests',
  'check',
  'corpus',
);

export interface Expected {
  readonly rule: RuleId;
  readonly line: number;
  readonly at: string;
}

export interface CorpusFile {
  readonly name: string;
  readonly text: string;
  readonly expected: readonly Expected[];
}

export function loadCorpus(dir = CORPUS_DIR): CorpusFile[] {
  const table = parse(readFileSync(path.join(dir, 'expected.yaml'), 'utf8')) as Record<
    string,
    [string, string][]
  >;
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
  const unlisted = files.filter((f) => !(f in table));
  if (unlisted.length > 0) throw new Error(`not in expected.yaml: ${unlisted.join(', ')}`);
  return files.sort().map((name) => {
    const text = readFileSync(path.join(dir, name), 'utf8');
    const lines = text.split('\n');
    const expected = (table[name] ?? []).map(([rule, at]) => {
      if (!RULE_IDS.includes(rule as RuleId)) throw new Error(`${name}: unknown rule ${rule}`);
      const i = lines.findIndex((l) => l.includes(at));
      if (i < 0) throw new Error(`${name}: no line contains ${at}`);
      return { rule: rule as RuleId, line: i + 1, at };
    });
    return { name, text, expected };
  });
}

export interface RuleScore {
  readonly rule: RuleId;
  readonly expected: number;
  readonly found: number;
  readonly matched: number;
  /** matched / found; 1 when the rule found nothing. */
  readonly precision: number;
  /** matched / expected; 1 when nothing was expected. */
  readonly recall: number;
}

export interface FileResult {
  readonly name: string;
  readonly missed: readonly Expected[];
  readonly falseAlarms: readonly Finding[];
}

export interface Accuracy {
  readonly rules: readonly RuleScore[];
  readonly files: readonly FileResult[];
}

export function scoreCorpus(corpus: readonly CorpusFile[] = loadCorpus()): Accuracy {
  const references = loadCheckReferences();
  const counts = new Map<RuleId, { expected: number; found: number; matched: number }>(
    RULE_IDS.map((r) => [r, { expected: 0, found: 0, matched: 0 }]),
  );
  const files: FileResult[] = [];
  for (const file of corpus) {
    const findings = checkReport(file.text, { references });
    const open = [...file.expected];
    const falseAlarms: Finding[] = [];
    for (const f of findings) {
      const c = counts.get(f.rule);
      if (c) c.found++;
      const k = open.findIndex((e) => e.rule === f.rule && e.line === f.line);
      if (k >= 0) {
        open.splice(k, 1);
        if (c) c.matched++;
      } else falseAlarms.push(f);
    }
    for (const e of file.expected) {
      const c = counts.get(e.rule);
      if (c) c.expected++;
    }
    files.push({ name: file.name, missed: open, falseAlarms });
  }
  const rules = RULE_IDS.map((rule) => {
    const c = counts.get(rule) ?? { expected: 0, found: 0, matched: 0 };
    return {
      rule,
      ...c,
      precision: c.found === 0 ? 1 : c.matched / c.found,
      recall: c.expected === 0 ? 1 : c.matched / c.expected,
    };
  });
  return { rules, files };
}

/** The per-rule table and, below it, every miss and false alarm with its file and line. */
export function accuracyMarkdown(acc: Accuracy): string {
  const pct = (x: number): string => x.toFixed(2);
  const rows = acc.rules.map(
    (r) =>
      `| ${r.rule} | ${r.expected} | ${r.found} | ${r.matched} | ${pct(r.precision)} | ${pct(r.recall)} |`,
  );
  const total = acc.rules.reduce(
    (t, r) => ({
      expected: t.expected + r.expected,
      found: t.found + r.found,
      matched: t.matched + r.matched,
    }),
    { expected: 0, found: 0, matched: 0 },
  );
  const issues = acc.files.flatMap((f) => [
    ...f.missed.map((e) => `- missed: ${f.name}:${e.line} ${e.rule} (“${e.at}”)`),
    ...f.falseAlarms.map(
      (a) => `- false alarm: ${f.name}:${a.line} ${a.rule} [${a.severity}] ${a.message}`,
    ),
  ]);
  return [
    `Corpus: ${acc.files.length} reports in tests/check/corpus, ${total.expected} expected findings.`,
    '',
    '| rule | expected | found | matched | precision | recall |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    `| **all** | ${total.expected} | ${total.found} | ${total.matched} | ${pct(total.found ? total.matched / total.found : 1)} | ${pct(total.expected ? total.matched / total.expected : 1)} |`,
    '',
    ...(issues.length > 0 ? issues : ['No misses and no false alarms.']),
  ].join('\n');
}
