import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../src/logger.js';
import { startFerretDB } from '../src/localstack/ferretdb.js';
import { freePort } from '../src/localstack/ports.js';
import { connectMongo } from '../src/store/mongo.js';
import type { Bench } from './types.js';

/**
 * What a query costs on the embedded FerretDB (SQLite) as a collection grows: a lookup by `_id`
 * (pushed down to SQLite) against a filter on another field and a count (read in full). This is
 * the measurement behind docs/ferretdb.md and the bot's `_id`-keyed dialogs and scope cache. No
 * target: it describes the store.
 */
const SIZES = [200, 2000] as const;
const RUNS = 30;

async function median(runs: number, f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await f();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 100) / 100;
}

async function run(): Promise<{ markdown: string; ok: boolean }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'report-bot-store-bench-'));
  const ferret = await startFerretDB(dir, createLogger('silent'), await freePort());
  const conn = await connectMongo(`${ferret.url}bench_store`);
  const rows: string[] = [];
  try {
    for (const size of SIZES) {
      const members = conn.db!.collection<{ _id: string; orgId: string; userid: string }>(
        `members_${size}`,
      );
      // Twenty people an org, as in a township group.
      await members.insertMany(
        Array.from({ length: size }, (_, i) => ({
          _id: `org${Math.floor(i / 20)}#user${i}`,
          orgId: `org${Math.floor(i / 20)}`,
          userid: `user${i}`,
        })),
      );
      const byId = await median(RUNS, () => members.findOne({ _id: 'org3#user70' }));
      const byField = await median(RUNS, () => members.find({ orgId: 'org3' }).toArray());
      const count = await median(RUNS, () => members.countDocuments({}));
      rows.push(`| ${size} | ${byId} | ${byField} | ${count} |`);
    }
  } finally {
    await conn.close();
    await ferret.server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    markdown: [
      'Median ms of one query on FerretDB v1.24 (SQLite), by collection size; an org is 20 of the',
      `documents, so the field filter returns 20 whatever the size. ${RUNS} runs each.`,
      '',
      '| documents | findOne by `_id` | find by `orgId` (20 match) | countDocuments |',
      '| ---: | ---: | ---: | ---: |',
      ...rows,
    ].join('\n'),
    ok: true,
  };
}

const bench: Bench = { name: 'store', run };
export default bench;
