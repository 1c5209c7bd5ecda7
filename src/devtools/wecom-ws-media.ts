import { createHash, randomUUID } from 'node:crypto';
import type { Refusal } from './wecom-ws-rules.js';

/**
 * The stand-in's side of WeCom's chunked media upload over the long connection
 * (`aibot_upload_media_init|chunk|finish`, wecom-protocol.md §7): chunks ≤ 512 KB before
 * base64, ≤ 100 chunks, a session lives 30 minutes, the bytes are checked against the size and
 * md5 announced at init. Finished uploads are kept by media id for `aibot_send_msg`.
 */

export interface UploadedMedia {
  readonly mediaId: string;
  readonly type: string;
  readonly filename: string;
  readonly data: Buffer;
}

/** The ack of one upload frame: a refusal, or success with the body WeCom answers. */
export type UploadAnswer =
  | (Refusal & { readonly body?: undefined })
  | { readonly errcode: 0; readonly errmsg: 'ok'; readonly body?: Record<string, unknown> };

interface Upload {
  readonly type: string;
  readonly filename: string;
  readonly totalSize: number;
  readonly totalChunks: number;
  readonly md5: string;
  readonly chunks: Map<number, Buffer>;
  readonly createdAt: number;
}

const UPLOAD_CHUNK_MAX = 512 * 1024;
const UPLOAD_CHUNKS_MAX = 100;
const UPLOAD_SESSION_MS = 30 * 60_000;

const ok = (body?: Record<string, unknown>): UploadAnswer => ({ errcode: 0, errmsg: 'ok', body });
const bad = (why: string): UploadAnswer => ({
  errcode: 40058,
  errmsg: `invalid Request Parameter: ${why}`,
});

export class MediaUploads {
  /** Finished uploads by media id. */
  readonly media = new Map<string, UploadedMedia>();
  readonly #uploads = new Map<string, Upload>();

  /** One `aibot_upload_media_*` frame. */
  handle(cmd: string, body: Record<string, unknown>, now: number): UploadAnswer {
    if (cmd === 'aibot_upload_media_init') return this.#init(body, now);
    const upload = this.#uploads.get(String(body.upload_id));
    if (!upload || now - upload.createdAt > UPLOAD_SESSION_MS) {
      return bad('unknown or expired upload_id');
    }
    if (cmd === 'aibot_upload_media_chunk') return chunk(upload, body);
    if (cmd === 'aibot_upload_media_finish') return this.#finish(upload, body, now);
    return { errcode: 40008, errmsg: 'invalid message type' };
  }

  #init(body: Record<string, unknown>, now: number): UploadAnswer {
    const { type, filename, total_size, total_chunks, md5 } = body;
    if (
      !['file', 'image', 'voice', 'video'].includes(String(type)) ||
      typeof filename !== 'string' ||
      typeof total_size !== 'number' ||
      typeof total_chunks !== 'number' ||
      typeof md5 !== 'string' ||
      total_chunks < 1 ||
      total_chunks > UPLOAD_CHUNKS_MAX
    ) {
      return bad('upload init');
    }
    const uploadId = randomUUID();
    this.#uploads.set(uploadId, {
      type: String(type),
      filename,
      totalSize: total_size,
      totalChunks: total_chunks,
      md5,
      chunks: new Map(),
      createdAt: now,
    });
    return ok({ upload_id: uploadId });
  }

  #finish(upload: Upload, body: Record<string, unknown>, now: number): UploadAnswer {
    const parts = Array.from({ length: upload.totalChunks }, (_, i) => upload.chunks.get(i));
    if (parts.some((p) => !p)) return bad('chunks missing');
    const data = Buffer.concat(parts as Buffer[]);
    if (data.byteLength !== upload.totalSize || md5Hex(data) !== upload.md5) {
      return bad('size or md5 mismatch');
    }
    const mediaId = `media_${randomUUID()}`;
    this.media.set(mediaId, { mediaId, type: upload.type, filename: upload.filename, data });
    this.#uploads.delete(String(body.upload_id));
    return ok({ type: upload.type, media_id: mediaId, created_at: String(Math.floor(now / 1000)) });
  }
}

function chunk(upload: Upload, body: Record<string, unknown>): UploadAnswer {
  const index = body.chunk_index;
  const data = Buffer.from(String(body.base64_data ?? ''), 'base64');
  if (typeof index !== 'number' || index < 0 || index >= upload.totalChunks) {
    return bad('chunk_index');
  }
  if (data.byteLength === 0 || data.byteLength > UPLOAD_CHUNK_MAX) return bad('chunk size');
  upload.chunks.set(index, data);
  return ok();
}

function md5Hex(data: Buffer): string {
  return createHash('md5').update(data).digest('hex');
}
