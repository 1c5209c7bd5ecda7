import { createCipheriv, createDecipheriv } from 'node:crypto';
import { DEFAULT_TIMEOUT_MS } from './outbound/http.js';
import { fetchFailureDetail } from './fetch-failure.js';
import { allowedUrl, hostOf } from './url-hosts.js';

/**
 * Files and images a user sends the AI bot arrive as a URL to encrypted bytes, valid for 5
 * minutes (智能机器人 接收消息). The bytes are the whole file AES-256-CBC encrypted with the bot's
 * own key, base64-decode(EncodingAESKey + "="), IV = the key's first 16 bytes, PKCS#7-padded to
 * a multiple of 32 bytes. Unlike a callback there is no random prefix, length or receiveId inside.
 */

/** Why a file could not be had. */
export type FileDownloadFailure =
  /** The link is spent or was never valid (403/404/410, or an error page instead of bytes). */
  | 'expired'
  /** Bytes came, but they do not decrypt with our key: not a file meant for this bot. */
  | 'undecryptable'
  | 'too_large'
  /** No answer worth keeping: timeout, connection failure, 5xx. Sending again may work. */
  | 'unreachable'
  /** The link (or a redirect) points outside WeCom's file hosts for its transport: not fetched. */
  | 'foreign_host';

export class FileDownloadError extends Error {
  constructor(
    readonly failure: FileDownloadFailure,
    /** A short, secret-free detail (HTTP status, error code, byte count); never the URL. */
    readonly detail: string,
  ) {
    super(`file download failed (${failure}: ${detail})`);
    this.name = 'FileDownloadError';
  }
}

/** Far above any report (a .docx of a 20-page report is well under 1 MB). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

const BLOCK = 32;

const MAX_REDIRECTS = 3;

export interface FileDownloaderOptions {
  /** The bot's 43-character EncodingAESKey. */
  readonly encodingAesKey: string;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly fetch?: typeof fetch;
  /**
   * Where files may come from, by the transport that carried the message (url-hosts.ts): a link
   * with its own file key came over the long connection. Anything else is refused unfetched.
   */
  readonly hosts: {
    readonly callback: readonly string[];
    readonly longConnection: readonly string[];
  };
}

export interface DownloadedFile {
  readonly bytes: Buffer;
  /** From Content-Disposition, when WeCom names the file. */
  readonly name?: string;
}

/** Fetches and decrypts a file a user sent to the bot. */
export class WeComFileDownloader {
  readonly #key: Buffer;
  readonly #timeoutMs: number;
  readonly #maxBytes: number;
  readonly #fetch: typeof fetch;
  readonly #hosts: FileDownloaderOptions['hosts'];

