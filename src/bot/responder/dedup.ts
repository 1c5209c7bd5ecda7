import type { Redis } from 'ioredis';
import { redisScript, type RedisScript } from '../../redis-script.js';
import type { PassiveReply } from '../../wecom/replies.js';
import type { HandledMessage } from './handler.js';
import type { StreamOpening } from './streams.js';

/**
 * Exactly-once handling per `msgid`, across crashes. WeCom re-sends a callback it got no answer
 * to (network trouble, a slow reply, a bot that died mid-turn), possibly while the first is
 * still being handled, possibly to another instance. The first arrival claims the msgid with
 * `SET NX` and records:
 *
 * - the message itself, so that whoever finds its owner dead can run the turn again, and its
 *   ticket in the user's queue, so that the re-run keeps the dead turn's place;
 * - for user messages, the stream id fixed at claim time: every repeat answers with that stream,
 *   whose content (the recorded reply) comes from the stream registry;
 * - for events, the reply once the handler has produced it;
 * - `done` once the turn's effects are applied and its reply recorded.
 *
 * Beside the record, an owner lease (`…:owner`, a few seconds, renewed while the turn runs)
 * says the turn is in hand. A repeat that finds the record not done and no lease takes the turn
 * over and runs it again: safe, because every write a turn makes is idempotent by its op key
 * (msgid + position) and a turn whose dialog save went through answers from the dialog.
 *
 * The record lives well past WeCom's 6-minute stream window (default 15 minutes), so a late
 * repeat of a message whose stream is still being refreshed is still recognised.
 */
export interface DedupRecord {
  readonly streamId?: string;
  /** Set when the turn is done; `null` means "answer with an empty body". */
  readonly reply?: PassiveReply | null;
  /** The message, for a takeover. */
  readonly msg?: HandledMessage;
  /** The turn's ticket in its user's queue: a takeover adopts it rather than queue behind it. */
  readonly ticket?: string;
  /** The turn ran to the end: its effects are applied and its reply recorded. */
  readonly done?: boolean;
}

export type Claim =
  | { readonly kind: 'first' }
  /** The first owner died mid-turn: this caller now owns the turn and must run it. */
  | { readonly kind: 'takeover'; readonly record: DedupRecord }
  | { readonly kind: 'repeat'; readonly record: DedupRecord };

export interface MessageDedupOptions {
  /** At least 600; default 900. */
  readonly ttlSeconds?: number;
  /** How long an owner's lease lasts without renewal. Default 10 s. */
  readonly leaseMs?: number;
}

// KEYS[1] the record, KEYS[2] the stream to open with it (KEYS[1] again when none), KEYS[3] the
// owner lease, KEYS[4] the open turns; ARGV record JSON, record TTL s, stream TTL ms, owner,
// lease ms, msgid, then the stream's field/value pairs. SET … NX GET (Redis 7) both claims and,
// on a repeat, reads the record. A turn with a stream is listed among the open turns (score:
// Redis's clock, ms) until it is settled, for the sweep.
const CLAIM = `
local previous = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'GET', 'EX', ARGV[2])
if previous then
  local ok, rec = pcall(cjson.decode, previous)
  if ok and type(rec) == 'table' and rec.done ~= true and type(rec.msg) == 'table' then
    if redis.call('SET', KEYS[3], ARGV[4], 'NX', 'PX', ARGV[5]) then
      return {'takeover', previous}
    end
  end
  return {'repeat', previous}
end
redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[5])
if #ARGV > 6 then
  redis.call('HSET', KEYS[2], unpack(ARGV, 7))
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  local t = redis.call('TIME')
  redis.call('ZADD', KEYS[4], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), ARGV[6])
end
return {'first'}`;

// KEYS[1] the record, KEYS[2] the owner lease, KEYS[3] the open turns; ARGV owner, lease ms,
// msgid. A turn that is done or gone leaves the open turns.
const TAKE_OVER = `
local current = redis.call('GET', KEYS[1])
if not current then
  redis.call('ZREM', KEYS[3], ARGV[3])
  return false
end
local ok, rec = pcall(cjson.decode, current)
if not ok or type(rec) ~= 'table' or rec.done == true or type(rec.msg) ~= 'table' then
  redis.call('ZREM', KEYS[3], ARGV[3])
  return false
end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return current end
return false`;

// KEYS[1] the owner lease; ARGV owner, lease ms. Renews only one's own lease.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

// KEYS[1] the record, KEYS[2] the owner lease, KEYS[3] the open turns; ARGV the done record
// JSON, msgid.
const SETTLE = `
redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL', 'XX')
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[2])
return 1`;

