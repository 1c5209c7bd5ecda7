import type { WeComCrypto } from './crypto.js';
import { fitUtf8 as fitBytes } from './outbound/limits.js';
import { repliesTexts } from './texts/replies.js';

/**
 * Passive replies: the plaintext shapes the AI bot may answer a callback with, and the encrypted
 * envelope they travel in. These are plain JSON types shared by the server (which builds them)
 * and the callback client (which opens them).
 */

/** WeCom's limit on `stream.content` and on a response_url markdown body, in UTF-8 bytes. */
export const CONTENT_MAX_BYTES = 20_480;

/** Appended where content had to be cut to fit. */
export const TRUNCATION_NOTE = `\n\n${repliesTexts.truncated}`;

/**
 * A template card as WeCom defines it (text_notice, news_notice, button_interaction,
 * vote_interaction, multiple_interaction). Only the fields the adapter reads are typed.
 */
export interface TemplateCard {
  readonly card_type: string;
  readonly task_id?: string;
  readonly [field: string]: unknown;
}

/**
 * An image on a finished stream (`msg_item`): JPG or PNG, base64 of the raw bytes and their md5
 * (hex). WeCom takes at most 10, each at most 10 MB before base64, and only with `finish: true`.
 */
export interface StreamImage {
  readonly base64: string;
  readonly md5: string;
}

export const STREAM_IMAGES_MAX = 10;
export const STREAM_IMAGE_MAX_BYTES = 10 * 1024 * 1024;

export interface StreamPayload {
  /** Ours, unique per user message; later refreshes are matched by it. */
  readonly id: string;
  readonly finish: boolean;
  /** The full content so far (each reply replaces the previous one), at most 20,480 bytes. */
  readonly content: string;
  /** Honoured on the first reply only; enables `feedback_event` for this answer. */
  readonly feedback?: { readonly id: string };
  /** Images, in the final reply only. */
  readonly msg_item?: readonly { readonly msgtype: 'image'; readonly image: StreamImage }[];
}

export interface StreamReply {
  readonly msgtype: 'stream';
  readonly stream: StreamPayload;
}

/** Allowed only as the answer to `enter_chat`. */
export interface TextReply {
  readonly msgtype: 'text';
  readonly text: { readonly content: string };
}

export interface TemplateCardReply {
  readonly msgtype: 'template_card';
  readonly template_card: TemplateCard;
}

/** A stream plus a card; the card goes out once per message. */
export interface StreamWithCardReply {
  readonly msgtype: 'stream_with_template_card';
  readonly stream: StreamPayload;
  readonly template_card: TemplateCard;
}

/** The answer to a `template_card_event`: replaces the clicked card. */
export interface UpdateTemplateCardReply {
  readonly response_type: 'update_template_card';
  /** Omitted: the card changes for everyone it was sent to. */
  readonly userids?: readonly string[];
  readonly template_card: TemplateCard;
}

export type PassiveReply =
  StreamReply | TextReply | TemplateCardReply | StreamWithCardReply | UpdateTemplateCardReply;

/** What travels over HTTP: the reply encrypted and signed with the callback's own nonce. */
export interface ReplyEnvelope {
  readonly encrypt: string;
  readonly msgsignature: string;
  /** Seconds. */
  readonly timestamp: number;
  readonly nonce: string;
}

/** Active replies POSTed to a response_url (plain JSON, no encryption). */
export type ActiveReply =
  | { readonly msgtype: 'markdown'; readonly markdown: { readonly content: string } }
  | { readonly msgtype: 'template_card'; readonly template_card: TemplateCard };

/**
 * Stream content cut to WeCom's limit with the truncation note; content that fits is returned
 * unchanged. The cutting itself is `outbound/limits.ts`' (one cutter for every WeCom limit).
 */
export function fitUtf8(
  content: string,
  maxBytes: number = CONTENT_MAX_BYTES,
  note: string = TRUNCATION_NOTE,
): string {
  return fitBytes(content, maxBytes, note);
}

/** A stream reply; `images` go out as `msg_item` on the finished reply only (WeCom's rule). */
export function streamReply(
  stream: {
    id: string;
    content: string;
    finish: boolean;
    feedbackId?: string;
    images?: readonly StreamImage[];
  },
  card?: TemplateCard,
): StreamReply | StreamWithCardReply {
  const images = stream.finish ? (stream.images ?? []).slice(0, STREAM_IMAGES_MAX) : [];
  const payload: StreamPayload = {
    id: stream.id,
    finish: stream.finish,
    content: fitUtf8(stream.content),
    ...(stream.feedbackId ? { feedback: { id: stream.feedbackId } } : {}),
    ...(images.length > 0
      ? { msg_item: images.map((image) => ({ msgtype: 'image' as const, image })) }
      : {}),
  };
  return card
    ? { msgtype: 'stream_with_template_card', stream: payload, template_card: card }
    : { msgtype: 'stream', stream: payload };
}

export function textReply(content: string): TextReply {
  return { msgtype: 'text', text: { content: fitUtf8(content) } };
}

export function templateCardReply(card: TemplateCard): TemplateCardReply {
  return { msgtype: 'template_card', template_card: card };
}

export function updateTemplateCardReply(
  card: TemplateCard,
  userids?: readonly string[],
): UpdateTemplateCardReply {
  return {
    response_type: 'update_template_card',
    ...(userids && userids.length > 0 ? { userids } : {}),
    template_card: card,
  };
}

export function markdownActiveReply(content: string): ActiveReply {
  return { msgtype: 'markdown', markdown: { content: fitUtf8(content) } };
}

/** Encrypts and signs a reply; `nonce` must be the callback's own nonce. */
export function sealReply(
  crypto: WeComCrypto,
  reply: PassiveReply,
  nonce: string,
  nowSeconds: number,
): ReplyEnvelope {
  const encrypt = crypto.seal(JSON.stringify(reply));
  return {
    encrypt,
    msgsignature: crypto.sign(nowSeconds, nonce, encrypt),
    timestamp: nowSeconds,
    nonce,
  };
}
