import type { Redis } from 'ioredis';
import { redisScript, type RedisScript } from '../../redis-script.js';
import type { StreamImage, TemplateCard } from '../../wecom/replies.js';

/**
 * The stream registry: what each open `stream` answer shows, kept in Redis so any bot instance
 * can answer WeCom's refresh callbacks. One hash per stream id:
 * content so far, finished flag, response_url, owner, created-at, and an optional card that
 * goes out once with the finished stream.
 *
 * A finished stream never changes again: `write` and `finish` are no-ops on a finished stream,
 * so whichever of "the work completed" and "the time budget ran out" comes first wins, once.
 */
export interface StreamState {
  readonly id: string;
  readonly content: string;
  readonly finished: boolean;
  /** The user who sent the message; refreshes from anyone else are refused. */
  readonly userid: string;
  readonly responseUrl?: string;
  /** Milliseconds since the epoch, when the user's message arrived. */
  readonly createdAt: number;
  readonly feedbackId?: string;
  readonly card?: TemplateCard;
  /** Images under the finished answer (`msg_item`); set only when it finishes. */
  readonly images?: readonly StreamImage[];
  /** The message whose answer this is, so a refresh can find a turn whose owner died. */
  readonly msgid?: string;
}

export interface StreamRegistryOptions {
  /** How long a stream is kept; WeCom polls for 6 minutes, so keep it well beyond. */
  readonly ttlSeconds?: number;
}

// KEYS[1] stream hash; ARGV ttl ms, then field/value pairs.
const CREATE = `
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

// KEYS[1] stream hash; ARGV content, finished flag, card JSON, ttl ms, feedback id, images
// JSON ('' = none).
const UPDATE_OPEN = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HGET', KEYS[1], 'f') == '1' then return 0 end
redis.call('HSET', KEYS[1], 'c', ARGV[1], 'f', ARGV[2])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'card', ARGV[3]) end
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'fb', ARGV[5]) end
if ARGV[6] ~= '' then redis.call('HSET', KEYS[1], 'img', ARGV[6]) end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`;

/** Set along with new content. */
export interface StreamExtras {
  readonly card?: TemplateCard;
  readonly feedbackId?: string;
  /** Kept only when the stream finishes with them. */
  readonly images?: readonly StreamImage[];
}

/** A new stream as Redis writes it, for callers that create it inside a larger script. */
export interface StreamOpening {
  readonly key: string;
  readonly ttlMs: number;
  /** Field/value pairs for HSET. */
  readonly fields: readonly string[];
}

export class StreamRegistry {
  readonly #redis: Redis;
  readonly #ttlMs: number;
  readonly #update: RedisScript;
  readonly #create: RedisScript;

  constructor(redis: Redis, options: StreamRegistryOptions = {}) {
    this.#redis = redis;
    this.#ttlMs = (options.ttlSeconds ?? 900) * 1000;
    this.#update = redisScript(redis, 'wecomStreamUpdate', 1, UPDATE_OPEN);
    this.#create = redisScript(redis, 'wecomStreamCreate', 1, CREATE);
  }

  static key(id: string): string {
    return `wecom:stream:${id}`;
  }

  /** How to write a new, open stream; see {@link create}. */
  opening(state: Omit<StreamState, 'finished' | 'card' | 'feedbackId'>): StreamOpening {
    const fields = ['c', state.content, 'f', '0', 'o', state.userid, 't', String(state.createdAt)];
    if (state.responseUrl) fields.push('u', state.responseUrl);
    if (state.msgid) fields.push('m', state.msgid);
    return { key: StreamRegistry.key(state.id), ttlMs: this.#ttlMs, fields };
  }

  async create(state: Omit<StreamState, 'finished' | 'card' | 'feedbackId'>): Promise<void> {
    const { key, ttlMs, fields } = this.opening(state);
    await this.#create(key, ttlMs, ...fields);
  }

  async get(id: string): Promise<StreamState | undefined> {
    const h = await this.#redis.hgetall(StreamRegistry.key(id));
    if (!h.t) return undefined;
    return {
      id,
      content: h.c ?? '',
      finished: h.f === '1',
      userid: h.o ?? '',
      createdAt: Number(h.t),
      ...(h.u ? { responseUrl: h.u } : {}),
      ...(h.fb ? { feedbackId: h.fb } : {}),
      ...(h.m ? { msgid: h.m } : {}),
      ...(h.card ? { card: JSON.parse(h.card) as TemplateCard } : {}),
      ...(h.img ? { images: JSON.parse(h.img) as StreamImage[] } : {}),
    };
  }

  /** Replaces the content of an open stream; false when it is finished or gone. */
  write(id: string, content: string, extras: StreamExtras = {}): Promise<boolean> {
    return this.#set(id, content, false, extras);
  }

  /** Finishes an open stream with its final content; false when it was finished or is gone. */
  finish(id: string, content: string, extras: StreamExtras = {}): Promise<boolean> {
    return this.#set(id, content, true, extras);
  }

  async #set(id: string, content: string, finish: boolean, extras: StreamExtras) {
    const result = await this.#update(
      StreamRegistry.key(id),
      content,
      finish ? '1' : '0',
      extras.card ? JSON.stringify(extras.card) : '',
      this.#ttlMs,
      extras.feedbackId ?? '',
      finish && extras.images?.length ? JSON.stringify(extras.images) : '',
    );
    return result === 1;
  }

  /** True exactly once per stream: the caller may send the stream's card. */
  async claimCard(id: string): Promise<boolean> {
    return (await this.#redis.hsetnx(StreamRegistry.key(id), 'cs', '1')) === 1;
  }
}
