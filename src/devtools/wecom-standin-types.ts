/** The shapes the HTTP WeCom stand-in (wecom-standin.ts) records, delivers and is configured with. */

export type StandinEndpoint = 'webhook/send' | 'webhook/upload_media' | 'aibot/response';

export type KeyState = 'active' | 'removed' | 'disabled' | 'not_in_group';

/** One request as received, with the answer given. */
export interface StandinRequest {
  readonly at: number;
  /** `file`: a GET of a {@link WeComStandin.hostFile} link (errcode 0 served, 404 gone). */
  readonly endpoint: StandinEndpoint | 'file' | 'unknown';
  readonly key?: string;
  readonly responseCode?: string;
  /** The parsed JSON body; for uploads a summary `{type, filename, size}`; raw text if not JSON. */
  readonly body: unknown;
  /** `dropped`/`stalled`: scripted with failNext, no answer was given (errcode undefined). */
  readonly outcome: 'answered' | 'dropped' | 'stalled';
  readonly errcode: number | undefined;
  readonly errmsg: string | undefined;
}

/** Something WeCom would have shown in a chat or stored: accepted messages and uploads. */
export type StandinDelivery =
  | {
      readonly kind: 'webhook';
      readonly at: number;
      readonly key: string;
      readonly label: string | undefined;
      readonly message: WebhookBody;
    }
  | {
      readonly kind: 'response_url';
      readonly at: number;
      readonly responseCode: string;
      readonly label: string | undefined;
      readonly chattype: 'single' | 'group';
      readonly message: JsonObject;
    }
  | {
      readonly kind: 'upload';
      readonly at: number;
      readonly key: string;
      readonly label: string | undefined;
      readonly media: StoredMedia;
    };

export interface StoredMedia {
  readonly mediaId: string;
  readonly type: 'file' | 'voice';
  readonly filename: string;
  readonly contentType: string;
  readonly data: Buffer;
  readonly expiresAt: number;
}

export type JsonObject = Record<string, unknown>;
export type WebhookBody = JsonObject & { readonly msgtype: string };

export interface WeComStandinOptions {
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Clock for rate windows and expiries; tests pass a virtual one. */
  readonly now?: () => number;
  /** WeCom: 20 messages per 60 s per webhook key. */
  readonly webhookRate?: { readonly limit: number; readonly windowMs: number };
  /** WeCom: a response_url is valid for one hour. */
  readonly responseUrlTtlMs?: number;
  /** WeCom: uploaded media live three days. */
  readonly mediaTtlMs?: number;
  /** WeCom: the link to a file a user sent the AI bot works for five minutes. */
  readonly fileTtlMs?: number;
  /** Treat any webhook key as registered (the simulator: admins paste made-up webhooks). */
  readonly acceptUnknownKeys?: boolean;
  readonly onDelivery?: (delivery: StandinDelivery) => void;
}

export interface HostFileOptions {
  /** How long the link works; default the stand-in's `fileTtlMs` (five minutes). */
  readonly ttlMs?: number;
  /** Sent as Content-Disposition, as a name the downloader may read; default none. */
  readonly filename?: string;
}
