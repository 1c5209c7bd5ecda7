import { WeComPayloadError } from './errors.js';
import { LIMITS, utf8Bytes } from './limits.js';

/**
 * The group-webhook message bodies we send (wecom-protocol.md §8), exactly as WeCom expects them
 * on the wire. `<@userid>` inside text/markdown mentions a member; markdown_v2 cannot mention.
 */
export type WebhookMessage =
  | {
      readonly msgtype: 'text';
      readonly text: {
        readonly content: string;
        /** userids, or `@all`. */
        readonly mentioned_list?: readonly string[];
        readonly mentioned_mobile_list?: readonly string[];
      };
    }
  | { readonly msgtype: 'markdown'; readonly markdown: { readonly content: string } }
  | { readonly msgtype: 'markdown_v2'; readonly markdown_v2: { readonly content: string } }
  | { readonly msgtype: 'file'; readonly file: { readonly media_id: string } };

export function textMessage(content: string, mentions: readonly string[] = []): WebhookMessage {
  return {
    msgtype: 'text',
    text: mentions.length > 0 ? { content, mentioned_list: [...mentions] } : { content },
  };
}

export function markdownMessage(content: string): WebhookMessage {
  return { msgtype: 'markdown', markdown: { content } };
}

export function markdownV2Message(content: string): WebhookMessage {
  return { msgtype: 'markdown_v2', markdown_v2: { content } };
}

export function fileMessage(mediaId: string): WebhookMessage {
  return { msgtype: 'file', file: { media_id: mediaId } };
}

const ENDPOINT = 'webhook/send';

/** Throws WeComPayloadError for what WeCom would refuse, so we never spend a rate slot on it. */
export function checkWebhookMessage(message: WebhookMessage): void {
  switch (message.msgtype) {
    case 'text':
      checkContent(ENDPOINT, 'text.content', message.text.content, LIMITS.webhookTextBytes);
      checkStringList('text.mentioned_list', message.text.mentioned_list);
      checkStringList('text.mentioned_mobile_list', message.text.mentioned_mobile_list);
      return;
    case 'markdown':
      checkContent(
        ENDPOINT,
        'markdown.content',
        message.markdown.content,
        LIMITS.webhookMarkdownBytes,
      );
      return;
    case 'markdown_v2':
      checkContent(
        ENDPOINT,
        'markdown_v2.content',
        message.markdown_v2.content,
        LIMITS.webhookMarkdownBytes,
      );
      return;
    case 'file':
      if (typeof message.file.media_id !== 'string' || message.file.media_id === '') {
        throw new WeComPayloadError(ENDPOINT, 'file.media_id', 'is empty');
      }
      return;
    default:
      throw new WeComPayloadError(
        ENDPOINT,
        'msgtype',
        `is not supported: ${String((message as { msgtype?: unknown }).msgtype)}`,
      );
  }
}

export function checkContent(
  endpoint: string,
  field: string,
  content: unknown,
  maxBytes: number,
): void {
  if (typeof content !== 'string' || content.trim() === '') {
    throw new WeComPayloadError(endpoint, field, 'is empty');
  }
  const bytes = utf8Bytes(content);
  if (bytes > maxBytes) {
    throw new WeComPayloadError(endpoint, field, `is ${bytes} bytes; the limit is ${maxBytes}`);
  }
}

function checkStringList(field: string, list: unknown): void {
  if (list === undefined) return;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string' || item === '')) {
    throw new WeComPayloadError(ENDPOINT, field, 'must be a list of non-empty strings');
  }
}
