import type { Logger } from '../../logger.js';
import { redactUrl } from '../../logger.js';
import { errcodeAction } from './errcodes.js';
import { WeComApiError, WeComNetworkError } from './errors.js';
import { backoffDelay, DEFAULT_RETRY, realSleep, type BackoffPolicy, type Sleep } from './retry.js';
import { connectionDetail, isTimeout } from '../fetch-failure.js';

/** Every WeCom answer carries these two fields, HTTP 200 or not. */
export interface WeComAnswer {
  readonly errcode: number;
  readonly errmsg: string;
  readonly [field: string]: unknown;
}

export interface WeComHttpOptions {
  /** Per attempt, including reading the answer. */
  readonly timeoutMs?: number;
  /** For network errors, 5xx and errcode -1. */
  readonly retry?: BackoffPolicy;
  readonly sleep?: Sleep;
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
  readonly log?: Logger;
}

export interface WeComRequest {
  /** Short name for errors and logs, e.g. `webhook/send`. */
  readonly endpoint: string;
  /** Full URL; may hold a secret in its query, so it is only ever logged through redactUrl. */
  readonly url: string;
  readonly body: string | FormData;
  /**
   * Runs before every attempt, retries included; the group pusher takes a rate-limit slot here
   * because WeCom counts each call, failed or not.
   */
  readonly beforeAttempt?: () => Promise<void>;
  /**
   * True when doing the call twice does no harm (an upload). Only then is an ambiguous network
   * failure (timeout, connection lost mid-request) retried: repeating a send could post the
   * message twice, so the caller gets the error and decides.
   */
  readonly idempotent?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * POSTs to WeCom and returns the answer only when `errcode` is 0. Retries, with backoff, a bounded
 * number of times, the failures where another try is safe: errcode -1 (WeCom did nothing), a
 * connection that never opened, a gateway's 502/503 — and, for idempotent calls only, timeouts
 * and lost connections. Every other errcode becomes a WeComApiError at once.
 */
export class WeComHttp {
  readonly #timeoutMs: number;
  readonly #retry: BackoffPolicy;
  readonly #sleep: Sleep;
  readonly #random: () => number;
  readonly #fetch: typeof fetch;
  readonly #log: Logger | undefined;

  constructor(options: WeComHttpOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#retry = options.retry ?? DEFAULT_RETRY;
    this.#sleep = options.sleep ?? realSleep;
    this.#random = options.random ?? Math.random;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#log = options.log;
  }

  async post(request: WeComRequest): Promise<WeComAnswer> {
    for (let attempt = 1; ; attempt++) {
      let failure: WeComApiError | WeComNetworkError;
      try {
        await request.beforeAttempt?.();
        const answer = await this.#attempt(request, attempt);
        if (answer.errcode === 0) return answer;
        failure = new WeComApiError(request.endpoint, answer.errcode, answer.errmsg);
      } catch (err) {
        if (!(err instanceof WeComNetworkError)) throw err;
        failure = err;
      }
      const retryable =
        failure instanceof WeComNetworkError
          ? failure.retryable && (request.idempotent === true || !failure.maybeDelivered)
          : errcodeAction(failure.errcode) === 'retry';
      if (!retryable || attempt > this.#retry.maxRetries) throw failure;
      const delay = backoffDelay(this.#retry, attempt, this.#random);
      this.#log?.warn(
        {
          url: redactUrl(request.url),
          attempt,
          delayMs: delay,
          ...(failure instanceof WeComApiError
            ? { errcode: failure.errcode }
            : { failure: failure.failure, detail: failure.detail }),
        },
        'WeCom call failed; retrying',
      );
      await this.#sleep(delay);
    }
  }

  async #attempt(request: WeComRequest, attempt: number): Promise<WeComAnswer> {
    const networkError = (failure: WeComNetworkError['failure'], detail: string) =>
      new WeComNetworkError(request.endpoint, failure, detail, attempt);
    let text: string;
    let status: number;
    try {
      const response = await this.#fetch(request.url, {
        method: 'POST',
        body: request.body,
        headers:
          typeof request.body === 'string'
            ? { 'content-type': 'application/json; charset=utf-8' }
            : undefined,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (err) {
      if (isTimeout(err)) throw networkError('timeout', `${this.#timeoutMs}ms`);
      throw networkError('connection', connectionDetail(err));
    }
    if (status < 200 || status >= 300) throw networkError('http_status', String(status));
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw networkError('invalid_body', 'not JSON');
    }
    const answer = asAnswer(parsed);
    if (!answer) throw networkError('invalid_body', 'no errcode');
    return answer;
  }
}

function asAnswer(value: unknown): WeComAnswer | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.errcode !== 'number') return undefined;
  return { ...v, errcode: v.errcode, errmsg: typeof v.errmsg === 'string' ? v.errmsg : '' };
}
