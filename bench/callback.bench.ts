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
import { CallbackClient } from '../src/devtools/callback-client.js';
import type { ReplyEnvelope, StreamReply } from '../src/wecom/replies.js';
import type { Bench, BenchReport } from './types.js';

/**
 * Many simulated users sending text messages to `POST /wecom/callback` of the real app (default
 * echo handler, embedded Redis and FerretDB), compared in the same run with a baseline: a bare
 * Koa route that only verifies, decrypts and encrypts. A third target is the bot as production
 * runs it (`start()` from src/main.ts, with the chat engine): before measuring, an admin creates
 * a report in a group chat, and the load is members of that group asking `进度`, each of which
 * loads the org, its members and the report and answers with the progress. Two scenarios each:
 * an open-loop fixed rate of 200 requests/s (latency measured from each request's scheduled
 * time), and a closed loop at maximum throughput. Every server runs in its own process; all
 * traffic stays on loopback.
 *
 * Targets: p99 < 50 ms at 200 req/s (the app and the chat engine alike); the app's maximum
 * throughput at least half the baseline's.
 */
const RATE = 200;
const OPEN_LOOP_REQUESTS = 3_000; // 15 s at 200/s
const MAX_ROUNDS = 3; // baseline, app and bot alternate, so a busy moment hits all alike
const MAX_REQUESTS = 20_000; // per round
const MAX_SECONDS = 4; // per round
const CONCURRENCY = 64;
const WARMUP = 400;
const P99_TARGET_MS = 50;
/**
 * The chat engine's maximum: fewer workers, so that at its throughput an answer still comes
 * within the callback's 2.5 s wait (beyond it the reply is a placeholder, not the answer).
 */
const BOT_CONCURRENCY = 16;
/** Members of the bench group: each closed-loop worker has 12 of its own, the open loop cycles. */
const GROUP_USERS = BOT_CONCURRENCY * 12;
/** A lower rate for the chat engine, measured besides RATE (on 2 cores still above its maximum). */
const BOT_LOW_RATE = 20;
const BOT_LOW_REQUESTS = 300; // 15 s at 20/s
/** After a bot phase, turns still running after their placeholder reply finish before the next. */
const DRAIN_LIMIT_MS = 300_000;
const GROUP = 'bench-group';
const NEW_REPORT = '新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26';
const THROUGHPUT_TARGET = 0.5;

const here = path.dirname(fileURLToPath(import.meta.url));

type Mode = 'app' | 'baseline' | 'bot';

interface Prepared {
  readonly path: string;
  readonly body: string;
  readonly nonce: string;
  /** What the finished stream's content must be (the echo) or match (the progress line). */
  readonly expected: string | RegExp;
}

/** One load phase against one target, as measured. */
interface Run {
  readonly latencies: number[];
  readonly errors: number;
  readonly seconds: number;
  /** CPU milliseconds used meanwhile: the server, redis-server, FerretDB, the load generator. */
  cpu?: Cpu;
}

interface Cpu {
  server: number;
  redis: number;
  ferret: number;
  client: number;
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
  readonly cpu?: Cpu;
}

