import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../src/logger.js';
import { startFerretDB, type EmbeddedServer } from '../src/localstack/ferretdb.js';
import { freePort } from '../src/localstack/ports.js';
import { startRedis } from '../src/localstack/redis.js';
import { CallbackClient } from '../src/wecom/callback-client.js';
import type { ReplyEnvelope, StreamReply } from '../src/wecom/replies.js';
import type { Bench, BenchReport } from './types.js';

/**
 * Many simulated users sending text messages to `POST /wecom/callback` of the real app (default
 * handler, embedded Redis and FerretDB), compared in the same run with a baseline: a bare Koa
 * route that only verifies, decrypts and encrypts. Two scenarios each: an open-loop fixed rate
 * of 200 requests/s (latency measured from each request's scheduled time), and a closed loop at
 * maximum throughput. Every server runs in its own process; all traffic stays on loopback.
 *
 * Targets: p99 < 50 ms at 200 req/s; maximum throughput at least half the baseline's.
 */
const RATE = 200;
const OPEN_LOOP_REQUESTS = 3_000; // 15 s at 200/s
const MAX_ROUNDS = 3; // baseline and app alternate, so a busy moment hits both alike
const MAX_REQUESTS = 20_000; // per round
const MAX_SECONDS = 4; // per round
const CONCURRENCY = 64;
const WARMUP = 400;
const P99_TARGET_MS = 50;
const THROUGHPUT_TARGET = 0.5;

const here = path.dirname(fileURLToPath(import.meta.url));

interface Prepared {
  readonly path: string;
  readonly body: string;
  readonly nonce: string;
  readonly text: string;
}

/** One load phase against one target, as measured. */
interface Run {
  readonly latencies: number[];
  readonly errors: number;
  readonly seconds: number;
  /** CPU milliseconds used meanwhile: the server process, redis-server, the load generator. */
  cpu?: { server: number; redis: number; client: number };
}

interface Stats {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly throughput: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** CPU milliseconds per request. */
  readonly cpu?: { server: number; redis: number; client: number };
}

interface Target {
  readonly name: string;
  readonly port: number;
  readonly pid: number;
  /** Replaced before every phase: reusing a connection the server closed while idle fails. */
  agent: http.Agent;
  stop(): Promise<void>;
}

function alnum(n: number): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(n), (b) => abc[b % abc.length]).join('');
}

function newAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
}

