import type { WSClient, WsFrame } from '@wecom/aibot-node-sdk';
import type { Logger } from '../../logger.js';
import { errcodeAction } from '../outbound/errcodes.js';
import { WeComApiError, WeComNetworkError, WeComPayloadError } from '../outbound/errors.js';
import { secretHash } from '../outbound/key-hash.js';
import { fitUtf8, utf8Bytes } from '../outbound/limits.js';
import type { GateDecision, RateGate, RateWindow } from '../outbound/rate-gate.js';
import {
  backoffDelay,
  DEFAULT_RATE_LIMIT_RETRY,
  realSleep,
  type BackoffPolicy,
  type Sleep,
} from '../outbound/retry.js';

/**
 * WeCom's limit on the long connection: 30 messages a minute and 1 000 an hour per
 * conversation, replies and pushes together (wecom-protocol.md §7, from the 智能机器人长连接
 * page). Like the webhook's gate each window runs a second longer than WeCom's, so jitter
 * cannot push one message over.
 */
export const AIBOT_CHAT_RATE: RateWindow = Object.freeze({ limit: 30, windowMs: 61_000 });
export const AIBOT_CHAT_HOURLY: RateWindow = Object.freeze({ limit: 1_000, windowMs: 3_601_000 });

/**
 * Several windows over the same buckets: a slot is taken when every window has room. A window
 * that refuses leaves the slots of those before it taken, which only ever errs on the slow side.
 */
export class AllWindows implements RateGate {
  constructor(private readonly gates: readonly RateGate[]) {}

  async tryAcquire(bucket: string): Promise<GateDecision> {
    for (const gate of this.gates) {
      const decision = await gate.tryAcquire(bucket);
      if (!decision.acquired) return decision;
    }
    return { acquired: true };
  }
}

/** aibot_send_msg markdown: at most 20 480 UTF-8 bytes. */
export const SEND_MARKDOWN_MAX_BYTES = 20_480;

/** The socket is not up on this instance; the caller falls back to the group webhook. */
export class LongConnectionDownError extends Error {
  constructor() {
    super('the long connection is not up on this instance');
    this.name = 'LongConnectionDownError';
  }
}

export interface ChatPusherOptions {
  /** The SDK client while the socket is up (LongConnection.client). */
  readonly client: () => WSClient | undefined;
  /**
   * The conversations' message budget, shared with the replies (the transport takes a slot for
   * each new reply): Redis-backed in production, AIBOT_CHAT_RATE and AIBOT_CHAT_HOURLY.
   */
  readonly gate: RateGate;
  readonly rateLimitRetry?: BackoffPolicy;
  readonly sleep?: Sleep;
  readonly random?: () => number;
  readonly log?: Logger;
}

/**
 * Pushes into a chat over the long connection (`aibot_send_msg`): markdown (with `<@userid>`
 * mentions), and files uploaded in chunks first (`aibot_upload_media_*`, through the SDK). Every
 * message takes a slot of the conversation's rate gate first; a 45009 is backed off like the
 * webhook's. A chat is the group's chatid, or a userid for a single chat.
 */
export class ChatPusher {
  readonly #o: ChatPusherOptions;
  readonly #sleep: Sleep;

  constructor(options: ChatPusherOptions) {
    this.#o = options;
    this.#sleep = options.sleep ?? realSleep;
  }

  /** True when this instance holds an authenticated socket. */
  available(): boolean {
    return this.#o.client() !== undefined;
  }

  /** Markdown into the chat; `mentions` become `<@userid>` at the end of the first line. */
  async sendMarkdown(
    chat: string,
    content: string,
    mentions: readonly string[] = [],
  ): Promise<void> {
    const text = withMentions(content, mentions);
    if (text.trim() === '')
      throw new WeComPayloadError('aibot_send_msg', 'markdown.content', 'is empty');
    const body = {
      msgtype: 'markdown',
      markdown: { content: fitUtf8(text, SEND_MARKDOWN_MAX_BYTES) },
    };
    await this.#call(chat, (client) => client.sendMessage(chat, body as never));
  }

