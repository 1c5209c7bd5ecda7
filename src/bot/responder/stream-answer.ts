import { setTimeout as sleep } from 'node:timers/promises';
import {
  CONTENT_MAX_BYTES,
  fitUtf8,
  markdownActiveReply,
  streamReply,
  type ActiveReply,
  type PassiveReply,
  type StreamImage,
  type TemplateCard,
} from '../../wecom/replies.js';
import type { FinalAnswer, HandledMessage, HandlerResult } from './handler.js';
import type { StreamState } from './streams.js';
import { responderTexts } from '../texts/responder.js';
import type { ResponderParts } from './timing.js';
import { storeRetry } from './waits.js';

/**
 * The stream side of a user message's answer: a handler's result written into its stream
 * (finished, or open while slow work runs), slow work finished in the stream or sent to
 * response_url when it outlives the stream, and a stream rendered as the passive reply.
 */
export class StreamAnswers {
  readonly #p: ResponderParts;

  constructor(parts: ResponderParts) {
    this.#p = parts;
  }

  /**
   * Records `result` in stream `streamId`; the reply that goes with it, and for slow work the
   * promise of its end (the stream finished with it, or its result sent on).
   */
  async record(
    msg: HandledMessage,
    streamId: string,
    createdAt: number,
    result: HandlerResult,
  ): Promise<{ readonly reply: PassiveReply | null; readonly slow?: Promise<void> }> {
    const streams = this.#p.streams;
    switch (result.kind) {
      case 'markdown': {
        const feedback = result.feedbackId ? { feedbackId: result.feedbackId } : {};
        if (result.later) {
          const interim = fitUtf8(result.content || responderTexts.placeholder);
          await streams.write(streamId, interim, feedback);
          const slow = this.#p.track(this.#settleLater(msg, streamId, createdAt, result.later));
          return {
            reply: streamReply({ id: streamId, content: interim, finish: false, ...feedback }),
            slow,
          };
        }
        const content = fitUtf8(result.content);
        const images = result.images?.length ? { images: result.images } : {};
        if (
          !(await this.#retry(() => streams.finish(streamId, content, { ...feedback, ...images })))
        ) {
          // The handler outlived the stream (a refresh closed it): deliver the answer anyway
          // (response_url takes markdown only: the images stay behind).
          await this.#deliver(msg, markdownActiveReply(content));
        }
        return {
          reply: streamReply({ id: streamId, content, finish: true, ...feedback, ...images }),
        };
      }
      case 'card': {
        const content = fitUtf8(result.content ?? '');
        await this.#retry(() => streams.finish(streamId, content, { card: result.card }));
        const card = (await streams.claimCard(streamId)) ? result.card : undefined;
        return { reply: streamReply({ id: streamId, content, finish: true }, card) };
      }
      default:
        if (result.kind !== 'none') mismatch(this.#p, msg, result);
        await this.#retry(() => streams.finish(streamId, ''));
        return { reply: null };
    }
  }

  /** Finishes the stream with one of the responder's own texts (an apology, RECOVERING). */
  async fail(streamId: string, text: string): Promise<PassiveReply> {
    await this.#retry(() => this.#p.streams.finish(streamId, text));
    return streamReply({ id: streamId, content: text, finish: true });
  }

  /** A stream as a passive reply; `null` for a finished, empty, card-less one. */
  async render(state: StreamState): Promise<PassiveReply | null> {
    if (state.finished && state.content === '' && !state.card) return null;
    return this.renderAlways(state);
  }

  /** A stream as a passive reply, its card with it the first time it is finished. */
  async renderAlways(state: StreamState): Promise<PassiveReply> {
    return streamReply(
      {
        id: state.id,
        content: state.content,
        finish: state.finished,
        ...(state.feedbackId ? { feedbackId: state.feedbackId } : {}),
        ...(state.images ? { images: state.images } : {}),
      },
      await this.#cardOnce(state),
    );
  }

  /** The stream's card, if it is finished and the card has not gone out yet. */
  async #cardOnce(state: StreamState): Promise<TemplateCard | undefined> {
    return state.finished && state.card && (await this.#p.streams.claimCard(state.id))
      ? state.card
      : undefined;
  }

  /**
   * Slow work: finishes the stream with its result, or, when the stream budget runs out first,
   * finishes it with a note and sends the result to response_url once it is there.
   */
  async #settleLater(
    msg: HandledMessage,
    streamId: string,
    createdAt: number,
    later: Promise<string | FinalAnswer>,
  ): Promise<void> {
    const { streams, timing, now } = this.#p;
    const outcome = later.then(
      (answer): { content: string; images?: readonly StreamImage[] } =>
        typeof answer === 'string'
          ? { content: fitUtf8(answer) }
          : {
              content: fitUtf8(answer.content),
              ...(answer.images ? { images: answer.images } : {}),
            },
      (err: unknown): { content: string; images?: readonly StreamImage[] } => {
        logFailure(this.#p, err, msg, 'slow work failed');
        return { content: responderTexts.error };
      },
    );
    const cancel = new AbortController();
    const left = Math.max(0, createdAt + timing.streamBudgetMs - now());
    // Slow work alone must not keep a stopping process alive; drain() bounds the wait.
    const budget = sleep(left, 'late' as const, { signal: cancel.signal, ref: false }).catch(
      () => 'late' as const,
    );
    const first = await Promise.race([outcome, budget]);
    cancel.abort();
    if (first !== 'late') {
      await streams.finish(streamId, first.content, first.images ? { images: first.images } : {});
      return;
    }
    const current = await streams.get(streamId);
    const closed = await streams.finish(
      streamId,
      joinNote(current?.content ?? '', responderTexts.lateNote),
    );
    const result = await outcome;
    if (!closed) {
      // Another path finished the stream after all (its content went out there).
      return;
    }
    await this.#deliver(msg, markdownActiveReply(result.content));
  }

  async #deliver(msg: HandledMessage, reply: ActiveReply): Promise<void> {
    const { log, sender } = this.#p;
    if (!msg.responseUrl) {
      log.warn({ msgid: msg.msgid }, 'slow work done after the stream closed; no response_url');
      return;
    }
    try {
      await sender.send(msg.responseUrl, reply);
      log.info({ msgid: msg.msgid }, 'slow work delivered through response_url');
    } catch (err) {
      logFailure(this.#p, err, msg, 'response_url delivery failed');
    }
  }

  #retry<T>(write: () => Promise<T>): Promise<T> {
    return storeRetry(write, this.#p.timing.storeRetryMs, this.#p.now);
  }
}

/** `content` (unless it is only the placeholder) followed by `note`, within the size limit. */
export function joinNote(content: string, note: string): string {
  const base = content === responderTexts.placeholder ? '' : content;
  if (!base) return note;
  const room = CONTENT_MAX_BYTES - Buffer.byteLength(`\n\n${note}`, 'utf8');
  return `${fitUtf8(base, room)}\n\n${note}`;
}

export function mismatch(p: ResponderParts, msg: HandledMessage, result: HandlerResult): void {
  p.log.warn(
    { msgid: msg.msgid, type: msg.type, kind: result.kind },
    'handler result does not fit this message; answered empty',
  );
}

export function logFailure(p: ResponderParts, err: unknown, msg: HandledMessage, what: string) {
  p.log.error({ err, msgid: msg.msgid, type: msg.type }, what);
}
