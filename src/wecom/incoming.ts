import { z } from 'zod';

/**
 * One decrypted AI-bot callback as plain data: what the rest of the bot sees of WeCom's inbound
 * protocol. Field names follow WeCom's single words (`msgid`, `chatid`, `chattype`, `userid`,
 * `aibotid`); `response_url` becomes `responseUrl`.
 */
export type IncomingMessage =
  | TextMessage
  | MixedMessage
  | VoiceMessage
  | ImageMessage
  | FileMessage
  | VideoMessage
  | StreamRefresh
  | EnterChatEvent
  | TemplateCardEvent
  | FeedbackEvent
  | UnsupportedMessage;

/** What every callback carries. */
export interface MessageEnvelope {
  /** Unique per callback; the de-duplication key (WeCom re-sends what it got no answer to). */
  readonly msgid: string;
  readonly aibotid: string;
  readonly chattype: 'single' | 'group';
  /** Present in group chats only. */
  readonly chatid?: string;
  readonly from: { readonly userid: string; readonly corpid?: string };
  /** One-shot URL for an active reply (1 hour); a secret-like credential, never log it raw. */
  readonly responseUrl?: string;
  /** Seconds since the epoch; events carry it, messages usually do not. */
  readonly createTime?: number;
}

/** The earlier message a user quoted. */
export type QuotedMessage =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'voice'; readonly text: string }
  | { readonly type: 'image'; readonly url: string }
  | { readonly type: 'file'; readonly url: string }
  | { readonly type: 'mixed'; readonly items: readonly MixedItem[] }
  | { readonly type: 'unsupported'; readonly msgtype: string };

export type MixedItem =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image'; readonly url: string };

/** A user message the handler answers with a stream (or a card). */
interface UserMessage extends MessageEnvelope {
  readonly quote?: QuotedMessage;
}

export interface TextMessage extends UserMessage {
  readonly type: 'text';
  /** The words with a leading `@机器人名` removed (group chats) and surrounding space trimmed. */
  readonly text: string;
  /** The content exactly as WeCom sent it. */
  readonly rawText: string;
}

export interface MixedMessage extends UserMessage {
  readonly type: 'mixed';
  /** The first text item has its leading `@机器人名` removed (group chats). */
  readonly items: readonly MixedItem[];
}

/** Speech, already converted to text by WeCom. Single chats only. */
export interface VoiceMessage extends UserMessage {
  readonly type: 'voice';
  readonly text: string;
}

/** The URL points to bytes encrypted with the bot's AES key, valid for 5 minutes. */
export interface ImageMessage extends UserMessage {
  readonly type: 'image';
  readonly url: string;
}

export interface FileMessage extends UserMessage {
  readonly type: 'file';
  readonly url: string;
}

export interface VideoMessage extends UserMessage {
  readonly type: 'video';
  readonly url: string;
}

/** WeCom polling for the current content of a stream this bot started. */
export interface StreamRefresh extends MessageEnvelope {
  readonly type: 'stream_refresh';
  readonly streamId: string;
}

/** The user opened the 1:1 chat for the first time today; a welcome may be answered. */
export interface EnterChatEvent extends MessageEnvelope {
  readonly type: 'enter_chat';
}

/** A click on a template card's button or submit. Sent once; answer within 5 s. */
export interface TemplateCardEvent extends MessageEnvelope {
  readonly type: 'template_card_event';
  readonly cardType: string;
  readonly eventKey: string;
  readonly taskId: string;
  readonly selectedItems: readonly {
    readonly questionKey: string;
    readonly optionIds: readonly string[];
  }[];
}

/** A rating of an earlier reply that carried a feedback id. Only an empty reply is allowed. */
export interface FeedbackEvent extends MessageEnvelope {
  readonly type: 'feedback_event';
  readonly feedbackId: string;
  /** 1 accurate, 2 inaccurate, 3 cancelled. */
  readonly rating: 1 | 2 | 3;
  readonly comment?: string;
  /** 1 irrelevant, 2 incomplete, 3 wrong, 4 wrong data analysis. */
  readonly inaccurateReasons: readonly number[];
}

/** A message or event type this adapter does not know; acknowledged with an empty reply. */
export interface UnsupportedMessage extends MessageEnvelope {
  readonly type: 'unsupported';
  readonly msgtype: string;
  readonly eventtype?: string;
}

/** The types a user sends (as opposed to refreshes and events). */
export type UserMessageType = 'text' | 'mixed' | 'voice' | 'image' | 'file' | 'video';

export function isUserMessage(
  m: IncomingMessage,
): m is TextMessage | MixedMessage | VoiceMessage | ImageMessage | FileMessage | VideoMessage {
  return (
    m.type === 'text' ||
    m.type === 'mixed' ||
    m.type === 'voice' ||
    m.type === 'image' ||
    m.type === 'file' ||
    m.type === 'video'
  );
}

