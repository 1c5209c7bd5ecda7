import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { checkReplyFrame, type OpenCallback, type Refusal } from './wecom-ws-rules.js';

/**
 * A local stand-in of WeCom's long-connection endpoint (`wss://openws.work.weixin.qq.com`,
 * wecom-protocol.md §7), for tests and the terminal simulator. It speaks the frames the official
 * SDK speaks: `aibot_subscribe` (bot id + secret), `ping`, inbound `aibot_msg_callback` /
 * `aibot_event_callback`, and the bot's `aibot_respond_msg`, `aibot_respond_welcome_msg`,
 * `aibot_respond_update_msg`, `aibot_send_msg` and `aibot_upload_media_*`. Every frame the bot
 * sends is acknowledged with `{headers:{req_id}, errcode, errmsg}`; what WeCom would refuse is
 * refused with the errcode WeCom uses (see wecom-ws-rules.ts), and recorded either way.
 *
 * Like WeCom it keeps one live connection per bot: a newer subscribe gets the older socket a
 * `disconnected_event` and closes it. Callbacks that a connection took but never answered are
 * delivered again (same msgid, new req_id) to the next connection of the bot, which is how the
 * bot's msgid de-duplication gets exercised across reconnects and takeovers.
 */

export interface WsStandinOptions {
  /** bot id → secret; a subscribe with anything else is refused. */
  readonly bots: Readonly<Record<string, string>>;
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly now?: () => number;
}

/** One frame the bot sent, with the answer given (undefined: not answered). */
export interface ReceivedFrame {
  readonly at: number;
  readonly botId: string | undefined;
  readonly connection: number;
  readonly cmd: string;
  readonly reqId: string;
  readonly body: unknown;
  readonly errcode: number | undefined;
  readonly errmsg: string | undefined;
}

/** What a chat member would see: an accepted reply or pushed message. */
export interface ChatDelivery {
  readonly at: number;
  readonly botId: string;
  /** The group's chatid, or the userid of a single chat. */
  readonly chat: string;
  readonly via: 'reply' | 'welcome' | 'update' | 'send';
  /** For replies: the callback answered. */
  readonly reqId?: string;
  readonly body: Record<string, unknown>;
}

export interface UploadedMedia {
  readonly mediaId: string;
  readonly type: string;
  readonly filename: string;
  readonly data: Buffer;
}

/** A user as the stand-in plays them. */
export interface WsSender {
  readonly userid: string;
  readonly chattype?: 'single' | 'group';
  readonly chatid?: string;
}

interface Conn {
  readonly id: number;
  readonly ws: WebSocket;
  botId?: string;
}

interface Upload {
  readonly type: string;
  readonly filename: string;
  readonly totalSize: number;
  readonly totalChunks: number;
  readonly md5: string;
  readonly chunks: Map<number, Buffer>;
  readonly createdAt: number;
}

/** WeCom asks to subscribe rarely ("rate-protected"); more than this per minute per bot: 45009. */
const SUBSCRIBES_PER_MINUTE = 30;
/** Per conversation, replies and pushes combined (wecom-protocol.md §7). */
const CHAT_PER_MINUTE = 30;
const CHAT_PER_HOUR = 1_000;
const UPLOAD_CHUNK_MAX = 512 * 1024;
const UPLOAD_CHUNKS_MAX = 100;
const UPLOAD_SESSION_MS = 30 * 60_000;

export class WeComWsStandin {
  /** Every frame the bot sent, in arrival order. */
  readonly received: ReceivedFrame[] = [];
  /** Accepted replies and pushes, as chat members would see them. */
  readonly deliveries: ChatDelivery[] = [];
  readonly media = new Map<string, UploadedMedia>();

