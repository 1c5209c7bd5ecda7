import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  WSAuthFailureError,
  WSClient,
  WSReconnectExhaustedError,
  type WsFrame,
} from '@wecom/aibot-node-sdk';
import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import { ConnectionLease } from './lease.js';

/**
 * The bot's long connection to WeCom, held by one instance at a time.
 *
 * We use the official SDK's `WSClient` as it is: it authenticates with `aibot_subscribe`, sends
 * `ping` heartbeats and treats two missed acks as a dead link, reconnects with exponential
 * backoff, bounds authentication retries (WSAuthFailureError), serialises replies per req_id and
 * waits for each ack, and honours `disconnected_event`. Its `wsUrl` option points it at the local
 * stand-in in tests. What it lacks is the multi-instance part, added here: a Redis lease decides
 * which instance connects; the lease is renewed on the heartbeat's rhythm; an instance that loses
 * it (or is kicked by a newer subscribe) drops its socket and stands by; a standby tries to take
 * the lease on every tick and connects when it lapses.
 */

export type LinkState =
  /** Another instance holds the connection (or nobody yet and this one will try next tick). */
  | 'standby'
  | 'connecting'
  | 'up'
  | 'reconnecting'
  /** WeCom refused the bot id / secret after the bounded retries: fix the variables, restart. */
  | 'auth_refused'
  | 'stopped';

export interface LinkStatus {
  readonly state: LinkState;
  /** This instance holds the lease. */
  readonly holder: boolean;
  /** Since when the state is what it is (ms since the epoch). */
  readonly since: number;
  /** Why the link is not up, in English, for /healthz and logs (no secrets). */
  readonly reason?: string;
  /** Times the socket came back after a drop, since start. */
  readonly reconnects: number;
  /** How long the last reconnect took, drop to authenticated (ms). */
  readonly lastReconnectMs?: number;
}

export interface LongConnectionOptions {
  readonly botId: string;
  readonly secret: string;
  readonly wsUrl: string;
  readonly redis: Redis;
  readonly log: Logger;
  /** Lease time: a dead holder is replaced at most this long after its last renewal. */
  readonly leaseMs?: number;
  /** SDK heartbeat interval; the lease is renewed on the same rhythm (at least 3× per lease). */
  readonly heartbeatMs?: number;
  readonly reconnectBaseMs?: number;
  readonly maxReconnectAttempts?: number;
  readonly maxAuthAttempts?: number;
  readonly leasePrefix?: string;
  readonly now?: () => number;
}

export const DEFAULT_LEASE_MS = 30_000;
export const DEFAULT_HEARTBEAT_MS = 10_000;