/** The decrypted plaintext was not a callback we can read. */
export class CallbackDecodeError extends Error {
  constructor(
    readonly reason: 'bad_json' | 'bad_shape',
    message: string,
  ) {
    super(message);
    this.name = 'CallbackDecodeError';
  }
}

// ---- wire schemas -------------------------------------------------------------------------------

const id = z.string().min(1).max(1024);
const text = z.object({ content: z.string().max(65_536) });
const url = z.object({ url: z.string().min(1).max(4096) });
const mixedItem = z.discriminatedUnion('msgtype', [
  z.object({ msgtype: z.literal('text'), text }),
  z.object({ msgtype: z.literal('image'), image: url }),
]);
const mixed = z.object({ msg_item: z.array(mixedItem).min(1).max(100) });
const quote = z.looseObject({ msgtype: z.string() });

const envelope = {
  msgid: id,
  aibotid: z.string().max(1024).optional(),
  chattype: z.enum(['single', 'group']),
  chatid: z.string().min(1).max(1024).optional(),
  from: z.object({ userid: id, corpid: z.string().max(1024).optional() }),
  response_url: z.string().min(1).max(4096).optional(),
  create_time: z.number().int().nonnegative().optional(),
};

const selected = z.object({
  selected_item: z
    .array(
      z.object({
        question_key: z.string(),
        option_ids: z.object({ option_id: z.array(z.string()) }).optional(),
      }),
    )
    .default([]),
});

const callback = z.discriminatedUnion('msgtype', [
  z.object({ ...envelope, msgtype: z.literal('text'), text, quote: quote.optional() }),
  z.object({ ...envelope, msgtype: z.literal('mixed'), mixed, quote: quote.optional() }),
  z.object({ ...envelope, msgtype: z.literal('voice'), voice: text, quote: quote.optional() }),
  z.object({ ...envelope, msgtype: z.literal('image'), image: url, quote: quote.optional() }),
  z.object({ ...envelope, msgtype: z.literal('file'), file: url, quote: quote.optional() }),
  z.object({ ...envelope, msgtype: z.literal('video'), video: url, quote: quote.optional() }),
  z.object({ ...envelope, msgtype: z.literal('stream'), stream: z.object({ id }) }),
  z.object({
    ...envelope,
    msgtype: z.literal('event'),
    event: z.looseObject({ eventtype: z.string().min(1) }),
  }),
]);

const knownMsgtypes = new Set(['text', 'mixed', 'voice', 'image', 'file', 'video', 'stream']);
const msgtypeOnly = z.looseObject({ msgtype: z.string() });
const envelopeOnly = z.object(envelope);

const cardEvent = z.object({
  card_type: z.string().min(1),
  event_key: z.string(),
  task_id: z.string(),
  selected_items: selected.optional(),
});

const feedbackEvent = z.object({
  id: z.string().min(1),
  type: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  content: z.string().optional(),
  inaccurate_reason_list: z.array(z.number().int()).optional(),
});

// ---- decoding -----------------------------------------------------------------------------------

/** A leading mention: `@` + a display name + the space after it (WeCom uses ASCII or U+2005). */
const LEADING_MENTION = /^[\s\u2005]*@[^\s\u2005]+(?:[\s\u2005]+|$)/u;

/** Removes the `@机器人名` WeCom puts before group-chat text, and trims. */
export function stripMention(content: string): string {
  return content.replace(LEADING_MENTION, '').trim();
}

/**
 * Parses a decrypted callback plaintext; throws {@link CallbackDecodeError} with a short message
 * naming the first problem. Unknown message and event types decode to `unsupported`.
 */
export function decodeCallback(plaintext: string): IncomingMessage {
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    throw new CallbackDecodeError('bad_json', 'callback is not JSON');
  }
  const head = msgtypeOnly.safeParse(json);
  if (head.success && !knownMsgtypes.has(head.data.msgtype) && head.data.msgtype !== 'event') {
    const base = envelopeOnly.safeParse(json);
    if (!base.success) throw shapeError(base.error);
    return { ...toEnvelope(base.data), type: 'unsupported', msgtype: head.data.msgtype };
  }
  const parsed = callback.safeParse(json);
  if (!parsed.success) throw shapeError(parsed.error);
  const m = parsed.data;
  if (m.chattype === 'group' && !m.chatid) {
    throw new CallbackDecodeError('bad_shape', 'chatid: required in a group chat');
  }
  const base = toEnvelope(m);
  const group = m.chattype === 'group';
  switch (m.msgtype) {
    case 'text':
      return {
        ...base,
        type: 'text',
        text: group ? stripMention(m.text.content) : m.text.content.trim(),
        rawText: m.text.content,
        ...withQuote(m.quote),
      };
    case 'mixed':
      return { ...base, type: 'mixed', items: mixedItems(m.mixed, group), ...withQuote(m.quote) };
    case 'voice':
      return { ...base, type: 'voice', text: m.voice.content.trim(), ...withQuote(m.quote) };
    case 'image':
      return { ...base, type: 'image', url: m.image.url, ...withQuote(m.quote) };
    case 'file':
      return { ...base, type: 'file', url: m.file.url, ...withQuote(m.quote) };
    case 'video':
      return { ...base, type: 'video', url: m.video.url, ...withQuote(m.quote) };
    case 'stream':
      return { ...base, type: 'stream_refresh', streamId: m.stream.id };
    case 'event':
      return decodeEvent(base, m.event);
  }
}

