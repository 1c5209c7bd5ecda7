import type { Logger } from '../logger.js';
import type { ChildExit, ChildServer } from './child.js';

export type SupervisedState = 'starting' | 'up' | 'restarting' | 'failed' | 'stopped';

/** What /healthz says about one embedded server. */
export interface SupervisedStatus {
  readonly state: SupervisedState;
  /** Restarts since the bot started. */
  readonly restarts: number;
  /** Why it last went down (exit code or signal), if it ever did. */
  readonly lastExit?: string;
}

export interface SupervisorOptions {
  /** Called once when the server cannot be kept up; the bot should stop and exit non-zero. */
  readonly onGiveUp: (reason: Error) => void;
  /** Consecutive failed restarts before giving up. Default 5. */
  readonly maxFailures?: number;
  /** First backoff; doubled per consecutive failure up to `maxBackoffMs`. Default 250 ms. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A restart that stays up this long ends the failure streak. Default 10 s. */
  readonly stableMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Keeps an embedded server running the way a service manager would: a child that exits when
 * nobody asked it to is restarted after a backoff (clients reconnect on their own: ioredis and
 * the MongoDB driver both retry), and after `maxFailures` restarts in a row that did not stay
 * up, it gives up with the reason, so the bot exits non-zero and whatever runs it can act.
 */
export class Supervisor {
  #state: SupervisedState = 'starting';
  #restarts = 0;
  #failures = 0;
  #lastExit: string | undefined;
  #readyAt = 0;
  #stopping = false;
  readonly #maxFailures: number;
  readonly #backoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #stableMs: number;

  readonly #log: Logger;
  readonly #options: SupervisorOptions;

  constructor(
    readonly server: ChildServer,
    log: Logger,
    options: SupervisorOptions,
  ) {
    this.#log = log;
    this.#options = options;
    this.#maxFailures = options.maxFailures ?? 5;
    this.#backoffMs = options.backoffMs ?? 250;
    this.#maxBackoffMs = options.maxBackoffMs ?? 5_000;
    this.#stableMs = options.stableMs ?? 10_000;
    server.onExit((exit) => void this.#exited(exit));
  }

  get name(): string {
    return this.server.spec.name;
  }

  status(): SupervisedStatus {
    return {
      state: this.#state,
      restarts: this.#restarts,
      ...(this.#lastExit ? { lastExit: this.#lastExit } : {}),
    };
  }

  /** Takes over a server already started (a failure of the first start is the caller's). */
  markUp(): void {
    this.#state = 'up';
    this.#readyAt = Date.now();
    if (!this.server.running) void this.#exited({ code: null, signal: null, tail: '' });
  }

  /**
   * Watches the server through a client's eyes: when `probe` keeps failing for `failAfterMs`
   * while the process runs (a server that hangs or drops every connection), it is killed, and
   * restarted like any server that died.
   */
  watch(probe: () => Promise<boolean>, failAfterMs = 15_000, everyMs = 2_000): void {
    let failingSince: number | undefined;
    const timer = setInterval(() => {
      if (this.#stopping) return clearInterval(timer);
      if (this.#state !== 'up' || !this.server.running) {
        failingSince = undefined;
        return;
      }
      void probe()
        .catch(() => false)
        .then((ok) => {
          if (ok || this.#state !== 'up') {
            failingSince = undefined;
            return;
          }
          failingSince ??= Date.now();
          if (Date.now() - failingSince < failAfterMs) return;
          failingSince = undefined;
          this.#log.error(
            { child: this.name, failingMs: failAfterMs },
            '%s runs but does not answer; killing it to restart it',
            this.name,
          );
          const pid = this.server.pid;
          if (pid) process.kill(pid, 'SIGKILL');
        });
    }, everyMs);
    timer.unref();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#state = 'stopped';
    await this.server.stop();
  }

  async #exited(exit: ChildExit): Promise<void> {
    if (this.#stopping || this.#state !== 'up') return;
    this.#lastExit = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
    const quick = Date.now() - this.#readyAt < this.#stableMs;
    this.#failures = quick ? this.#failures + 1 : 1;
    this.#state = 'restarting';
    this.#log.error(
      { child: this.name, exit: this.#lastExit, output: exit.tail.slice(-2_000) },
      '%s exited unexpectedly; restarting it',
      this.name,
    );
    for (;;) {
      if (this.#failures > this.#maxFailures) {
        this.#state = 'failed';
        const reason = new Error(
          `${this.name} could not be kept running: ${this.#maxFailures} restarts in a row failed (last: ${this.#lastExit})`,
        );
        this.#log.fatal({ child: this.name, exit: this.#lastExit }, reason.message);
        this.#options.onGiveUp(reason);
        return;
      }
      await sleep(Math.min(this.#backoffMs * 2 ** (this.#failures - 1), this.#maxBackoffMs));
      if (this.#stopping) return;
      try {
        this.#restarts += 1;
        await this.server.start();
        if (this.#stopping) {
          await this.server.stop();
          return;
        }
        this.#state = 'up';
        this.#readyAt = Date.now();
        this.#log.warn({ child: this.name, restarts: this.#restarts }, '%s is back up', this.name);
        return;
      } catch (err) {
        this.#lastExit = (err as Error).message.split('\n')[0];
        this.#failures += 1;
        this.#log.error({ child: this.name, err }, '%s did not restart', this.name);
      }
    }
  }
}
