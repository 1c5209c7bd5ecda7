import type { WsFrame } from '@wecom/aibot-node-sdk';
import type { Logger } from '../../logger.js';
import { CallbackDecodeError, decodeCallback, type IncomingMessage } from '../incoming.js';
import type { ActiveReply, PassiveReply } from '../replies.js';
import { withFileKey } from '../file-download.js';
import type { ResponseUrlSender } from '../response-url.js';
import type { ChatPusher } from './chat-pusher.js';
import type { LongConnection } from './connection.js';
import type { OpenStream, OpenStreams } from './open-streams.js';
import { ReplyFrames } from './reply-frames.js';
import { StreamFollower, withoutImages } from './stream-follower.js';

/**
 * Messages over the long connection, answered by the same Responder as callbacks (same msgid
 * de-duplication, per-user ordering, streams, timeouts and 20 KB limits). Differences from the
 * URL callback, and how they are bridged:
 *
 * - WeCom sends no stream-refresh callbacks on the socket: the bot pushes each update itself
 *   (`aibot_respond_msg` with the same stream id, `finish:true` at the end). The transport asks
 *   the Responder for the stream's current state the way a refresh callback would, and sends
 *   what changed.
 * - Replies travel as frames tied to the callback's req_id: `aibot_respond_msg` for streams and
 *   cards, `aibot_respond_welcome_msg` for `enter_chat`, `aibot_respond_update_msg` for card
 *   updates.
 * - There is no response_url to fall back to; late results go into the chat with
 *   `aibot_send_msg` instead. The transport gives each message a chat address (see
 *   {@link chatAddress}) in place of the response_url, and {@link ChatAddressSender} delivers
 *   to it.
 * - A socket that drops mid-stream: the update is sent again once the socket is back (WeCom
 *   accepts replies to a callback for 24 h); a refused frame's final content is pushed into the
 *   chat with `aibot_send_msg`. Open streams are recorded in Redis, so when the holder itself
 *   dies the next holder completes them (see stream-follower.ts): an answer is never lost.
 */

import type { Respond } from './respond.js';

export type { Respond } from './respond.js';

export interface WsTransportOptions {
  readonly link: LongConnection;
  readonly responder: Respond;
  readonly pusher: ChatPusher;
  /** Where open streams are recorded for the next holder. */
  readonly streams: OpenStreams;
  readonly log: Logger;
  /** How often an open stream is looked at for news. */
  readonly followIntervalMs?: number;
  /** WeCom closes a stream 6 minutes after its first frame; give up following a little later. */
  readonly followBudgetMs?: number;
  /** How long a reply waits for a dropped socket to come back before it is pushed instead. */
  readonly reconnectWaitMs?: number;
}

const SCHEME = 'aibot-chat:';

/** The pseudo response_url of a long-connection message: where its late result goes. */
export function chatAddress(chat: string): string {
  return SCHEME + encodeURIComponent(chat);
}

/**
 * The Responder's late-result sender: chat addresses go into the chat through the long
 * connection (waiting a little for it to be up); real response_urls to `fallback`.
 */
export class ChatAddressSender implements ResponseUrlSender {
  readonly #pusher: ChatPusher;
  readonly #link: Pick<LongConnection, 'whenUp'> | undefined;
  readonly #fallback: ResponseUrlSender;
  readonly #waitMs: number;

  constructor(
    pusher: ChatPusher,
    link: Pick<LongConnection, 'whenUp'> | undefined,
    fallback: ResponseUrlSender,
    waitMs = 30_000,
  ) {
    this.#pusher = pusher;
    this.#link = link;
    this.#fallback = fallback;
    this.#waitMs = waitMs;
  }

  async send(url: string, reply: ActiveReply): Promise<void> {
    if (!url.startsWith(SCHEME)) return this.#fallback.send(url, reply);
    const chat = decodeURIComponent(url.slice(SCHEME.length));
    if (reply.msgtype !== 'markdown') throw new Error('only markdown is pushed to a chat');
    await this.#link?.whenUp(this.#waitMs);
    await this.#pusher.sendMarkdown(chat, reply.markdown.content);
  }
}

export class WsTransport {
  readonly #o: WsTransportOptions;
  readonly #running = new Set<Promise<void>>();
  readonly #frames: ReplyFrames;
  readonly #follower: StreamFollower;
  #sweep: NodeJS.Timeout | undefined;

