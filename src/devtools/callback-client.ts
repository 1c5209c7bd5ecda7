import { randomBytes } from 'node:crypto';
import { WeComCrypto } from '../wecom/crypto.js';
import type { PassiveReply, ReplyEnvelope, StreamPayload, TemplateCard } from '../wecom/replies.js';
import { passiveReplyProblem } from './passive-reply-rules.js';

/**
 * Plays WeCom's side of the AI bot's URL-callback protocol against a running bot: signs and
 * encrypts callbacks exactly as WeCom does, POSTs them, verifies and decrypts the passive
 * replies, and follows streams through refresh callbacks. Used by the tests and by the terminal
 * simulator (`npm run chat`).
 *
 * ```ts
 * const client = new CallbackClient({ baseUrl: 'http://127.0.0.1:3000', token, encodingAesKey });
 * const first = await client.sendText({ userid: 'zhangsan', text: '帮助' });
 * const { final } = await client.followStream(first, { userid: 'zhangsan' });
 * console.log(final?.content);
 * ```
 */
export interface CallbackClientOptions {
  /** Where the bot listens, e.g. `http://127.0.0.1:3000`. */
  readonly baseUrl: string;
  readonly token: string;
  readonly encodingAesKey: string;
  /** The receiveId inside every plaintext: `""` (the default) for the AI bot. */
  readonly receiveId?: string;
  /** Default `/wecom/callback`. */
  readonly path?: string;
  /** Put into every callback that names none. Default `simulated-aibot`. */
  readonly aibotid?: string;
  readonly fetch?: typeof fetch;
  /** Milliseconds since the epoch; used for callback timestamps. */
  readonly now?: () => number;
}

/** Who a callback comes from and in which conversation. */
export interface Sender {
  readonly userid: string;
  /** Default `single`; a group needs `chatid`. */
  readonly chattype?: 'single' | 'group';
  readonly chatid?: string;
}

export interface TextCallback extends Sender {
  readonly text: string;
  /** In a group, WeCom puts `@<bot name> ` before the words; give the name to imitate that. */
  readonly mention?: string;
  readonly msgid?: string;
  readonly responseUrl?: string;
}

/** A callback ready to go: the query string and the exact body that were signed. */
export interface SignedCallback {
  readonly msgid: string;
  readonly query: {
    readonly msg_signature: string;
    readonly timestamp: string;
    readonly nonce: string;
  };
  readonly body: string;
  /** The encrypted payload (the `encrypt` field of `body`). */
  readonly encrypt: string;
}

export interface CallbackResponse {
  readonly status: number;
  readonly msgid: string;
  /** The decrypted, verified passive reply; absent for an empty 200 and for errors. */
  readonly reply?: PassiveReply;
  readonly envelope?: ReplyEnvelope;
  /** The bot's JSON error body on a 4xx/5xx. */
  readonly error?: { readonly error: string; readonly message: string };
}

export interface FollowOptions {
  /** Pause between refreshes. WeCom polls about once a second (the default). */
  readonly intervalMs?: number;
  /** Give up after this many refreshes. Default 400 (beyond WeCom's 6 minutes at 1/s). */
  readonly maxRefreshes?: number;
}

export interface FollowedStream {
  /** Every stream frame seen, the first reply's included. */
  readonly frames: readonly StreamPayload[];
  /** The last frame; undefined when the first reply was not a stream. */
  readonly final?: StreamPayload;
  readonly finished: boolean;
  /** The card that came with the stream, if any. */
  readonly card?: TemplateCard;
}

/** A reply that does not verify: wrong signature, nonce, receiveId or plaintext. */
export class ReplyVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplyVerificationError';
  }
}

/** A reply that verifies but breaks one of WeCom's rules for passive replies: WeCom drops it. */
export class ReplyRefusedError extends Error {
  constructor(readonly problem: string) {
    super(`WeCom would refuse this reply: ${problem}`);
    this.name = 'ReplyRefusedError';
  }
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomToken(length: number): string {
  return Array.from(randomBytes(length), (b) => ALNUM[b % ALNUM.length]).join('');
}

export class CallbackClient {
  readonly #crypto: WeComCrypto;
  readonly #url: string;
  readonly #aibotid: string;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;