/** Emits `up` (the socket is authenticated), `down` (it is not any more) and `frame` (callbacks). */
export class LongConnection extends EventEmitter<{
  up: [];
  down: [reason: string];
  frame: [frame: WsFrame];
}> {
  readonly #o: LongConnectionOptions;
  readonly #lease: ConnectionLease;
  readonly #now: () => number;
  readonly #tickMs: number;
  #client: WSClient | undefined;
  #timer: NodeJS.Timeout | undefined;
  #holding = false;
  #ticking: Promise<void> | undefined;
  #state: LinkState = 'standby';
  #since: number;
  #reason: string | undefined;
  #reconnects = 0;
  #droppedAt: number | undefined;
  #lastReconnectMs: number | undefined;
  /** WeCom's words for the last refused subscribe, kept across the socket closes that follow. */
  #authFailure: string | undefined;

  constructor(options: LongConnectionOptions) {
    super();
    this.#o = options;
    this.#now = options.now ?? Date.now;
    this.#since = this.#now();
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.#tickMs = Math.min(options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS, Math.floor(leaseMs / 3));
    this.#lease = new ConnectionLease(options.redis, options.botId, {
      owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      ttlMs: leaseMs,
      ...(options.leasePrefix ? { prefix: options.leasePrefix } : {}),
    });
  }

  get owner(): string {
    return this.#lease.owner;
  }

  status(): LinkStatus {
    return {
      state: this.#state,
      holder: this.#holding,
      since: this.#since,
      ...(this.#reason ? { reason: this.#reason } : {}),
      reconnects: this.#reconnects,
      ...(this.#lastReconnectMs !== undefined ? { lastReconnectMs: this.#lastReconnectMs } : {}),
    };
  }

  /** The SDK client while the socket is authenticated; undefined otherwise. */
  get client(): WSClient | undefined {
    return this.#state === 'up' ? this.#client : undefined;
  }

  isUp(): boolean {
    return this.#state === 'up';
  }

  /** Resolves true as soon as the link is up, false after `timeoutMs`. */
  whenUp(timeoutMs: number): Promise<boolean> {
    if (this.isUp()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.off('up', onUp);
        resolve(false);
      }, timeoutMs);
      const onUp = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.once('up', onUp);
    });
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.#tick(), this.#tickMs);
    void this.#tick();
  }

  /**
   * Closes the socket and gives the lease back so a standby takes over at once. With
   * `keepLease` the lease is left to lapse, as a killed process leaves it (benchmarks, tests).
   */
  async stop(options: { keepLease?: boolean } = {}): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#ticking;
    this.#dropClient();
    this.#set('stopped', 'stopped');
    if (this.#holding && !options.keepLease) {
      this.#holding = false;
      await this.#lease.release().catch(() => undefined);
    }
  }

  /** One lease step: renew what we hold, or try to take a lapsed lease. Never two at once. */
  #tick(): Promise<void> {
    this.#ticking ??= this.#step().finally(() => (this.#ticking = undefined));
    return this.#ticking;
  }

  async #step(): Promise<void> {
    if (!this.#timer || this.#state === 'auth_refused') return;
    try {
      if (this.#holding) {
        if (await this.#lease.renew()) return;
        // Another instance holds it now (we were paused past the lease): it is theirs.
        this.#o.log.warn({ botId: this.#o.botId }, 'long connection: lease lost; standing by');
        this.#holding = false;
        this.#dropClient();
        this.#set('standby', 'another instance holds the connection');
        return;
      }
      if (!(await this.#lease.acquire())) {
        if (this.#state !== 'standby')
          this.#set('standby', 'another instance holds the connection');
        return;
      }
      this.#holding = true;
      this.#connect();
    } catch (err) {
      // Redis unreachable: keep whatever socket we have; WeCom itself allows only one anyway.
      this.#o.log.warn({ err: (err as Error).message }, 'long connection: lease check failed');
    }
  }

  #connect(): void {
    const o = this.#o;
    this.#set('connecting', 'connecting');
    const client = new WSClient({
      botId: o.botId,
      secret: o.secret,
      wsUrl: o.wsUrl,
      heartbeatInterval: o.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
      reconnectInterval: o.reconnectBaseMs ?? 1_000,
      maxReconnectAttempts: o.maxReconnectAttempts ?? 10,
      maxAuthFailureAttempts: o.maxAuthAttempts ?? 5,
      logger: sdkLogger(o.log),
    });
    this.#client = client;
    client.on('authenticated', () => {
      if (this.#client !== client) return;
      if (this.#droppedAt !== undefined) {
        this.#reconnects++;
        this.#lastReconnectMs = this.#now() - this.#droppedAt;
        o.log.info({ ms: this.#lastReconnectMs }, 'long connection: back up');
        this.#droppedAt = undefined;
      } else {
        o.log.info({ botId: o.botId }, 'long connection: up');
      }
      this.#authFailure = undefined;
      this.#set('up');
      this.emit('up');
    });
    client.on('disconnected', (reason: string) => {
      if (this.#client !== client) return;
      this.#droppedAt ??= this.#now();
      if (this.#state === 'up') this.emit('down', reason);
      if (this.#state !== 'auth_refused' && this.#state !== 'standby') {
        this.#set('reconnecting', `socket closed: ${reason}`);
      }
    });
    client.on('error', (err: Error) => this.#onError(client, err));
    client.on('message', (frame: WsFrame) => this.emit('frame', frame));
    client.on('event', (frame: WsFrame) => {
      const type = (frame.body as { event?: { eventtype?: string } } | undefined)?.event?.eventtype;
      if (type === 'disconnected_event') return this.#kicked(client);
      this.emit('frame', frame);
    });
    client.connect();
  }

  #onError(client: WSClient, err: Error): void {
    if (this.#client !== client) return;
    const log = this.#o.log;
    if (err instanceof WSAuthFailureError) {
      log.error(
        { botId: this.#o.botId, reason: this.#authFailure },
        'long connection: WeCom refused WECOM_BOT_ID / WECOM_BOT_SECRET; giving up until restart',
      );
      this.#set('auth_refused', `authentication refused: ${this.#authFailure ?? 'unknown'}`);
      this.#dropClient();
      this.#holding = false;
      void this.#lease.release().catch(() => undefined);
      return;
    }
    if (err instanceof WSReconnectExhaustedError) {
      log.error({ botId: this.#o.botId }, 'long connection: reconnects exhausted; lease given up');
      this.#dropClient();
      this.#holding = false;
      this.#set('standby', 'reconnects exhausted');
      void this.#lease.release().catch(() => undefined);
      return;
    }
    const auth = /^Authentication failed: (.*)$/.exec(err.message);
    if (auth) {
      // Kept for /healthz; the SDK retries a few times before WSAuthFailureError.
      this.#authFailure = auth[1];
      this.#reason = `authentication failed: ${auth[1]}`;
      log.warn({ botId: this.#o.botId, detail: auth[1] }, 'long connection: authentication failed');
      return;
    }
    log.warn({ err: err.message }, 'long connection: socket error');
  }

  /** A newer subscribe for this bot replaced our socket: whoever made it holds the bot now. */
  #kicked(client: WSClient): void {
    if (this.#client !== client) return;
    this.#o.log.warn({ botId: this.#o.botId }, 'long connection: replaced by a newer connection');
    this.#dropClient();
    const wasHolding = this.#holding;
    this.#holding = false;
    this.#set('standby', 'replaced by a newer connection');
    this.emit('down', 'replaced');
    if (wasHolding) void this.#lease.release().catch(() => undefined);
  }

  #dropClient(): void {
    const client = this.#client;
    this.#client = undefined;
    if (!client) return;
    const wasUp = this.#state === 'up';
    client.removeAllListeners();
    client.on('error', () => undefined);
    try {
      client.disconnect();
    } catch {
      // already closed
    }
    if (wasUp) this.emit('down', 'closed');
  }

  #set(state: LinkState, reason?: string): void {
    if (state === this.#state && reason === this.#reason) return;
    this.#state = state;
    this.#since = this.#now();
    this.#reason = state === 'up' ? undefined : reason;
  }
}

/** The SDK's log lines through pino; its debug lines carry message bodies, so they are dropped. */
function sdkLogger(log: Logger) {
  const child = log.child({ component: 'aibot-sdk' });
  const join = (message: string, args: unknown[]) =>
    [message, ...args.map((a) => (a instanceof Error ? a.message : String(a)))].join(' ');
  return {
    debug: () => undefined,
    info: (message: string, ...args: unknown[]) => child.debug(join(message, args)),
    warn: (message: string, ...args: unknown[]) => child.info(join(message, args)),
    error: (message: string, ...args: unknown[]) => child.warn(join(message, args)),
  };
}
