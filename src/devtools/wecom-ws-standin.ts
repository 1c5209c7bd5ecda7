import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { MediaUploads, type UploadedMedia } from './wecom-ws-media.js';
import { eventBody, textBody, type WsSender } from './wecom-ws-callbacks.js';
import { WsChatLog, type ChatDelivery, type ReceivedFrame } from './wecom-ws-log.js';
import { checkReplyFrame } from './wecom-ws-rules.js';
import { checkSendBody, RateWindows } from './wecom-ws-send.js';

export type { UploadedMedia } from './wecom-ws-media.js';
export type { ChatDelivery, ReceivedFrame } from './wecom-ws-log.js';
export type { WsSender } from './wecom-ws-callbacks.js';

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
 * bot's msgid de-duplication gets exercised across reconnects and takeovers. A callback's req_id
 * stays open for replies on the bot's later connections too: the docs tie a reply to the
 * req_id and a 24-hour window (wecom-protocol.md §7), not to the socket it came on [not
 * verified against WeCom; the bot pushes with aibot_send_msg whenever a reply is refused].
 */

export interface WsStandinOptions {
  /** bot id → secret; a subscribe with anything else is refused. */
  readonly bots: Readonly<Record<string, string>>;
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly now?: () => number;
}

interface Conn {
  readonly id: number;
  readonly ws: WebSocket;
  botId?: string;
}

export class WeComWsStandin {
  readonly #log = new WsChatLog();
  /** Every frame the bot sent, in arrival order. */
  readonly received: readonly ReceivedFrame[] = this.#log.received;
  /** Accepted replies and pushes, as chat members would see them. */
  readonly deliveries: readonly ChatDelivery[] = this.#log.deliveries;
  readonly #uploads = new MediaUploads();
  /** Finished uploads by media id. */
  readonly media: ReadonlyMap<string, UploadedMedia> = this.#uploads.media;

  readonly #server: WebSocketServer;
  readonly #bots: Map<string, string>;
  readonly #now: () => number;
  readonly #conns = new Set<Conn>();
  /** The live, authenticated connection of each bot. */
  readonly #live = new Map<string, Conn>();
  readonly #open = this.#log.open;
  /** Conversations a user has written in: only there may the bot push (wecom-protocol.md §7). */
  readonly #chats = new Set<string>();
  readonly #rates = new RateWindows();
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
  async text(botId: string, from: WsSender, content: string, msgid: string = randomUUID()) {
    return this.callback(botId, 'aibot_msg_callback', textBody(botId, from, content, msgid));
  }

  /** An event (`enter_chat`, `template_card_event`, …); resolves to its req_id. */
  async event(botId: string, from: WsSender, eventtype: string, payload = {}): Promise<string> {
    const body = eventBody(botId, from, eventtype, payload, this.#now());
    return this.callback(botId, 'aibot_event_callback', body);
  }

  /** Sends a callback frame over the bot's live connection; waits for one if there is none yet. */
  async callback(
    botId: string,
    cmd: 'aibot_msg_callback' | 'aibot_event_callback',
    body: Record<string, unknown>,
  ): Promise<string> {
    const conn = await this.#log.waitFor(() => this.#live.get(botId), 10_000, 'a live connection');
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
    return this.#log.replies(reqId);
  }

  /** Replies to any callback that carried this msgid (a re-delivery gets a new req_id). */
  repliesToMsg(msgid: string): ChatDelivery[] {
    return this.#log.repliesToMsg(msgid);
  }

  /** Messages the bot pushed (aibot_send_msg) into a chat. */
  pushed(chat: string): Array<Record<string, unknown>> {
    return this.#log.pushed(chat);
  }

  /** The finished stream's content for a callback's msgid (its `finish:true` reply). */
  finalText(msgid: string, timeoutMs = 20_000): Promise<string> {
    return this.#log.finalText(msgid, timeoutMs);
  }

  /** A user's text, and the bot's finished answer to it. */
  async say(botId: string, from: WsSender, content: string): Promise<string> {
    const msgid = randomUUID();
    await this.text(botId, from, content, msgid);
    return this.finalText(msgid);
  }

  /** Resolves once `probe` holds (any recorded change re-checks it). */
  until<T>(probe: () => T | undefined | false, timeoutMs = 20_000, what = 'condition'): Promise<T> {
    return this.#log.waitFor(() => probe() || undefined, timeoutMs, what);
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
      this.#log.changed();
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
    if (cmd.startsWith('aibot_upload_media_')) {
      const got = this.#uploads.handle(cmd, body, this.#now());
      return answer(got.errcode, got.errmsg, got.body);
    }
    if (cmd === 'aibot_send_msg') return this.#send(conn.botId, body, answer);
    const callback = this.#open.get(reqId);
    const refusal = checkReplyFrame(cmd, body, callback, conn.botId, this.#now());
    if (refusal) return answer(refusal.errcode, refusal.errmsg);
    const cb = callback!;
    // A reply that puts a new message in the chat (not a card update, not a stream's later
    // frame) counts against the conversation's budget like a push.
    const newMessage = cmd !== 'aibot_respond_update_msg' && !cb.answered;
    if (newMessage && !this.#rates.takeChat(cb.botId, cb.chat, this.#now())) {
      return answer(45009, 'api freq out of limit');
    }
    cb.answered = true;
    const via =
      cmd === 'aibot_respond_welcome_msg'
        ? 'welcome'
        : cmd === 'aibot_respond_update_msg'
          ? 'update'
          : 'reply';
    this.#log.deliveries.push({
      at: this.#now(),
      botId: cb.botId,
      chat: cb.chat,
      via,
      reqId,
      body,
    });
    answer(0, 'ok');
    this.#log.changed();
  }

  #subscribe(
    conn: Conn,
    rawBody: unknown,
    answer: (errcode: number, errmsg: string) => void,
  ): void {
    const body = (rawBody ?? {}) as { bot_id?: unknown; secret?: unknown };
    const botId = typeof body.bot_id === 'string' ? body.bot_id : '';
    const secret = this.#bots.get(botId);
    // 93019 and 853000 with WeCom's errmsgs, as WeCom's own CLI reports them for a wrong bot id or
    // secret (WecomTeam/wecom-cli#15, #12; not on the long-connection page); 45009 is the global
    // list's 接口调用超过限制 (subscribing is "rate-protected" there, with no number given).
    if (secret === undefined) return answer(93019, 'invalid bot_id');
    if (!this.#rates.takeSubscribe(botId, this.#now())) {
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
    this.#log.changed();
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
    const refusal = checkSendBody(body, this.#uploads.media);
    if (refusal) return answer(refusal.errcode, refusal.errmsg);
    if (!this.#chats.has(`${botId}/${chat}`)) {
      // WeCom: a user must have written to the bot in that conversation first. The code WeCom
      // answers is not documented nor reported anywhere we found: 40058 (invalid parameter).
      return answer(40058, 'invalid Request Parameter: no conversation with this chatid');
    }
    if (!this.#rates.takeChat(botId, chat, this.#now()))
      return answer(45009, 'api freq out of limit');
    this.#log.deliveries.push({ at: this.#now(), botId, chat, via: 'send', body });
    answer(0, 'ok');
    this.#log.changed();
  }

  #record(
    conn: Conn,
    cmd: string,
    reqId: string,
    body: unknown,
    errcode?: number,
    errmsg?: string,
  ) {
    const at = this.#now();
    this.#log.record({
      at,
      botId: conn.botId,
      connection: conn.id,
      cmd,
      reqId,
      body,
      errcode,
      errmsg,
    });
  }
}
