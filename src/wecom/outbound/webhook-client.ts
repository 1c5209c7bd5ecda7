import { WeComPayloadError } from './errors.js';
import { WeComHttp } from './http.js';
import { LIMITS } from './limits.js';
import { checkWebhookMessage, type WebhookMessage } from './webhook-messages.js';

/** A file to push into a group: the bytes and the name members will see. */
export interface WebhookFile {
  readonly filename: string;
  readonly data: Uint8Array;
  readonly contentType?: string;
}

export interface UploadedMedia {
  /** Valid for 3 days, and only for the robot (key) that uploaded it. */
  readonly mediaId: string;
  /** Unix seconds, as WeCom reports it. */
  readonly createdAt: number;
}

export interface WebhookClientOptions {
  /** `https://qyapi.weixin.qq.com` in production (config `wecomApiBase`); the stand-in in tests. */
  readonly apiBase: string;
  readonly http?: WeComHttp;
}

export interface WebhookCallOptions {
  /** See {@link WeComRequest.beforeAttempt}. */
  readonly beforeAttempt?: () => Promise<void>;
}

/**
 * The two group-webhook calls, one request each (plus WeComHttp's retries on -1 and network
 * errors). No queueing or rate limiting here: that is GroupPusher's job.
 */
export class WebhookClient {
  readonly #apiBase: string;
  readonly #http: WeComHttp;

  constructor(options: WebhookClientOptions) {
    this.#apiBase = options.apiBase.replace(/\/+$/, '');
    this.#http = options.http ?? new WeComHttp();
  }

  /** `POST /cgi-bin/webhook/send?key=KEY`. Throws WeComPayloadError before sending a bad body. */
  async send(key: string, message: WebhookMessage, options: WebhookCallOptions = {}) {
    checkWebhookMessage(message);
    await this.#http.post({
      endpoint: 'webhook/send',
      url: this.#url('send', key),
      body: JSON.stringify(message),
      beforeAttempt: options.beforeAttempt,
    });
  }

  /** `POST /cgi-bin/webhook/upload_media?key=KEY&type=file`, multipart field `media`. */
  async uploadFile(key: string, file: WebhookFile): Promise<UploadedMedia> {
    const size = file.data.byteLength;
    if (size <= LIMITS.uploadMinBytesExclusive || size > LIMITS.uploadFileMaxBytes) {
      throw new WeComPayloadError(
        'webhook/upload_media',
        'media',
        `is ${size} bytes; a file must be more than ${LIMITS.uploadMinBytesExclusive} bytes and at most ${LIMITS.uploadFileMaxBytes}`,
      );
    }
    if (file.filename.trim() === '') {
      throw new WeComPayloadError('webhook/upload_media', 'media.filename', 'is empty');
    }
    const form = new FormData();
    const blob = new Blob([file.data], { type: file.contentType ?? 'application/octet-stream' });
    form.append('media', blob, file.filename);
    const answer = await this.#http.post({
      endpoint: 'webhook/upload_media',
      url: `${this.#url('upload_media', key)}&type=file`,
      body: form,
      // A second upload only leaves an unused media_id behind.
      idempotent: true,
    });
    if (typeof answer.media_id !== 'string' || answer.media_id === '') {
      throw new WeComPayloadError('webhook/upload_media', 'media_id', 'missing from the answer');
    }
    return { mediaId: answer.media_id, createdAt: Number(answer.created_at) || 0 };
  }

  #url(call: 'send' | 'upload_media', key: string): string {
    if (key.trim() === '') throw new WeComPayloadError(`webhook/${call}`, 'key', 'is empty');
    return `${this.#apiBase}/cgi-bin/webhook/${call}?key=${encodeURIComponent(key)}`;
  }
}
