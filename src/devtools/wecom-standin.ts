import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';
import { encryptMedia, mediaKey } from '../wecom/file-download.js';

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
 * 40058 "invalid Request Parameter", WeCom's general code for a bad parameter.
 */

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

type JsonObject = Record<string, unknown>;
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

interface KeyEntry {
  state: KeyState;
  label: string | undefined;
  sent: number[];
}

interface ResponseUrlEntry {
  readonly expiresAt: number;
  readonly chattype: 'single' | 'group';
  readonly label: string | undefined;
  used: boolean;
}

interface HostedFile {
  readonly encrypted: Buffer;
  readonly filename: string | undefined;
  readonly expiresAt: number;
}

export interface HostFileOptions {
  /** How long the link works; default the stand-in's `fileTtlMs` (five minutes). */
  readonly ttlMs?: number;
  /** Sent as Content-Disposition, as a name the downloader may read; default none. */
  readonly filename?: string;
}

/** Where hosted files are served: `/aibot/file/<id>`. */
const FILE_PATH = /^\/aibot\/file\/([A-Za-z0-9_-]{16,})$/;

type Answer = { errcode: number; errmsg: string } & JsonObject;

const ok = (extra: JsonObject = {}): Answer => ({ errcode: 0, errmsg: 'ok', ...extra });
const fail = (errcode: number, errmsg: string): Answer => ({ errcode, errmsg });

const BROKEN_ANSWERS: Record<Exclude<KeyState, 'active'>, Answer> = {
  removed: fail(93000, 'invalid webhook url'),
  disabled: fail(93004, 'robot is disabled'),
  not_in_group: fail(93008, 'robot is not in the chat'),
};

const SCRIPTED_ERRMSG: Record<number, string> = {
  [-1]: 'system busy',
  45009: 'api freq out of limit',
  93000: 'invalid webhook url',
  93004: 'robot is disabled',
  93008: 'robot is not in the chat',
};

const LIMITS = {
  text: 2_048,
  markdown: 4_096,
  responseMarkdown: 20_480,
  imageBytes: 2 * 1024 * 1024,
  fileBytes: 20 * 1024 * 1024,
  voiceBytes: 2 * 1024 * 1024,
  jsonBody: 2 * 1024 * 1024,
};

export class WeComStandin {
  /** Everything received, in order. */
  readonly requests: StandinRequest[] = [];
  /** Everything accepted, in order. */
  readonly deliveries: StandinDelivery[] = [];