export class MessageDedup {
  readonly #redis: Redis;
  readonly #ttlSeconds: number;
  readonly leaseMs: number;
  readonly #claim: RedisScript;
  readonly #takeOver: RedisScript;
  readonly #renew: RedisScript;
  readonly #settle: RedisScript;

  constructor(redis: Redis, options: MessageDedupOptions = {}) {
    this.#redis = redis;
    this.#ttlSeconds = Math.max(600, options.ttlSeconds ?? 900);
    this.leaseMs = options.leaseMs ?? 10_000;
    this.#claim = redisScript(redis, 'wecomDedupClaim3', 4, CLAIM);
    this.#takeOver = redisScript(redis, 'wecomDedupTakeOver2', 3, TAKE_OVER);
    this.#renew = redisScript(redis, 'wecomDedupRenew', 1, RENEW);
    this.#settle = redisScript(redis, 'wecomDedupSettle2', 3, SETTLE);
  }

  static key(msgid: string): string {
    return `wecom:msgid:${msgid}`;
  }

  static ownerKey(msgid: string): string {
    return `wecom:msgid:${msgid}:owner`;
  }

  /** The user-message turns claimed and not yet settled, by claim time (Redis's clock, ms). */
  static readonly OPEN_KEY = 'wecom:open-turns';

  /**
   * Claims `msgid` with `record` for `owner`; a repeat gets the record the first arrival stored,
   * or the turn itself when its owner's lease ran out. With `stream`, the first arrival also
   * opens that stream, in the same command, so the stream exists before any repeat can read it.
   */
  async claim(
    msgid: string,
    record: DedupRecord,
    owner: string,
    stream?: StreamOpening,
  ): Promise<Claim> {
    const key = MessageDedup.key(msgid);
    const answer = (await this.#claim(
      key,
      stream?.key ?? key,
      MessageDedup.ownerKey(msgid),
      MessageDedup.OPEN_KEY,
      JSON.stringify(record),
      this.#ttlSeconds,
      stream?.ttlMs ?? 0,
      owner,
      this.leaseMs,
      msgid,
      ...(stream?.fields ?? []),
    )) as [string, string?];
    const [kind, previous] = answer;
    if (kind === 'first') return { kind: 'first' };
    const parsed = parse(previous ?? '');
    return kind === 'takeover'
      ? { kind: 'takeover', record: parsed }
      : { kind: 'repeat', record: parsed };
  }

  /** Takes an unfinished turn whose owner is gone (a stream refresh found it); its record. */
  async takeOver(msgid: string, owner: string): Promise<DedupRecord | undefined> {
    const raw = (await this.#takeOver(
      MessageDedup.key(msgid),
      MessageDedup.ownerKey(msgid),
      MessageDedup.OPEN_KEY,
      owner,
      this.leaseMs,
      msgid,
    )) as string | null;
    return raw ? parse(raw) : undefined;
  }

  /** Keeps `owner`'s lease alive; false when it is no longer the owner. */
  async renew(msgid: string, owner: string): Promise<boolean> {
    return Number(await this.#renew(MessageDedup.ownerKey(msgid), owner, this.leaseMs)) === 1;
  }

  /** Records the finished turn (done, with its reply for events) and drops the lease. */
  async settle(msgid: string, record: Omit<DedupRecord, 'done'>): Promise<void> {
    await this.#settle(
      MessageDedup.key(msgid),
      MessageDedup.ownerKey(msgid),
      MessageDedup.OPEN_KEY,
      JSON.stringify({ ...record, done: true }),
      msgid,
    );
  }

  /**
   * Open turns claimed at least `ageMs` ago (at most `limit`, oldest first), for the sweep;
   * entries older than the record's lifetime are dropped on the way.
   */
  async openTurns(ageMs: number, limit = 20): Promise<string[]> {
    const [seconds, micros] = await this.#redis.time();
    const nowMs = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    await this.#redis.zremrangebyscore(
      MessageDedup.OPEN_KEY,
      '-inf',
      nowMs - this.#ttlSeconds * 1000,
    );
    return this.#redis.zrangebyscore(
      MessageDedup.OPEN_KEY,
      '-inf',
      nowMs - ageMs,
      'LIMIT',
      0,
      limit,
    );
  }

  async get(msgid: string): Promise<DedupRecord | undefined> {
    const raw = await this.#redis.get(MessageDedup.key(msgid));
    return raw === null ? undefined : parse(raw);
  }
}

function parse(raw: string): DedupRecord {
  try {
    return JSON.parse(raw) as DedupRecord;
  } catch {
    return {};
  }
}
