import { randomUUID } from 'node:crypto';
import { logFailure } from './stream-answer.js';
import { PLACEHOLDER_TEXT } from './texts.js';
import type { ResponderParts } from './timing.js';
import type { Settled, Turns } from './turns.js';
import type { HandledMessage } from './handler.js';
import type { QueuePlace } from './user-queue.js';

/**
 * A turn whose owner died (its lease ran out before the record was done) is run again by
 * whoever finds it: a re-sent callback (the claim says "takeover") or a refresh of its open
 * stream. Safe because every write a turn makes is idempotent by its op key.
 */
export class Takeover {
  readonly #p: ResponderParts;
  readonly #turns: Turns;

  constructor(parts: ResponderParts, turns: Turns) {
    this.#p = parts;
    this.#turns = turns;
  }

  /** Runs a turn taken over from a dead owner, on its stream (opened again if it was lost). */
  async run(
    msg: HandledMessage,
    place: QueuePlace | undefined,
    streamId: string,
    owner: string,
  ): Promise<Settled> {
    const { streams, dedup, now, queue } = this.#p;
    let state = await streams.get(streamId).catch(() => undefined);
    if (!state) {
      await streams.create({
        id: streamId,
        content: PLACEHOLDER_TEXT,
        userid: msg.from.userid,
        createdAt: now(),
        msgid: msg.msgid,
        ...(msg.responseUrl ? { responseUrl: msg.responseUrl } : {}),
      });
      state = await streams.get(streamId);
    }
    if (state?.finished) {
      // The reply was recorded; only `done` was lost with the owner.
      place?.leave();
      await dedup.settle(msg.msgid, { streamId });
      return { reply: await this.#turns.answers.render(state) };
    }
    return this.#turns.runMessage(
      msg,
      place ?? queue.enter(msg.from.userid),
      streamId,
      state?.createdAt ?? now(),
      owner,
    );
  }

  /**
   * A stream still open whose turn has no owner (it died after answering with the placeholder,
   * so WeCom only refreshes and never re-sends): this instance takes the turn over and runs it
   * in the background; a later refresh shows the answer.
   */
  async adoptOrphan(msgid: string): Promise<void> {
    const owner = randomUUID();
    const record = await this.#p.dedup.takeOver(msgid, owner);
    if (!record?.msg || !record.streamId) return;
    this.#p.log.warn({ msgid }, 'stream refreshed with its turn owner gone; taking the turn over');
    const msg = record.msg;
    void this.#p.track(
      this.run(msg, undefined, record.streamId, owner).catch((err: unknown) => {
        logFailure(this.#p, err, msg, 'taken-over turn failed');
      }),
    );
  }
}
