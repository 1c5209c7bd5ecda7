/**
 * Draft composition speed: a complete township report (every question of the default template
 * answered at a realistic length) composed and rendered to the chat preview and to .docx.
 * Targets: markdown < 50 ms, .docx < 300 ms (median).
 */
import { performance } from 'node:perf_hooks';
import { composeDraft } from '../src/report/compose/index.js';
import { toDocx } from '../src/report/export/docx.js';
import { toMarkdown } from '../src/report/export/markdown.js';
import type { Answer, AnswerValue, Question, Report, Template } from '../src/report/types.js';
import { loadTemplates } from '../src/store/template-files.js';
import type { Bench } from './types.js';

export interface Measurement {
  readonly name: string;
  /** Median over the timed runs, in milliseconds. */
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly runs: number;
  readonly targetMs: number;
}

const SENTENCE = '镇里按月召开推进会，逐项对照任务清单抓落实，相关站所和各村分工负责并留存台账。';

function valueFor(question: Question, n: number): AnswerValue {
  switch (question.kind) {
    case 'text':
      return { kind: 'text', text: SENTENCE.repeat(5) };
    case 'list':
      return {
        kind: 'list',
        items: [1, 2, 3, 4].map((i) => `第${i}项工作要点明确。${SENTENCE.repeat(2)}`),
      };
    case 'number':
      return { kind: 'number', quantity: { value: 10 + n, unit: '', raw: String(10 + n) } };
    case 'yesno':
      return { kind: 'yesno', yes: true };
  }
}

/** Every question of every section answered once by a made-up official. */
export function fullReport(template: Template): { report: Report; answers: Answer[] } {
  const report: Report = {
    id: 'bench-report',
    orgId: 'bench-org',
    orgName: '青石镇',
    year: 2026,
    templateId: template.id,
    templateVersion: template.version,
    title: '2026年度法治政府建设情况报告',
    deadline: '2027-02-28',
    adminUserid: 'admin',
    sections: [],
    createdAt: new Date('2026-12-01T00:00:00Z'),
  };
  let n = 0;
  const answers = template.parts.flatMap((part) =>
    part.sections.flatMap((section) =>
      section.questions.map((question): Answer => ({
        reportId: report.id,
        sectionId: section.id,
        questionId: question.id,
        raw: '',
        value: valueFor(question, n++),
        userid: 'official',
        at: new Date(Date.UTC(2026, 11, 1, 0, n)),
      })),
    ),
  );
  return { report, answers };
}

async function time(
  name: string,
  targetMs: number,
  runs: number,
  fn: () => unknown,
): Promise<Measurement> {
  for (let i = 0; i < 5; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  const round = (ms: number | undefined) => Math.round((ms ?? NaN) * 100) / 100;
  return { name, medianMs: round(at(0.5)), p95Ms: round(at(0.95)), runs, targetMs };
}

export async function composeBench(): Promise<Measurement[]> {
  const template = loadTemplates().latest('township');
  if (!template) throw new Error('default template township is missing');
  const { report, answers } = fullReport(template);
  const compose = () =>
    composeDraft({
      template,
      report,
      answers,
      org: { name: '青石镇', countyName: '清河县' },
      issuedOn: '2027-01-09',
    });
  return [
    await time('compose: draft → markdown pages', 50, 200, () =>
      toMarkdown(compose(), { fullDocumentUrl: 'https://bot.example.cn/drafts/t.docx' }),
    ),
    await time('compose: draft → .docx', 300, 50, () => toDocx(compose())),
  ];
}

const bench: Bench = {
  name: 'compose',
  async run() {
    const measurements = await composeBench();
    const rows = measurements.map(
      (m) =>
        `| ${m.name} | ${m.medianMs} | ${m.p95Ms} | ${m.runs} | < ${m.targetMs} | ${m.medianMs < m.targetMs ? 'yes' : '**no**'} |`,
    );
    return {
      markdown: [
        'A full default-template report (every question answered), composed and rendered.',
        '',
        '| step | median ms | p95 ms | runs | target ms | met |',
        '| --- | --- | --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
      ok: measurements.every((m) => m.medianMs < m.targetMs),
    };
  },
};

export default bench;

// Run on its own: `node --import tsx bench/compose.bench.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const m of await composeBench()) {
    console.log(
      `${m.name}: median ${m.medianMs} ms, p95 ${m.p95Ms} ms over ${m.runs} runs (target < ${m.targetMs} ms)`,
    );
  }
}
