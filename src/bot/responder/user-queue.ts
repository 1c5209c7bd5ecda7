import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { redisScript, type RedisScript } from '../../redis-script.js';

/**
 * Applies one user's turns one at a time, in arrival order, across every bot instance sharing
 * the Redis. WeCom lets a user have three messages in flight; each gets a ticket at the tail of
 * the user's list, and a turn runs when its ticket is at the head.
 *
 * Crash safety: every ticket has a lease (a deadline in a sorted set, on Redis's clock, so
 * instances' clocks do not matter) that its holder keeps renewing while it waits and runs. A
 * head whose lease has run out is dropped by whoever looks next, so a crashed instance delays
 * the user by at most one lease, never forever. Both keys expire when nobody renews them.
 */
export interface UserQueueOptions {
  /** How long a ticket survives without renewal. Default 30 s. */
  readonly leaseMs?: number;
  /** How long a turn may wait for its turn before giving up. Default 5 minutes. */
  readonly maxWaitMs?: number;
  /** Polling backoff while waiting. Defaults 5 ms → 100 ms. */
  readonly pollMinMs?: number;
  readonly pollMaxMs?: number;
}

/** The turn never got to run: it waited too long, or its ticket was dropped (lease lost). */
export class QueueWaitError extends Error {
  constructor(readonly reason: 'timeout' | 'lost') {
    super(reason === 'timeout' ? 'waited too long for the user queue' : 'queue ticket was lost');
    this.name = 'QueueWaitError';
  }
}

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// Returns 1 when ARGV[1] holds the head, 0 when it must wait, -1 when it is no longer queued.
// Renews the caller's lease and drops expired heads on the way.
const TRY = `
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then return -1 end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[2]) * 2)
while true do
  local head = redis.call('LINDEX', KEYS[1], 0)
  if not head then return -1 end
  if head == ARGV[1] then return 1 end
  local lease = redis.call('ZSCORE', KEYS[2], head)
  if lease and tonumber(lease) >= now then return 0 end
  redis.call('LPOP', KEYS[1])
  redis.call('ZREM', KEYS[2], head)
end`;

const ENQUEUE = `${NOW}
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[1])
${TRY}`;

const TRY_ACQUIRE = `${NOW}
${TRY}`;

// A ticket still queued keeps its place (its lease renewed by TRY); one already dropped goes to
// the tail again under the same name.
const ADOPT = `${NOW}
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  redis.call('RPUSH', KEYS[1], ARGV[1])
  redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[1])
end
${TRY}`;

const RELEASE = `
redis.call('LREM', KEYS[1], 1, ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class UserQueue {
  readonly #redis: Redis;
  readonly #leaseMs: number;
  readonly #maxWaitMs: number;
  readonly #pollMinMs: number;
  readonly #pollMaxMs: number;
  readonly #enqueue: RedisScript;
  readonly #try: RedisScript;
  readonly #release: RedisScript;
  readonly #adopt: RedisScript;

  constructor(redis: Redis, options: UserQueueOptions = {}) {
    this.#redis = redis;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#maxWaitMs = options.maxWaitMs ?? 300_000;
    this.#pollMinMs = options.pollMinMs ?? 5;
    this.#pollMaxMs = options.pollMaxMs ?? 100;
    this.#enqueue = redisScript(redis, 'wecomUserQueueEnqueue', 2, ENQUEUE);
    this.#try = redisScript(redis, 'wecomUserQueueTry', 2, TRY_ACQUIRE);
    this.#release = redisScript(redis, 'wecomUserQueueRelease', 2, RELEASE);
    this.#adopt = redisScript(redis, 'wecomUserQueueAdopt', 2, ADOPT);
  }

  static keys(user: string): [string, string] {
    // The hash tag keeps both keys in one slot should the Redis be a cluster.
    return [`wecom:userq:{${user}}`, `wecom:userq:{${user}}:leases`];
  }

  /** How many turns of `user` are queued or running. */
  depth(user: string): Promise<number> {
    return this.#redis.llen(UserQueue.keys(user)[0]);
  }

  /**
   * Takes a place at the tail of `user`'s queue. The command is sent at once (so it can travel
   * with whatever else the caller sends in the same tick); wait for the place's turn with
   * `turn()`, and always give it up with `leave()`.
   */
  enter(user: string): QueuePlace {
    const ticket = randomUUID();
    return this.#place(user, ticket, this.#enqueue(...UserQueue.keys(user), ticket, this.#leaseMs));
  }

  /**
   * Takes over `ticket`, a place whose holder died (a turn taken over): it keeps its place in
   * the queue, usually the head, instead of queueing behind its own dead ticket until that
   * lease runs out; a ticket already dropped joins the tail again. Used like {@link enter}.
   */
  adopt(user: string, ticket: string): QueuePlace {
    return this.#place(user, ticket, this.#adopt(...UserQueue.keys(user), ticket, this.#leaseMs));
  }

  #place(user: string, ticket: string, entered: Promise<unknown>): QueuePlace {
    const keys = UserQueue.keys(user);
    const started = Date.now();
    // A place left without waiting for its turn must not leave a rejection unhandled.
    entered.catch(() => undefined);
    let renew: NodeJS.Timeout | undefined;
    let left = false;
    const refresh = () => this.#try(...keys, ticket, this.#leaseMs);
    return {
      ticket,
      turn: async () => {
        let state = Number(await entered);
        let delay = this.#pollMinMs;
        while (state === 0 && !left) {
          if (Date.now() - started > this.#maxWaitMs) throw new QueueWaitError('timeout');
          await sleep(delay);
          delay = Math.min(delay * 1.5, this.#pollMaxMs);
          state = Number(await refresh());
        }
        if (state !== 1 || left) throw new QueueWaitError('lost');
        renew = setInterval(
          () => void refresh().catch(() => undefined),
          Math.max(10, Math.floor(this.#leaseMs / 3)),
        );
        renew.unref();
      },
      leave: () => {
        if (left) return;
        left = true;
        clearInterval(renew);
        // Sent, not awaited: the caller's next commands on this connection travel with it and
        // Redis runs them in order. Should Redis be away, the lease runs out instead.
        void this.#release(...keys, ticket).catch(() => undefined);
      },
    };
  }

  /**
   * Runs `work` once every earlier turn of `user` is done, holding the user's place until it
   * settles. Turns run in the order their places reach Redis (on one connection, the order of
   * the calls). Throws {@link QueueWaitError} when the turn never got to run.
   */
  async run<T>(user: string, work: () => Promise<T>): Promise<T> {
    const place = this.enter(user);
    try {
      await place.turn();
      return await work();
    } finally {
      place.leave();
    }
  }
}

/** A turn's place in its user's queue. */
export interface QueuePlace {
  /** Its name in the queue, recorded with the turn so that a takeover can {@link UserQueue.adopt} it. */
  readonly ticket: string;
  /** Resolves when every earlier turn is done; rejects with {@link QueueWaitError}. */
  turn(): Promise<void>;
  /** Gives the place up: after the turn, or instead of it. Safe to call more than once. */
  leave(): void;
}
