import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { redisScript, type RedisScript } from '../../redis-script.js';
import type { HandledMessage } from './handler.js';

/**
 * A message answered "系统正在恢复，请稍后重发这条消息" may have been partly applied: a store went
 * down mid-turn for longer than the turn's retry, after some writes went through. The user then
 * sends the same words again, as a new message with a new msgid. That message is run under the
 * first one's msgid, the op key of its writes, so what the first run wrote is found rather than
 * written twice (and a dialog save that went through answers from there, as for a takeover).
 *
 * One record per user: the op key, a fingerprint of the words (and the chat), and which message
 * took it up. Only the next message counts: the same words map (and keep mapping for that very
 * message, should it be taken over); anything else drops the record, the user moved on.
 */
const TTL_SECONDS = 3_600;

// KEYS[1] the user's record; ARGV fingerprint, msgid. The op key to run under, or false.
const TAKE_UP = `
local raw = redis.call('GET', KEYS[1])
if not raw then return false end
local ok, rec = pcall(cjson.decode, raw)
if not ok or type(rec) ~= 'table' then
  redis.call('DEL', KEYS[1])
  return false
end
if rec.by == ARGV[2] then return rec.key end
if rec.by then return false end
if rec.fp == ARGV[1] then
  rec.by = ARGV[2]
  redis.call('SET', KEYS[1], cjson.encode(rec), 'KEEPTTL')
  return rec.key
end
redis.call('DEL', KEYS[1])
return false`;

export class Resends {
  readonly #redis: Redis;
  readonly #takeUp: RedisScript;

  constructor(redis: Redis) {
    this.#redis = redis;
    this.#takeUp = redisScript(redis, 'wecomResendTakeUp', 1, TAKE_UP);
  }

  static key(userid: string): string {
    return `wecom:resend:{${userid}}`;
  }

  /** `msg`, run under op key `opKey`, was answered `responderTexts.recovering`: its re-send maps to `opKey`. */
  async remember(msg: HandledMessage, opKey: string): Promise<void> {
    const fp = fingerprint(msg);
    if (!fp) return;
    await this.#redis.set(
      Resends.key(msg.from.userid),
      JSON.stringify({ key: opKey, fp }),
      'EX',
      TTL_SECONDS,
    );
  }

  /** `msg` as the handler should see it: under the earlier op key when it is the re-send. */
  async identity(msg: HandledMessage): Promise<HandledMessage> {
    const key = (await this.#takeUp(
      Resends.key(msg.from.userid),
      fingerprint(msg) ?? '',
      msg.msgid,
    )) as string | null;
    return key && key !== msg.msgid ? { ...msg, msgid: key } : msg;
  }
}

/** What makes two messages "the same words": type, chat and text; none for files and images. */
function fingerprint(msg: HandledMessage): string | undefined {
  let words: string;
  switch (msg.type) {
    case 'text':
    case 'voice':
      words = msg.text;
      break;
    case 'mixed':
      // An image counts as U+FFFC (object replacement): a mark nobody types, so a text item
      // never reads as an image.
      words = msg.items.map((i) => (i.type === 'text' ? i.text : '\uFFFC')).join('\n');
      break;
    default:
      return undefined;
  }
  const chat = msg.chattype === 'group' ? (msg.chatid ?? '') : '';
  return createHash('sha256').update(`${msg.type}\n${chat}\n${words.trim()}`).digest('base64url');
}
