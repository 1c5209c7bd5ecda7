import type { Logger } from '../../logger.js';
import type { LongConnection } from './connection.js';

/** The reply commands of the long connection, each tied to a callback's req_id. */
export type ReplyCmd =
  'aibot_respond_msg' | 'aibot_respond_welcome_msg' | 'aibot_respond_update_msg';

/**
 * What became of a reply frame: WeCom accepted it, refused it (an errcode: it will refuse it
 * again, so the content must go another way), or the socket is not up on this instance.
 */
export type ReplyOutcome = 'sent' | 'refused' | 'down';

export interface ReplyFramesOptions {
  readonly link: Pick<LongConnection, 'client' | 'whenUp' | 'status'>;
  readonly log: Logger;
  /** How long a reply waits for this instance's dropped socket to come back. */
  readonly reconnectWaitMs?: number;
}

/**
 * Sends one reply frame and waits for WeCom's ack. A socket that dropped under it is waited
 * for (once) while this instance still holds the connection, since the SDK reconnects within
 * about a second; an instance that no longer holds it answers `down` at once, and the caller
 * leaves the reply to the holder.
 */
export class ReplyFrames {
  readonly #o: ReplyFramesOptions;

  constructor(options: ReplyFramesOptions) {
    this.#o = options;
  }

  async send(reqId: string, cmd: ReplyCmd, body: unknown): Promise<ReplyOutcome> {
    const { link, log } = this.#o;
    for (let attempt = 1; attempt <= 2; attempt++) {
      const client = link.client;
      if (!client) {
        if (attempt === 2 || !(await this.#backUp())) return 'down';
        continue;
      }
      try {
        await client.reply({ headers: { req_id: reqId } }, body as never, cmd);
        return 'sent';
      } catch (err) {
        const errcode = (err as { errcode?: unknown }).errcode;
        if (typeof errcode === 'number') {
          log.warn(
            { reqId, cmd, errcode, errmsg: (err as { errmsg?: unknown }).errmsg },
            'long connection: WeCom refused a reply frame',
          );
          return 'refused';
        }
        log.info({ reqId, cmd, err: (err as Error).message }, 'long connection: reply not sent');
        if (attempt === 2 || !(await this.#backUp())) return 'down';
      }
    }
    return 'down';
  }

  /** Waits for the socket while this instance holds the connection; false when it does not. */
  async #backUp(): Promise<boolean> {
    const { link } = this.#o;
    if (!link.status().holder) return false;
    return link.whenUp(this.#o.reconnectWaitMs ?? 30_000);
  }
}
