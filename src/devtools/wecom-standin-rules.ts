import { createHash } from 'node:crypto';
import type { MultipartFile } from './http-body.js';
import type { JsonObject, KeyState, StandinEndpoint, StoredMedia } from './wecom-standin-types.js';

/**
 * What WeCom answers and refuses on the endpoints the stand-in plays (wecom-protocol.md §5, §8,
 * §10): errcodes, documented sizes, and the checks of each message body.
 */

export type Answer = { errcode: number; errmsg: string } & JsonObject;

export const ok = (extra: JsonObject = {}): Answer => ({ errcode: 0, errmsg: 'ok', ...extra });
export const fail = (errcode: number, errmsg: string): Answer => ({ errcode, errmsg });

export const BROKEN_ANSWERS: Record<Exclude<KeyState, 'active'>, Answer> = {
  removed: fail(93000, 'invalid webhook url'),
  disabled: fail(93004, 'robot is disabled'),
  not_in_group: fail(93008, 'robot is not in the chat'),
};

export const SCRIPTED_ERRMSG: Record<number, string> = {
  [-1]: 'system busy',
  45009: 'api freq out of limit',
  93000: 'invalid webhook url',
  93004: 'robot is disabled',
  93008: 'robot is not in the chat',
};

export const LIMITS = {
  text: 2_048,
  markdown: 4_096,
  responseMarkdown: 20_480,
  imageBytes: 2 * 1024 * 1024,
  fileBytes: 20 * 1024 * 1024,
  voiceBytes: 2 * 1024 * 1024,
  jsonBody: 2 * 1024 * 1024,
};

/**
 * A webhook/send body as WeCom checks it: the message type, its payload, the documented sizes.
 * `media` finds an upload made with this key that has not expired.
 */
export function checkWebhookBody(
  body: JsonObject,
  media: (mediaId: string) => StoredMedia | undefined,
): Answer | undefined {
  const msgtype = body.msgtype;
  const payload = typeof msgtype === 'string' ? body[msgtype] : undefined;
  if (typeof msgtype !== 'string' || !WEBHOOK_TYPES.has(msgtype)) {
    return fail(40008, 'invalid message type');
  }
  if (!isObject(payload)) return fail(40058, `invalid Request Parameter: missing ${msgtype}`);
  switch (msgtype) {
    case 'text': {
      const problem = checkContent(
        payload.content,
        LIMITS.text,
        45002,
        'content size out of limit',
      );
      if (problem) return problem;
      for (const list of ['mentioned_list', 'mentioned_mobile_list']) {
        const value = payload[list];
        if (value !== undefined && !isStringList(value)) {
          return fail(40058, `invalid Request Parameter: text.${list} must be a string array`);
        }
      }
      return undefined;
    }
    case 'markdown':
    case 'markdown_v2':
      return checkContent(
        payload.content,
        LIMITS.markdown,
        40058,
        `${msgtype}.content exceed max length ${LIMITS.markdown}. invalid Request Parameter`,
      );
    case 'file':
    case 'voice': {
      const stored = typeof payload.media_id === 'string' && media(payload.media_id);
      if (!stored) {
        return fail(40007, 'invalid media_id');
      }
      if (stored.type !== msgtype) return fail(40007, 'invalid media_id: wrong media type');
      return undefined;
    }
    case 'image':
      return checkImage(payload);
    case 'news':
      return checkNews(payload);
    case 'template_card':
      return payload.card_type === 'text_notice' || payload.card_type === 'news_notice'
        ? undefined
        : fail(40058, 'invalid Request Parameter: card_type');
    default:
      return fail(40008, 'invalid message type');
  }
}

const WEBHOOK_TYPES = new Set([
  'text',
  'markdown',
  'markdown_v2',
  'image',
  'news',
  'file',
  'voice',
  'template_card',
]);

export function endpointOf(pathname: string): StandinEndpoint | undefined {
  if (pathname === '/cgi-bin/webhook/send') return 'webhook/send';
  if (pathname === '/cgi-bin/webhook/upload_media') return 'webhook/upload_media';
  if (pathname === '/cgi-bin/aibot/response') return 'aibot/response';
  return undefined;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

export function checkContent(
  content: unknown,
  maxBytes: number,
  tooLongCode: number,
  tooLongMsg: string,
): Answer | undefined {
  if (typeof content !== 'string') return fail(40058, 'invalid Request Parameter: content');
  if (content.trim() === '') return fail(44004, 'empty content');
  if (Buffer.byteLength(content, 'utf8') > maxBytes) return fail(tooLongCode, tooLongMsg);
  return undefined;
}

function checkImage(payload: JsonObject): Answer | undefined {
  if (typeof payload.base64 !== 'string' || typeof payload.md5 !== 'string') {
    return fail(40058, 'invalid Request Parameter: image.base64 and image.md5 are required');
  }
  const bytes = Buffer.from(payload.base64, 'base64');
  if (bytes.length === 0 || bytes.length > LIMITS.imageBytes) {
    return fail(40009, 'invalid image size');
  }
  const md5 = createHash('md5').update(bytes).digest('hex');
  return md5 === payload.md5.toLowerCase() ? undefined : fail(40058, 'invalid image md5');
}

function checkNews(payload: JsonObject): Answer | undefined {
  const articles = payload.articles;
  if (!Array.isArray(articles) || articles.length < 1 || articles.length > 8) {
    return fail(40058, 'invalid Request Parameter: news.articles must hold 1 to 8 items');
  }
  const bad = articles.some(
    (a) => !isObject(a) || typeof a.title !== 'string' || typeof a.url !== 'string',
  );
  return bad ? fail(40058, 'invalid Request Parameter: article title and url') : undefined;
}

/** A response_url body: markdown (≤ 20,480 bytes), or a template card in a single chat only. */
export function checkResponseBody(body: unknown, chattype: 'single' | 'group'): Answer | undefined {
  if (!isObject(body)) return fail(40058, 'invalid Request Parameter: body is not JSON');
  const msgtype = body.msgtype;
  if (msgtype === 'markdown') {
    const md = body.markdown;
    if (!isObject(md)) return fail(40058, 'invalid Request Parameter: missing markdown');
    return checkContent(
      md.content,
      LIMITS.responseMarkdown,
      40058,
      `markdown.content exceed max length ${LIMITS.responseMarkdown}. invalid Request Parameter`,
    );
  }
  if (msgtype === 'template_card') {
    if (!isObject(body.template_card)) {
      return fail(40058, 'invalid Request Parameter: missing template_card');
    }
    if (chattype !== 'single') {
      return fail(40058, 'invalid Request Parameter: template_card only in single chat');
    }
    return undefined;
  }
  return fail(40008, 'invalid message type');
}

/** An upload_media part: `file` ≤ 20 MB or `voice` ≤ 2 MB (AMR), more than 5 bytes, field `media`. */
export function checkUpload(type: string | null, parsed: MultipartFile): Answer | undefined {
  if (type !== 'file' && type !== 'voice') return fail(40005, 'invalid media type');
  if (!parsed.data || parsed.field !== 'media') return fail(44001, 'empty media data');
  const max = type === 'file' ? LIMITS.fileBytes : LIMITS.voiceBytes;
  if (parsed.truncated || parsed.data.length <= 5 || parsed.data.length > max) {
    return fail(40006, 'invalid file size');
  }
  if (type === 'voice' && !parsed.data.subarray(0, 6).equals(Buffer.from('#!AMR\n'))) {
    return fail(40004, 'invalid media type: voice must be AMR');
  }
  return undefined;
}
