import type { Redis } from 'ioredis';
import type { PassiveReply } from '../../wecom/replies.js';
import type { StreamOpening } from './streams.js';

/**
 * At-most-once handling per `msgid`. WeCom re-sends a callback it got no answer to (network
 * trouble, a slow reply), possibly while the first is still being handled, possibly to another
 * instance. The first arrival claims the msgid with `SET NX` and records what every later
 * arrival must answer with:
 *
 * - user messages: the stream id, fixed at claim time, so a repeat can answer at once with the
 *   same stream (its content comes from the stream registry);
 * - events: the reply, once the handler has produced it.
 *
 * The record lives well past WeCom's 6-minute stream window (default 15 minutes), so a late
 * repeat of a message whose stream is still being refreshed is still recognised.
 */
export interface DedupRecord {
  readonly streamId?: string;
  /** Set when the turn is done; `null` means "answer with an empty body". */
  readonly reply?: PassiveReply | null;
}

export type Claim =
  { readonly first: true } | { readonly first: false; readonly record: DedupRecord };

export interface MessageDedupOptions {
  /** At least 600; default 900. */
  readonly ttlSeconds?: number;
}

// KEYS[1] the claim, KEYS[2] the stream to open with it (KEYS[1] again when none);
// ARGV record JSON, claim TTL s, stream TTL ms, then the stream's field/value pairs.
// SET … NX GET (Redis 7) both claims and, on a repeat, reads the record.
const CLAIM = `
local previous = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'GET', 'EX', ARGV[2])
if previous then return previous end
if #ARGV > 3 then
  redis.call('HSET', KEYS[2], unpack(ARGV, 4))
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
end
return false`;

type ScriptFn = (...args: (string | number)[]) => Promise<unknown>;

export class MessageDedup {
  readonly #redis: Redis;
  readonly #ttlSeconds: number;
  readonly #claim: ScriptFn;

  constructor(redis: Redis, options: MessageDedupOptions = {}) {
    this.#redis = redis;
    this.#ttlSeconds = Math.max(600, options.ttlSeconds ?? 900);
    const commands = redis as unknown as Record<string, ScriptFn | undefined>;
    if (!commands.wecomDedupClaim) {
      redis.defineCommand('wecomDedupClaim', { numberOfKeys: 2, lua: CLAIM });
    }
    this.#claim = (...args) => commands.wecomDedupClaim!(...args);
  }

  static key(msgid: string): string {
    return `wecom:msgid:${msgid}`;
  }

  /**
   * Claims `msgid` with `record`; a repeat gets the record the first arrival stored. With
   * `stream`, the first arrival also opens that stream, in the same command, so the stream
   * exists before any repeat can read the claim.
   */
  async claim(msgid: string, record: DedupRecord, stream?: StreamOpening): Promise<Claim> {
    const key = MessageDedup.key(msgid);
    const previous = (await this.#claim(
      key,
      stream?.key ?? key,
      JSON.stringify(record),
      this.#ttlSeconds,
      stream?.ttlMs ?? 0,
      ...(stream?.fields ?? []),
    )) as string | null;
    return previous === null ? { first: true } : { first: false, record: parse(previous) };
  }

  /** Records the finished turn's reply for repeats (the record's TTL is kept). */
  async settle(msgid: string, record: DedupRecord): Promise<void> {
    await this.#redis.set(MessageDedup.key(msgid), JSON.stringify(record), 'KEEPTTL', 'XX');
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