  constructor(options: WsTransportOptions) {
    this.#o = options;
    const { link, log } = options;
    this.#frames = new ReplyFrames({
      link,
      log,
      ...(options.reconnectWaitMs !== undefined
        ? { reconnectWaitMs: options.reconnectWaitMs }
        : {}),
    });
    this.#follower = new StreamFollower({
      link,
      responder: options.responder,
      pusher: options.pusher,
      frames: this.#frames,
      streams: options.streams,
      log,
      ...(options.followIntervalMs !== undefined ? { intervalMs: options.followIntervalMs } : {}),
      ...(options.followBudgetMs !== undefined ? { budgetMs: options.followBudgetMs } : {}),
    });
    link.on('frame', (frame) => {
      const p = this.#handle(frame).catch((err: unknown) =>
        log.error({ err: (err as Error).message }, 'long connection: frame not handled'),
      );
      this.#running.add(p);
      void p.finally(() => this.#running.delete(p));
    });
    // Streams another holder left unfinished: looked for when the socket comes up, and every
    // follower-lease period after (a follower that died on this very holder's watch).
    const resume = () =>
      void this.#follower
        .resume()
        .catch((err: unknown) =>
          log.warn({ err: (err as Error).message }, 'long connection: open streams not read'),
        );
    link.on('up', resume);
    this.#sweep = setInterval(resume, options.streams.followLeaseMs);
    this.#sweep.unref();
  }

  /** Waits (at most `timeoutMs`) for messages still being answered. */
  async drain(timeoutMs = 10_000): Promise<void> {
    clearInterval(this.#sweep);
    this.#sweep = undefined;
    const deadline = new Promise((r) => setTimeout(r, timeoutMs).unref());
    await Promise.race([Promise.allSettled([...this.#running]), deadline]);
    await this.#follower.drain(timeoutMs);
  }

  async #handle(frame: WsFrame): Promise<void> {
    const reqId = frame.headers.req_id;
    let decoded: IncomingMessage;
    try {
      decoded = decodeCallback(JSON.stringify(withFileKeys(frame.body)));
    } catch (err) {
      if (!(err instanceof CallbackDecodeError)) throw err;
      this.#o.log.warn({ reqId, detail: err.message }, 'long connection: frame not understood');
      return;
    }
    if (decoded.type === 'stream_refresh') return; // never sent on the socket
    const chat = decoded.chatid ?? decoded.from.userid;
    const msg = { ...decoded, responseUrl: chatAddress(chat) } as IncomingMessage;
    const reply = await this.#o.responder.respond(msg);
    if (!reply) return;
    if ('response_type' in reply) {
      // A card update changes a message already in the chat: no new message, no slot.
      await this.#frames.send(reqId, 'aibot_respond_update_msg', reply);
      return;
    }
    // Every other reply is a new message in the chat and counts against the conversation's
    // 30 a minute like a push (WeCom: replies and pushes together); a stream's later frames
    // update the same message and take none.
    await this.#o.pusher.takeSlot(chat);
    if (msg.type === 'enter_chat') {
      await this.#frames.send(reqId, 'aibot_respond_welcome_msg', reply);
      return;
    }
    if (!('stream' in reply)) {
      await this.#frames.send(reqId, 'aibot_respond_msg', reply);
      return;
    }
    await this.#stream(reqId, msg, chat, reply);
  }

  /** Sends the first stream frame; an open stream is recorded and followed to its end. */
  async #stream(
    reqId: string,
    msg: IncomingMessage,
    chat: string,
    first: Extract<PassiveReply, { stream: unknown }>,
  ): Promise<void> {
    const open: OpenStream = {
      msgid: msg.msgid,
      reqId,
      chat,
      streamId: first.stream.id,
      envelope: {
        aibotid: msg.aibotid,
        chattype: msg.chattype,
        ...(msg.chatid ? { chatid: msg.chatid } : {}),
        from: msg.from,
      },
      sent: null,
      startedAt: Date.now(),
    };
    await this.#follower.begin(open, first.stream, () =>
      this.#frames.send(reqId, 'aibot_respond_msg', withoutImages(first)),
    );
  }
}

/** A file's own key (`file.aeskey` on the socket) moved into its URL, where the downloader looks. */
function withFileKeys(body: unknown): unknown {
  const b = body as { msgtype?: unknown; file?: { url?: unknown; aeskey?: unknown } } | undefined;
  if (
    b?.msgtype !== 'file' ||
    typeof b.file?.url !== 'string' ||
    typeof b.file.aeskey !== 'string'
  ) {
    return body ?? {};
  }
  return { ...b, file: { ...b.file, url: withFileKey(b.file.url, b.file.aeskey) } };
}
