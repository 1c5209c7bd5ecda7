/**
 * 检查 accuracy: precision and recall per rule on the annotated corpus (tests/check/corpus).
 * Targets: every rule precision ≥ 0.95 and recall ≥ 0.9.
 * Also the command line's cost per file: `bin/report-bot check <file>` run several times, wall
 * time and CPU time (the children's user+system time, from /proc/self/stat), next to a bare
 * `node -e ''` start for scale. Target: median wall < 0.3 s.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { accuracyMarkdown, CORPUS_DIR, scoreCorpus } from './check-accuracy.js';
import type { Bench } from './types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 9;
export const MAX_CLI_WALL_S = 0.3;

/** The CPU seconds of waited-for children so far (Linux); undefined elsewhere. */
function childCpu(): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  // After the command name: state is field 3, cutime 16 and cstime 17 (1-based, man proc).
  const ticks = Number(fields[13]) + Number(fields[14]);
  return Number.isFinite(ticks) ? ticks / 100 : undefined;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function timeRuns(cmd: string, args: readonly string[]): { wall: number; cpu?: number } {
  const walls: number[] = [];
  const cpu0 = childCpu();
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    spawnSync(cmd, args, { stdio: 'ignore' });
    walls.push((performance.now() - t0) / 1000);
  }
  const cpu1 = childCpu();
  return {
    wall: median(walls),
    ...(cpu0 !== undefined && cpu1 !== undefined ? { cpu: (cpu1 - cpu0) / RUNS } : {}),
  };
}

export const MIN_PRECISION = 0.95;
export const MIN_RECALL = 0.9;

const bench: Bench = {
  name: 'check',
  run() {
    const acc = scoreCorpus();
    const accurate = acc.rules.every((r) => r.precision >= MIN_PRECISION && r.recall >= MIN_RECALL);
    const file = path.join(CORPUS_DIR, '01-clean-town.txt');
    const cli = timeRuns(path.join(root, 'bin', 'report-bot'), ['check', file]);
    const bare = timeRuns(process.execPath, ['-e', '']);
    // The way the command started before dist/: the TypeScript sources through tsx's loader.
    const loader = pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs'));
    const viaTsx = timeRuns(process.execPath, [
      '--import',
      loader.href,
      path.join(root, 'src', 'cli', 'main.ts'),
      'check',
      file,
    ]);
    const fromDist = existsSync(path.join(root, 'dist', '.build-stamp'));
    const s = (x?: number): string => (x === undefined ? 'n/a' : `${x.toFixed(3)} s`);
    const markdown = [
      `Targets per rule: precision ≥ ${MIN_PRECISION}, recall ≥ ${MIN_RECALL}.`,
      '',
      accuracyMarkdown(acc),
      '',
      `Command line, ${RUNS} runs each (median wall; mean CPU = user + system of the child):`,
      '',
      '| command | wall | CPU |',
      '| --- | ---: | ---: |',
      `| \`bin/report-bot check 01-clean-town.txt\`${fromDist ? ' (dist/)' : ' (tsx: dist/ not built)'} | ${s(cli.wall)} | ${s(cli.cpu)} |`,
      `| same, from the TypeScript sources through tsx (the old way) | ${s(viaTsx.wall)} | ${s(viaTsx.cpu)} |`,
      `| \`node -e ''\` (Node start alone) | ${s(bare.wall)} | ${s(bare.cpu)} |`,
      '',
      'Wall time depends on the machine load (see the load average above); the CPU column is what',
      'the command itself costs.',
    ].join('\n');
    const ok = accurate && cli.wall < MAX_CLI_WALL_S;
    return Promise.resolve({ markdown, ok });
  },
};

export default bench;
