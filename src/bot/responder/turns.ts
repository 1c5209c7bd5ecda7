import { setTimeout as sleep } from 'node:timers/promises';
import { isStoreUnavailable } from '../../store/unavailable.js';
import { templateCardReply, textReply, updateTemplateCardReply } from '../../wecom/replies.js';
import type { PassiveReply } from '../../wecom/replies.js';
import type { HandledMessage, HandlerResult } from './handler.js';
import { logFailure, mismatch, StreamAnswers } from './stream-answer.js';
import { responderTexts } from '../texts/responder.js';
import type { ResponderParts } from './timing.js';
import { QueueWaitError, type QueuePlace } from './user-queue.js';
import { backoff, storeRetry } from './waits.js';

/** The outcome of the handler, as far as the first reply needs it. */
export interface Settled {
  readonly reply: PassiveReply | null;
}

/**
 * One turn from the user's queue to its recorded reply: the handler runs behind the user's
 * earlier turns, again while a store is down (every write is idempotent by its op key), under an
 * owner lease renewed while it runs; its reply goes into the stream (user messages) or the dedup
 * record (events), and the record is marked done.
 */
export class Turns {
  readonly #p: ResponderParts;
  readonly answers: StreamAnswers;

  constructor(parts: ResponderParts) {
    this.#p = parts;
    this.answers = new StreamAnswers(parts);
  }

  /**
   * Runs a user message's turn as `owner` and records its reply in stream `streamId`. Slow work
   * (a draft, a summary) keeps the turn owned until its result is in the stream: the first reply
   * goes out at once, but the record is only done, and the owner lease only dropped, at the end.
   * An owner that dies meanwhile thus leaves a turn that a re-sent callback or a refresh of its
   * open stream takes over and runs again, instead of an open stream nobody will finish.
   */
  async runMessage(
    msg: HandledMessage,
    first: QueuePlace,
    streamId: string,
    createdAt: number,
    owner: string,
  ): Promise<Settled> {
    const { dedup, timing } = this.#p;
    const renew = setInterval(
      () => void dedup.renew(msg.msgid, owner).catch(() => undefined),
      Math.max(50, Math.floor(timing.ownerLeaseMs / 3)),
    );
    renew.unref();
    let slow: Promise<void> | undefined;
    try {
      const answer = await this.#answerMessage(msg, first, streamId, createdAt);
      slow = answer.slow;
      const settle = () => this.#retry(() => dedup.settle(msg.msgid, { streamId }));
      if (!slow) {
        await settle();
        return { reply: answer.reply };
      }
      void this.#p.track(
        slow
          .then(settle)
          .catch((err: unknown) => logFailure(this.#p, err, msg, 'slow turn not recorded'))
          .finally(() => clearInterval(renew)),
      );
      return { reply: answer.reply };
    } finally {
      if (!slow) clearInterval(renew);
    }
  }

  /** Runs an event's turn; its reply is recorded in the dedup record for repeats. */
  async runEvent(msg: HandledMessage, place: QueuePlace): Promise<Settled> {
    let reply: PassiveReply | null = null;
    try {
      const result = await this.#takeTurn(msg, place);
      reply = this.#eventReply(msg, result);
    } catch (err) {
      logFailure(this.#p, err, msg, 'event turn failed');
    }
    await this.#retry(() => this.#p.dedup.settle(msg.msgid, { reply }));
    return { reply };
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
  ): Promise<{ readonly reply: PassiveReply | null; readonly slow?: Promise<void> }> {
    const { now, timing, queue, log, resends } = this.#p;
    const giveUpAt = now() + timing.storeRetryMs;
    // The re-send of a message answered `responderTexts.recovering` runs under that message's op key.
    const turn = await resends.identity(msg).catch(() => msg);
    let place = first;
    for (let attempt = 0; ; attempt++) {
      let result: HandlerResult;
      try {
        result = await this.#takeTurn(turn, place);
      } catch (err) {
        if (isStoreUnavailable(err) && now() < giveUpAt) {
          log.warn({ err, msgid: msg.msgid, attempt }, 'store unavailable; turn retried');
          await sleep(backoff(attempt, 250, 3_000));
          // The same ticket again (at the tail: it was given up), so that the one the record
          // names is still this turn's should the turn be taken over.
          place = queue.adopt(msg.from.userid, place.ticket);
          continue;
        }
        logFailure(this.#p, err, msg, 'turn failed');
        if (isStoreUnavailable(err)) {
          // Some writes may have gone through: the user's re-send must find them (resends.ts).
          await resends.remember(msg, turn.msgid).catch(() => undefined);
        }
        return { reply: await this.answers.fail(streamId, failureText(err)) };
      }
      return this.answers.record(msg, streamId, createdAt, result);
    }
  }

  /**
   * Waits for the user's earlier turns, runs the handler, and gives the place up; the release
   * leaves in the same write as the caller's next command (the stream or the dedup record).
   */
  async #takeTurn(msg: HandledMessage, place: QueuePlace): Promise<HandlerResult> {
    try {
      await place.turn();
      return await this.#p.handler(msg);
    } finally {
      place.leave();
    }
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
    mismatch(this.#p, msg, result);
    return null;
  }

  #retry<T>(write: () => Promise<T>): Promise<T> {
    return storeRetry(write, this.#p.timing.storeRetryMs, this.#p.now);
  }
}

/** What a turn that could not finish says: the stores are recovering, busy, or an apology. */
function failureText(err: unknown): string {
  if (isStoreUnavailable(err)) return responderTexts.recovering;
  return err instanceof QueueWaitError ? responderTexts.busy : responderTexts.error;
}