function decodeEvent(
  base: MessageEnvelope,
  event: { eventtype: string; [k: string]: unknown },
): IncomingMessage {
  switch (event.eventtype) {
    case 'enter_chat':
      return { ...base, type: 'enter_chat' };
    case 'template_card_event': {
      const card = cardEvent.safeParse(event.template_card_event);
      if (!card.success) throw shapeError(card.error, 'event.template_card_event');
      return {
        ...base,
        type: 'template_card_event',
        cardType: card.data.card_type,
        eventKey: card.data.event_key,
        taskId: card.data.task_id,
        selectedItems: (card.data.selected_items?.selected_item ?? []).map((s) => ({
          questionKey: s.question_key,
          optionIds: s.option_ids?.option_id ?? [],
        })),
      };
    }
    case 'feedback_event': {
      const fb = feedbackEvent.safeParse(event.feedback_event);
      if (!fb.success) throw shapeError(fb.error, 'event.feedback_event');
      return {
        ...base,
        type: 'feedback_event',
        feedbackId: fb.data.id,
        rating: fb.data.type,
        ...(fb.data.content !== undefined ? { comment: fb.data.content } : {}),
        inaccurateReasons: fb.data.inaccurate_reason_list ?? [],
      };
    }
    default:
      return { ...base, type: 'unsupported', msgtype: 'event', eventtype: event.eventtype };
  }
}

type WireEnvelope = z.infer<z.ZodObject<typeof envelope>>;

function toEnvelope(m: WireEnvelope): MessageEnvelope {
  return {
    msgid: m.msgid,
    aibotid: m.aibotid ?? '',
    chattype: m.chattype,
    ...(m.chatid !== undefined ? { chatid: m.chatid } : {}),
    from: {
      userid: m.from.userid,
      ...(m.from.corpid !== undefined ? { corpid: m.from.corpid } : {}),
    },
    ...(m.response_url !== undefined ? { responseUrl: m.response_url } : {}),
    ...(m.create_time !== undefined ? { createTime: m.create_time } : {}),
  };
}

function mixedItems(m: z.infer<typeof mixed>, group: boolean): MixedItem[] {
  let first = true;
  return m.msg_item.map((item): MixedItem => {
    if (item.msgtype === 'image') return { type: 'image', url: item.image.url };
    const value = group && first ? stripMention(item.text.content) : item.text.content;
    first = false;
    return { type: 'text', text: value };
  });
}

const quoted = z.discriminatedUnion('msgtype', [
  z.object({ msgtype: z.literal('text'), text }),
  z.object({ msgtype: z.literal('voice'), voice: text }),
  z.object({ msgtype: z.literal('image'), image: url }),
  z.object({ msgtype: z.literal('file'), file: url }),
  z.object({ msgtype: z.literal('mixed'), mixed }),
]);

function withQuote(raw: z.infer<typeof quote> | undefined): { quote?: QuotedMessage } {
  if (!raw) return {};
  const q = quoted.safeParse(raw);
  // A quote we cannot read should not cost the user their message.
  if (!q.success) return { quote: { type: 'unsupported', msgtype: raw.msgtype } };
  const d = q.data;
  switch (d.msgtype) {
    case 'text':
      return { quote: { type: 'text', text: d.text.content } };
    case 'voice':
      return { quote: { type: 'voice', text: d.voice.content } };
    case 'image':
      return { quote: { type: 'image', url: d.image.url } };
    case 'file':
      return { quote: { type: 'file', url: d.file.url } };
    case 'mixed':
      return { quote: { type: 'mixed', items: mixedItems(d.mixed, false) } };
  }
}

function shapeError(error: z.ZodError, prefix?: string): CallbackDecodeError {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  const what = issue?.code === 'invalid_type' ? 'missing or of the wrong type' : 'invalid';
  return new CallbackDecodeError('bad_shape', `${path || 'callback'}: ${what}`);
}