async function startTarget(mode: 'app' | 'baseline', env: Record<string, string>): Promise<Target> {
  // BENCH_PROFILE_DIR=<dir> writes a CPU profile of each server process there.
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}/${mode}`]
    : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', path.join(here, 'callback-server.ts')],
    { env: { ...process.env, ...env, BENCH_MODE: mode }, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`${mode} server did not start`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const line = buffered.split('\n').find((l) => l.startsWith('{"port"'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
      }
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  const target: Target = {
    name: mode,
    port,
    pid: child.pid!,
    agent: newAgent(),
    stop: async () => {
      target.agent.destroy();
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin!.end();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
  return target;
}

function post(target: Target, p: Prepared): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        method: 'POST',
        path: p.path,
        agent: target.agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(p.body),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(p.body);
  });
}

/** Seals `count` text callbacks in advance, so sealing costs nothing during measurement. */
function prepare(client: CallbackClient, count: number, user: (i: number) => string): Prepared[] {
  return Array.from({ length: count }, (_, i) => {
    const text = `第${i}条：本季度开展普法宣传活动12场次`;
    const signed = client.seal({
      chattype: 'single',
      from: { userid: user(i) },
      msgtype: 'text',
      text: { content: text },
    });
    return {
      path: `/wecom/callback?${new URLSearchParams(signed.query)}`,
      body: signed.body,
      nonce: signed.query.nonce,
      text,
    };
  });
}

/** True when the reply is a finished stream echoing the message (the app's default handler). */
function check(client: CallbackClient, p: Prepared, body: string, mode: string): boolean {
  try {
    const reply = client.openReply(JSON.parse(body) as ReplyEnvelope, p.nonce) as StreamReply;
    return (
      reply.msgtype === 'stream' &&
      reply.stream.finish &&
      reply.stream.content === `收到：${p.text}` &&
      (mode === 'baseline' || reply.stream.id !== 'baseline')
    );
  } catch {
    return false;
  }
}

/** CPU time (user + system) a process has used so far, in ms; Linux /proc only. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in 1/100 s
  } catch {
    return NaN;
  }
}

/** Runs a load phase and records the CPU time each process used meanwhile. */
async function measured(target: Target, redisPid: number, phase: () => Promise<Run>) {
  target.agent.destroy();
  target.agent = newAgent();
  const before = { server: cpuMs(target.pid), redis: cpuMs(redisPid), client: process.cpuUsage() };
  const run = await phase();
  const client = process.cpuUsage(before.client);
  run.cpu = {
    server: cpuMs(target.pid) - before.server,
    redis: cpuMs(redisPid) - before.redis,
    client: (client.user + client.system) / 1000,
  };
  return run;
}

/** Prints the first few failures of a run, so an error count can be explained. */
function reportError(target: Target, what: string): void {
  reported.set(target.name, (reported.get(target.name) ?? 0) + 1);
  if ((reported.get(target.name) ?? 0) <= 5) console.error(`[bench] ${target.name}: ${what}`);
}
const reported = new Map<string, number>();

/** Pools runs of one target: throughput over their total time, percentiles over all requests. */
function summarise(runs: readonly Run[]): Stats {
  const sorted = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const seconds = runs.reduce((t, r) => t + r.seconds, 0);
  const perRequest = (pick: (c: NonNullable<Run['cpu']>) => number) =>
    runs.reduce((t, r) => t + (r.cpu ? pick(r.cpu) : NaN), 0) / sorted.length;
  return {
    requests: sorted.length,
    errors: runs.reduce((t, r) => t + r.errors, 0),
    seconds,
    throughput: sorted.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted.at(-1) ?? 0,
    cpu: {
      server: perRequest((c) => c.server),
      redis: perRequest((c) => c.redis),
      client: perRequest((c) => c.client),
    },
  };
}

/** Fixed arrival rate, whatever the server does; latency counts from the scheduled time. */
async function openLoop(target: Target, client: CallbackClient, reqs: Prepared[]): Promise<Run> {
  const interval = 1000 / RATE;
  const latencies: number[] = [];
  let errors = 0;
  const inflight: Promise<void>[] = [];
  const t0 = performance.now() + 20;
  for (const [i, p] of reqs.entries()) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 0.5) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      post(target, p).then(
        (res) => {
          latencies.push(performance.now() - due);
          if (res.status !== 200 || (i % 50 === 0 && !check(client, p, res.body, target.name))) {
            errors++;
            reportError(target, `HTTP ${res.status} ${res.body.slice(0, 200)}`);
          }
        },
        (err: unknown) => {
          errors++;
          reportError(target, String(err));
        },
      ),
    );
  }
  await Promise.all(inflight);
  return { latencies, errors, seconds: (performance.now() - t0) / 1000 };
}

/** As fast as the server answers: CONCURRENCY workers, each its own users, bounded in time. */
async function closedLoop(
  target: Target,
  client: CallbackClient,
  perWorker: Prepared[][],
): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + MAX_SECONDS * 1000;
  await Promise.all(
    perWorker.map(async (reqs) => {
      for (const [i, p] of reqs.entries()) {
        if (performance.now() > deadline) return;
        const t = performance.now();
        try {
          const res = await post(target, p);
          latencies.push(performance.now() - t);
          if (res.status !== 200 || (i % 50 === 0 && !check(client, p, res.body, target.name))) {
            errors++;
            reportError(target, `HTTP ${res.status} ${res.body.slice(0, 200)}`);
          }
        } catch (err) {
          errors++;
          reportError(target, String(err));
        }
      }
    }),
  );
  return { latencies, errors, seconds: (performance.now() - started) / 1000 };
}

function split(reqs: Prepared[], workers: number): Prepared[][] {
  const out: Prepared[][] = Array.from({ length: workers }, () => []);
  reqs.forEach((r, i) => out[i % workers]!.push(r));
  return out;
}

const f = (n: number, digits = 1) => n.toFixed(digits);

async function run(): Promise<BenchReport> {
  const log = createLogger('silent');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'report-bot-bench-'));
  const stores: EmbeddedServer[] = [];
  const targets: Target[] = [];
  try {
    const ferret = await startFerretDB(dir, log, await freePort());
    stores.push(ferret);
    const redis = await startRedis(dir, log, await freePort());
    stores.push(redis);
    const env = {
      WECOM_BOT_TOKEN: alnum(24),
      WECOM_BOT_ENCODING_AES_KEY: alnum(43),
      WECOM_BOT_RECEIVE_ID: '',
      MONGODB_URI: ferret.url,
      REDIS_URL: redis.url,
      DATA_DIR: dir,
    };
    const baseline = await startTarget('baseline', env);
    targets.push(baseline);
    const app = await startTarget('app', env);
    targets.push(app);
    const client = new CallbackClient({
      baseUrl: 'http://127.0.0.1',
      token: env.WECOM_BOT_TOKEN,
      encodingAesKey: env.WECOM_BOT_ENCODING_AES_KEY,
    });

    // Users: the open loop cycles through 1,000 (each sends every 5 s); in the closed loop each
    // worker has its own 20, so no user ever has two messages in flight.
    let batch = 0;
    const openUsers = () => {
      const b = batch++;
      return prepare(client, OPEN_LOOP_REQUESTS, (i) => `user${b}_${i % 1000}`);
    };
    const maxUsers = () => {
      const b = batch++;
      return split(
        prepare(
          client,
          MAX_REQUESTS,
          (i) => `user${b}_${i % CONCURRENCY}_${Math.floor(i / CONCURRENCY) % 20}`,
        ),
        CONCURRENCY,
      );
    };
    const warm = (t: Target) => {
      const b = batch++;
      return closedLoop(
        t,
        client,
        split(
          prepare(client, WARMUP, (i) => `warm${b}_${i}`),
          8,
        ),
      );
    };

    console.log('[bench] callback: warming up');
    await warm(baseline);
    await warm(app);
    console.log(`[bench] callback: ${RATE} req/s open loop`);
    const redisPid = redis.server.pid!;
    const baseRate = summarise([
      await measured(baseline, redisPid, () => openLoop(baseline, client, openUsers())),
    ]);
    const appRate = summarise([
      await measured(app, redisPid, () => openLoop(app, client, openUsers())),
    ]);
    console.log(`[bench] callback: maximum throughput, ${MAX_ROUNDS} alternating rounds`);
    const baseRuns: Run[] = [];
    const appRuns: Run[] = [];
    for (let round = 0; round < MAX_ROUNDS; round++) {
      baseRuns.push(
        await measured(baseline, redisPid, () => closedLoop(baseline, client, maxUsers())),
      );
      appRuns.push(await measured(app, redisPid, () => closedLoop(app, client, maxUsers())));
    }
    const baseMax = summarise(baseRuns);
    const appMax = summarise(appRuns);
    const rounds = baseRuns.map((b, i) =>
      f(
        (appRuns[i]!.latencies.length / appRuns[i]!.seconds / (b.latencies.length / b.seconds)) *
          100,
        0,
      ),
    );

    const ratio = appMax.throughput / baseMax.throughput;
    const p99ok = appRate.p99 < P99_TARGET_MS;
    const ratioOk = ratio >= THROUGHPUT_TARGET;
    const errorsOk = [baseRate, appRate, baseMax, appMax].every((s) => s.errors === 0);
    const cpu = (s: Stats) =>
      s.cpu ? `${f(s.cpu.server, 3)} / ${f(s.cpu.redis, 3)} / ${f(s.cpu.client, 3)}` : 'n/a';
    const row = (name: string, s: Stats) =>
      `| ${name} | ${s.requests} | ${s.errors} | ${f(s.throughput, 0)} | ${f(s.p50, 2)} | ${f(s.p99, 2)} | ${f(s.max, 1)} | ${cpu(s)} |`;
    const markdown = [
      `Text messages from simulated users to \`POST /wecom/callback\` (default handler; embedded`,
      `Redis and FerretDB), against a baseline Koa route that only verifies, decrypts and encrypts.`,
      `Servers in their own processes; load from one Node process over loopback keep-alive`,
      `connections. Open loop: ${OPEN_LOOP_REQUESTS} requests scheduled at ${RATE}/s over 1,000 users,`,
      `latency from each request's scheduled time. Maximum: ${CONCURRENCY} concurrent workers, each with`,
      `its own users, ${MAX_ROUNDS} rounds of up to ${MAX_SECONDS} s per target, alternating baseline and`,
      `app so that other load on the machine hits both alike; figures pooled over the rounds. Every`,
      `50th reply is decrypted and checked. Latencies in ms.`,
      '',
      '| scenario | requests | errors | req/s | p50 | p99 | max | CPU ms/request: server / redis / load |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      row(`baseline, ${RATE} req/s`, baseRate),
      row(`/wecom/callback, ${RATE} req/s`, appRate),
      row('baseline, maximum', baseMax),
      row('/wecom/callback, maximum', appMax),
      '',
      `- p99 at ${RATE} req/s: ${f(appRate.p99, 2)} ms (target < ${P99_TARGET_MS} ms): ${p99ok ? 'met' : 'NOT met'}`,
      `- maximum throughput: ${f(ratio * 100, 0)}% of the baseline (target ≥ ${THROUGHPUT_TARGET * 100}%): ${ratioOk ? 'met' : 'NOT met'}; by round: ${rounds.join('%, ')}%`,
      `- errors: ${errorsOk ? 'none' : 'SOME (see table)'}`,
    ].join('\n');
    return { markdown, ok: p99ok && ratioOk && errorsOk };
  } finally {
    for (const t of targets.reverse()) await t.stop();
    await Promise.all(stores.map((s) => s.server.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

const bench: Bench = { name: 'callback', run };
export default bench;