  /** Uploads the bytes (chunked, ≤ 512 KB each) and sends them as a file message. */
  async sendFile(chat: string, file: { filename: string; data: Buffer }): Promise<string> {
    const client = this.#client();
    let mediaId: string;
    try {
      mediaId = (await client.uploadMedia(file.data, { type: 'file', filename: file.filename }))
        .media_id;
    } catch (err) {
      throw asError('aibot_upload_media', err);
    }
    await this.#call(chat, (c) => c.sendMediaMessage(chat, 'file', mediaId));
    return mediaId;
  }

  /** Uploads a PNG or JPG (type image) and sends it as an image message into the chat. */
  async sendImage(chat: string, image: Buffer): Promise<string> {
    const client = this.#client();
    const filename = image[0] === 0xff ? 'chart.jpg' : 'chart.png';
    let mediaId: string;
    try {
      mediaId = (await client.uploadMedia(image, { type: 'image', filename })).media_id;
    } catch (err) {
      throw asError('aibot_upload_media', err);
    }
    await this.#call(chat, (c) => c.sendMediaMessage(chat, 'image', mediaId));
    return mediaId;
  }

  #client(): WSClient {
    const client = this.#o.client();
    if (!client) throw new LongConnectionDownError();
    return client;
  }

  async #call(chat: string, send: (client: WSClient) => Promise<WsFrame>): Promise<void> {
    const policy = this.#o.rateLimitRetry ?? DEFAULT_RATE_LIMIT_RETRY;
    for (let retry = 1; ; retry++) {
      await this.takeSlot(chat);
      try {
        await send(this.#client());
        return;
      } catch (err) {
        const error = asError('aibot_send_msg', err);
        const rateLimited =
          error instanceof WeComApiError && errcodeAction(error.errcode) === 'rate_limited';
        if (!rateLimited || retry > policy.maxRetries) throw error;
        const delay = backoffDelay(policy, retry, this.#o.random ?? Math.random);
        this.#o.log?.warn(
          { retry, delayMs: delay },
          'aibot_send_msg rate limited (45009); backing off',
        );
        await this.#sleep(delay);
      }
    }
  }

  /**
   * Waits for a slot of the conversation's budget. Every message that appears in the chat takes
   * one: pushes here, and replies in the transport (WeCom counts both).
   */
  async takeSlot(chat: string): Promise<void> {
    const bucket = secretHash(chat);
    for (;;) {
      const decision = await this.#o.gate.tryAcquire(bucket);
      if (decision.acquired) return;
      await this.#sleep(decision.retryAfterMs);
    }
  }
}

/** `<@a> <@b>` after the first line: how WeCom markdown mentions a member. */
export function withMentions(content: string, mentions: readonly string[]): string {
  const ids = [...new Set(mentions)].filter((m) => /^[\w.@-]+$/.test(m));
  if (ids.length === 0) return content;
  const tags = ids.map((m) => `<@${m}>`).join(' ');
  const room = SEND_MARKDOWN_MAX_BYTES - utf8Bytes(`\n${tags}`);
  return `${fitUtf8(content, room)}\n${tags}`;
}

/** The SDK rejects with the ack frame (`{errcode, errmsg}`) or with an Error (socket gone). */
function asError(endpoint: string, err: unknown): Error {
  const frame = err as Partial<WsFrame> | undefined;
  if (frame && typeof frame === 'object' && typeof frame.errcode === 'number') {
    return new WeComApiError(endpoint, frame.errcode, String(frame.errmsg ?? ''));
  }
  if (err instanceof LongConnectionDownError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new WeComNetworkError(
    endpoint,
    /timeout/i.test(message) ? 'timeout' : 'connection',
    message.slice(0, 120),
    1,
  );
}
