import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { encryptMedia, mediaKey } from '../wecom/file-download.js';

/** Where hosted files are served: `/aibot/file/<id>`. */
export const FILE_PATH = /^\/aibot\/file\/([A-Za-z0-9_-]{16,})$/;

interface HostedFile {
  readonly encrypted: Buffer;
  readonly filename: string | undefined;
  readonly expiresAt: number;
}

/**
 * The files users send the AI bot, as WeCom hosts them for the stand-in: AES-256-CBC encrypted
 * with the bot's key behind a link that dies after `ttlMs` on the stand-in's clock.
 */
export class HostedFiles {
  private readonly files = new Map<string, HostedFile>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs: number,
  ) {}

  /** The new file's id (its path is `/aibot/file/<id>`). */
  add(
    bytes: Uint8Array,
    encodingAesKey: string,
    options: { ttlMs?: number; filename?: string },
  ): string {
    const now = this.now();
    for (const [old, file] of this.files) if (file.expiresAt <= now) this.files.delete(old);
    const id = randomBytes(24).toString('base64url');
    this.files.set(id, {
      encrypted: encryptMedia(mediaKey(encodingAesKey), Buffer.from(bytes)),
      filename: options.filename,
      expiresAt: now + (options.ttlMs ?? this.ttlMs),
    });
    return id;
  }

  /** Answers a GET/HEAD of a hosted file; the size served, or undefined for a 404. */
  serve(id: string, req: IncomingMessage, res: ServerResponse): number | undefined {
    req.resume();
    const file = this.files.get(id);
    if (!file || file.expiresAt <= this.now()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return undefined;
    }
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(file.encrypted.length),
      ...(file.filename
        ? {
            'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
          }
        : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : file.encrypted);
    return file.encrypted.length;
  }
}