  private readonly keys = new Map<string, KeyEntry>();
  private readonly responseUrls = new Map<string, ResponseUrlEntry>();
  private readonly media = new Map<string, StoredMedia & { key: string }>();
  private readonly files = new Map<string, HostedFile>();
  private readonly scripted = new Map<StandinEndpoint, Array<number | 'drop' | 'stall'>>();
  private readonly now: () => number;
  private readonly rate: { limit: number; windowMs: number };
  private readonly responseUrlTtlMs: number;
  private readonly mediaTtlMs: number;
  private readonly fileTtlMs: number;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    private readonly options: WeComStandinOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.rate = options.webhookRate ?? { limit: 20, windowMs: 60_000 };
    this.responseUrlTtlMs = options.responseUrlTtlMs ?? 3_600_000;
    this.mediaTtlMs = options.mediaTtlMs ?? 3 * 24 * 3_600_000;
    this.fileTtlMs = options.fileTtlMs ?? 5 * 60_000;
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
    this.keys.set(key, { state: 'active', label, sent: [] });
    return key;
  }

  /** The full send URL an admin would copy from the group settings. */
  webhookUrl(key: string): string {
    return `${this.baseUrl}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`;
  }

  /** The robot was removed from its group: answers 93000 from now on. */
  removeKey(key: string): void {
    this.setState(key, 'removed');
  }

  /** The robot was disabled: answers 93004 from now on. */
  disableKey(key: string): void {
    this.setState(key, 'disabled');
  }

  /** The robot is no longer in the group: answers 93008 from now on. */
  leaveGroup(key: string): void {
    this.setState(key, 'not_in_group');
  }

  enableKey(key: string): void {
    this.setState(key, 'active');
  }

  /** Fills the key's rate window as if `count` messages had just been accepted. */
  exhaustRate(key: string, count = this.rate.limit): void {
    const entry = this.entry(key);
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
    const now = this.now();
    for (const [old, file] of this.files) if (file.expiresAt <= now) this.files.delete(old);
    const id = randomBytes(24).toString('base64url');
    this.files.set(id, {
      encrypted: encryptMedia(mediaKey(encodingAesKey), Buffer.from(bytes)),
      filename: options.filename,
      expiresAt: now + (options.ttlMs ?? this.fileTtlMs),
    });
    return `${this.baseUrl}/aibot/file/${id}`;
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
    req.resume();
    const file = this.files.get(id);
    const body = { path };
    if (!file || file.expiresAt <= this.now()) {
      this.record({ endpoint: 'file', body }, fail(404, 'not found'));
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    this.record({ endpoint: 'file', body: { ...body, size: file.encrypted.length } }, ok());
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
    const checked = this.checkKey(key);
    if ('errcode' in checked) return checked;
    const { entry, key: k } = checked;
    const now = this.now();
    entry.sent = entry.sent.filter((t) => t > now - this.rate.windowMs);
    if (entry.sent.length >= this.rate.limit) {
      return fail(45009, 'api freq out of limit');
    }
    if (!isObject(body)) return fail(40058, 'invalid Request Parameter: body is not JSON');
    const problem = this.checkWebhookBody(k, body);
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

  private checkWebhookBody(key: string, body: JsonObject): Answer | undefined {
    const msgtype = body.msgtype;
    const payload = typeof msgtype === 'string' ? body[msgtype] : undefined;
    if (typeof msgtype !== 'string' || !WEBHOOK_TYPES.has(msgtype)) {
      return fail(40008, 'invalid message type');
    }
    if (!isObject(payload)) return fail(40058, `invalid Request Parameter: missing ${msgtype}`);
    switch (msgtype) {
      case 'text': {
        const problem = checkContent(
          payload.content,
          LIMITS.text,
          45002,
          'content size out of limit',
        );
        if (problem) return problem;
        for (const list of ['mentioned_list', 'mentioned_mobile_list']) {
          const value = payload[list];
          if (value !== undefined && !isStringList(value)) {
            return fail(40058, `invalid Request Parameter: text.${list} must be a string array`);
          }
        }
        return undefined;
      }
      case 'markdown':
      case 'markdown_v2':
        return checkContent(
          payload.content,
          LIMITS.markdown,
          40058,
          `${msgtype}.content exceed max length ${LIMITS.markdown}. invalid Request Parameter`,
        );
      case 'file':
      case 'voice': {
        const stored = typeof payload.media_id === 'string' && this.media.get(payload.media_id);
        if (!stored || stored.key !== key || stored.expiresAt <= this.now()) {
          return fail(40007, 'invalid media_id');
        }
        if (stored.type !== msgtype) return fail(40007, 'invalid media_id: wrong media type');
        return undefined;
      }
      case 'image':
        return checkImage(payload);
      case 'news':
        return checkNews(payload);
      case 'template_card':
        return payload.card_type === 'text_notice' || payload.card_type === 'news_notice'
          ? undefined
          : fail(40058, 'invalid Request Parameter: card_type');
      default:
        return fail(40008, 'invalid message type');
    }
  }

  private responseUrl(code: string | undefined, body: unknown): Answer {
    const entry = code ? this.responseUrls.get(code) : undefined;
    if (!code || !entry) return fail(40058, 'invalid Request Parameter: invalid response_code');
    if (entry.used) return fail(40058, 'invalid Request Parameter: response_code used');
    if (entry.expiresAt <= this.now()) {
      return fail(40058, 'invalid Request Parameter: response_code expired');
    }
    if (!isObject(body)) return fail(40058, 'invalid Request Parameter: body is not JSON');
    const msgtype = body.msgtype;
    if (msgtype === 'markdown') {
      const md = body.markdown;
      if (!isObject(md)) return fail(40058, 'invalid Request Parameter: missing markdown');
      const problem = checkContent(
        md.content,
        LIMITS.responseMarkdown,
        40058,
        `markdown.content exceed max length ${LIMITS.responseMarkdown}. invalid Request Parameter`,
      );
      if (problem) return problem;
    } else if (msgtype === 'template_card') {
      if (!isObject(body.template_card)) {
        return fail(40058, 'invalid Request Parameter: missing template_card');
      }
      if (entry.chattype !== 'single') {
        return fail(40058, 'invalid Request Parameter: template_card only in single chat');
      }
    } else {
      return fail(40008, 'invalid message type');
    }
    entry.used = true;
    this.deliver({
      kind: 'response_url',
      at: this.now(),
      responseCode: code,
      label: entry.label,
      chattype: entry.chattype,
      message: body,
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
    const checked = this.checkKey(key);
    if ('errcode' in checked) return answer(checked);
    if (type !== 'file' && type !== 'voice') return answer(fail(40005, 'invalid media type'));
    if (!parsed.data || parsed.field !== 'media') return answer(fail(44001, 'empty media data'));
    const max = type === 'file' ? LIMITS.fileBytes : LIMITS.voiceBytes;
    if (parsed.truncated || parsed.data.length <= 5 || parsed.data.length > max) {
      return answer(fail(40006, 'invalid file size'));
    }
    if (type === 'voice' && !parsed.data.subarray(0, 6).equals(Buffer.from('#!AMR\n'))) {
      return answer(fail(40004, 'invalid media type: voice must be AMR'));
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

  private checkKey(key: string | undefined): Answer | { key: string; entry: KeyEntry } {
    if (!key) return BROKEN_ANSWERS.removed;
    let entry = this.keys.get(key);
    if (!entry && this.options.acceptUnknownKeys) {
      entry = { state: 'active', label: undefined, sent: [] };
      this.keys.set(key, entry);
    }
    if (!entry) return BROKEN_ANSWERS.removed;
    if (entry.state !== 'active') return BROKEN_ANSWERS[entry.state];
    return { key, entry };
  }

  private entry(key: string): KeyEntry {
    const entry = this.keys.get(key);
    if (!entry) throw new Error('stand-in: unknown webhook key; registerKey() it first');
    return entry;
  }

  private setState(key: string, state: KeyState): void {
    this.entry(key).state = state;
  }
}

const WEBHOOK_TYPES = new Set([
  'text',
  'markdown',
  'markdown_v2',
  'image',
  'news',
  'file',
  'voice',
  'template_card',
]);

function endpointOf(pathname: string): StandinEndpoint | undefined {
  if (pathname === '/cgi-bin/webhook/send') return 'webhook/send';
  if (pathname === '/cgi-bin/webhook/upload_media') return 'webhook/upload_media';
  if (pathname === '/cgi-bin/aibot/response') return 'aibot/response';
  return undefined;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function checkContent(
  content: unknown,
  maxBytes: number,
  tooLongCode: number,
  tooLongMsg: string,
): Answer | undefined {
  if (typeof content !== 'string') return fail(40058, 'invalid Request Parameter: content');
  if (content.trim() === '') return fail(44004, 'empty content');
  if (Buffer.byteLength(content, 'utf8') > maxBytes) return fail(tooLongCode, tooLongMsg);
  return undefined;
}

function checkImage(payload: JsonObject): Answer | undefined {
  if (typeof payload.base64 !== 'string' || typeof payload.md5 !== 'string') {
    return fail(40058, 'invalid Request Parameter: image.base64 and image.md5 are required');
  }
  const bytes = Buffer.from(payload.base64, 'base64');
  if (bytes.length === 0 || bytes.length > LIMITS.imageBytes) {
    return fail(40009, 'invalid image size');
  }
  const md5 = createHash('md5').update(bytes).digest('hex');
  return md5 === payload.md5.toLowerCase() ? undefined : fail(40058, 'invalid image md5');
}

function checkNews(payload: JsonObject): Answer | undefined {
  const articles = payload.articles;
  if (!Array.isArray(articles) || articles.length < 1 || articles.length > 8) {
    return fail(40058, 'invalid Request Parameter: news.articles must hold 1 to 8 items');
  }
  const bad = articles.some(
    (a) => !isObject(a) || typeof a.title !== 'string' || typeof a.url !== 'string',
  );
  return bad ? fail(40058, 'invalid Request Parameter: article title and url') : undefined;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface MultipartFile {
  field?: string;
  filename?: string;
  contentType?: string;
  data?: Buffer;
  truncated?: boolean;
  error?: string;
}

/** The first file part of a multipart body (WeCom reads field `media`). */
function readMultipart(req: IncomingMessage, maxFileBytes: number): Promise<MultipartFile> {
  return new Promise((resolve) => {
    const result: MultipartFile = {};
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // fetch's FormData writes non-ASCII file names as raw UTF-8.
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: maxFileBytes },
      });
    } catch {
      req.resume();
      resolve({ error: 'not multipart/form-data' });
      return;
    }
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      result.field = field;
      result.filename = info.filename;
      result.contentType = info.mimeType;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (result.truncated = true));
      stream.on('end', () => (result.data = Buffer.concat(chunks)));
    });
    parser.on('close', () => resolve(result));
    parser.on('error', () => resolve({ error: 'malformed multipart body' }));
    req.pipe(parser);
  });
}
