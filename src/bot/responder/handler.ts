import type { IncomingMessage, StreamRefresh, UnsupportedMessage } from '../../wecom/incoming.js';
import type { StreamImage, TemplateCard } from '../../wecom/replies.js';
import { echoTexts } from '../texts/echo.js';
import { ECHO_HELP_WORDS } from './echo-words.js';

/**
 * The seam between the WeCom adapter and the chat layer.
 *
 * The adapter verifies, decrypts, de-duplicates and orders callbacks, then calls the handler
 * once per `msgid`, one turn per user at a time, in arrival order. The handler decides what to
 * answer; the adapter turns that into the right passive reply, keeps the stream registry, and
 * falls back to `response_url` when slow work outlives WeCom's stream window.
 *
 * ```ts
 * const handler: MessageHandler = async (msg) => {
 *   if (msg.type !== 'text') return { kind: 'none' };
 *   if (msg.text === '生成草稿') {
 *     return { kind: 'markdown', content: '正在生成草稿……', later: renderDraft(msg) };
 *   }
 *   return { kind: 'markdown', content: `收到：${msg.text}` };
 * };
 * ```
 *
 * A handler should apply its effects and return within a few seconds; long work (rendering a
 * draft) belongs in `later`, which runs after the user's turn is released.
 */
export type MessageHandler = (msg: HandledMessage) => Promise<HandlerResult>;

/** Everything except stream refreshes and unknown types, which the adapter answers itself. */
export type HandledMessage = Exclude<IncomingMessage, StreamRefresh | UnsupportedMessage>;

/**
 * What to answer. Which kinds fit which message (anything else is answered as `none`):
 *
 * | message                       | kinds                                  |
 * | ----------------------------- | -------------------------------------- |
 * | text, mixed, voice, image, …  | `markdown`, `card`, `none`             |
 * | `enter_chat`                  | `welcome`, `card`, `none`              |
 * | `template_card_event`         | `update_card`, `none`                  |
 * | `feedback_event`              | `none` (WeCom allows only an empty reply) |
 */
export type HandlerResult =
  MarkdownResult | CardResult | WelcomeResult | UpdateCardResult | { readonly kind: 'none' };

/** A stream answer. Cut to 20,480 UTF-8 bytes if longer. */
export interface MarkdownResult {
  readonly kind: 'markdown';
  /** The answer; with `later`, what to show meanwhile (empty: a standard placeholder). */
  readonly content: string;
  /**
   * Slow work: its result replaces `content` and finishes the stream. Not done within the stream
   * budget (about 5.5 minutes after the user's message), the stream finishes with a note and the
   * result goes to the message's response_url instead. A rejection shows a short apology.
   */
  readonly later?: Promise<string | FinalAnswer>;
  /** Images shown under the answer (charts): with `later`, its own images count instead. */
  readonly images?: readonly StreamImage[];
  /** Lets the user rate this answer (`feedback_event`); at most 256 bytes. */
  readonly feedbackId?: string;
}

/** What slow work finishes a stream with: its text, and images under it (a chart). */
export interface FinalAnswer {
  readonly content: string;
  readonly images?: readonly StreamImage[];
}

/** A template card: on a user message, sent with the finished stream; on `enter_chat`, alone. */
export interface CardResult {
  readonly kind: 'card';
  readonly card: TemplateCard;
  /** Stream text to go with the card (user messages only). */
  readonly content?: string;
}

/** The welcome text for `enter_chat`. */
export interface WelcomeResult {
  readonly kind: 'welcome';
  readonly text: string;
}

/** Replaces the clicked card (`template_card_event`); `task_id` must be the event's. */
export interface UpdateCardResult {
  readonly kind: 'update_card';
  readonly card: TemplateCard;
  /** Whose copy to change; omitted, everyone's. */
  readonly userids?: readonly string[];
}

/**
 * The router's handler when none is given (protocol tests, the callback benchmark's echo target):
 * `帮助` (or an empty mention) says so, anything else is echoed back. The running bot always
 * passes the chat engine's handler.
 */
export const defaultHandler: MessageHandler = async (msg) => {
  switch (msg.type) {
    case 'text':
    case 'voice': {
      const text = msg.text.trim();
      if (ECHO_HELP_WORDS.includes(text)) {
        return { kind: 'markdown', content: echoTexts.help };
      }
      return { kind: 'markdown', content: echoTexts.received(text) };
    }
    case 'mixed': {
      const parts = msg.items.map((i) => (i.type === 'text' ? i.text : echoTexts.image));
      return { kind: 'markdown', content: echoTexts.received(parts.join(' ').trim()) };
    }
    case 'image':
      return { kind: 'markdown', content: echoTexts.received(echoTexts.image) };
    case 'file':
      return { kind: 'markdown', content: echoTexts.received(echoTexts.file) };
    case 'video':
      return { kind: 'markdown', content: echoTexts.received(echoTexts.video) };
    case 'enter_chat':
      return { kind: 'welcome', text: echoTexts.welcome };
    case 'template_card_event':
    case 'feedback_event':
      return { kind: 'none' };
  }
};
