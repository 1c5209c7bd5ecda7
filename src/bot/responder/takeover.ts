import { randomUUID } from 'node:crypto';
import { logFailure } from './stream-answer.js';
import { responderTexts } from '../texts/responder.js';
import type { ResponderParts } from './timing.js';
import type { Settled, Turns } from './turns.js';
import type { HandledMessage } from './handler.js';
import type { QueuePlace } from './user-queue.js';
import type { DedupRecord } from './dedup.js';

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

  /**
   * Runs a turn taken over from a dead owner, on its stream (opened again if it was lost). The
   * dead turn's ticket keeps its place in the user's queue (usually the head): the re-run goes
   * ahead at once instead of queueing behind its own dead ticket until that lease runs out, which
   * under a run of crashes could starve it for good. A place this arrival took is given back.
   */
  async run(
    msg: HandledMessage,
    record: DedupRecord,
    streamId: string,
    owner: string,
    arrival?: QueuePlace,
  ): Promise<Settled> {
    const { streams, dedup, now, queue } = this.#p;
    const user = msg.from.userid;
    if (record.ticket) arrival?.leave();
    const place = record.ticket ? queue.adopt(user, record.ticket) : (arrival ?? queue.enter(user));
    let state = await streams.get(streamId).catch(() => undefined);
    if (!state) {
      await streams.create({
        id: streamId,
        content: responderTexts.placeholder,
        userid: msg.from.userid,
        createdAt: now(),
        msgid: msg.msgid,
        ...(msg.responseUrl ? { responseUrl: msg.responseUrl } : {}),
      });
      state = await streams.get(streamId);
    }
    if (state?.finished) {
      // The reply was recorded; only `done` was lost with the owner.
      place.leave();
      await dedup.settle(msg.msgid, { streamId });
      return { reply: await this.#turns.answers.render(state) };
    }
    return this.#turns.runMessage(msg, place, streamId, state?.createdAt ?? now(), owner);
  }

  /**
   * A stream still open whose turn has no owner (it died after answering with the placeholder,
   * so WeCom only refreshes and never re-sends): this instance takes the turn over and runs it
   * in the background; a later refresh shows the answer.
   */
  async adoptOrphan(msgid: string): Promise<void> {
    await this.#adopt(msgid, 'stream refreshed with its turn owner gone; taking the turn over');
  }

  /**
   * Takes over every open turn whose owner died, without waiting for WeCom to ask again: a bot
   * restarted after a crash re-runs its predecessor's turns within one sweep, and a turn whose
   * re-sends and refreshes all fell into the outage (WeCom gives up) is still applied, its reply
   * in the stream, or through response_url when the stream has closed meanwhile.
   */
  async sweep(): Promise<void> {
    const msgids = await this.#p.dedup.openTurns(this.#p.timing.ownerLeaseMs);
    for (const msgid of msgids) {
      await this.#adopt(msgid, 'open turn with its owner gone; taking the turn over');
    }
  }

  async #adopt(msgid: string, why: string): Promise<void> {
    const owner = randomUUID();
    const record = await this.#p.dedup.takeOver(msgid, owner);
    if (!record?.msg || !record.streamId) return;
    this.#p.log.warn({ msgid }, why);
    const msg = record.msg;
    void this.#p.track(
      this.run(msg, record, record.streamId, owner).catch((err: unknown) => {
        logFailure(this.#p, err, msg, 'taken-over turn failed');
      }),
    );
  }
}