  readonly #server: WebSocketServer;
  readonly #bots: Map<string, string>;
  readonly #now: () => number;
  readonly #conns = new Set<Conn>();
  /** The live, authenticated connection of each bot. */
  readonly #live = new Map<string, Conn>();
  readonly #open = new Map<string, OpenCallback>();
  /** Conversations a user has written in: only there may the bot push (wecom-protocol.md §7). */
  readonly #chats = new Set<string>();
  readonly #chatSends = new Map<string, number[]>();
  readonly #subscribes = new Map<string, number[]>();
  readonly #uploads = new Map<string, Upload>();
  readonly #waiters = new Set<() => void>();
  #nextConn = 1;
  #heartbeatAnswered = true;
  #scripted: Array<{ cmd: string; errcode: number; errmsg: string }> = [];
  #dropOn: ((cmd: string, body: Record<string, unknown>) => boolean) | undefined;

  private constructor(server: WebSocketServer, options: WsStandinOptions) {
    this.#server = server;
    this.#bots = new Map(Object.entries(options.bots));
    this.#now = options.now ?? Date.now;
    server.on('connection', (ws) => this.#accept(ws));
  }

  static async start(options: WsStandinOptions): Promise<WeComWsStandin> {
    const server = new WebSocketServer({
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
    });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    return new WeComWsStandin(server, options);
  }

  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `ws://127.0.0.1:${port}`;
  }

  /** Authenticated connections right now (WeCom keeps at most one per bot). */
  liveConnections(botId?: string): number {
    return botId ? (this.#live.has(botId) ? 1 : 0) : this.#live.size;
  }

  /** Which of the stand-in's connections holds the bot (a number that grows with each socket). */
  liveConnectionId(botId: string): number | undefined {
    return this.#live.get(botId)?.id;
  }

  /** Changes a bot's secret: the next subscribe with the old one is refused. */
  setSecret(botId: string, secret: string): void {
    this.#bots.set(botId, secret);
  }

  /** Stops (or resumes) answering `ping`, as a dead link would. */
  answerHeartbeats(answer: boolean): void {
    this.#heartbeatAnswered = answer;
  }

  /** The next frame with `cmd` is refused with this errcode (e.g. -1 system busy). */
  refuseNext(cmd: string, errcode: number, errmsg = 'refused by test'): void {
    this.#scripted.push({ cmd, errcode, errmsg });
  }

  /**
   * The next frame matching `when` is lost with the socket: the connection drops before the frame
   * is read or answered (a network failure mid-stream).
   */
  dropOnFrame(when: (cmd: string, body: Record<string, unknown>) => boolean): void {
    this.#dropOn = when;
  }

  /** Drops the bot's sockets without a close frame, as a network failure would. */
  drop(botId?: string): void {
    for (const conn of this.#conns) {
      if (!botId || conn.botId === botId) conn.ws.terminate();
    }
  }

  /** A user's text message to the bot; resolves to its req_id once it went out. */
  async text(
    botId: string,
    from: WsSender,
    content: string,
    msgid: string = randomUUID(),
  ): Promise<string> {
    return this.callback(botId, 'aibot_msg_callback', {
      msgid,
      aibotid: botId,
      ...envelope(from),
      msgtype: 'text',
      text: { content: from.chattype === 'group' ? `@报告助手 ${content}` : content },
    });
  }

  /** An event (`enter_chat`, `template_card_event`, …); resolves to its req_id. */
  async event(
    botId: string,
    from: WsSender,
    eventtype: string,
    payload: Record<string, unknown> = {},
  ): Promise<string> {
    return this.callback(botId, 'aibot_event_callback', {
      msgid: randomUUID(),
      create_time: Math.floor(this.#now() / 1000),
      aibotid: botId,
      ...envelope(from),
      msgtype: 'event',
      event: { eventtype, ...(Object.keys(payload).length ? { [eventtype]: payload } : {}) },
    });
  }

  /** Sends a callback frame over the bot's live connection; waits for one if there is none yet. */
  async callback(
    botId: string,
    cmd: 'aibot_msg_callback' | 'aibot_event_callback',
    body: Record<string, unknown>,
  ): Promise<string> {
    const conn = await this.#waitFor(() => this.#live.get(botId), 10_000, 'a live connection');
    const reqId = `${cmd}_${randomUUID()}`;
    const from = body.from as { userid: string };
    const chat = typeof body.chatid === 'string' ? body.chatid : from.userid;
    const event = (body.event as { eventtype?: string } | undefined)?.eventtype;
    this.#chats.add(`${botId}/${chat}`);
    this.#open.set(reqId, {
      reqId,
      botId,
      cmd,
      chat,
      msgid: String(body.msgid),
      kind: cmd === 'aibot_event_callback' ? (event ?? 'event') : 'message',
      sentAt: this.#now(),
      answered: false,
      body,
    });
    conn.ws.send(JSON.stringify({ cmd, headers: { req_id: reqId }, body }));
    return reqId;
  }

