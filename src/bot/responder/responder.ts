import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import { isUserMessage, type IncomingMessage, type StreamRefresh } from '../../wecom/incoming.js';
import { streamReply, type PassiveReply } from '../../wecom/replies.js';
import { FetchResponseUrlSender, type ResponseUrlSender } from '../../wecom/response-url.js';
import { MessageDedup, type DedupRecord } from './dedup.js';
import { defaultHandler, type HandledMessage, type MessageHandler } from './handler.js';
import { joinNote } from './stream-answer.js';
import { StreamRegistry } from './streams.js';
import { Takeover } from './takeover.js';
import { responderTexts } from '../texts/responder.js';
import { DEFAULT_TIMING, type ResponderParts, type ResponderTiming } from './timing.js';
import { Turns, type Settled } from './turns.js';
import { Resends } from './resends.js';
import { UserQueue } from './user-queue.js';
import { pollUntil, within } from './waits.js';

export { DEFAULT_TIMING, type ResponderTiming } from './timing.js';

/**
 * The bot's front door, free of any transport: `respond(message) → reply`. The URL-callback
 * route (src/http/wecom-callback.ts) verifies, decrypts and decodes a callback, calls
 * `respond`, and seals what comes back; another transport (a long connection) does the same with
 * its own framing. Whichever carries a message, it gets the same de-duplication by msgid, the
 * same per-user ordering, the same streams and the same timeouts.
 *
 * This file holds the arrivals (claim, repeat, refresh); a turn's run and its recorded reply are
 * in turns.ts and stream-answer.ts, the re-run of a turn whose owner died in takeover.ts, the
 * waits in waits.ts.
 */
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

/**
 * De-duplication, ordering, the stream registry and the response_url fallback: everything
 * between a decoded message and its reply, whichever transport carried it.
 */
export class Responder {
  readonly #p: ResponderParts;
  readonly #turns: Turns;
  readonly #takeover: Takeover;
  readonly #running = new Set<Promise<unknown>>();
  readonly #redis: Redis;
  #sweeper: NodeJS.Timeout | undefined;

