import type { ActiveReply } from './replies.js';

/**
 * Delivers an active reply to a callback's `response_url` (one call per URL, valid one hour,
 * plain JSON POST). An interface so the full outbound client in `outbound/` can replace the
 * small fetch-based one below.
 */
export interface ResponseUrlSender {
  /** Resolves when WeCom accepted the reply; rejects with {@link ResponseUrlError} otherwise. */
  send(url: string, reply: ActiveReply): Promise<void>;
}

/** Why a response_url delivery failed. The URL is never part of the message (it is a credential). */
export class ResponseUrlError extends Error {
  constructor(
    readonly kind: 'http' | 'network' | 'timeout' | 'api',
    message: string,
    readonly errcode?: number,
  ) {
    super(message);
    this.name = 'ResponseUrlError';
  }
}

export interface FetchResponseUrlSenderOptions {
  /** Default 10 s. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export class FetchResponseUrlSender implements ResponseUrlSender {
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: FetchResponseUrlSenderOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#fetch = options.fetch ?? fetch;
  }

  async send(url: string, reply: ActiveReply): Promise<void> {
    let res: Response;
    try {
      res = await this.#fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(reply),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (err) {
      const timeout = err instanceof Error && err.name === 'TimeoutError';
      throw new ResponseUrlError(
        timeout ? 'timeout' : 'network',
        timeout ? 'response_url did not answer in time' : 'response_url could not be reached',
      );
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) throw new ResponseUrlError('http', `response_url answered HTTP ${res.status}`);
    let body: { errcode?: unknown; errmsg?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new ResponseUrlError('api', 'response_url answered with something other than JSON');
    }
    // WeCom reports failures with HTTP 200 and a non-zero errcode.
    if (body.errcode !== 0) {
      const errcode = typeof body.errcode === 'number' ? body.errcode : undefined;
      throw new ResponseUrlError(
        'api',
        `response_url refused the reply: errcode ${errcode}`,
        errcode,
      );
    }
  }
}