  constructor(options: CallbackClientOptions) {
    this.#crypto = new WeComCrypto({
      token: options.token,
      encodingAesKey: options.encodingAesKey,
      receiveId: options.receiveId ?? '',
    });
    this.#url = options.baseUrl.replace(/\/+$/, '') + (options.path ?? '/wecom/callback');
    this.#aibotid = options.aibotid ?? 'simulated-aibot';
    this.#fetch = options.fetch ?? fetch;
    this.#now = options.now ?? Date.now;
  }

  /** A fresh msgid in WeCom's style (32 hex digits). */
  static newMsgid(): string {
    return randomBytes(16).toString('hex');
  }

  /**
   * The URL verification WeCom runs when an admin saves the callback settings. Resolves with
   * the bot's answer, which must equal `echo`.
   */
  async verifyUrl(echo: string = String(Date.now()) + randomToken(6)): Promise<{
    readonly status: number;
    readonly body: string;
    readonly echo: string;
  }> {
    const timestamp = String(Math.floor(this.#now() / 1000));
    const nonce = randomToken(10);
    const echostr = this.#crypto.seal(echo);
    const query = new URLSearchParams({
      msg_signature: this.#crypto.sign(timestamp, nonce, echostr),
      timestamp,
      nonce,
      echostr,
    });
    const res = await this.#fetch(`${this.#url}?${query}`);
    return { status: res.status, body: await res.text(), echo };
  }

  /**
   * Encrypts and signs a callback payload. `msgid` and `aibotid` are filled in when absent;
   * `nonce` and `timestamp` default to fresh ones.
   */
  seal(
    payload: Record<string, unknown>,
    options: { readonly nonce?: string; readonly timestamp?: string | number } = {},
  ): SignedCallback {
    const msgid = typeof payload.msgid === 'string' ? payload.msgid : CallbackClient.newMsgid();
    const full = { msgid, aibotid: this.#aibotid, ...payload };
    const timestamp = String(options.timestamp ?? Math.floor(this.#now() / 1000));
    const nonce = options.nonce ?? randomToken(10);
    const encrypt = this.#crypto.seal(JSON.stringify(full));
    return {
      msgid,
      query: { msg_signature: this.#crypto.sign(timestamp, nonce, encrypt), timestamp, nonce },
      body: JSON.stringify({ encrypt }),
      encrypt,
    };
  }

  /** POSTs a sealed callback (possibly tampered with, in tests) and opens the reply. */
  async post(signed: SignedCallback): Promise<CallbackResponse> {
    const res = await this.#fetch(`${this.#url}?${new URLSearchParams(signed.query)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: signed.body,
    });
    const text = await res.text();
    const base = { status: res.status, msgid: signed.msgid };
    if (res.status !== 200) {
      return { ...base, error: parseError(text) };
    }
    if (text === '') return base;
    const envelope = JSON.parse(text) as ReplyEnvelope;
    return { ...base, envelope, reply: this.openReply(envelope, signed.query.nonce) };
  }

  /** Seals and POSTs any callback payload. */
  send(payload: Record<string, unknown>): Promise<CallbackResponse> {
    return this.post(this.seal(payload));
  }

  /** A user's text message, as WeCom delivers it. */
  sendText(message: TextCallback): Promise<CallbackResponse> {
    const group = message.chattype === 'group';
    const content = group && message.mention ? `@${message.mention} ${message.text}` : message.text;
    return this.send({
      ...(message.msgid ? { msgid: message.msgid } : {}),
      ...conversation(message),
      ...(message.responseUrl ? { response_url: message.responseUrl } : {}),
      msgtype: 'text',
      text: { content },
    });
  }

  /**
   * A file the user sent (WeCom delivers these in single chat): `{"msgtype":"file","file":{"url"}}`,
   * the URL pointing at the file encrypted with the bot's key (`WeComStandin.hostFile` makes one).
   * `sender.responseUrl` goes into the callback as WeCom's `response_url`.
   */
  sendFile(
    sender: Sender & { readonly responseUrl?: string },
    url: string,
    msgid?: string,
  ): Promise<CallbackResponse> {
    return this.send({
      ...(msgid ? { msgid } : {}),
      ...conversation(sender),
      ...(sender.responseUrl ? { response_url: sender.responseUrl } : {}),
      msgtype: 'file',
      file: { url },
    });
  }

  /** The user opened the 1:1 chat (the day's first time). */
  enterChat(sender: Sender): Promise<CallbackResponse> {
    return this.send({
      ...conversation(sender),
      create_time: Math.floor(this.#now() / 1000),
      msgtype: 'event',
      event: { eventtype: 'enter_chat', enter_chat: {} },
    });
  }

  /** WeCom asking for the current content of a stream. */
  refresh(streamId: string, sender: Sender): Promise<CallbackResponse> {
    return this.send({ ...conversation(sender), msgtype: 'stream', stream: { id: streamId } });
  }

  /**
   * Refreshes the stream begun by `first` until it finishes (or `maxRefreshes` runs out), as
   * WeCom does while it shows the answer growing.
   */
  async followStream(
    first: CallbackResponse,
    sender: Sender,
    options: FollowOptions = {},
  ): Promise<FollowedStream> {
    const interval = options.intervalMs ?? 1_000;
    const max = options.maxRefreshes ?? 400;
    const frames: StreamPayload[] = [];
    let card: TemplateCard | undefined;
    const take = (reply: PassiveReply | undefined): StreamPayload | undefined => {
      if (!reply || !('msgtype' in reply)) return undefined;
      if (reply.msgtype === 'stream_with_template_card') card ??= reply.template_card;
      if (reply.msgtype !== 'stream' && reply.msgtype !== 'stream_with_template_card') {
        return undefined;
      }
      frames.push(reply.stream);
      return reply.stream;
    };
    let frame = take(first.reply);
    if (!frame) return { frames, finished: false };
    for (let i = 0; i < max && !frame.finish; i++) {
      await new Promise((r) => setTimeout(r, interval));
      const next = take((await this.refresh(frame.id, sender)).reply);
      if (!next) break;
      frame = next;
    }
    return { frames, final: frame, finished: frame.finish, ...(card ? { card } : {}) };
  }

  /**
   * Verifies a passive reply's signature and nonce and decrypts it; throws
   * {@link ReplyVerificationError} when anything is off, and {@link ReplyRefusedError} for a
   * reply WeCom would not show (passive-reply-rules.ts).
   */
  openReply(envelope: ReplyEnvelope, nonce: string): PassiveReply {
    if (envelope.nonce !== nonce) {
      throw new ReplyVerificationError('reply nonce is not the callback nonce');
    }
    if (typeof envelope.timestamp !== 'number' || !Number.isInteger(envelope.timestamp)) {
      throw new ReplyVerificationError('reply timestamp is not whole seconds');
    }
    if (!this.#crypto.verify(envelope.msgsignature, envelope.timestamp, nonce, envelope.encrypt)) {
      throw new ReplyVerificationError('reply signature does not match');
    }
    let plaintext: string;
    try {
      plaintext = this.#crypto.open(envelope.encrypt);
    } catch (err) {
      throw new ReplyVerificationError(`reply does not decrypt: ${(err as Error).message}`);
    }
    let reply: PassiveReply;
    try {
      reply = JSON.parse(plaintext) as PassiveReply;
    } catch {
      throw new ReplyVerificationError('reply plaintext is not JSON');
    }
    const problem = passiveReplyProblem(reply);
    if (problem) throw new ReplyRefusedError(problem);
    return reply;
  }
}

function conversation(sender: Sender): Record<string, unknown> {
  const chattype = sender.chattype ?? 'single';
  return {
    chattype,
    ...(sender.chatid ? { chatid: sender.chatid } : {}),
    from: { userid: sender.userid },
  };
}

function parseError(text: string): { error: string; message: string } {
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    return { error: String(body.error ?? 'unknown'), message: String(body.message ?? '') };
  } catch {
    return { error: 'unknown', message: text.slice(0, 200) };
  }
}
