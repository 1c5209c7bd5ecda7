import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import { isUserMessage, type IncomingMessage, type StreamRefresh } from '../../wecom/incoming.js';
import {
  CONTENT_MAX_BYTES,
  fitUtf8,
  markdownActiveReply,
  streamReply,
  templateCardReply,
  textReply,
  updateTemplateCardReply,
  type ActiveReply,
  type PassiveReply,
  type TemplateCard,
} from '../../wecom/replies.js';
import { FetchResponseUrlSender, type ResponseUrlSender } from '../../wecom/response-url.js';
import { MessageDedup, type DedupRecord } from './dedup.js';
import {
  defaultHandler,
  type HandledMessage,
  type HandlerResult,
  type MessageHandler,
} from './handler.js';
import { StreamRegistry, type StreamState } from './streams.js';
import {
  BUSY_TEXT,
  ERROR_TEXT,
  EXPIRED_TEXT,
  INTERRUPTED_TEXT,
  LATE_NOTE,
  PLACEHOLDER_TEXT,
} from './texts.js';
import { QueueWaitError, UserQueue, type QueuePlace } from './user-queue.js';

/**
 * The bot's front door, free of any transport: `respond(message) → reply`. The URL-callback
 * route (src/http/wecom-callback.ts) verifies, decrypts and decodes a callback, calls
 * `respond`, and seals what comes back; another transport (a long connection) does the same with
 * its own framing. Whichever carries a message, it gets the same de-duplication by msgid, the
 * same per-user ordering, the same streams and the same timeouts.
 */

export interface ResponderTiming {
  /** How long a message waits for its answer before replying with the stream placeholder. */
  readonly replyWaitMs: number;
  /** Work not done this long after the user's message goes to response_url (WeCom: 6 min). */
  readonly streamBudgetMs: number;
  /** A stream still open this long after the budget lost its instance; refreshes close it. */
  readonly orphanGraceMs: number;
  readonly dedupTtlSeconds: number;
  readonly streamTtlSeconds: number;
  /** Per-user queue lease; a crashed instance holds a user up at most this long. */
  readonly leaseMs: number;
}

export const DEFAULT_TIMING: ResponderTiming = {
  replyWaitMs: 2_500,
  streamBudgetMs: 330_000,
  orphanGraceMs: 30_000,
  dedupTtlSeconds: 900,
  streamTtlSeconds: 900,
  leaseMs: 30_000,
};

export interface ResponderOptions {
  /** A template: the responder opens its own connection to the same server (same key prefix). */
  readonly redis: Redis;
  readonly log: Logger;
  /** The bot's handler; without one, the protocol echo (tests, the callback benchmark). */
  readonly handler?: MessageHandler;
  /** Where slow work goes when it outlives its stream; production passes the hardened client. */
  readonly responseUrlSender?: ResponseUrlSender;
  readonly timing?: Partial<ResponderTiming>;
  /** Milliseconds since the epoch; tests may move time. */
  readonly now?: () => number;
}

/** The outcome of the handler, as far as the first reply needs it. */
type Settled = { readonly reply: PassiveReply | null };

/**
 * De-duplication, ordering, the stream registry and the response_url fallback: everything
 * between a decoded message and its reply, whichever transport carried it.
 */
export class Responder {
  readonly #handler: MessageHandler;
  readonly #sender: ResponseUrlSender;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #timing: ResponderTiming;
  readonly #dedup: MessageDedup;
  readonly #streams: StreamRegistry;
  readonly #queue: UserQueue;
  readonly #running = new Set<Promise<unknown>>();

  readonly #redis: Redis;

