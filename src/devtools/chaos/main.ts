import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../../localstack/tools.js';
import { runChaos, type ChaosResult } from './run.js';

/**
 * `npm run chaos [-- --kills 60 --minutes 15 --officials 3 --record]`: the fault harness.
 * `--record` appends the result to docs/reliability.md. Exits 1 when anything was lost,
 * doubled, answered with a 5xx or left unanswered.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kills: { type: 'string', default: '60' },
      minutes: { type: 'string', default: '15' },
      officials: { type: 'string', default: '3' },
      record: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const result = await runChaos({
    kills: Number(values.kills),
    maxMinutes: Number(values.minutes),
    officials: Number(values.officials),
    keep: values.keep,
    log: (line) => console.log(`[chaos] ${new Date().toISOString().slice(11, 19)} ${line}`),
  });
  console.log(JSON.stringify(result, null, 2));
  if (values.record) record(result);
  process.exit(failed(result) ? 1 : 0);
}

export function failed(r: ChaosResult): boolean {
  return r.lost > 0 || r.doubled > 0 || r.serverErrors > 0 || r.unanswered > 0;
}

function record(r: ChaosResult): void {
  const file = path.join(projectRoot, 'docs', 'reliability.md');
  if (!existsSync(file)) writeFileSync(file, '# Reliability\n');
  const kills = r.kills.bot + r.kills['redis-server'] + r.kills.ferretdb;
  appendFileSync(
    file,
    `| ${r.startedAt.slice(0, 16).replace('T', ' ')} | ${r.seconds} s | ${kills} (${r.kills.bot} / ${r.kills['redis-server']} / ${r.kills.ferretdb}) | ${r.messages} | ${r.acknowledged} | ${r.resends} | ${r.recovering} | ${r.lost} | ${r.doubled} | ${r.serverErrors} | ${r.unanswered} | ${r.notReal} |\n`,
  );
}

void main();
