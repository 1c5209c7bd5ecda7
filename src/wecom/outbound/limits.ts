/** WeCom's documented size limits (wecom-protocol.md §5 and §8), in UTF-8 bytes. */
export const LIMITS = Object.freeze({
  responseUrlMarkdownBytes: 20_480,
  webhookTextBytes: 2_048,
  webhookMarkdownBytes: 4_096,
  /** An uploaded file must be larger than this. */
  uploadMinBytesExclusive: 5,
  uploadFileMaxBytes: 20 * 1024 * 1024,
  uploadVoiceMaxBytes: 2 * 1024 * 1024,
});

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * The longest prefix of `text` that fits in `maxBytes` of UTF-8 without splitting a character,
 * with `suffix` (e.g. `…`) appended when something was cut. For callers that prefer a shortened
 * message to a refused one.
 */
export function fitUtf8(text: string, maxBytes: number, suffix = '…'): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  const budget = maxBytes - utf8Bytes(suffix);
  let used = 0;
  let out = '';
  for (const ch of text) {
    const size = utf8Bytes(ch);
    if (used + size > budget) break;
    used += size;
    out += ch;
  }
  return out + suffix;
}
