import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../logger.js';
import type { PassiveReply, StreamPayload } from '../replies.js';
import { LongConnectionDownError, type ChatPusher } from './chat-pusher.js';
import type { LongConnection } from './connection.js';
import type { ConnectionLease } from './lease.js';
import type { OpenStream, OpenStreams } from './open-streams.js';
import type { ReplyFrames, ReplyOutcome } from './reply-frames.js';
import type { Respond } from './respond.js';

/**
 * Follows open streams to their end over the long connection. WeCom sends no refresh callbacks
 * on the socket, so the follower asks the Responder for the stream's state the way a refresh
 * callback would (which also takes over a turn whose owner died) and sends what changed as
 * `aibot_respond_msg` with the stream's id, until `finish:true`.
 *
 * Every followed stream is recorded in Redis ({@link OpenStreams}) under a follower lease, so
 * that a holder that dies mid-answer leaves it to the next one: whoever holds the connection
 * looks for streams without a follower when its socket comes up, and again every lease period,
 * and completes each from what WeCom last accepted, on the same req_id (WeCom takes replies to a
 * callback for 24 hours, wecom-protocol.md §7); if WeCom refuses the frame (the stream expired
 * after its six minutes, 846608), the final content goes into the chat with `aibot_send_msg`.
 */

export interface StreamFollowerOptions {
  readonly link: Pick<LongConnection, 'isUp' | 'owner'>;
  readonly responder: Respond;
  readonly pusher: Pick<ChatPusher, 'sendMarkdown' | 'sendImage'>;
  readonly frames: ReplyFrames;
  readonly streams: OpenStreams;
  readonly log: Logger;
  /** How often an open stream is looked at for news. */
  readonly intervalMs?: number;
  /** WeCom closes a stream 6 minutes after its first frame; give up following a little later. */
  readonly budgetMs?: number;
}

type Frame = Extract<PassiveReply, { stream: unknown }>;

export class StreamFollower {
  readonly #o: StreamFollowerOptions;
  readonly #interval: number;
  readonly #budget: number;
  /** Streams followed by this instance, by msgid. */
  readonly #following = new Set<string>();
  readonly #running = new Set<Promise<void>>();
  /** Streams seen without an acknowledged first frame in the last sweep. */
  readonly #unconfirmed = new Set<string>();

  constructor(options: StreamFollowerOptions) {
    this.#o = options;
    this.#interval = options.intervalMs ?? 400;
    this.#budget = options.budgetMs ?? 370_000;
  }

  /**
   * A new stream: recorded (with its follower lease) before its first frame leaves, then, once
   * WeCom took or refused that frame, followed here until it is finished. A first frame that
   * could not be sent at all leaves the record to whoever answers the callback next.
   */
  async begin(
    open: OpenStream,
    first: Pick<StreamPayload, 'content' | 'finish' | 'msg_item'>,
    sendFirst: () => Promise<ReplyOutcome>,
  ): Promise<void> {
    const { streams, log, link } = this.#o;
    this.#following.add(open.msgid);
    const lease = streams.followLease(open.msgid, link.owner);
    await streams
      .save(open)
      .then(() => lease.acquire())
      .catch((err: unknown) => {
        // Redis trouble: answer anyway (the follower takes its lease once Redis is back).
        log.warn({ err: (err as Error).message }, 'long connection: open stream not recorded');
      });
    const outcome = await sendFirst();
    if (outcome === 'down' || (outcome === 'sent' && first.finish)) {
      this.#following.delete(open.msgid);
      if (outcome === 'sent') {
        await streams.remove(open.msgid).catch(() => undefined);
        await this.#images(open, first.msg_item);
      } else {
        log.warn({ msgid: open.msgid }, 'long connection: first frame not sent');
        await lease.release().catch(() => undefined);
      }
      return;
    }
    const refused = outcome === 'refused';
    const confirmed = {
      ...open,
      sent: refused ? null : { content: first.content, finish: first.finish },
    };
    if (!refused) await streams.save(confirmed).catch(() => undefined);
    await this.#track(this.#follow(confirmed, lease, refused));
  }

