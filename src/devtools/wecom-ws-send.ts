import type { UploadedMedia } from './wecom-ws-media.js';
import type { Refusal } from './wecom-ws-rules.js';

/**
 * What the stand-in accepts as `aibot_send_msg` (wecom-protocol.md §7), and the sliding windows
 * behind its rate limits: per conversation 30 messages a minute and 1 000 an hour, replies and
 * pushes together; subscribes per bot.
 */

/** Per conversation, replies and pushes combined (wecom-protocol.md §7). */
export const CHAT_PER_MINUTE = 30;
export const CHAT_PER_HOUR = 1_000;
/** WeCom asks to subscribe rarely ("rate-protected"); more than this per minute per bot: 45009. */
export const SUBSCRIBES_PER_MINUTE = 30;

/** Sliding windows of timestamps by key. */
export class RateWindows {
  readonly #times = new Map<string, number[]>();

  /**
   * Takes a slot for `key` when fewer than `limit` were taken in the last `windowMs` (and, with
   * `hourLimit`, in the last hour); false otherwise.
   */
  take(key: string, now: number, limit: number, windowMs: number, hourLimit?: number): boolean {
    const keep = Math.max(windowMs, hourLimit === undefined ? 0 : 3_600_000);
    const times = (this.#times.get(key) ?? []).filter((t) => t > now - keep);
    this.#times.set(key, times);
    if (times.filter((t) => t > now - windowMs).length >= limit) return false;
    if (hourLimit !== undefined && times.length >= hourLimit) return false;
    times.push(now);
    return true;
  }

  /** One message into a conversation (a reply or a push). */
  takeChat(botId: string, chat: string, now: number): boolean {
    return this.take(`chat/${botId}/${chat}`, now, CHAT_PER_MINUTE, 60_000, CHAT_PER_HOUR);
  }

  takeSubscribe(botId: string, now: number): boolean {
    return this.take(`subscribe/${botId}`, now, SUBSCRIBES_PER_MINUTE, 60_000);
  }
}

export function checkSendBody(
  body: Record<string, unknown>,
  media: ReadonlyMap<string, UploadedMedia>,
): Refusal | undefined {
  if (typeof body.chatid !== 'string' || body.chatid === '') {
    return { errcode: 40058, errmsg: 'invalid Request Parameter: chatid' };
  }
  switch (body.msgtype) {
    case 'markdown': {
      const content = (body.markdown as { content?: unknown } | undefined)?.content;
      if (typeof content !== 'string' || content === '') {
        return { errcode: 44004, errmsg: 'empty content' };
      }
      if (Buffer.byteLength(content, 'utf8') > 20_480) {
        return { errcode: 40058, errmsg: 'invalid Request Parameter: content exceeds 20480 bytes' };
      }
      return undefined;
    }
    case 'template_card':
      return typeof body.template_card === 'object' && body.template_card
        ? undefined
        : { errcode: 40058, errmsg: 'invalid Request Parameter: template_card' };
    case 'file':
    case 'image':
    case 'voice':
    case 'video': {
      const id = (body[body.msgtype] as { media_id?: unknown } | undefined)?.media_id;
      return typeof id === 'string' && media.has(id)
        ? undefined
        : { errcode: 40058, errmsg: 'invalid Request Parameter: media_id' };
    }
    default:
      return { errcode: 40008, errmsg: 'invalid message type' };
  }
}