  /**
   * Opens its own connection to the server of `options.redis` (same key prefix), with
   * auto-pipelining: the few commands of each message, and those of messages arriving together,
   * leave in one write instead of one write each. `close()` closes it.
   */
  constructor(options: ResponderOptions) {
    const redis = options.redis.duplicate({ enableAutoPipelining: true });
    redis.on('error', () => undefined);
    this.#redis = redis;
    this.#handler = options.handler ?? defaultHandler;
    this.#sender = options.responseUrlSender ?? new FetchResponseUrlSender();
    this.#log = options.log;
    this.#now = options.now ?? Date.now;
    this.#timing = { ...DEFAULT_TIMING, ...options.timing };
    this.#dedup = new MessageDedup(redis, { ttlSeconds: this.#timing.dedupTtlSeconds });
    this.#streams = new StreamRegistry(redis, {
      ttlSeconds: this.#timing.streamTtlSeconds,
    });
    this.#queue = new UserQueue(redis, {
      leaseMs: this.#timing.leaseMs,
      maxWaitMs: this.#timing.streamBudgetMs,
    });
  }

  /**
   * The reply to one decoded message: a stream for user messages (its placeholder when the turn
   * takes longer than `replyWaitMs`), the recorded reply for a repeated msgid, the registry's
   * content for a stream refresh, `null` for an empty answer.
   */
  async respond(msg: IncomingMessage): Promise<PassiveReply | null> {
    if (msg.type === 'unsupported') {
      this.#log.info({ msgtype: msg.msgtype, eventtype: msg.eventtype }, 'unsupported callback');
      return null;
    }
    if (msg.type === 'stream_refresh') return this.#refresh(msg);
    return isUserMessage(msg) ? this.#message(msg) : this.#event(msg);
  }

  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = sleep(timeoutMs);
    while (this.#running.size > 0) {
      const done = await Promise.race([
        Promise.allSettled([...this.#running]).then(() => true),
        deadline.then(() => false),
      ]);
      if (!done) return;
    }
  }

  /** Drains, then closes the responder's own Redis connection. */
  async close(timeoutMs?: number): Promise<void> {
    await this.drain(timeoutMs);
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }

  #track<T>(p: Promise<T>): Promise<T> {
    this.#running.add(p);
    void p.finally(() => this.#running.delete(p)).catch(() => undefined);
    return p;
  }

  // -- user messages: always answered with the stream fixed at claim time

  async #message(msg: HandledMessage): Promise<PassiveReply | null> {
    const streamId = randomUUID();
    const createdAt = this.#now();
    // The claim (which opens the stream) and a place in the user's queue go out together in one
    // write; a repeat gives its place straight back.
    const place = this.#queue.enter(msg.from.userid);
    const stream = this.#streams.opening({
      id: streamId,
      content: PLACEHOLDER_TEXT,
      userid: msg.from.userid,
      createdAt,
      ...(msg.responseUrl ? { responseUrl: msg.responseUrl } : {}),
    });
    const claim = await this.#dedup.claim(msg.msgid, { streamId }, stream).catch((err: unknown) => {
      place.leave();
      throw err;
    });
    if (!claim.first) {
      place.leave();
      return this.#repeatMessage(claim.record);
    }
    const settled = this.#track(this.#runMessage(msg, place, streamId, createdAt));
    return this.#firstReply(settled, () =>
      streamReply({ id: streamId, content: PLACEHOLDER_TEXT, finish: false }),
    );
  }

  async #runMessage(
    msg: HandledMessage,
    place: QueuePlace,
    streamId: string,
    createdAt: number,
  ): Promise<Settled> {
    let result: HandlerResult;
    try {
      result = await this.#takeTurn(msg, place);
    } catch (err) {
      const text = err instanceof QueueWaitError ? BUSY_TEXT : ERROR_TEXT;
      this.#logFailure(err, msg, 'turn failed');
      await this.#streams.finish(streamId, text);
      return { reply: streamReply({ id: streamId, content: text, finish: true }) };
    }
    switch (result.kind) {
      case 'markdown': {
        const feedback = result.feedbackId ? { feedbackId: result.feedbackId } : {};
        if (result.later) {
          const interim = fitUtf8(result.content || PLACEHOLDER_TEXT);
          await this.#streams.write(streamId, interim, feedback);
          void this.#track(this.#settleLater(msg, streamId, createdAt, result.later));
          return {
            reply: streamReply({ id: streamId, content: interim, finish: false, ...feedback }),
          };
        }
        const content = fitUtf8(result.content);
        if (!(await this.#streams.finish(streamId, content, feedback))) {
          // The handler outlived the stream (a refresh closed it): deliver the answer anyway.
          await this.#deliver(msg, markdownActiveReply(content));
        }
        return { reply: streamReply({ id: streamId, content, finish: true, ...feedback }) };
      }
      case 'card': {
        const content = fitUtf8(result.content ?? '');
        await this.#streams.finish(streamId, content, { card: result.card });
        const card = (await this.#streams.claimCard(streamId)) ? result.card : undefined;
        return { reply: streamReply({ id: streamId, content, finish: true }, card) };
      }
      default:
        if (result.kind !== 'none') this.#mismatch(msg, result);
        await this.#streams.finish(streamId, '');
        return { reply: null };
    }
  }

  /**
   * Slow work: finishes the stream with its result, or, when the stream budget runs out first,
   * finishes it with a note and sends the result to response_url once it is there.
   */
  async #settleLater(
    msg: HandledMessage,
    streamId: string,
    createdAt: number,
    later: Promise<string>,
  ): Promise<void> {
    const outcome = later.then(
      (content) => ({ ok: true as const, content: fitUtf8(content) }),
      (err: unknown) => {
        this.#logFailure(err, msg, 'slow work failed');
        return { ok: false as const, content: ERROR_TEXT };
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<'late'>((resolve) => {
      const left = createdAt + this.#timing.streamBudgetMs - this.#now();
      timer = setTimeout(() => resolve('late'), Math.max(0, left));
      // Slow work alone must not keep a stopping process alive; drain() bounds the wait.
      timer.unref();
    });
    const first = await Promise.race([outcome, budget]);
    clearTimeout(timer);
    if (first !== 'late') {
      await this.#streams.finish(streamId, first.content);
      return;
    }
    const current = await this.#streams.get(streamId);
    const closed = await this.#streams.finish(
      streamId,
      joinNote(current?.content ?? '', LATE_NOTE),
    );
    const result = await outcome;
    if (!closed) {
      // Another path finished the stream after all (its content went out there).
      return;
    }
    await this.#deliver(msg, markdownActiveReply(result.content));
  }

  async #deliver(msg: HandledMessage, reply: ActiveReply): Promise<void> {
    if (!msg.responseUrl) {
      this.#log.warn(
        { msgid: msg.msgid },
        'slow work done after the stream closed; no response_url',
      );
      return;
    }
    try {
      await this.#sender.send(msg.responseUrl, reply);
      this.#log.info({ msgid: msg.msgid }, 'slow work delivered through response_url');
    } catch (err) {
      this.#logFailure(err, msg, 'response_url delivery failed');
    }
  }

  async #repeatMessage(record: DedupRecord): Promise<PassiveReply | null> {
    if (!record.streamId) return null;
    const id = record.streamId;
    // Give the first arrival the same time to finish that it gives itself.
    const until = this.#now() + this.#timing.replyWaitMs;
    let state = await this.#streams.get(id);
    for (let delay = 10; state && !state.finished && this.#now() < until;) {
      await sleep(delay);
      delay = Math.min(delay * 2, 200);
      state = await this.#streams.get(id);
    }
    if (!state) return streamReply({ id, content: EXPIRED_TEXT, finish: true });
    return this.#renderRepeat(state);
  }

  // -- refresh callbacks: the registry's current content, from any instance

  async #refresh(msg: StreamRefresh): Promise<PassiveReply> {
    let state = await this.#streams.get(msg.streamId);
    if (!state || state.userid !== msg.from.userid) {
      return streamReply({ id: msg.streamId, content: EXPIRED_TEXT, finish: true });
    }
    const orphanedAt = state.createdAt + this.#timing.streamBudgetMs + this.#timing.orphanGraceMs;
    if (!state.finished && this.#now() > orphanedAt) {
      await this.#streams.finish(state.id, joinNote(state.content, INTERRUPTED_TEXT));
      state = (await this.#streams.get(state.id)) ?? state;
    }
    return streamReply(
      {
        id: state.id,
        content: state.content,
        finish: state.finished,
        ...(state.feedbackId ? { feedbackId: state.feedbackId } : {}),
      },
      await this.#cardOnce(state),
    );
  }

  /** The stream's card, if it is finished and the card has not gone out yet. */
  async #cardOnce(state: StreamState): Promise<TemplateCard | undefined> {
    return state.finished && state.card && (await this.#streams.claimCard(state.id))
      ? state.card
      : undefined;
  }

  /** A repeat's answer: the stream, or `null` for a finished, empty, card-less one. */
  async #renderRepeat(state: StreamState): Promise<PassiveReply | null> {
    if (state.finished && state.content === '' && !state.card) return null;
    const card = await this.#cardOnce(state);
    return streamReply(
      {
        id: state.id,
        content: state.content,
        finish: state.finished,
        ...(state.feedbackId ? { feedbackId: state.feedbackId } : {}),
      },
      card,
    );
  }

  // -- events: the reply is recorded for repeats once the handler has produced it

  async #event(msg: HandledMessage): Promise<PassiveReply | null> {
    const place = this.#queue.enter(msg.from.userid);
    const claim = await this.#dedup.claim(msg.msgid, {}).catch((err: unknown) => {
      place.leave();
      throw err;
    });
    if (!claim.first) {
      place.leave();
      return this.#repeatEvent(msg.msgid, claim.record);
    }
    const settled = this.#track(this.#runEvent(msg, place));
    return this.#firstReply(settled, () => {
      if (msg.type === 'template_card_event') {
        this.#log.warn({ msgid: msg.msgid }, 'card event not answered in time; card not updated');
      }
      return null;
    });
  }

  async #runEvent(msg: HandledMessage, place: QueuePlace): Promise<Settled> {
    let reply: PassiveReply | null = null;
    try {
      const result = await this.#takeTurn(msg, place);
      reply = this.#eventReply(msg, result);
    } catch (err) {
      this.#logFailure(err, msg, 'event turn failed');
    }
    await this.#dedup.settle(msg.msgid, { reply });
    return { reply };
  }

  #eventReply(msg: HandledMessage, result: HandlerResult): PassiveReply | null {
    if (result.kind === 'none') return null;
    if (msg.type === 'enter_chat') {
      if (result.kind === 'welcome') return textReply(result.text);
      if (result.kind === 'card') return templateCardReply(result.card);
      if (result.kind === 'markdown') return textReply(result.content);
    } else if (msg.type === 'template_card_event' && result.kind === 'update_card') {
      return updateTemplateCardReply(result.card, result.userids);
    }
    this.#mismatch(msg, result);
    return null;
  }

  async #repeatEvent(msgid: string, record: DedupRecord): Promise<PassiveReply | null> {
    const until = this.#now() + this.#timing.replyWaitMs;
    let current: DedupRecord | undefined = record;
    for (let delay = 10; current && current.reply === undefined && this.#now() < until;) {
      await sleep(delay);
      delay = Math.min(delay * 2, 200);
      current = await this.#dedup.get(msgid);
    }
    return current?.reply ?? null;
  }

  // -- shared

  /**
   * Waits for the user's earlier turns, runs the handler, and gives the place up; the release
   * leaves in the same write as the caller's next command (the stream or the dedup record).
   */
  async #takeTurn(msg: HandledMessage, place: QueuePlace): Promise<HandlerResult> {
    try {
      await place.turn();
      return await this.#handler(msg);
    } finally {
      place.leave();
    }
  }

  /** The turn's own reply if it settles within the reply budget, else `fallback()`. */
  async #firstReply(
    settled: Promise<Settled>,
    fallback: () => PassiveReply | null,
  ): Promise<PassiveReply | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.#timing.replyWaitMs);
    });
    const first = await Promise.race([settled, timeout]);
    clearTimeout(timer);
    return first === 'timeout' ? fallback() : first.reply;
  }

  #mismatch(msg: HandledMessage, result: HandlerResult): void {
    this.#log.warn(
      { msgid: msg.msgid, type: msg.type, kind: result.kind },
      'handler result does not fit this message; answered empty',
    );
  }

  #logFailure(err: unknown, msg: HandledMessage, what: string): void {
    const error =
      err instanceof Error ? { name: err.name, message: err.message } : { name: typeof err };
    this.#log.error({ err: error, msgid: msg.msgid, type: msg.type }, what);
  }
}

/** `content` (unless it is only the placeholder) followed by `note`, within the size limit. */
function joinNote(content: string, note: string): string {
  const base = content === PLACEHOLDER_TEXT ? '' : content;
  if (!base) return note;
  const room = CONTENT_MAX_BYTES - Buffer.byteLength(`\n\n${note}`, 'utf8');
  return `${fitUtf8(base, room)}\n\n${note}`;
}
