/**
 * What WeCom's long-connection endpoint accepts as a reply to a callback (wecom-protocol.md §4.2,
 * §6.3, §7), kept apart from the stand-in's socket handling so the rules read as one list.
 *
 * Errcodes, and where each comes from (checked 2026-12-01; the 智能机器人长连接 page itself lists
 * no errcodes in what we could read of it, so the socket-specific ones rest on WeCom's own
 * tools' and users' reports):
 * - 40058 "invalid Request Parameter": WeCom's global errcode list (document/path/90455:
 *   不合法的参数), with the errmsg WeCom's own CLI shows (WecomTeam/wecom-cli#24). Used for a bad
 *   shape, an unknown req_id, an oversized content. Which code a socket reply to an unknown
 *   req_id really gets is not documented.
 * - 40008 "invalid message type": global errcode list (不合法的msgtype参数).
 * - 44004 "empty content": global errcode list (文本消息content参数为空).
 * - 846608 "stream message update expired": a stream written after it finished or after its six
 *   minutes [community: the SDK's "Reply ack error: errcode=846608" in
 *   sunnoy/openclaw-plugin-wecom#107]. That report reads the six minutes as counted from the
 *   last update (its fix is a keep-alive frame every 4 minutes); our notes of the docs count
 *   them from the first frame, which is what this stand-in does (the stricter of the two).
 */

export interface Refusal {
  readonly errcode: number;
  readonly errmsg: string;
}

/** A callback the stand-in sent and the replies it may still take. */
export interface OpenCallback {
  readonly reqId: string;
  readonly botId: string;
  readonly cmd: 'aibot_msg_callback' | 'aibot_event_callback';
  /** Group chatid, or the userid of a single chat. */
  readonly chat: string;
  readonly msgid: string;
  /** `message`, or the event type. */
  readonly kind: string;
  readonly sentAt: number;
  readonly body: Record<string, unknown>;
  answered: boolean;
  redelivered?: boolean;
  streamId?: string;
  streamStartedAt?: number;
  streamFinished?: boolean;
  cardSent?: boolean;
}

export const CONTENT_MAX_BYTES = 20_480;
/** A stream must be finished within six minutes of its first frame. */
export const STREAM_WINDOW_MS = 6 * 60_000;
/** Welcome replies and card updates: within five seconds of the event. */
export const EVENT_REPLY_MS = 5_000;
/** Replies to a conversation: within 24 hours of its callback. */
export const REPLY_WINDOW_MS = 24 * 3_600_000;

const bad = (why: string): Refusal => ({
  errcode: 40058,
  errmsg: `invalid Request Parameter: ${why}`,
});
const wrongType: Refusal = { errcode: 40008, errmsg: 'invalid message type' };
const expired: Refusal = { errcode: 846608, errmsg: 'stream message update expired' };

/**
 * Checks one reply frame against the callback it names; on success updates the callback's
 * stream state (the caller records the delivery). Returns the refusal otherwise.
 */
export function checkReplyFrame(
  cmd: string,
  body: Record<string, unknown>,
  cb: OpenCallback | undefined,
  botId: string,
  now: number,
): Refusal | undefined {
  if (
    !['aibot_respond_msg', 'aibot_respond_welcome_msg', 'aibot_respond_update_msg'].includes(cmd)
  ) {
    return wrongType;
  }
  if (!cb || cb.botId !== botId) return bad('req_id is not an open callback');
  if (now - cb.sentAt > REPLY_WINDOW_MS) return bad('req_id expired');
  if (cmd === 'aibot_respond_welcome_msg') return welcome(body, cb, now);
  if (cmd === 'aibot_respond_update_msg') return update(body, cb, now);
  if (cb.kind !== 'message' && cb.kind !== 'enter_chat') return wrongType;
  switch (body.msgtype) {
    case 'stream':
    case 'stream_with_template_card':
      return stream(body, cb, now);
    case 'template_card':
      if (cb.cardSent) return bad('template_card already sent for this message');
      if (!isObject(body.template_card)) return bad('template_card');
      cb.cardSent = true;
      return undefined;
    case 'file':
    case 'image':
    case 'voice':
    case 'video':
      return undefined;
    default:
      return wrongType;
  }
}

function stream(body: Record<string, unknown>, cb: OpenCallback, now: number): Refusal | undefined {
  if (cb.kind !== 'message') return wrongType;
  const s = body.stream as Record<string, unknown> | undefined;
  if (!isObject(s) || typeof s.id !== 'string' || s.id === '') return bad('stream.id');
  if (typeof s.content !== 'string' && s.finish !== true) return bad('stream.content');
  if (typeof s.content === 'string' && Buffer.byteLength(s.content, 'utf8') > CONTENT_MAX_BYTES) {
    return bad(`stream.content exceeds ${CONTENT_MAX_BYTES} bytes`);
  }
  if (s.msg_item !== undefined) return bad('msg_item is not supported on the long connection');
  if (cb.streamId !== undefined && cb.streamId !== s.id)
    return bad('stream.id differs from the first reply');
  if (cb.streamFinished) return expired;
  if (cb.streamStartedAt !== undefined && now - cb.streamStartedAt > STREAM_WINDOW_MS)
    return expired;
  if (body.msgtype === 'stream_with_template_card' && body.template_card !== undefined) {
    if (cb.cardSent) return bad('template_card already sent for this message');
    cb.cardSent = true;
  }
  cb.streamId = s.id;
  cb.streamStartedAt ??= now;
  if (s.finish === true) cb.streamFinished = true;
  return undefined;
}

function welcome(
  body: Record<string, unknown>,
  cb: OpenCallback,
  now: number,
): Refusal | undefined {
  if (cb.kind !== 'enter_chat') return wrongType;
  if (cb.answered) return bad('welcome already sent');
  if (now - cb.sentAt > EVENT_REPLY_MS) return bad('welcome later than 5 s');
  if (body.msgtype === 'text') {
    const content = (body.text as { content?: unknown } | undefined)?.content;
    return typeof content === 'string' && content !== ''
      ? undefined
      : { errcode: 44004, errmsg: 'empty content' };
  }
  if (body.msgtype === 'template_card')
    return isObject(body.template_card) ? undefined : bad('template_card');
  return wrongType;
}

function update(body: Record<string, unknown>, cb: OpenCallback, now: number): Refusal | undefined {
  if (cb.kind !== 'template_card_event') return wrongType;
  if (cb.answered) return bad('card already updated');
  if (now - cb.sentAt > EVENT_REPLY_MS) return bad('card update later than 5 s');
  if (body.response_type !== 'update_template_card') return bad('response_type');
  const card = body.template_card as Record<string, unknown> | undefined;
  const event = (cb.body.event as Record<string, Record<string, unknown>> | undefined)
    ?.template_card_event;
  if (!isObject(card) || (event && card.task_id !== event.task_id))
    return bad('template_card.task_id');
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
