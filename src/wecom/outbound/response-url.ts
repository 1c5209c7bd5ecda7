import { allowedUrl } from '../url-hosts.js';
import { ResponseUrlRefusedError, WeComNetworkError } from './errors.js';
import { WeComHttp } from './http.js';
import { secretHash } from './key-hash.js';
import { LIMITS } from './limits.js';
import { checkContent } from './webhook-messages.js';

/** What a response_url accepts (wecom-protocol.md §5). */
export type ResponseUrlMessage =
  | {
      readonly msgtype: 'markdown';
      readonly markdown: { readonly content: string; readonly feedback?: { readonly id: string } };
    }
  | {
      readonly msgtype: 'template_card';
      /** Only honoured when the triggering conversation is a single (1:1) chat. */
      readonly template_card: Readonly<Record<string, unknown>>;
    };

export interface ResponseUrlClientOptions {
  /** Config `wecomApiBase`; a response_url on any other origin is refused. */
  readonly apiBase: string;
  readonly http?: WeComHttp;
  /** How long a used URL is remembered; WeCom's URLs live one hour. */
  readonly rememberMs?: number;
  readonly now?: () => number;
}

const ENDPOINT = 'aibot/response';
const ONE_HOUR_MS = 3_600_000;

/**
 * Sends the one asynchronous reply a response_url allows. Remembers (in this process) which URLs
 * it has used, so a second call fails fast with ResponseUrlRefusedError('spent') instead of reaching
 * WeCom; the URLs are also tied to one user message, so two instances rarely hold the same one.
 */
export class ResponseUrlClient {
  readonly #origin: string;
  readonly #http: WeComHttp;
  readonly #rememberMs: number;
  readonly #now: () => number;
  /** hash of URL → when it may be forgotten. */
  readonly #used = new Map<string, number>();

  constructor(options: ResponseUrlClientOptions) {
    this.#origin = new URL(options.apiBase).origin;
    this.#http = options.http ?? new WeComHttp();
    this.#rememberMs = options.rememberMs ?? ONE_HOUR_MS;
    this.#now = options.now ?? Date.now;
  }

  async sendMarkdown(responseUrl: string, content: string, feedbackId?: string): Promise<void> {
    await this.send(responseUrl, {
      msgtype: 'markdown',
      markdown: feedbackId ? { content, feedback: { id: feedbackId } } : { content },
    });
  }

  /** Only for single chats: WeCom refuses cards through a group message's response_url. */
  async sendTemplateCard(
    responseUrl: string,
    card: Readonly<Record<string, unknown>>,
  ): Promise<void> {
    await this.send(responseUrl, { msgtype: 'template_card', template_card: card });
  }

  /**
   * Matches the callback router's `ResponseUrlSender` port (src/wecom/response-url.ts), so this
   * client can replace its small fetch-based sender.
   */
  async send(responseUrl: string, message: ResponseUrlMessage): Promise<void> {
    if (message.msgtype === 'markdown') {
      checkContent(
        ENDPOINT,
        'markdown.content',
        message.markdown.content,
        LIMITS.responseUrlMarkdownBytes,
      );
    }
    this.#checkUrl(responseUrl);
    const id = secretHash(responseUrl);
    this.#forgetExpired();
    if (this.#used.has(id)) throw new ResponseUrlRefusedError('spent');
    // Claimed before the call: even a failed call may have used the URL up on WeCom's side.
    this.#used.set(id, this.#now() + this.#rememberMs);
    try {
      await this.#http.post({
        endpoint: ENDPOINT,
        url: responseUrl,
        body: JSON.stringify(message),
      });
    } catch (err) {
      // A request that never reached WeCom cannot have used the URL: let the caller try again.
      if (err instanceof WeComNetworkError && !err.maybeDelivered) this.#used.delete(id);
      throw err;
    }
  }

  #checkUrl(responseUrl: string): void {
    if (!URL.canParse(responseUrl)) throw new ResponseUrlRefusedError('malformed');
    const url = new URL(responseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new ResponseUrlRefusedError('malformed');
    }
    if (!allowedUrl(responseUrl, [this.#origin]))
      throw new ResponseUrlRefusedError('foreign_origin');
  }

  #forgetExpired(): void {
    const now = this.#now();
    for (const [id, until] of this.#used) {
      if (until > now) break; // insertion order is expiry order
      this.#used.delete(id);
    }
  }
}