  constructor(options: FileDownloaderOptions) {
    this.#key = mediaKey(options.encodingAesKey);
    this.#hosts = options.hosts;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  /**
   * Throws {@link FileDownloadError}. One attempt: the link dies within minutes anyway. A URL
   * ending in `#aeskey=<base64>` (see {@link withFileKey}) is decrypted with that key instead of
   * the bot's own; the fragment never leaves this process.
   */
  async download(url: string): Promise<DownloadedFile> {
    const { href, key } = splitFileKey(url);
    const allowed = key ? this.#hosts.longConnection : this.#hosts.callback;
    const signal = AbortSignal.timeout(this.#timeoutMs);
    const response = await this.#fetchAllowed(href, allowed, signal);
    if (response.status >= 500) {
      await response.body?.cancel();
      throw new FileDownloadError('unreachable', String(response.status));
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new FileDownloadError('expired', String(response.status));
    }
    const type = response.headers.get('content-type') ?? '';
    if (/json|text\/html/i.test(type)) {
      // An API error page ({"errcode":…}) in place of the file: the link is no good any more.
      await response.body?.cancel();
      throw new FileDownloadError('expired', type.split(';')[0] ?? type);
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > this.#maxBytes) {
      await response.body?.cancel();
      throw new FileDownloadError('too_large', String(declared));
    }
    const encrypted = await this.#readCapped(response);
    const name = fileName(response.headers.get('content-disposition'));
    return { bytes: decryptMedia(key ?? this.#key, encrypted), ...(name ? { name } : {}) };
  }

  /** GET `url`, following at most {@link MAX_REDIRECTS} redirects, every hop on `allowed`. */
  async #fetchAllowed(
    url: string,
    allowed: readonly string[],
    signal: AbortSignal,
  ): Promise<Response> {
    for (let hop = 0; ; hop++) {
      if (!allowedUrl(url, allowed)) throw new FileDownloadError('foreign_host', hostOf(url));
      let response: Response;
      try {
        response = await this.#fetch(url, { signal, redirect: 'manual' });
      } catch (err) {
        throw new FileDownloadError('unreachable', fetchFailureDetail(err));
      }
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return response;
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new FileDownloadError('unreachable', 'too many redirects');
      url = new URL(location, url).href;
    }
  }

  async #readCapped(response: Response): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of response.body ?? []) {
        total += chunk.byteLength;
        if (total > this.#maxBytes) {
          await response.body?.cancel().catch(() => undefined);
          throw new FileDownloadError('too_large', `>${this.#maxBytes}`);
        }
        chunks.push(Buffer.from(chunk));
      }
    } catch (err) {
      if (err instanceof FileDownloadError) throw err;
      throw new FileDownloadError('unreachable', fetchFailureDetail(err));
    }
    return Buffer.concat(chunks);
  }
}

const FILE_KEY = '#aeskey=';

/**
 * On the long connection each file comes with its own key (`file.aeskey`, base64 of 32 bytes;
 * same cipher, IV and padding) instead of the bot's EncodingAESKey. The transport attaches it to
 * the URL as a fragment so that it travels with the link to whoever downloads it.
 */
export function withFileKey(url: string, aeskey: string): string {
  return `${url.split('#')[0]}${FILE_KEY}${encodeURIComponent(aeskey)}`;
}

function splitFileKey(url: string): { href: string; key?: Buffer } {
  const at = url.indexOf(FILE_KEY);
  if (at < 0) return { href: url };
  const key = Buffer.from(decodeURIComponent(url.slice(at + FILE_KEY.length)), 'base64');
  if (key.length !== 32) throw new FileDownloadError('undecryptable', 'file key');
  return { href: url.slice(0, at), key };
}

/** The AES key behind an EncodingAESKey (its IV is the first 16 bytes). */
export function mediaKey(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey) || key.length !== 32) {
    throw new TypeError('encodingAesKey must be 43 base64 characters');
  }
  return key;
}

/** Decrypts a downloaded file; throws FileDownloadError('undecryptable') on any malformation. */
export function decryptMedia(key: Buffer, encrypted: Buffer): Buffer {
  if (encrypted.length === 0 || encrypted.length % BLOCK !== 0) {
    throw new FileDownloadError('undecryptable', `${encrypted.length} bytes`);
  }
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    // WeCom pads to 32-byte blocks, which OpenSSL's 16-byte PKCS#7 check would refuse.
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(encrypted), decipher.final()]);
  } catch {
    throw new FileDownloadError('undecryptable', 'cipher');
  }
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > BLOCK || plain.subarray(plain.length - pad).some((b) => b !== pad)) {
    throw new FileDownloadError('undecryptable', 'padding');
  }
  return plain.subarray(0, plain.length - pad);
}

/** The inverse of {@link decryptMedia}: for tests and the local WeCom stand-in. */
export function encryptMedia(key: Buffer, plain: Buffer): Buffer {
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]);
}

/** `attachment; filename="a.docx"; filename*=UTF-8''%E5%8E%BB…` → the name, preferring UTF-8. */
function fileName(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // Fall through to the plain form.
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/.exec(disposition)?.[1]?.trim() || undefined;
}
