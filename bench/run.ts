import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bench } from './types.js';

/**
 * `npm run bench`: runs every benchmark below in turn and appends their results, with the date
 * and the machine, to docs/benchmarks.md. Adding a benchmark is one more line in this list.
 * `npm run bench -- callback` runs only the named ones.
 */
const benches: ReadonlyArray<() => Promise<{ default: Bench }>> = [
  () => import('./callback.bench.js'),
  () => import('./compose.bench.js'),
  () => import('./store.bench.js'),
  () => import('./long-connection.bench.js'),
  () => import('./check.bench.js'),
  () => import('./county.bench.js'),
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'docs', 'benchmarks.md');

function machine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  return [
    `${cpus.length} cores, ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    `${Math.round(os.totalmem() / 2 ** 30)} GB RAM`,
    `Node ${process.version}, ${os.type()} ${os.release()}`,
    `load average at start ${load} (1/5/15 min)`,
  ].join('; ');
}

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  if (!existsSync(results)) {
    writeFileSync(
      results,
      '# Benchmarks\n\nAppended by `npm run bench` (bench/run.ts); newest at the bottom.\n',
    );
  }
  let failed = 0;
  for (const load of benches) {
    const bench = (await load()).default;
    if (only.length > 0 && !only.includes(bench.name)) continue;
    const started = new Date();
    const header = machine();
    console.log(`[bench] ${bench.name}: running`);
    const report = await bench.run();
    const section = [
      '',
      `## ${bench.name} — ${started.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
      '',
      `Machine: ${header}.`,
      '',
      report.markdown.trim(),
      '',
    ].join('\n');
    appendFileSync(results, section);
    console.log(section);
    if (!report.ok) failed++;
  }
  console.log(`[bench] results appended to ${path.relative(root, results)}`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