  /**
   * Opens its own connection to the server of `options.redis` (same key prefix), with
   * auto-pipelining: the few commands of each message, and those of messages arriving together,
   * leave in one write instead of one write each. `close()` closes it.
   */
  constructor(options: ResponderOptions) {
    const redis = options.redis.duplicate({ enableAutoPipelining: true });
    redis.on('error', () => undefined);
    this.#redis = redis;
    const timing = { ...DEFAULT_TIMING, ...options.timing };
    this.#p = {
      handler: options.handler ?? defaultHandler,
      sender: options.responseUrlSender ?? new FetchResponseUrlSender(),
      log: options.log,
      now: options.now ?? Date.now,
      timing,
      dedup: new MessageDedup(redis, {
        ttlSeconds: timing.dedupTtlSeconds,
        leaseMs: timing.ownerLeaseMs,
      }),
      streams: new StreamRegistry(redis, { ttlSeconds: timing.streamTtlSeconds }),
      resends: new Resends(redis),
      queue: new UserQueue(redis, { leaseMs: timing.leaseMs, maxWaitMs: timing.streamBudgetMs }),
      track: (p) => this.#track(p),
    };
    this.#turns = new Turns(this.#p);
    this.#takeover = new Takeover(this.#p, this.#turns);
    if (timing.sweepMs > 0) {
      this.#sweeper = setInterval(() => {
        void this.#takeover.sweep().catch(() => undefined);
      }, timing.sweepMs);
      this.#sweeper.unref();
    }
  }

  /**
   * The reply to one decoded message: a stream for user messages (its placeholder when the turn
   * takes longer than `replyWaitMs`), the recorded reply for a repeated msgid, the registry's
   * content for a stream refresh, `null` for an empty answer.
   */
  async respond(msg: IncomingMessage): Promise<PassiveReply | null> {
    if (msg.type === 'unsupported') {
      this.#p.log.info({ msgtype: msg.msgtype, eventtype: msg.eventtype }, 'unsupported callback');
      return null;
    }
    try {
      if (msg.type === 'stream_refresh') return await this.#refresh(msg);
      return isUserMessage(msg) ? await this.#message(msg) : await this.#event(msg);
    } catch (err) {
      // Never a 5xx: WeCom would re-send into the same outage, and the user would see nothing.
      // Nothing was applied (the turn never started), so the user can simply send it again.
      this.#p.log.error({ err, msgid: msg.msgid, type: msg.type }, 'could not take the message');
      if (msg.type === 'stream_refresh') {
        return streamReply({
          id: msg.streamId,
          content: responderTexts.placeholder,
          finish: false,
        });
      }
      if (!isUserMessage(msg)) return null;
      return streamReply({ id: randomUUID(), content: responderTexts.recovering, finish: true });
    }
  }

  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = sleep(timeoutMs, false, { ref: false });
    while (this.#running.size > 0) {
      const done = await Promise.race([
        Promise.allSettled([...this.#running]).then(() => true),
        deadline,
      ]);
      if (!done) return;
    }
  }

  /** Drains, then closes the responder's own Redis connection. */
  async close(timeoutMs?: number): Promise<void> {
    clearInterval(this.#sweeper);
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
    const { queue, streams, dedup, now, log } = this.#p;
    const streamId = randomUUID();
    const createdAt = now();
    const owner = randomUUID();
    // The claim (which opens the stream) and a place in the user's queue go out together in one
    // write; a repeat gives its place straight back.
    const place = queue.enter(msg.from.userid);
    const stream = streams.opening({
      id: streamId,
      content: responderTexts.placeholder,
      userid: msg.from.userid,
      createdAt,
      msgid: msg.msgid,
      ...(msg.responseUrl ? { responseUrl: msg.responseUrl } : {}),
    });
    const claim = await dedup
      .claim(msg.msgid, { streamId, msg, ticket: place.ticket }, owner, stream)
      .catch((err: unknown) => {
        place.leave();
        throw err;
      });
    if (claim.kind === 'repeat') {
      place.leave();
      return this.#repeatMessage(claim.record);
    }
    // A takeover: the first owner died mid-turn; run the turn again on the stream it opened.
    const id = claim.kind === 'takeover' ? (claim.record.streamId ?? streamId) : streamId;
    if (claim.kind === 'takeover')
      log.warn({ msgid: msg.msgid }, 'turn owner gone; taking the turn over');
    const settled = this.#track(
      claim.kind === 'takeover'
        ? this.#takeover.run(msg, claim.record, id, owner, place)
        : this.#turns.runMessage(msg, place, streamId, createdAt, owner),
    );
    return this.#firstReply(settled, () =>
      streamReply({ id, content: responderTexts.placeholder, finish: false }),
    );
  }

  async #repeatMessage(record: DedupRecord): Promise<PassiveReply | null> {
    if (!record.streamId) return null;
    const id = record.streamId;
    const { streams, now, timing } = this.#p;
    // Give the first arrival the same time to finish that it gives itself.
    const state = await pollUntil(
      await streams.get(id),
      () => streams.get(id),
      (s) => s.finished,
      now() + timing.replyWaitMs,
      now,
    );
    if (!state) return streamReply({ id, content: responderTexts.expired, finish: true });
    return this.#turns.answers.render(state);
  }

  // -- refresh callbacks: the registry's current content, from any instance

  async #refresh(msg: StreamRefresh): Promise<PassiveReply> {
    const { streams, now, timing } = this.#p;
    let state = await streams.get(msg.streamId);
    if (!state || state.userid !== msg.from.userid) {
      return streamReply({ id: msg.streamId, content: responderTexts.expired, finish: true });
    }
    if (!state.finished && state.msgid) await this.#takeover.adoptOrphan(state.msgid);
    const orphanedAt = state.createdAt + timing.streamBudgetMs + timing.orphanGraceMs;
    if (!state.finished && now() > orphanedAt) {
      await streams.finish(state.id, joinNote(state.content, responderTexts.interrupted));
      state = (await streams.get(state.id)) ?? state;
    }
    return this.#turns.answers.renderAlways(state);
  }

  // -- events: the reply is recorded for repeats once the handler has produced it

  async #event(msg: HandledMessage): Promise<PassiveReply | null> {
    const { queue, dedup, now, timing, log } = this.#p;
    const place = queue.enter(msg.from.userid);
    const claim = await dedup.claim(msg.msgid, { msg }, randomUUID()).catch((err: unknown) => {
      place.leave();
      throw err;
    });
    if (claim.kind === 'repeat') {
      place.leave();
      const current = await pollUntil(
        claim.record,
        () => dedup.get(msg.msgid),
        (r) => r.done === true,
        now() + timing.replyWaitMs,
        now,
      );
      return current?.reply ?? null;
    }
    const settled = this.#track(this.#turns.runEvent(msg, place));
    return this.#firstReply(settled, () => {
      if (msg.type === 'template_card_event') {
        log.warn({ msgid: msg.msgid }, 'card event not answered in time; card not updated');
      }
      return null;
    });
  }

  /** The turn's own reply if it settles within the reply budget, else `fallback()`. */
  async #firstReply(
    settled: Promise<Settled>,
    fallback: () => PassiveReply | null,
  ): Promise<PassiveReply | null> {
    const first = await within(settled, this.#p.timing.replyWaitMs);
    return first === 'timeout' ? fallback() : first.reply;
  }
}
