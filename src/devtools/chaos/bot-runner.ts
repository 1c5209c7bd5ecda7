import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { projectRoot } from '../../localstack/tools.js';

export type KillTarget = 'bot' | 'redis-server' | 'ferretdb';

export interface BotRunnerOptions {
  readonly port: number;
  readonly env: Record<string, string>;
  /** The bot's stdout and stderr go here (for a post-mortem). */
  readonly logFile: string;
  /** Pause before restarting a bot that exited, as a service manager's RestartSec. */
  readonly restartDelayMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the real entry point (`src/server.ts` on the embedded stores) the way a service manager
 * would: restarted whenever it exits, whatever the reason. Kills any of the three processes
 * with SIGKILL on request; the embedded stores are the bot's own to restart.
 */
export class BotRunner {
  #child: ChildProcess | undefined;
  #stopping = false;
  #restarts = 0;
  readonly #log: WriteStream;

  constructor(private readonly options: BotRunnerOptions) {
    this.#log = createWriteStream(options.logFile, { flags: 'a' });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get restarts(): number {
    return this.#restarts;
  }

  start(): void {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (v !== undefined && k !== 'MONGODB_URI' && k !== 'REDIS_URL' && k !== 'NODE_ENV') {
        env[k] = v;
      }
    }
    Object.assign(env, this.options.env, { PORT: String(this.options.port), HOST: '127.0.0.1' });
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    child.stdout?.pipe(this.#log, { end: false });
    child.stderr?.pipe(this.#log, { end: false });
    child.once('exit', (code, signal) => {
      this.#log.write(`\n[chaos] bot exited (code ${code}, signal ${signal})\n`);
      if (this.#stopping) return;
      this.#restarts += 1;
      setTimeout(() => {
        if (!this.#stopping) this.start();
      }, this.options.restartDelayMs ?? 300);
    });
  }

  /** Resolves once /healthz answers 200 (both stores up), or rejects after `timeoutMs` (a store
   * killed mid-write may take its supervisor's backoff plus a recovery to come back). */
  async healthy(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ok = await fetch(`${this.baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) })
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`bot not healthy within ${timeoutMs} ms`);
      await sleep(200);
    }
  }

  /** SIGKILLs the target; false when it was not running at that moment. */
  kill(target: KillTarget): boolean {
    const bot = this.#child;
    if (!bot?.pid || bot.exitCode !== null || bot.signalCode !== null) return false;
    if (target === 'bot') {
      bot.kill('SIGKILL');
      return true;
    }
    const pid = storePid(bot.pid, target);
    if (!pid) return false;
    try {
      process.kill(pid, 'SIGKILL');
      return true;
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    const child = this.#child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(force);
    }
    await new Promise((r) => this.#log.end(r));
  }
}

function storePid(parent: number, name: 'redis-server' | 'ferretdb'): number | undefined {
  try {
    const line = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(parent)], {
      encoding: 'utf8',
    })
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .find(([, comm]) => comm === name);
    return line ? Number(line[0]) : undefined;
  } catch {
    return undefined;
  }
}
