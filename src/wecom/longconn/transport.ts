import type { WsFrame } from '@wecom/aibot-node-sdk';
import type { Logger } from '../../logger.js';
import { CallbackDecodeError, decodeCallback, type IncomingMessage } from '../incoming.js';
import type { ActiveReply, PassiveReply } from '../replies.js';
import { withFileKey } from '../file-download.js';
import type { ResponseUrlSender } from '../response-url.js';
import type { ChatPusher } from './chat-pusher.js';
import type { LongConnection } from './connection.js';

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
 *   accepts replies to a callback for 24 h); if that fails too, the final content is pushed into
 *   the chat with `aibot_send_msg`, so an answer is never lost.
 */

/** Something that answers a decoded message as the callback route does. */
export interface Respond {
  respond(msg: IncomingMessage): Promise<PassiveReply | null>;
}

export interface WsTransportOptions {
  readonly link: LongConnection;
  readonly responder: Respond;
  readonly pusher: ChatPusher;
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
  constructor(
    private readonly pusher: ChatPusher,
    private readonly link: Pick<LongConnection, 'whenUp'> | undefined,
    private readonly fallback: ResponseUrlSender,
    private readonly waitMs = 30_000,
  ) {}

  async send(url: string, reply: ActiveReply): Promise<void> {
    if (!url.startsWith(SCHEME)) return this.fallback.send(url, reply);
    const chat = decodeURIComponent(url.slice(SCHEME.length));
    if (reply.msgtype !== 'markdown') throw new Error('only markdown is pushed to a chat');
    await this.link?.whenUp(this.waitMs);
    await this.pusher.sendMarkdown(chat, reply.markdown.content);
  }
}

type ReplyCmd = 'aibot_respond_msg' | 'aibot_respond_welcome_msg' | 'aibot_respond_update_msg';

export class WsTransport {
  readonly #o: WsTransportOptions;
  readonly #running = new Set<Promise<void>>();
  readonly #interval: number;

  constructor(options: WsTransportOptions) {
    this.#o = options;
    this.#interval = options.followIntervalMs ?? 400;
    options.link.on('frame', (frame) => {
      const p = this.#handle(frame).catch((err: unknown) =>
        options.log.error({ err: (err as Error).message }, 'long connection: frame not handled'),
      );
      this.#running.add(p);
      void p.finally(() => this.#running.delete(p));
    });
  }

  /** Waits (at most `timeoutMs`) for messages still being answered. */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = new Promise((r) => setTimeout(r, timeoutMs).unref());
    await Promise.race([Promise.allSettled([...this.#running]), deadline]);
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
      await this.#reply(reqId, 'aibot_respond_update_msg', reply);
      return;
    }
    if (msg.type === 'enter_chat') {
      await this.#reply(reqId, 'aibot_respond_welcome_msg', reply);
      return;
    }
    if (!('stream' in reply)) {
      await this.#reply(reqId, 'aibot_respond_msg', reply);
      return;
    }
    await this.#stream(reqId, msg, chat, reply);
  }

  /** Sends the first stream frame, then each change, until the stream is finished. */
  async #stream(
    reqId: string,
    msg: IncomingMessage,
    chat: string,
    first: Extract<PassiveReply, { stream: unknown }>,
  ): Promise<void> {
    const { log } = this.#o;
    let last = first;
    let sent = await this.#reply(reqId, 'aibot_respond_msg', first);
    const until = Date.now() + (this.#o.followBudgetMs ?? 370_000);
    while (!last.stream.finish && Date.now() < until) {
      await new Promise((r) => setTimeout(r, this.#interval));
      const now = await this.#o.responder.respond({
        msgid: `${msg.msgid}#follow`,
        aibotid: msg.aibotid,
        chattype: msg.chattype,
        ...(msg.chatid ? { chatid: msg.chatid } : {}),
        from: msg.from,
        type: 'stream_refresh',
        streamId: first.stream.id,
      });
      if (!now || !('stream' in now)) break;
      const changed =
        now.stream.content !== last.stream.content ||
        now.stream.finish !== last.stream.finish ||
        now.msgtype !== last.msgtype;
      if (!changed) continue;
      // The stream id and feedback belong to the first frame; later frames repeat the id only.
      const frame = { ...now, stream: { ...now.stream, feedback: undefined } };
      sent = await this.#reply(reqId, 'aibot_respond_msg', frame);
      last = now;
    }
    if (last.stream.finish && sent) return;
    if (!last.stream.finish) {
      log.warn({ msgid: msg.msgid }, 'long connection: stream still open past its budget');
      return;
    }
    // The final frame could not go out on the callback: push it into the chat instead.
    try {
      await this.#o.pusher.sendMarkdown(chat, last.stream.content);
      log.info({ msgid: msg.msgid }, 'long connection: final answer pushed with aibot_send_msg');
    } catch (err) {
      log.error(
        { msgid: msg.msgid, err: (err as Error).message },
        'long connection: final answer lost',
      );
    }
  }

  /**
   * One reply frame, acknowledged. A refused frame (errcode) is logged and reported as not sent;
   * a socket error waits for the link to come back and tries once more.
   */
  async #reply(reqId: string, cmd: ReplyCmd, body: unknown): Promise<boolean> {
    const { link, log } = this.#o;
    for (let attempt = 1; attempt <= 2; attempt++) {
      const client = link.client;
      if (!client) {
        if (attempt === 2 || !(await link.whenUp(this.#o.reconnectWaitMs ?? 30_000))) return false;
        continue;
      }
      try {
        await client.reply({ headers: { req_id: reqId } }, body as never, cmd);
        return true;
      } catch (err) {
        const errcode = (err as { errcode?: unknown }).errcode;
        if (typeof errcode === 'number') {
          log.warn(
            { reqId, cmd, errcode, errmsg: (err as { errmsg?: unknown }).errmsg },
            'long connection: WeCom refused a reply frame',
          );
          return false;
        }
        log.info({ reqId, cmd, err: (err as Error).message }, 'long connection: reply not sent');
        if (attempt === 2 || !(await link.whenUp(this.#o.reconnectWaitMs ?? 30_000))) return false;
      }
    }
    return false;
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
