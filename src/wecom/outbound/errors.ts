/**
 * What can go wrong talking to WeCom, as typed errors. WeCom answers most failures with HTTP 200
 * and a non-zero `errcode` ({@link WeComApiError}); a request that never got such an answer is a
 * {@link WeComNetworkError}. Messages name the endpoint (`webhook/send`), never a URL, because
 * webhook URLs and response_urls carry their credential in the query string.
 */

/** Base of every error this module throws, so callers can catch them as one family. */
export abstract class WeComOutboundError extends Error {}

/** WeCom understood the request and refused it: `errcode` is not 0. */
export class WeComApiError extends WeComOutboundError {
  constructor(
    /** Which call, e.g. `webhook/send`; never the URL. */
    readonly endpoint: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeCom ${endpoint} answered errcode ${errcode}: ${shortErrmsg(errmsg)}`);
    this.name = 'WeComApiError';
  }
}

export type NetworkFailure = 'timeout' | 'connection' | 'http_status' | 'invalid_body';

/** No usable WeCom answer: timeout, refused/reset connection, non-2xx status or a non-JSON body. */
export class WeComNetworkError extends WeComOutboundError {
  constructor(
    readonly endpoint: string,
    readonly failure: NetworkFailure,
    /** A short, secret-free detail: an error code such as `ECONNREFUSED`, or the HTTP status. */
    readonly detail: string,
    /** How many attempts were made before giving up. */
    readonly attempts: number,
  ) {
    super(`WeCom ${endpoint} unreachable (${failure}: ${detail}) after ${attempts} attempt(s)`);
    this.name = 'WeComNetworkError';
  }

  /** Timeouts, lost connections and 5xx are worth another try; a 4xx or a garbled body is not. */
  get retryable(): boolean {
    if (this.failure === 'timeout' || this.failure === 'connection') return true;
    return this.failure === 'http_status' && Number(this.detail) >= 500;
  }

  /**
   * Whether WeCom may have acted on the request even though we got no answer: a timeout or a
   * connection lost mid-request may hide a delivered message. False only when the request
   * certainly never reached WeCom (refused, unresolvable) or a gateway refused it.
   */
  get maybeDelivered(): boolean {
    if (this.failure === 'connection') return !NEVER_REACHED.has(this.detail);
    if (this.failure === 'http_status') return !GATEWAY_REFUSED.has(this.detail);
    return true;
  }
}

const NEVER_REACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const GATEWAY_REFUSED = new Set(['502', '503']);

/** A message we refuse to send because WeCom would reject it (too long, empty, bad mention list). */
export class WeComPayloadError extends WeComOutboundError {
  constructor(
    readonly endpoint: string,
    /** The offending field, e.g. `markdown.content`. */
    readonly field: string,
    readonly problem: string,
  ) {
    super(`refusing to call WeCom ${endpoint}: ${field} ${problem}`);
    this.name = 'WeComPayloadError';
  }
}

/**
 * A group webhook that WeCom said is gone (93000 removed / invalid, 93004 disabled, 93008 not in
 * the group). Sends to it fail fast with this error until the target is re-set.
 */
export class WebhookTargetBrokenError extends WeComOutboundError {
  constructor(
    readonly targetId: string,
    readonly errcode: number,
  ) {
    super(`webhook target ${targetId} is marked broken (errcode ${errcode}); re-set it to resume`);
    this.name = 'WebhookTargetBrokenError';
  }
}

/** Too many messages already waiting for one webhook key; the caller should send fewer. */
export class WebhookQueueFullError extends WeComOutboundError {
  constructor(
    readonly targetId: string,
    readonly pending: number,
  ) {
    super(`webhook queue for target ${targetId} is full (${pending} waiting)`);
    this.name = 'WebhookQueueFullError';
  }
}

export type ResponseUrlProblem = 'spent' | 'foreign_origin' | 'malformed';

/** A response_url we will not call: already used once, or not a WeCom address. */
export class ResponseUrlRefusedError extends WeComOutboundError {
  constructor(readonly problem: ResponseUrlProblem) {
    super(
      problem === 'spent'
        ? 'response_url was already used (one call per URL)'
        : problem === 'foreign_origin'
          ? 'response_url does not point at the configured WeCom API host'
          : 'response_url is not a valid http(s) URL',
    );
    this.name = 'ResponseUrlRefusedError';
  }
}

/** WeCom appends `hint: [...], from ip: ..., more info at ...` to errmsg; keep the useful head. */
function shortErrmsg(errmsg: string): string {
  const head = errmsg.split(/,\s*hint:/)[0] ?? errmsg;
  return head.length > 200 ? `${head.slice(0, 200)}…` : head;
}
