import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FILE_PATH, HostedFiles } from './hosted-files.js';
import { WebhookKeys } from './webhook-keys.js';
import { parseJson, readBody, readMultipart } from './http-body.js';
import {
  checkResponseBody,
  checkUpload,
  checkWebhookBody,
  endpointOf,
  fail,
  isObject,
  LIMITS,
  ok,
  SCRIPTED_ERRMSG,
  type Answer,
} from './wecom-standin-rules.js';
import type {
  HostFileOptions,
  JsonObject,
  StandinDelivery,
  StandinEndpoint,
  StandinRequest,
  StoredMedia,
  WebhookBody,
  WeComStandinOptions,
} from './wecom-standin-types.js';

export type * from './wecom-standin-types.js';

/**
 * A local stand-in for the WeCom endpoints the bot calls: `response_url`
 * (`/cgi-bin/aibot/response`), `webhook/send` and `webhook/upload_media`, plus the download links
 * of files users send the AI bot (see {@link WeComStandin.hostFile}). It follows the documented
 * request and response shapes (wecom-protocol.md §5, §8, §10): every answer is HTTP 200 with an
 * `errcode`, it enforces the documented sizes and the 20-per-minute webhook limit, and it records
 * everything it received. Tests use it through tests/support/wecom-standin.ts; the terminal
 * simulator runs one so a newcomer sees what the bot pushed into a group.
 *
 * Where WeCom documents no errcode for a case (a response_url used twice, say) the stand-in answers
 * 40058 "invalid Request Parameter", WeCom's general code for a bad parameter. The rules live in
 * wecom-standin-rules.ts, the shapes in wecom-standin-types.ts.
 */

interface ResponseUrlEntry {
  readonly expiresAt: number;
  readonly chattype: 'single' | 'group';
  readonly label: string | undefined;
  used: boolean;
}

export class WeComStandin {
  /** Everything received, in order. */
  readonly requests: StandinRequest[] = [];
  /** Everything accepted, in order. */
  readonly deliveries: StandinDelivery[] = [];

