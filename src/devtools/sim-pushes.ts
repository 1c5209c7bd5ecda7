import path from 'node:path';
import type { PassiveReply } from '../wecom/replies.js';
import { renderCard, renderMarkdown, type Style } from './render.js';
import { formatSize, saveFile } from './sim-files.js';
import type { StoredMedia, WebhookBody } from './wecom-standin-types.js';

/** How the simulator shows what the bot sent through WeCom's API (group pushes, late replies). */
export interface PushView {
  readonly style: Style;
  /** Where files and images are saved; undefined: not saved. */
  readonly filesDir?: string;
  /** An upload the stand-in holds. */
  readonly media: (mediaId: string) => StoredMedia | undefined;
}

/** A webhook message as the group would show it. */
export async function renderPush(message: WebhookBody, view: PushView): Promise<string> {
  const payload = (message[message.msgtype] ?? {}) as Record<string, unknown>;
  switch (message.msgtype) {
    case 'text': {
      const mentions = Array.isArray(payload.mentioned_list) ? payload.mentioned_list : [];
      const tail = mentions.length
        ? `\n${view.style.dim(`（提醒：${mentions.map((m) => (m === '@all' ? '@所有人' : `@${String(m)}`)).join(' ')}）`)}`
        : '';
      return `${String(payload.content ?? '')}${tail}`;
    }
    case 'markdown':
    case 'markdown_v2':
      return renderMarkdown(String(payload.content ?? ''), view.style);
    case 'file':
      return describeFile(view.media(String(payload.media_id ?? '')), view.filesDir);
    case 'image':
      return describeImage(Buffer.from(String(payload.base64 ?? ''), 'base64'), view.filesDir);
    case 'template_card':
      return renderCard(payload, view.style);
    case 'news': {
      const articles = Array.isArray(payload.articles) ? payload.articles : [];
      return articles.map((a) => `• ${String((a as { title?: unknown }).title ?? '')}`).join('\n');
    }
    default:
      return `[${message.msgtype}]`;
  }
}

/** A response_url message (markdown, or a card in a single chat). */
export function renderResponseMessage(msg: Record<string, unknown>, style: Style): string {
  return msg.msgtype === 'markdown'
    ? renderMarkdown(String((msg.markdown as { content?: unknown })?.content ?? ''), style)
    : renderCard((msg.template_card ?? {}) as Record<string, unknown>, style);
}

/** `[文件] name（size）` and where it was saved. */
export async function describeFile(
  media: StoredMedia | undefined,
  filesDir: string | undefined,
): Promise<string> {
  if (!media) return '[文件]';
  const line = `[文件] ${media.filename}（${formatSize(media.data.length)}）`;
  return line + (await savedNote(filesDir, media.filename, media.data));
}

/** `[图片] PNG（size）` and where it was saved (`图表-1.png`, …). */
export async function describeImage(png: Buffer, filesDir: string | undefined): Promise<string> {
  const kind = isPng(png) ? 'png' : 'jpg';
  const line = `[图片] ${kind.toUpperCase()}（${formatSize(png.length)}）`;
  return line + (await savedNote(filesDir, `图表.${kind}`, png));
}

async function savedNote(dir: string | undefined, name: string, data: Buffer): Promise<string> {
  if (!dir) return '';
  try {
    const saved = await saveFile(dir, name, data);
    return `\n已保存到 ${path.relative(process.cwd(), saved) || saved}`;
  } catch {
    return '\n（保存文件失败）';
  }
}

function isPng(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}

/** A passive reply that is not a stream (a welcome text, a card). */
export function renderPassive(reply: PassiveReply, style: Style): string {
  if (!('msgtype' in reply)) return renderCard(reply.template_card, style);
  switch (reply.msgtype) {
    case 'text':
      return reply.text.content;
    case 'template_card':
      return renderCard(reply.template_card, style);
    default:
      return JSON.stringify(reply);
  }
}
