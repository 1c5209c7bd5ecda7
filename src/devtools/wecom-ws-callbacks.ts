import { randomUUID } from 'node:crypto';

/** The bodies of the callback frames the stand-in sends, as WeCom shapes them (§3, §7). */

/** A user as the stand-in plays them. */
export interface WsSender {
  readonly userid: string;
  readonly chattype?: 'single' | 'group';
  readonly chatid?: string;
}

/** `aibot_msg_callback` body of a text; in a group the bot is @-mentioned, as WeCom requires. */
export function textBody(
  botId: string,
  from: WsSender,
  content: string,
  msgid: string,
): Record<string, unknown> {
  return {
    msgid,
    aibotid: botId,
    ...envelope(from),
    msgtype: 'text',
    text: { content: from.chattype === 'group' ? `@报告助手 ${content}` : content },
  };
}

/** `aibot_event_callback` body; the event's own fields sit under its type's name. */
export function eventBody(
  botId: string,
  from: WsSender,
  eventtype: string,
  payload: Record<string, unknown>,
  now: number,
): Record<string, unknown> {
  return {
    msgid: randomUUID(),
    create_time: Math.floor(now / 1000),
    aibotid: botId,
    ...envelope(from),
    msgtype: 'event',
    event: { eventtype, ...(Object.keys(payload).length ? { [eventtype]: payload } : {}) },
  };
}

function envelope(from: WsSender): Record<string, unknown> {
  const chattype = from.chattype ?? (from.chatid ? 'group' : 'single');
  return {
    chattype,
    ...(chattype === 'group' ? { chatid: from.chatid ?? 'group' } : {}),
    from: { userid: from.userid },
  };
}
