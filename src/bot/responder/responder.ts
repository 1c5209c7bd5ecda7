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
  RECOVERING_TEXT,
} from './texts.js';
import { isStoreUnavailable } from '../../store/unavailable.js';
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
  /** A turn's owner lease: a re-sent callback takes over a turn unrenewed this long. */
  readonly ownerLeaseMs: number;
  /** How long a turn keeps retrying while a store is down before answering RECOVERING_TEXT. */
  readonly storeRetryMs: number;
}

export const DEFAULT_TIMING: ResponderTiming = {
  replyWaitMs: 2_500,
  streamBudgetMs: 330_000,
  orphanGraceMs: 30_000,
  dedupTtlSeconds: 900,
  streamTtlSeconds: 900,
  leaseMs: 30_000,
  ownerLeaseMs: 10_000,
  storeRetryMs: 60_000,
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
    this.#dedup = new MessageDedup(redis, {
      ttlSeconds: this.#timing.dedupTtlSeconds,
      leaseMs: this.#timing.ownerLeaseMs,
    });
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
    try {
      if (msg.type === 'stream_refresh') return await this.#refresh(msg);
      return isUserMessage(msg) ? await this.#message(msg) : await this.#event(msg);
    } catch (err) {
      // Never a 5xx: WeCom would re-send into the same outage, and the user would see nothing.
      // Nothing was applied (the turn never started), so the user can simply send it again.
      this.#log.error({ err, msgid: msg.msgid, type: msg.type }, 'could not take the message');
      if (msg.type === 'stream_refresh') {
        return streamReply({ id: msg.streamId, content: PLACEHOLDER_TEXT, finish: false });
      }
      if (!isUserMessage(msg)) return null;
      return streamReply({ id: randomUUID(), content: RECOVERING_TEXT, finish: true });
    }
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
    const owner = randomUUID();
    // The claim (which opens the stream) and a place in the user's queue go out together in one
    // write; a repeat gives its place straight back.
    const place = this.#queue.enter(msg.from.userid);
    const stream = this.#streams.opening({
      id: streamId,
      content: PLACEHOLDER_TEXT,
      userid: msg.from.userid,
      createdAt,
      msgid: msg.msgid,
      ...(msg.responseUrl ? { responseUrl: msg.responseUrl } : {}),
    });
    const claim = await this.#dedup
      .claim(msg.msgid, { streamId, msg }, owner, stream)
      .catch((err: unknown) => {
        place.leave();
        throw err;
      });
    if (claim.kind === 'repeat') {
      place.leave();
      return this.#repeatMessage(claim.record);
    }
    if (claim.kind === 'takeover') {
      // The first owner died mid-turn: run the turn again on the stream it opened.
      const id = claim.record.streamId ?? streamId;
      this.#log.warn({ msgid: msg.msgid }, 'turn owner gone; taking the turn over');
      const settled = this.#track(this.#takeOverMessage(msg, place, id, owner));
      return this.#firstReply(settled, () =>
        streamReply({ id, content: PLACEHOLDER_TEXT, finish: false }),
      );
    }
    const settled = this.#track(this.#runMessage(msg, place, streamId, createdAt, owner));
    return this.#firstReply(settled, () =>
      streamReply({ id: streamId, content: PLACEHOLDER_TEXT, finish: false }),
    );
  }

  /** Runs a turn taken over from a dead owner, on its stream (opened again if it was lost). */
  async #takeOverMessage(
    msg: HandledMessage,
    place: QueuePlace | undefined,
    streamId: string,
    owner: string,
  ): Promise<Settled> {
    let state = await this.#streams.get(streamId).catch(() => undefined);
    if (!state) {
      await this.#streams.create({
        id: streamId,
        content: PLACEHOLDER_TEXT,
        userid: msg.from.userid,
        createdAt: this.#now(),
        msgid: msg.msgid,
        ...(msg.responseUrl ? { responseUrl: msg.responseUrl } : {}),
      });
      state = await this.#streams.get(streamId);
    }
    if (state?.finished) {
      // The reply was recorded; only `done` was lost with the owner.
      await this.#dedup.settle(msg.msgid, { streamId });
      return { reply: await this.#renderRepeat(state) };
    }
    return this.#runMessage(
      msg,
      place ?? this.#queue.enter(msg.from.userid),
      streamId,
      state?.createdAt ?? this.#now(),
      owner,
    );
  }

  async #runMessage(
    msg: HandledMessage,
    first: QueuePlace,
    streamId: string,
    createdAt: number,
    owner: string,
  ): Promise<Settled> {
    const renew = setInterval(
      () => void this.#dedup.renew(msg.msgid, owner).catch(() => undefined),
      Math.max(50, Math.floor(this.#timing.ownerLeaseMs / 3)),
    );
    renew.unref();
    try {
      const settled = await this.#answerMessage(msg, first, streamId, createdAt);
      await this.#storeRetry(() => this.#dedup.settle(msg.msgid, { streamId }));
      return settled;
    } finally {
      clearInterval(renew);
    }
  }

  /**
   * Runs the turn (again, while a store is down: every write is idempotent by its op key) and
   * records its reply in the stream.
   */
  async #answerMessage(
    msg: HandledMessage,
    first: QueuePlace,
    streamId: string,
    createdAt: number,
  ): Promise<Settled> {
    let result: HandlerResult;
    const giveUpAt = this.#now() + this.#timing.storeRetryMs;
    let place = first;
    for (let attempt = 0; ; attempt++) {
      try {
        result = await this.#takeTurn(msg, place);
        break;
      } catch (err) {
        if (isStoreUnavailable(err) && this.#now() < giveUpAt) {
          this.#log.warn({ err, msgid: msg.msgid, attempt }, 'store unavailable; turn retried');
          await sleep(Math.min(250 * 2 ** attempt, 3_000));
          place = this.#queue.enter(msg.from.userid);
          continue;
        }
        const text = isStoreUnavailable(err)
          ? RECOVERING_TEXT
          : err instanceof QueueWaitError
            ? BUSY_TEXT
            : ERROR_TEXT;
        this.#logFailure(err, msg, 'turn failed');
        await this.#storeRetry(() => this.#streams.finish(streamId, text));
        return { reply: streamReply({ id: streamId, content: text, finish: true }) };
      }
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
        if (!(await this.#storeRetry(() => this.#streams.finish(streamId, content, feedback)))) {
          // The handler outlived the stream (a refresh closed it): deliver the answer anyway.
          await this.#deliver(msg, markdownActiveReply(content));
        }
        return { reply: streamReply({ id: streamId, content, finish: true, ...feedback }) };
      }
      case 'card': {
        const content = fitUtf8(result.content ?? '');
        await this.#storeRetry(() =>
          this.#streams.finish(streamId, content, { card: result.card }),
        );
        const card = (await this.#streams.claimCard(streamId)) ? result.card : undefined;
        return { reply: streamReply({ id: streamId, content, finish: true }, card) };
      }
      default:
        if (result.kind !== 'none') this.#mismatch(msg, result);
        await this.#storeRetry(() => this.#streams.finish(streamId, ''));
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
    if (!state.finished && state.msgid) await this.#adoptOrphan(state.msgid);
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

  /**
   * A stream still open whose turn has no owner (it died after answering with the placeholder,
   * so WeCom only refreshes and never re-sends): this instance takes the turn over and runs it
   * in the background; a later refresh shows the answer.
   */
  async #adoptOrphan(msgid: string): Promise<void> {
    const owner = randomUUID();
    const record = await this.#dedup.takeOver(msgid, owner);
    if (!record?.msg || !record.streamId) return;
    this.#log.warn({ msgid }, 'stream refreshed with its turn owner gone; taking the turn over');
    const msg = record.msg;
    void this.#track(
      this.#takeOverMessage(msg, undefined, record.streamId, owner).catch((err: unknown) => {
        this.#logFailure(err, msg, 'taken-over turn failed');
      }),
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
    const claim = await this.#dedup
      .claim(msg.msgid, { msg }, randomUUID())
      .catch((err: unknown) => {
        place.leave();
        throw err;
      });
    if (claim.kind === 'repeat') {
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
    await this.#storeRetry(() => this.#dedup.settle(msg.msgid, { reply }));
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
    for (let delay = 10; current && !current.done && this.#now() < until;) {
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
    this.#log.error({ err, msgid: msg.msgid, type: msg.type }, what);
  }

  /** A store write that must land: retried while the store is down, within `storeRetryMs`. */
  async #storeRetry<T>(write: () => Promise<T>): Promise<T> {
    const giveUpAt = this.#now() + this.#timing.storeRetryMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await write();
      } catch (err) {
        if (!isStoreUnavailable(err) || this.#now() > giveUpAt) throw err;
        await sleep(Math.min(100 * 2 ** attempt, 2_000));
      }
    }
  }
}

/** `content` (unless it is only the placeholder) followed by `note`, within the size limit. */
function joinNote(content: string, note: string): string {
  const base = content === PLACEHOLDER_TEXT ? '' : content;
  if (!base) return note;
  const room = CONTENT_MAX_BYTES - Buffer.byteLength(`\n\n${note}`, 'utf8');
  return `${fitUtf8(base, room)}\n\n${note}`;
}