  /**
   * Takes every recorded stream that has no follower any more, and completes it. A stream whose
   * first frame was never acknowledged is left one sweep longer: if WeCom did not get it, it
   * delivers the callback again, and answering that re-delivery takes the record over.
   */
  async resume(): Promise<void> {
    const { streams, link, log } = this.#o;
    if (!link.isUp()) return;
    const seen = new Set<string>();
    for (const open of await streams.list()) {
      seen.add(open.msgid);
      if (this.#following.has(open.msgid)) continue;
      if (Date.now() - open.startedAt > this.#budget) {
        await streams.remove(open.msgid);
        continue;
      }
      if (open.sent === null && !this.#unconfirmed.has(open.msgid)) {
        this.#unconfirmed.add(open.msgid);
        continue;
      }
      const lease = streams.followLease(open.msgid, link.owner);
      if (!(await lease.acquire())) continue;
      log.info({ msgid: open.msgid }, 'long connection: completing a stream its follower left');
      void this.#track(this.#follow(open, lease, false));
    }
    for (const msgid of this.#unconfirmed) if (!seen.has(msgid)) this.#unconfirmed.delete(msgid);
  }

  /** Waits (at most `timeoutMs`) for the streams followed here. */
  async drain(timeoutMs: number): Promise<void> {
    await Promise.race([
      Promise.allSettled([...this.#running]),
      sleep(timeoutMs, undefined, { ref: false }),
    ]);
  }

  #track(p: Promise<void>): Promise<void> {
    const tracked = p.catch((err: unknown) =>
      this.#o.log.error({ err: (err as Error).message }, 'long connection: stream not followed'),
    );
    this.#running.add(tracked);
    void tracked.finally(() => this.#running.delete(tracked));
    return tracked;
  }

  async #follow(open: OpenStream, lease: ConnectionLease, refused: boolean): Promise<void> {
    this.#following.add(open.msgid);
    let lost = false;
    const renew = setInterval(
      // Renewed, or taken again if it lapsed while nobody else took it (a Redis hiccup).
      () =>
        void lease
          .renew()
          .then((held) => held || lease.acquire())
          .then(
            (held) => (lost ||= !held),
            () => undefined,
          ),
      Math.max(50, Math.floor(lease.ttlMs / 3)),
    );
    renew.unref();
    try {
      const done = await this.#run(open, refused, () => lost);
      if (done) await this.#o.streams.remove(open.msgid);
      else await lease.release();
    } finally {
      clearInterval(renew);
      this.#following.delete(open.msgid);
    }
  }

  /**
   * Sends each change until the stream is finished; true when the stream needs no more work
   * (finished on the callback, pushed, or past saving), false when it is left to the next holder.
   */
  async #run(open: OpenStream, refusedAtStart: boolean, lost: () => boolean): Promise<boolean> {
    const { responder, frames, streams, log } = this.#o;
    let refused = refusedAtStart;
    let record = open;
    let last: { content: string; finish: boolean; msgtype?: string } = open.sent ?? {
      content: '',
      finish: false,
    };
    let images: StreamPayload['msg_item'];
    while (!last.finish && Date.now() < open.startedAt + this.#budget) {
      await sleep(this.#interval);
      if (lost()) return false; // another holder follows it now
      const now = await responder.respond({
        msgid: `${open.msgid}#follow`,
        ...open.envelope,
        type: 'stream_refresh',
        streamId: open.streamId,
      });
      if (!now || !('stream' in now)) break;
      const next = { content: now.stream.content, finish: now.stream.finish, msgtype: now.msgtype };
      const changed =
        next.content !== last.content ||
        next.finish !== last.finish ||
        (last.msgtype !== undefined && next.msgtype !== last.msgtype);
      if (!changed) continue;
      last = next;
      images = now.stream.msg_item;
      if (refused) continue;
      const outcome = await frames.send(open.reqId, 'aibot_respond_msg', laterFrame(now));
      if (outcome === 'down') return false;
      if (outcome === 'refused') refused = true;
      else {
        record = { ...record, sent: { content: next.content, finish: next.finish } };
        if (!next.finish) await streams.save(record);
      }
    }
    if (!last.finish) {
      log.warn({ msgid: open.msgid }, 'long connection: stream still open past its budget');
      return true;
    }
    if (refused && !(await this.#push(open, last.content))) return false;
    await this.#images(open, images);
    return true;
  }

  /**
   * A finished stream's images (charts), each into the chat as an image message after the text:
   * the socket takes no `msg_item`. One that fails is logged and left out: the text says it all.
   */
  async #images(open: OpenStream, items: StreamPayload['msg_item']): Promise<void> {
    for (const item of items ?? []) {
      try {
        await this.#o.pusher.sendImage(open.chat, Buffer.from(item.image.base64, 'base64'));
      } catch (err) {
        this.#o.log.warn(
          { msgid: open.msgid, err: (err as Error).message },
          'long connection: image not sent',
        );
      }
    }
  }

  /** The final content into the chat, when WeCom would not take it on the callback. */
  async #push(open: OpenStream, content: string): Promise<boolean> {
    const { pusher, log } = this.#o;
    try {
      await pusher.sendMarkdown(open.chat, content);
      log.info({ msgid: open.msgid }, 'long connection: final answer pushed with aibot_send_msg');
      return true;
    } catch (err) {
      if (err instanceof LongConnectionDownError) return false; // the next holder pushes it
      log.error(
        { msgid: open.msgid, err: (err as Error).message },
        'long connection: final answer lost',
      );
      return true;
    }
  }
}

/** The stream id and feedback belong to the first frame; later frames repeat the id only. */
function laterFrame(reply: Frame): Frame {
  return { ...reply, stream: { ...withoutImages(reply).stream, feedback: undefined } } as Frame;
}

/**
 * The frame as the socket takes it: no `msg_item` there (wecom-protocol.md §7); the follower
 * sends a finished stream's images into the chat as image messages instead.
 */
export function withoutImages<T extends { stream: StreamPayload }>(reply: T): T {
  if (!reply.stream.msg_item) return reply;
  const { msg_item: _images, ...stream } = reply.stream;
  return { ...reply, stream };
}