  private readonly keys: WebhookKeys;
  private readonly responseUrls = new Map<string, ResponseUrlEntry>();
  private readonly media = new Map<string, StoredMedia & { key: string }>();
  private readonly files: HostedFiles;
  private readonly scripted = new Map<StandinEndpoint, Array<number | 'drop' | 'stall'>>();
  private readonly now: () => number;
  private readonly rate: { limit: number; windowMs: number };
  private readonly responseUrlTtlMs: number;
  private readonly mediaTtlMs: number;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    private readonly options: WeComStandinOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.rate = options.webhookRate ?? { limit: 20, windowMs: 60_000 };
    this.responseUrlTtlMs = options.responseUrlTtlMs ?? 3_600_000;
    this.mediaTtlMs = options.mediaTtlMs ?? 3 * 24 * 3_600_000;
    this.keys = new WebhookKeys(options.acceptUnknownKeys ?? false);
    this.files = new HostedFiles(this.now, options.fileTtlMs ?? 5 * 60_000);
  }

  static async start(options: WeComStandinOptions = {}): Promise<WeComStandin> {
    const server = createServer();
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const standin = new WeComStandin(server, `http://${host}:${port}`, options);
    server.on('request', (req, res) => {
      standin.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    return standin;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  // ---- test controls -------------------------------------------------------------------------

  /** Registers a webhook key (a fresh UUID when none is given) and returns it. */
  registerKey(key: string = randomUUID(), label?: string): string {
    this.keys.register(key, label);
    return key;
  }

  /** The full send URL an admin would copy from the group settings. */
  webhookUrl(key: string): string {
    return `${this.baseUrl}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`;
  }

  /** The robot was removed from its group: answers 93000 from now on. */
  removeKey(key: string): void {
    this.keys.setState(key, 'removed');
  }

  /** The robot was disabled: answers 93004 from now on. */
  disableKey(key: string): void {
    this.keys.setState(key, 'disabled');
  }

  /** The robot is no longer in the group: answers 93008 from now on. */
  leaveGroup(key: string): void {
    this.keys.setState(key, 'not_in_group');
  }

  enableKey(key: string): void {
    this.keys.setState(key, 'active');
  }

  /** Fills the key's rate window as if `count` messages had just been accepted. */
  exhaustRate(key: string, count = this.rate.limit): void {
    const entry = this.keys.entry(key);
    for (let i = 0; i < count; i++) entry.sent.push(this.now());
  }

  /** A response_url as WeCom puts it in a callback: one use, valid for an hour. */
  mintResponseUrl(options: { chattype?: 'single' | 'group'; label?: string } = {}): string {
    const code = randomBytes(24).toString('base64url');
    this.responseUrls.set(code, {
      expiresAt: this.now() + this.responseUrlTtlMs,
      chattype: options.chattype ?? 'group',
      label: options.label,
      used: false,
    });
    return `${this.baseUrl}/cgi-bin/aibot/response?response_code=${code}`;
  }

  /**
   * Hosts `bytes` as WeCom hosts a file a user sent the AI bot: AES-256-CBC encrypted with the
   * bot's `encodingAesKey` (as src/wecom/file-download.ts expects), at a URL that answers 404 once
   * `ttlMs` (default five minutes) has passed on the stand-in's clock. Put the URL in a file
   * callback (`CallbackClient.sendFile`).
   */
  hostFile(bytes: Uint8Array, encodingAesKey: string, options: HostFileOptions = {}): string {
    return `${this.baseUrl}/aibot/file/${this.files.add(bytes, encodingAesKey, options)}`;
  }

  /**
   * The next `times` calls to `endpoint` get `errcode` (e.g. -1 or 45009) whatever they carry;
   * `'drop'` closes the connection without an answer, `'stall'` never answers.
   */
  failNext(endpoint: StandinEndpoint, outcome: number | 'drop' | 'stall', times = 1): void {
    const list = this.scripted.get(endpoint) ?? [];
    for (let i = 0; i < times; i++) list.push(outcome);
    this.scripted.set(endpoint, list);
  }

  /** Accepted webhook messages, for one key or all. */
  webhookMessages(key?: string): WebhookBody[] {
    return this.deliveries.flatMap((d) =>
      d.kind === 'webhook' && (key === undefined || d.key === key) ? [d.message] : [],
    );
  }

  /** Accepted response_url messages, for one URL or all. */
  responseMessages(responseUrl?: string): JsonObject[] {
    const code = responseUrl ? new URL(responseUrl).searchParams.get('response_code') : undefined;
    return this.deliveries.flatMap((d) =>
      d.kind === 'response_url' && (code === undefined || d.responseCode === code)
        ? [d.message]
        : [],
    );
  }

  uploads(key?: string): StoredMedia[] {
    return this.deliveries.flatMap((d) =>
      d.kind === 'upload' && (key === undefined || d.key === key) ? [d.media] : [],
    );
  }

  /** Requests to one endpoint (optionally one key), in order. */
  requestsTo(endpoint: StandinRequest['endpoint'], key?: string): StandinRequest[] {
    return this.requests.filter(
      (r) => r.endpoint === endpoint && (key === undefined || r.key === key),
    );
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const fileId = FILE_PATH.exec(url.pathname)?.[1];
    if (fileId !== undefined && (req.method === 'GET' || req.method === 'HEAD')) {
      this.serveFile(fileId, url.pathname, req, res);
      return;
    }
    const endpoint = endpointOf(url.pathname);
    if (!endpoint || req.method !== 'POST') {
      req.resume();
      this.record({ endpoint: 'unknown', body: url.pathname }, fail(404, 'not found'));
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const scripted = this.scripted.get(endpoint)?.shift();
    const key = url.searchParams.get('key') ?? undefined;
    const responseCode = url.searchParams.get('response_code') ?? undefined;
    if (scripted === 'drop' || scripted === 'stall') {
      this.requests.push({
        at: this.now(),
        endpoint,
        key,
        responseCode,
        body: undefined,
        outcome: scripted === 'drop' ? 'dropped' : 'stalled',
        errcode: undefined,
        errmsg: undefined,
      });
      if (scripted === 'drop') req.socket.destroy();
      return; // a stalled request is closed by close()
    }
    let answer: Answer;
    let body: unknown;
    if (scripted !== undefined) {
      const raw = await readBody(req, LIMITS.jsonBody);
      body = parseJson(raw) ?? raw;
      answer = fail(scripted, SCRIPTED_ERRMSG[scripted] ?? 'scripted failure');
    } else if (endpoint === 'webhook/upload_media') {
      const upload = await this.readUpload(req, url, key);
      body = upload.summary;
      answer = upload.answer;
    } else {
      const raw = await readBody(req, LIMITS.jsonBody);
      body = parseJson(raw) ?? raw;
      answer =
        endpoint === 'webhook/send'
          ? this.webhookSend(key, body)
          : this.responseUrl(responseCode, body);
    }
    this.record({ endpoint, key, responseCode, body }, answer);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(answer));
  }

  private serveFile(id: string, path: string, req: IncomingMessage, res: ServerResponse): void {
    const size = this.files.serve(id, req, res);
    if (size === undefined)
      this.record({ endpoint: 'file', body: { path } }, fail(404, 'not found'));
    else this.record({ endpoint: 'file', body: { path, size } }, ok());
  }

  private record(
    request: Omit<StandinRequest, 'at' | 'errcode' | 'errmsg' | 'outcome'>,
    answer: Answer,
  ) {
    this.requests.push({
      at: this.now(),
      outcome: 'answered',
      ...request,
      errcode: answer.errcode,
      errmsg: answer.errmsg,
    });
  }

  private deliver(delivery: StandinDelivery): void {
    this.deliveries.push(delivery);
    this.options.onDelivery?.(delivery);
  }

  private webhookSend(key: string | undefined, body: unknown): Answer {
    const checked = this.keys.check(key);
    if ('errcode' in checked) return checked;
    const { entry, key: k } = checked;
    const now = this.now();
    entry.sent = entry.sent.filter((t) => t > now - this.rate.windowMs);
    if (entry.sent.length >= this.rate.limit) {
      return fail(45009, 'api freq out of limit');
    }
    if (!isObject(body)) return fail(40058, 'invalid Request Parameter: body is not JSON');
    const problem = checkWebhookBody(body, (id) => this.liveMedia(id, k));
    if (problem) return problem;
    entry.sent.push(now);
    this.deliver({
      kind: 'webhook',
      at: now,
      key: k,
      label: entry.label,
      message: body as WebhookBody,
    });
    return ok();
  }

  private responseUrl(code: string | undefined, body: unknown): Answer {
    const entry = code ? this.responseUrls.get(code) : undefined;
    if (!code || !entry) return fail(40058, 'invalid Request Parameter: invalid response_code');
    if (entry.used) return fail(40058, 'invalid Request Parameter: response_code used');
    if (entry.expiresAt <= this.now()) {
      return fail(40058, 'invalid Request Parameter: response_code expired');
    }
    const problem = checkResponseBody(body, entry.chattype);
    if (problem) return problem;
    entry.used = true;
    this.deliver({
      kind: 'response_url',
      at: this.now(),
      responseCode: code,
      label: entry.label,
      chattype: entry.chattype,
      message: body as JsonObject,
    });
    return ok();
  }

  private async readUpload(
    req: IncomingMessage,
    url: URL,
    key: string | undefined,
  ): Promise<{ answer: Answer; summary: JsonObject }> {
    const type = url.searchParams.get('type');
    const parsed = await readMultipart(req, LIMITS.fileBytes);
    const summary: JsonObject = {
      type,
      field: parsed.field,
      filename: parsed.filename,
      size: parsed.data?.length,
    };
    const answer = (a: Answer) => ({ answer: a, summary });
    if (parsed.error) return answer(fail(40058, `invalid Request Parameter: ${parsed.error}`));
    const checked = this.keys.check(key);
    if ('errcode' in checked) return answer(checked);
    const problem = checkUpload(type, parsed);
    if (problem || (type !== 'file' && type !== 'voice') || !parsed.data) {
      return answer(problem ?? fail(44001, 'empty media data'));
    }
    const now = this.now();
    const media: StoredMedia = {
      mediaId: `3${randomBytes(30).toString('base64url')}`,
      type,
      filename: parsed.filename ?? 'file',
      contentType: parsed.contentType ?? 'application/octet-stream',
      data: parsed.data,
      expiresAt: now + this.mediaTtlMs,
    };
    this.media.set(media.mediaId, { ...media, key: checked.key });
    this.deliver({ kind: 'upload', at: now, key: checked.key, label: checked.entry.label, media });
    return answer(
      ok({ type, media_id: media.mediaId, created_at: String(Math.floor(now / 1000)) }),
    );
  }

  /** An upload made with this key that has not expired. */
  private liveMedia(mediaId: string, key: string): StoredMedia | undefined {
    const stored = this.media.get(mediaId);
    return stored && stored.key === key && stored.expiresAt > this.now() ? stored : undefined;
  }
}