interface Target {
  readonly name: Mode;
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

async function startTarget(mode: Mode, env: Record<string, string>): Promise<Target> {
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

/**
 * Seals `count` text callbacks in advance, so sealing costs nothing during measurement. For the
 * app and the baseline, 1:1 messages to be echoed; for the bot, `进度` in the bench group, whose
 * answer carries the progress line (`0/27`).
 */
function prepare(
  client: CallbackClient,
  mode: Mode,
  count: number,
  user: (i: number) => string,
): Prepared[] {
  return Array.from({ length: count }, (_, i) => {
    const text = mode === 'bot' ? '进度' : `第${i}条：本季度开展普法宣传活动12场次`;
    const signed = client.seal({
      ...(mode === 'bot' ? { chattype: 'group', chatid: GROUP } : { chattype: 'single' }),
      from: { userid: user(i) },
      msgtype: 'text',
      text: { content: text },
    });
    return {
      path: `/wecom/callback?${new URLSearchParams(signed.query)}`,
      body: signed.body,
      nonce: signed.query.nonce,
      expected: mode === 'bot' ? /\d+\/\d+/ : `收到：${text}`,
    };
  });
}

/**
 * Null when the answer is HTTP 200 and, for every 50th request (the `i`th), a finished stream
 * with the expected content from the right server; otherwise what is wrong with it.
 */
function failure(
  client: CallbackClient,
  p: Prepared,
  i: number,
  res: { status: number; body: string },
  mode: Mode,
): string | null {
  if (res.status !== 200) return `HTTP ${res.status} ${res.body.slice(0, 200)}`;
  if (i % 50 !== 0) return null;
  try {
    const reply = client.openReply(JSON.parse(res.body) as ReplyEnvelope, p.nonce) as StreamReply;
    const content = reply.stream.content;
    const ok =
      reply.msgtype === 'stream' &&
      reply.stream.finish &&
      (typeof p.expected === 'string' ? content === p.expected : p.expected.test(content)) &&
      (mode === 'baseline' || reply.stream.id !== 'baseline');
    return ok ? null : `unexpected reply ${JSON.stringify(reply).slice(0, 200)}`;
  } catch (err) {
    return `reply does not open: ${String(err)}`;
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
async function measured(
  target: Target,
  pids: { redis: number; ferret: number },
  phase: () => Promise<Run>,
) {
  target.agent.destroy();
  target.agent = newAgent();
  const before = {
    server: cpuMs(target.pid),
    redis: cpuMs(pids.redis),
    ferret: cpuMs(pids.ferret),
    client: process.cpuUsage(),
  };
  const run = await phase();
  const client = process.cpuUsage(before.client);
  run.cpu = {
    server: cpuMs(target.pid) - before.server,
    redis: cpuMs(pids.redis) - before.redis,
    ferret: cpuMs(pids.ferret) - before.ferret,
    client: (client.user + client.system) / 1000,
  };
  return run;
}

/** Waits until the bot and FerretDB are idle (< 5% CPU over half a second), at most a limit. */
async function drained(target: Target, ferretPid: number): Promise<void> {
  const busy = () => cpuMs(target.pid) + cpuMs(ferretPid);
  const until = performance.now() + DRAIN_LIMIT_MS;
  let last = busy();
  while (performance.now() < until) {
    await new Promise((r) => setTimeout(r, 500));
    const now = busy();
    if (now - last < 25) return;
    last = now;
  }
  console.error(`[bench] ${target.name}: still busy after ${DRAIN_LIMIT_MS / 1000} s`);
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
  const perRequest = (pick: (c: Cpu) => number) =>
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
      ferret: perRequest((c) => c.ferret),
      client: perRequest((c) => c.client),
    },
  };
}

/** Fixed arrival rate, whatever the server does; latency counts from the scheduled time. */
async function openLoop(
  target: Target,
  client: CallbackClient,
  reqs: Prepared[],
  rate = RATE,
): Promise<Run> {
  const interval = 1000 / rate;
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
          const wrong = failure(client, p, i, res, target.name);
          if (wrong) {
            errors++;
            reportError(target, wrong);
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
          const wrong = failure(client, p, i, res, target.name);
          if (wrong) {
            errors++;
            reportError(target, wrong);
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

/** Creates the report the bot target's load asks about: an admin sends `新建` in the group. */
async function seedBot(bot: Target, env: Record<string, string>): Promise<void> {
  const client = new CallbackClient({
    baseUrl: `http://127.0.0.1:${bot.port}`,
    token: env.WECOM_BOT_TOKEN!,
    encodingAesKey: env.WECOM_BOT_ENCODING_AES_KEY!,
  });
  const admin = { userid: 'bench-admin', chattype: 'group', chatid: GROUP } as const;
  const first = await client.sendText({ ...admin, text: NEW_REPORT });
  const followed = await client.followStream(first, admin, { intervalMs: 100 });
  const content = followed.final?.content ?? '';
  if (first.status !== 200 || !followed.finished || !/已新建/.test(content)) {
    throw new Error(`bot did not create the report (HTTP ${first.status}): ${content}`);
  }
}

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
    // The bot's database of its own (ferret.url ends with '/'); nothing is pushed, so the WeCom
    // API base can be a port nobody listens on.
    const bot = await startTarget('bot', {
      ...env,
      MONGODB_URI: `${ferret.url}bench_bot`,
      WECOM_API_BASE: `http://127.0.0.1:${await freePort()}`,
    });
    targets.push(bot);
    await seedBot(bot, env);
    const client = new CallbackClient({
      baseUrl: 'http://127.0.0.1',
      token: env.WECOM_BOT_TOKEN,
      encodingAesKey: env.WECOM_BOT_ENCODING_AES_KEY,
    });

    // Users: for the app and the baseline, the open loop cycles through 1,000 (each sends every
    // 5 s); in the closed loop each worker has its own 20, so no user ever has two messages in
    // flight. For the bot, the GROUP_USERS members of the group: the open loop cycles through
    // them, in the closed loop each worker has its own 3.
    let batch = 0;
    const member = (n: number) => `member${n}`;
    const openUsers = (mode: Mode) => {
      const b = batch++;
      return prepare(client, mode, OPEN_LOOP_REQUESTS, (i) =>
        mode === 'bot' ? member(i % GROUP_USERS) : `user${b}_${i % 1000}`,
      );
    };
    const maxUsers = (mode: Mode) => {
      const b = batch++;
      const workers = mode === 'bot' ? BOT_CONCURRENCY : CONCURRENCY;
      const count = mode === 'bot' ? MAX_REQUESTS / 10 : MAX_REQUESTS;
      return split(
        prepare(client, mode, count, (i) => {
          const worker = i % workers;
          const round = Math.floor(i / workers);
          return mode === 'bot'
            ? member(worker + workers * (round % (GROUP_USERS / workers)))
            : `user${b}_${worker}_${round % 20}`;
        }),
        workers,
      );
    };
    // The bot's warm-up is every member's first message, which adds them to the group.
    const warm = (t: Target) => {
      const b = batch++;
      return closedLoop(
        t,
        client,
        split(
          prepare(client, t.name, WARMUP, (i) =>
            t.name === 'bot' ? member(i % GROUP_USERS) : `warm${b}_${i}`,
          ),
          8,
        ),
      );
    };
    const pids = { redis: redis.server.pid!, ferret: ferret.server.pid! };

    console.log('[bench] callback: warming up');
    for (const t of [baseline, app, bot]) await warm(t);
    await drained(bot, pids.ferret);
    console.log(`[bench] callback: ${RATE} req/s open loop`);
    const atRate = async (t: Target) =>
      summarise([await measured(t, pids, () => openLoop(t, client, openUsers(t.name)))]);
    const baseRate = await atRate(baseline);
    const appRate = await atRate(app);
    console.log(`[bench] callback: maximum throughput, ${MAX_ROUNDS} alternating rounds`);
    const baseRuns: Run[] = [];
    const appRuns: Run[] = [];
    const atMax = (t: Target) => measured(t, pids, () => closedLoop(t, client, maxUsers(t.name)));
    for (let round = 0; round < MAX_ROUNDS; round++) {
      baseRuns.push(await atMax(baseline));
      appRuns.push(await atMax(app));
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

    // The chat engine last, so that a backlog it cannot keep up with does not load the other
    // targets' phases; each phase counts the CPU of the turns still running after it until idle.
    console.log('[bench] callback: chat engine');
    const botPhase = (phase: () => Promise<Run>) =>
      measured(bot, pids, async () => {
        const r = await phase();
        await drained(bot, pids.ferret);
        return r;
      });
    const botRate = summarise([await botPhase(() => openLoop(bot, client, openUsers('bot')))]);
    const botLow = summarise([
      await botPhase(() =>
        openLoop(
          bot,
          client,
          prepare(client, 'bot', BOT_LOW_REQUESTS, (i) => member(i % GROUP_USERS)),
          BOT_LOW_RATE,
        ),
      ),
    ]);
    const botRuns: Run[] = [];
    for (let round = 0; round < MAX_ROUNDS; round++) {
      botRuns.push(await botPhase(() => closedLoop(bot, client, maxUsers('bot'))));
    }
    const botMax = summarise(botRuns);

    const ratio = appMax.throughput / baseMax.throughput;
    const p99ok = appRate.p99 < P99_TARGET_MS;
    const botP99ok = botRate.p99 < P99_TARGET_MS;
    const ratioOk = ratio >= THROUGHPUT_TARGET;
    const all = [baseRate, appRate, botRate, botLow, baseMax, appMax, botMax];
    const errorsOk = all.every((s) => s.errors === 0);
    const cpu = (s: Stats) =>
      s.cpu
        ? [s.cpu.server, s.cpu.redis, s.cpu.ferret, s.cpu.client].map((c) => f(c, 3)).join(' / ')
        : 'n/a';
    const row = (name: string, s: Stats) =>
      `| ${name} | ${s.requests} | ${s.errors} | ${f(s.throughput, 0)} | ${f(s.p50, 2)} | ${f(s.p99, 2)} | ${f(s.max, 1)} | ${cpu(s)} |`;
    const engine = 'chat engine (进度 in a group)';
    const markdown = [
      `Text messages from simulated users to \`POST /wecom/callback\` of three targets: the app with`,
      `its default echo handler (embedded Redis and FerretDB); a baseline Koa route that only`,
      `verifies, decrypts and encrypts; and the chat engine, the bot as production runs it (\`start()\``,
      `of src/main.ts, own database on the same FerretDB and Redis). Before measuring, an admin sent`,
      `\`${NEW_REPORT}\` in a group; the chat engine's load is ${GROUP_USERS}`,
      `members of that group sending \`进度\` (each loads the org, members and report and answers with`,
      `the progress; every member's first message, which adds them to the group, is in the warm-up).`,
      `Servers in their own processes; load from one Node process over loopback keep-alive`,
      `connections. Open loop: ${OPEN_LOOP_REQUESTS} requests scheduled at ${RATE}/s (over 1,000 users; for the chat`,
      `engine over its members, and also ${BOT_LOW_REQUESTS} at ${BOT_LOW_RATE}/s), latency from each request's scheduled time.`,
      `Maximum: ${CONCURRENCY} concurrent workers (chat engine: ${BOT_CONCURRENCY}, so that answers come within the`,
      `callback's 2.5 s wait), each with its own users, ${MAX_ROUNDS} rounds of up to ${MAX_SECONDS} s per target,`,
      `baseline and app alternating so that other load on the machine hits both alike; figures pooled`,
      `over the rounds. The chat engine runs last, and after each of its phases the bot and FerretDB`,
      `are left to become idle (turns answered with a placeholder go on running); that CPU counts too.`,
      `Every 50th reply is decrypted and checked: the echo, or for the chat engine a finished stream`,
      `with the progress line (a placeholder, sent when the answer takes over 2.5 s, counts as an`,
      `error). Latencies in ms.`,
      '',
      '| scenario | requests | errors | req/s | p50 | p99 | max | CPU ms/request: server / redis / ferretdb / load |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      row(`baseline, ${RATE} req/s`, baseRate),
      row(`/wecom/callback, ${RATE} req/s`, appRate),
      row(`${engine}, ${RATE} req/s`, botRate),
      row(`${engine}, ${BOT_LOW_RATE} req/s`, botLow),
      row('baseline, maximum', baseMax),
      row('/wecom/callback, maximum', appMax),
      row(`${engine}, maximum`, botMax),
      '',
      `- p99 at ${RATE} req/s: ${f(appRate.p99, 2)} ms (target < ${P99_TARGET_MS} ms): ${p99ok ? 'met' : 'NOT met'}`,
      `- p99 of the chat-engine path at ${RATE} req/s: ${f(botRate.p99, 2)} ms (target < ${P99_TARGET_MS} ms): ${botP99ok ? 'met' : 'NOT met'}`,
      `- maximum throughput: ${f(ratio * 100, 0)}% of the baseline (target ≥ ${THROUGHPUT_TARGET * 100}%): ${ratioOk ? 'met' : 'NOT met'}; by round: ${rounds.join('%, ')}%`,
      `- chat engine maximum throughput: ${f(botMax.throughput, 0)} req/s, ${f((botMax.throughput / baseMax.throughput) * 100, 1)}% of the baseline (no target)`,
      `- errors: ${errorsOk ? 'none' : 'SOME (see table)'}`,
    ].join('\n');
    return { markdown, ok: p99ok && botP99ok && ratioOk && errorsOk };
  } finally {
    for (const t of targets.reverse()) await t.stop();
    await Promise.all(stores.map((s) => s.server.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

const bench: Bench = { name: 'callback', run };
export default bench;