  /** Accepted replies to one callback, in order. */
  replies(reqId: string): ChatDelivery[] {
    return this.deliveries.filter((d) => d.reqId === reqId);
  }

  /** Replies to any callback that carried this msgid (a re-delivery gets a new req_id). */
  repliesToMsg(msgid: string): ChatDelivery[] {
    const reqIds = new Set(
      [...this.#open.values()].filter((c) => c.msgid === msgid).map((c) => c.reqId),
    );
    return this.deliveries.filter((d) => d.reqId !== undefined && reqIds.has(d.reqId));
  }

  /** Messages the bot pushed (aibot_send_msg) into a chat. */
  pushed(chat: string): Array<Record<string, unknown>> {
    return this.deliveries.filter((d) => d.via === 'send' && d.chat === chat).map((d) => d.body);
  }

  /**
   * The finished stream's content for a callback's msgid: from the `finish:true` reply, or, when
   * the stream could not be finished, from a markdown the bot pushed into the same chat after it.
   */
  async finalText(msgid: string, timeoutMs = 20_000): Promise<string> {
    return this.#waitFor(
      () => {
        const done = this.repliesToMsg(msgid).find((d) => streamOf(d.body)?.finish === true);
        return done ? String(streamOf(done.body)!.content) : undefined;
      },
      timeoutMs,
      `the final reply to ${msgid}`,
    );
  }

  /** A user's text, and the bot's finished answer to it. */
  async say(botId: string, from: WsSender, content: string): Promise<string> {
    const msgid = randomUUID();
    await this.text(botId, from, content, msgid);
    return this.finalText(msgid);
  }

