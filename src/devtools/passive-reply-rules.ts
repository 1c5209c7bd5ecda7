import { createHash } from 'node:crypto';

/**
 * What WeCom refuses in a passive stream reply (wecom-protocol.md §4.2), checked by the callback
 * client on every reply it opens, so a test or the simulator sees what a phone would not:
 * `msg_item` only on the finished reply, at most 10 images, each a JPG or PNG of at most 10 MB
 * whose md5 (hex, of the raw bytes) matches; `content` at most 20,480 UTF-8 bytes.
 */
export const MSG_ITEM_MAX = 10;
export const MSG_ITEM_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
const CONTENT_MAX_BYTES = 20_480;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPG = Buffer.from([0xff, 0xd8, 0xff]);

/** The first rule the reply breaks, or undefined when WeCom would take it. */
export function passiveReplyProblem(reply: unknown): string | undefined {
  if (typeof reply !== 'object' || reply === null) return undefined;
  const stream = (reply as { stream?: unknown }).stream;
  if (typeof stream !== 'object' || stream === null) return undefined;
  const s = stream as { finish?: unknown; content?: unknown; msg_item?: unknown };
  if (typeof s.content === 'string' && Buffer.byteLength(s.content, 'utf8') > CONTENT_MAX_BYTES) {
    return `stream.content exceeds ${CONTENT_MAX_BYTES} bytes`;
  }
  if (s.msg_item === undefined) return undefined;
  if (s.finish !== true) return 'msg_item is allowed only on the finished reply (finish:true)';
  if (!Array.isArray(s.msg_item)) return 'msg_item is not a list';
  if (s.msg_item.length > MSG_ITEM_MAX) return `msg_item holds more than ${MSG_ITEM_MAX} items`;
  for (const [i, item] of s.msg_item.entries()) {
    const problem = imageProblem(item);
    if (problem) return `msg_item[${i}]: ${problem}`;
  }
  return undefined;
}

function imageProblem(item: unknown): string | undefined {
  const { msgtype, image } = (item ?? {}) as { msgtype?: unknown; image?: unknown };
  if (msgtype !== 'image') return 'msgtype must be image';
  const { base64, md5 } = (image ?? {}) as { base64?: unknown; md5?: unknown };
  if (typeof base64 !== 'string' || typeof md5 !== 'string') return 'image.base64 and image.md5';
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0 || bytes.length > MSG_ITEM_IMAGE_MAX_BYTES) return 'image size';
  if (!bytes.subarray(0, PNG.length).equals(PNG) && !bytes.subarray(0, JPG.length).equals(JPG)) {
    return 'image is neither PNG nor JPG';
  }
  if (createHash('md5').update(bytes).digest('hex') !== md5.toLowerCase()) {
    return 'image.md5 does not match the bytes';
  }
  return undefined;
}
