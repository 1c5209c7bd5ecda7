import type { Turn } from '../chat/types.js';
import type { StreamImage } from '../wecom/replies.js';
import { isImage, isText, type ImageReply, type RequestReply } from './requests.js';
import type { HandledMessage, HandlerResult, MessageHandler } from './responder/handler.js';
import type { ChatService } from './chat-service.js';
import type { Notices } from './notices.js';
import { responderTexts } from './texts/responder.js';

export interface MessageHandlerDeps {
  readonly chat: Pick<ChatService, 'handle'>;
  /** Pending notices for the speaker (a broken push webhook) go out with the next answer. */
  readonly notices?: Pick<Notices, 'take'>;
  readonly clock?: () => Date;
  /** The long connection is configured: the bot posts into chats itself (no webhook needed). */
  readonly botPushes?: boolean;
  /** Where a pasted group-robot address may point (the configured API base). */
  readonly webhookHosts?: readonly string[];
}

/**
 * The WeCom adapter's view of the chat service: turns a decoded callback into a `Turn`, runs it,
 * and shapes the replies as one stream answer (slow requests arrive through `later`).
 */
export function createMessageHandler(deps: MessageHandlerDeps): MessageHandler {
  const clock = deps.clock ?? (() => new Date());
  return async (msg: HandledMessage): Promise<HandlerResult> => {
    switch (msg.type) {
      case 'enter_chat':
        return { kind: 'welcome', text: responderTexts.welcome };
      case 'template_card_event':
      case 'feedback_event':
        return { kind: 'none' };
      case 'video':
        return { kind: 'markdown', content: responderTexts.video };
      case 'image':
        return { kind: 'markdown', content: responderTexts.imageOnly };
      default:
        break;
    }
    const parsed = toTurn(msg, clock());
    const turn = parsed && {
      ...parsed,
      ...(deps.botPushes ? { botPushes: true } : {}),
      ...(deps.webhookHosts ? { webhookHosts: deps.webhookHosts } : {}),
    };
    if (!turn) return { kind: 'markdown', content: responderTexts.imageOnly };
    const { replies: answer, images = [], later } = await deps.chat.handle(msg.msgid, turn);
    const pending = (await deps.notices?.take(turn.userid, msg.msgid).catch(() => [])) ?? [];
    const replies = [...pending, ...answer];
    const content = joinReplies(replies);
    if (!later) {
      return { kind: 'markdown', content, ...(images.length ? { images: toStream(images) } : {}) };
    }
    return {
      kind: 'markdown',
      content,
      later: later.then((more: RequestReply[]) => {
        const shown = [...images, ...more.filter(isImage)];
        return {
          content: joinReplies([...replies, ...more.filter(isText)]),
          ...(shown.length ? { images: toStream(shown) } : {}),
        };
      }),
    };
  };
}

/** The words (or the file) of a message as one turn; null when it has neither (an image alone). */
export function toTurn(msg: HandledMessage, now: Date): Turn | null {
  const base = {
    userid: msg.from.userid,
    chatType: msg.chattype,
    ...(msg.chattype === 'group' && msg.chatid ? { chatId: msg.chatid } : {}),
    now,
  } as const;
  switch (msg.type) {
    case 'text':
    case 'voice':
      return { ...base, text: msg.text };
    case 'file':
      // No words, only the file: the engine reads it as `导入` (its link expires in 5 minutes).
      return { ...base, text: '', file: { url: msg.url } };
    case 'mixed': {
      const text = msg.items
        .flatMap((i) => (i.type === 'text' ? [i.text] : []))
        .join('\n')
        .trim();
      return text ? { ...base, text } : null;
    }
    default:
      return null;
  }
}

/** Images as a stream's `msg_item` carries them. */
function toStream(images: readonly ImageReply[]): StreamImage[] {
  return images.map((i) => ({ base64: i.png.toString('base64'), md5: i.md5 }));
}

/** Several replies of one turn become one stream answer, separated by a rule. */
export function joinReplies(replies: readonly string[]): string {
  return replies.filter((r) => r.trim() !== '').join('\n\n---\n\n');
}

export type { MessageHandler };
