import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Logger } from '../logger.js';
import { waitForEndpoint, type Endpoint } from './ports.js';

export interface ChildSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Where it accepts connections once ready: a loopback port or a Unix socket path. */
  readonly endpoint: Endpoint;
  readonly cwd?: string;
  readonly readyTimeoutMs?: number;
}

/** How a child ended: its exit code or the signal that killed it, and its last output. */
export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly tail: string;
}

/** Every child started by this process, so that an exit path of any kind can stop them. */
const live = new Set<ChildProcess>();

process.once('exit', () => {
  // Last resort on exit (including after an uncaught exception): signals are synchronous.
  for (const child of live) child.kill('SIGKILL');
});

const hasSetpriv = (() => {
  const probe = spawnSync('setpriv', ['--help'], { encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.includes('--pdeathsig');
})();

/**
 * A server we run as a child process: started, awaited until it accepts connections, and stopped.
 * Children get SIGTERM from the kernel if this process dies without cleaning up (`setpriv
 * --pdeathsig`), so even a SIGKILLed bot leaves no orphan behind. `onExit` hears of every exit,
 * expected or not (the supervisor decides which is which).
 */
export class ChildServer {
  #child: ChildProcess | undefined;
  readonly #tail: string[] = [];
  #exitListener: ((exit: ChildExit) => void) | undefined;
  readonly #log: Logger;

  constructor(
    readonly spec: ChildSpec,
    log: Logger,
  ) {
    this.#log = log;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** True while the last started process has not exited. */
  get running(): boolean {
    const child = this.#child;
    return Boolean(child && child.exitCode === null && child.signalCode === null);
  }

  onExit(listener: (exit: ChildExit) => void): void {
    this.#exitListener = listener;
  }

  async start(): Promise<void> {
    const { name, command, args, endpoint, cwd } = this.spec;
    if ('socket' in endpoint) {
      // A live socket means another bot runs on this DATA_DIR: two servers on one data would
      // corrupt it. A socket file left by a killed process would make the new one fail to bind.
      const taken = await waitForEndpoint(endpoint, 0).then(
        () => true,
        () => false,
      );
      if (taken) throw new Error(`${name}: ${endpoint.socket} is in use by another process`);
      rmSync(endpoint.socket, { force: true });
    }
    const [file, argv] = hasSetpriv
      ? ['setpriv', ['--pdeathsig', 'SIGTERM', '--', command, ...args]]
      : [command, [...args]];
    const child = spawn(file, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    this.#tail.length = 0;
    live.add(child);
    const remember = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        this.#tail.push(line);
        if (this.#tail.length > 40) this.#tail.shift();
        this.#log.trace({ child: name }, line);
      }
    };
    child.stdout?.on('data', remember);
    child.stderr?.on('data', remember);
    const exited = new Promise<never>((_, reject) => {
      child.once('error', (err) => reject(new Error(`${name} could not start: ${err.message}`)));
      child.once('exit', (code, signal) =>
        reject(
          new Error(
            `${name} exited before it was ready (code ${code}, signal ${signal}):\n${this.#tail.join('\n')}`,
          ),
        ),
      );
    });
    child.once('exit', (code, signal) => {
      live.delete(child);
      if (this.#child === child)
        this.#exitListener?.({ code, signal, tail: this.#tail.join('\n') });
    });
    exited.catch(() => undefined);
    try {
      await Promise.race([waitForEndpoint(endpoint, this.spec.readyTimeoutMs ?? 30_000), exited]);
    } catch (err) {
      child.kill('SIGKILL');
      throw err;
    }
  }

  /** SIGTERM, then SIGKILL if it has not gone within `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(timer);
  }
}
