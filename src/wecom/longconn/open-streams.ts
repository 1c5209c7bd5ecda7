import type { Redis } from 'ioredis';
import type { MessageEnvelope } from '../incoming.js';
import { ConnectionLease } from './lease.js';

/**
 * The streams this bot is answering over the long connection, kept in Redis so that they
 * survive the instance that follows them. On the socket WeCom sends no refresh callbacks: the
 * bot pushes every update of a stream itself, so a holder that dies mid-answer would leave the
 * stream open forever. With each stream recorded here (the callback's req_id, the chat, the
 * stream id, the msgid and what WeCom last accepted) whoever holds the connection next finds
 * it and completes it. A follower lease per stream (`…:follow:<msgid>`, renewed while it
 * follows) says the stream is in hand; a stream without one is free to be taken.
 */

/** One stream being answered, as the next follower needs it. */
export interface OpenStream {
  readonly msgid: string;
  /** The callback's req_id: replies are tied to it. */
  readonly reqId: string;
  /** The group's chatid, or the userid of a single chat: where a push goes instead. */
  readonly chat: string;
  readonly streamId: string;
  /** The envelope a refresh of this stream is asked with. */
  readonly envelope: Pick<MessageEnvelope, 'aibotid' | 'chattype' | 'chatid' | 'from'>;
  /**
   * The last frame WeCom accepted; `null` until the first one is acknowledged (the record is
   * written before the first frame leaves, so a holder dying in between leaves it too).
   */
  readonly sent: { readonly content: string; readonly finish: boolean } | null;
  /** When the first frame went out (WeCom's six minutes count from there). */
  readonly startedAt: number;
}

export interface OpenStreamsOptions {
  /** How long a follower's lease lasts without renewal. */
  readonly followLeaseMs?: number;
  readonly prefix?: string;
}

export const DEFAULT_FOLLOW_LEASE_MS = 5_000;

export class OpenStreams {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #prefix: string;
  readonly followLeaseMs: number;

  constructor(redis: Redis, botId: string, options: OpenStreamsOptions = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? 'wecom:ws-streams:';
    this.#key = `${this.#prefix}${botId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    this.followLeaseMs = options.followLeaseMs ?? DEFAULT_FOLLOW_LEASE_MS;
  }

  async save(stream: OpenStream): Promise<void> {
    await this.#redis.hset(this.#key, stream.msgid, JSON.stringify(stream));
  }

  async remove(msgid: string): Promise<void> {
    await this.#redis.hdel(this.#key, msgid);
  }

  async list(): Promise<OpenStream[]> {
    const all = await this.#redis.hvals(this.#key);
    return all.flatMap((raw) => {
      try {
        return [JSON.parse(raw) as OpenStream];
      } catch {
        return [];
      }
    });
  }

  /** The follower lease of one stream, for `owner`. */
  followLease(msgid: string, owner: string): ConnectionLease {
    return new ConnectionLease(this.#redis, msgid, {
      owner,
      ttlMs: this.followLeaseMs,
      prefix: `${this.#key}:follow:`,
    });
  }
}