  /** Resolves when `probe` returns something; rejects after `timeoutMs`. */
  async #waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const first = probe();
    if (first !== undefined) return first;
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`stand-in: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
    });
  }

  /** Resolves once `probe` holds (any recorded change re-checks it). */
  until<T>(probe: () => T | undefined | false, timeoutMs = 20_000, what = 'condition'): Promise<T> {
    return this.#waitFor(() => probe() || undefined, timeoutMs, what);
  }

  #changed(): void {
    for (const check of [...this.#waiters]) check();
  }

  async close(): Promise<void> {
    for (const conn of this.#conns) conn.ws.terminate();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // ---- the socket side ----------------------------------------------------------------------

  #accept(ws: WebSocket): void {
    const conn: Conn = { id: this.#nextConn++, ws };
    this.#conns.add(conn);
    ws.on('message', (data) => this.#frame(conn, data.toString()));
    ws.on('close', () => {
      this.#conns.delete(conn);
      if (conn.botId && this.#live.get(conn.botId) === conn) this.#live.delete(conn.botId);
      this.#changed();
    });
    ws.on('error', () => undefined);
  }

  #frame(conn: Conn, raw: string): void {
    let frame: { cmd?: unknown; headers?: { req_id?: unknown }; body?: unknown };
    try {
      frame = JSON.parse(raw) as typeof frame;
    } catch {
      this.#record(conn, '', '', raw, 40058, 'invalid Request Parameter: not JSON');
      return;
    }
    const cmd = typeof frame.cmd === 'string' ? frame.cmd : '';
    const reqId = typeof frame.headers?.req_id === 'string' ? frame.headers.req_id : '';
    const answer = (errcode: number, errmsg: string, body?: Record<string, unknown>) => {
      this.#record(conn, cmd, reqId, frame.body, errcode, errmsg);
      if (conn.ws.readyState === conn.ws.OPEN) {
        conn.ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg, body }));
      }
    };
    if (!reqId) return answer(40058, 'invalid Request Parameter: headers.req_id missing');
    if (cmd === 'aibot_subscribe') return this.#subscribe(conn, frame.body, answer);
    if (!conn.botId || this.#live.get(conn.botId) !== conn) {
      return answer(40058, 'invalid Request Parameter: not subscribed');
    }
    if (cmd === 'ping') {
      if (!this.#heartbeatAnswered) return this.#record(conn, cmd, reqId, undefined, undefined, '');
      return answer(0, 'ok');
    }
    const scripted = this.#scripted.findIndex((s) => s.cmd === cmd);
    if (scripted >= 0) {
      const [s] = this.#scripted.splice(scripted, 1);
      return answer(s!.errcode, s!.errmsg);
    }
    const body = (frame.body ?? {}) as Record<string, unknown>;
    if (this.#dropOn?.(cmd, body)) {
      this.#dropOn = undefined;
      this.#record(conn, cmd, reqId, body, undefined, 'dropped with the connection');
      conn.ws.terminate();
      return;
    }
    if (cmd.startsWith('aibot_upload_media_')) return this.#upload(cmd, body, answer);
    if (cmd === 'aibot_send_msg') return this.#send(conn.botId, body, answer);
    const callback = this.#open.get(reqId);
    const refusal = checkReplyFrame(cmd, body, callback, conn.botId, this.#now());
    if (refusal) return answer(refusal.errcode, refusal.errmsg);
    const cb = callback!;
    if (cmd === 'aibot_respond_msg' && !cb.answered && !this.#takeChatSlot(cb.botId, cb.chat)) {
      return answer(45009, 'api freq out of limit');
    }
    cb.answered = true;
    const via =
      cmd === 'aibot_respond_welcome_msg'
        ? 'welcome'
        : cmd === 'aibot_respond_update_msg'
          ? 'update'
          : 'reply';
    this.deliveries.push({ at: this.#now(), botId: cb.botId, chat: cb.chat, via, reqId, body });
    answer(0, 'ok');
    this.#changed();
  }

  #subscribe(
    conn: Conn,
    rawBody: unknown,
    answer: (errcode: number, errmsg: string) => void,
  ): void {
    const body = (rawBody ?? {}) as { bot_id?: unknown; secret?: unknown };
    const botId = typeof body.bot_id === 'string' ? body.bot_id : '';
    const secret = this.#bots.get(botId);
    // Codes as WeCom answers them [community: errmsgs seen in WeCom's own CLI and plug-in issues].
    if (secret === undefined) return answer(93019, 'invalid bot_id');
    if (!takeSlot(this.#subscribes, botId, this.#now(), SUBSCRIBES_PER_MINUTE, 60_000)) {
      return answer(45009, 'api freq out of limit');
    }
    if (body.secret !== secret) {
      return answer(853000, 'signature is incorrect, please check if the bot secret is correct');
    }
    const previous = this.#live.get(botId);
    conn.botId = botId;
    this.#live.set(botId, conn);
    answer(0, 'ok');
    if (previous && previous !== conn) this.#kick(previous);
    this.#redeliver(botId, conn);
    this.#changed();
  }

  /** One live connection per bot: the older one is told, then closed. */
  #kick(conn: Conn): void {
    const body = {
      msgid: randomUUID(),
      create_time: Math.floor(this.#now() / 1000),
      aibotid: conn.botId,
      msgtype: 'event',
      event: { eventtype: 'disconnected_event' },
    };
    conn.ws.send(
      JSON.stringify({
        cmd: 'aibot_event_callback',
        headers: { req_id: `kick_${randomUUID()}` },
        body,
      }),
    );
    conn.ws.close(1000, 'new connection established');
  }

  /** Message callbacks never answered go to the new connection again, with a new req_id. */
  #redeliver(botId: string, conn: Conn): void {
    for (const cb of [...this.#open.values()]) {
      if (cb.botId !== botId || cb.answered || cb.redelivered || cb.kind !== 'message') continue;
      cb.redelivered = true;
      const reqId = `${cb.cmd}_${randomUUID()}`;
      this.#open.set(reqId, { ...cb, reqId, sentAt: this.#now(), redelivered: false });
      conn.ws.send(JSON.stringify({ cmd: cb.cmd, headers: { req_id: reqId }, body: cb.body }));
    }
  }

  #send(
    botId: string,
    body: Record<string, unknown>,
    answer: (errcode: number, errmsg: string) => void,
  ): void {
    const chat = typeof body.chatid === 'string' ? body.chatid : '';
    const refusal = checkSendBody(body, this.media);
    if (refusal) return answer(refusal.errcode, refusal.errmsg);
    if (!this.#chats.has(`${botId}/${chat}`)) {
      // WeCom: a user must have written to the bot in that conversation first.
      return answer(40058, 'invalid Request Parameter: no conversation with this chatid');
    }
    if (!this.#takeChatSlot(botId, chat)) return answer(45009, 'api freq out of limit');
    this.deliveries.push({ at: this.#now(), botId, chat, via: 'send', body });
    answer(0, 'ok');
    this.#changed();
  }

  #takeChatSlot(botId: string, chat: string): boolean {
    const key = `${botId}/${chat}`;
    const now = this.#now();
    const hour = (this.#chatSends.get(key) ?? []).filter((t) => t > now - 3_600_000);
    this.#chatSends.set(key, hour);
    if (hour.filter((t) => t > now - 60_000).length >= CHAT_PER_MINUTE) return false;
    if (hour.length >= CHAT_PER_HOUR) return false;
    hour.push(now);
    return true;
  }

  #upload(
    cmd: string,
    body: Record<string, unknown>,
    answer: (errcode: number, errmsg: string, body?: Record<string, unknown>) => void,
  ): void {
    const now = this.#now();
    if (cmd === 'aibot_upload_media_init') {
      const { type, filename, total_size, total_chunks, md5 } = body;
      if (
        !['file', 'image', 'voice', 'video'].includes(String(type)) ||
        typeof filename !== 'string' ||
        typeof total_size !== 'number' ||
        typeof total_chunks !== 'number' ||
        typeof md5 !== 'string' ||
        total_chunks < 1 ||
        total_chunks > UPLOAD_CHUNKS_MAX
      ) {
        return answer(40058, 'invalid Request Parameter: upload init');
      }
      const uploadId = randomUUID();
      this.#uploads.set(uploadId, {
        type: String(type),
        filename,
        totalSize: total_size,
        totalChunks: total_chunks,
        md5,
        chunks: new Map(),
        createdAt: now,
      });
      return answer(0, 'ok', { upload_id: uploadId });
    }
    const upload = this.#uploads.get(String(body.upload_id));
    if (!upload || now - upload.createdAt > UPLOAD_SESSION_MS) {
      return answer(40058, 'invalid Request Parameter: unknown or expired upload_id');
    }
    if (cmd === 'aibot_upload_media_chunk') {
      const index = body.chunk_index;
      const data = Buffer.from(String(body.base64_data ?? ''), 'base64');
      if (typeof index !== 'number' || index < 0 || index >= upload.totalChunks) {
        return answer(40058, 'invalid Request Parameter: chunk_index');
      }
      if (data.byteLength === 0 || data.byteLength > UPLOAD_CHUNK_MAX) {
        return answer(40058, 'invalid Request Parameter: chunk size');
      }
      upload.chunks.set(index, data);
      return answer(0, 'ok');
    }
    if (cmd === 'aibot_upload_media_finish') {
      const parts = Array.from({ length: upload.totalChunks }, (_, i) => upload.chunks.get(i));
      if (parts.some((p) => !p)) return answer(40058, 'invalid Request Parameter: chunks missing');
      const data = Buffer.concat(parts as Buffer[]);
      if (data.byteLength !== upload.totalSize || md5(data) !== upload.md5) {
        return answer(40058, 'invalid Request Parameter: size or md5 mismatch');
      }
      const mediaId = `media_${randomUUID()}`;
      this.media.set(mediaId, { mediaId, type: upload.type, filename: upload.filename, data });
      this.#uploads.delete(String(body.upload_id));
      return answer(0, 'ok', {
        type: upload.type,
        media_id: mediaId,
        created_at: String(Math.floor(now / 1000)),
      });
    }
    return answer(40008, 'invalid message type');
  }

  #record(
    conn: Conn,
    cmd: string,
    reqId: string,
    body: unknown,
    errcode: number | undefined,
    errmsg: string | undefined,
  ): void {
    this.received.push({
      at: this.#now(),
      botId: conn.botId,
      connection: conn.id,
      cmd,
      reqId,
      // Chunks are recorded by size only: the bytes are in `media` once the upload finishes.
      body:
        cmd === 'aibot_upload_media_chunk'
          ? {
              ...(body as object),
              base64_data: `<${String((body as { base64_data?: string }).base64_data ?? '').length} chars>`,
            }
          : body,
      errcode,
      errmsg,
    });
    this.#changed();
  }
}

function envelope(from: WsSender): Record<string, unknown> {
  const chattype = from.chattype ?? (from.chatid ? 'group' : 'single');
  return {
    chattype,
    ...(chattype === 'group' ? { chatid: from.chatid ?? 'group' } : {}),
    from: { userid: from.userid },
  };
}

function streamOf(
  body: Record<string, unknown>,
): { content?: unknown; finish?: unknown } | undefined {
  return body.stream as { content?: unknown; finish?: unknown } | undefined;
}

function md5(data: Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

function takeSlot(
  windows: Map<string, number[]>,
  key: string,
  now: number,
  limit: number,
  windowMs: number,
): boolean {
  const times = (windows.get(key) ?? []).filter((t) => t > now - windowMs);
  windows.set(key, times);
  if (times.length >= limit) return false;
  times.push(now);
  return true;
}

function checkSendBody(
  body: Record<string, unknown>,
  media: ReadonlyMap<string, UploadedMedia>,
): Refusal | undefined {
  if (typeof body.chatid !== 'string' || body.chatid === '') {
    return { errcode: 40058, errmsg: 'invalid Request Parameter: chatid' };
  }
  switch (body.msgtype) {
    case 'markdown': {
      const content = (body.markdown as { content?: unknown } | undefined)?.content;
      if (typeof content !== 'string' || content === '') {
        return { errcode: 44004, errmsg: 'empty content' };
      }
      if (Buffer.byteLength(content, 'utf8') > 20_480) {
        return { errcode: 40058, errmsg: 'invalid Request Parameter: content exceeds 20480 bytes' };
      }
      return undefined;
    }
    case 'template_card':
      return typeof body.template_card === 'object' && body.template_card
        ? undefined
        : { errcode: 40058, errmsg: 'invalid Request Parameter: template_card' };
    case 'file':
    case 'image':
    case 'voice':
    case 'video': {
      const id = (body[body.msgtype] as { media_id?: unknown } | undefined)?.media_id;
      return typeof id === 'string' && media.has(id)
        ? undefined
        : { errcode: 40058, errmsg: 'invalid Request Parameter: media_id' };
    }
    default:
      return { errcode: 40008, errmsg: 'invalid message type' };
  }
}
