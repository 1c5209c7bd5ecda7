import Router from '@koa/router';
import createHttpError from 'http-errors';
import type { Context } from 'koa';
import getRawBody from 'raw-body';
import type { Responder } from '../bot/responder/responder.js';
import type { Config } from '../config.js';
import type { BotCredentials } from '../wecom/credentials.js';
import { WeComCrypto, WeComCryptoError } from '../wecom/crypto.js';
import { CallbackDecodeError, decodeCallback, type IncomingMessage } from '../wecom/incoming.js';
import { sealReply } from '../wecom/replies.js';

/**
 * `GET|POST /wecom/callback`: the AI bot's URL-callback endpoint, a thin adapter around the
 * {@link Responder}.
 *
 * GET answers WeCom's URL verification. POST takes a callback through, in this order and each
 * step only if the previous one passed: read the raw body (≤ 64 KB) → check `msg_signature` in
 * constant time → check the timestamp's age → decrypt → decode → `responder.respond` → answer
 * with an encrypted passive reply. Every malformed request is refused with an HTTP error
 * (`http-errors`, answered by the app's error boundary as a 4xx with a short JSON body); the
 * responder never sees it.
 */
export interface CallbackRouterOptions {
  readonly config: Pick<Config, 'callbackMaxAgeSeconds'>;
  readonly credentials: Pick<BotCredentials, 'token' | 'encodingAesKey' | 'receiveId'>;
  readonly responder: Responder;
  /** Default `/wecom/callback`. */
  readonly path?: string;
  /** Milliseconds since the epoch; tests may move time. */
  readonly now?: () => number;
}

const BODY_LIMIT = 64 * 1024;

/** A refusal the client may read: `{"error": code, "message": message}` with `status`. */
const refusal = (status: number, code: string, message: string) =>
  createHttpError(status, message, { code });

export function createCallbackRouter(options: CallbackRouterOptions): Router {
  const crypto = new WeComCrypto(options.credentials);
  const { responder } = options;
  const now = options.now ?? Date.now;
  const path = options.path ?? '/wecom/callback';
  const router = new Router();

  router.get(path, (ctx) => {
    const q = queryOf(ctx, ['msg_signature', 'timestamp', 'nonce', 'echostr']);
    if (!q.msg_signature || !q.timestamp || !q.nonce || !q.echostr) {
      throw refusal(400, 'bad_request', 'msg_signature, timestamp, nonce and echostr are required');
    }
    // A verification replayed later (a leaked URL) is refused like a stale callback.
    checkAge(q.timestamp, now(), options.config.callbackMaxAgeSeconds);
    let echostr = q.echostr;
    if (!crypto.verify(q.msg_signature, q.timestamp, q.nonce, echostr)) {
      // A literal '+' left unencoded arrives as a space after query parsing.
      const restored = echostr.replaceAll(' ', '+');
      if (restored === echostr || !crypto.verify(q.msg_signature, q.timestamp, q.nonce, restored)) {
        throw refusal(401, 'bad_signature', 'signature does not match');
      }
      echostr = restored;
    }
    const plaintext = open(crypto, echostr);
    ctx.status = 200;
    ctx.type = 'text/plain';
    ctx.body = plaintext;
  });

  router.post(path, async (ctx) => {
    checkEntity(ctx);
    const q = queryOf(ctx, ['msg_signature', 'timestamp', 'nonce']);
    const encrypt = extractEncrypt(await readBody(ctx));
    if (
      !q.timestamp ||
      !q.nonce ||
      !crypto.verify(q.msg_signature, q.timestamp, q.nonce, encrypt)
    ) {
      throw refusal(401, 'bad_signature', 'signature does not match');
    }
    checkAge(q.timestamp, now(), options.config.callbackMaxAgeSeconds);
    const msg = decode(open(crypto, encrypt));
    const reply = await responder.respond(msg);
    ctx.status = 200;
    ctx.body = reply ? sealReply(crypto, reply, q.nonce, Math.floor(now() / 1000)) : '';
  });

  return router;
}

function queryOf<K extends string>(ctx: Context, names: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const name of names) {
    const v = ctx.query[name];
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string' && first !== '') out[name] = first;
  }
  return out;
}

/**
 * WeCom posts plain JSON: anything declared otherwise, or compressed (which would let a small
 * body inflate past the size limit), is not WeCom.
 */
function checkEntity(ctx: Context): void {
  const encoding = ctx.get('content-encoding').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') {
    throw refusal(415, 'unsupported_encoding', 'content encodings are not accepted');
  }
  if (!ctx.is('application/json', 'text/json')) {
    throw refusal(415, 'unsupported_type', 'body must be JSON (Content-Type: application/json)');
  }
}

async function readBody(ctx: Context): Promise<string> {
  try {
    return await getRawBody(ctx.req, {
      limit: BODY_LIMIT,
      length: ctx.request.length ?? null,
      encoding: 'utf8',
    });
  } catch (err) {
    const type = (err as { type?: unknown }).type;
    if (type === 'entity.too.large') {
      throw refusal(413, 'too_large', 'body is larger than 64 KB');
    }
    throw refusal(400, 'bad_callback', 'body could not be read');
  }
}

function extractEncrypt(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw refusal(400, 'bad_callback', 'body is not JSON');
  }
  const encrypt = (parsed as { encrypt?: unknown } | null)?.encrypt;
  if (typeof encrypt !== 'string' || encrypt === '') {
    throw refusal(400, 'bad_callback', 'body has no encrypt field');
  }
  return encrypt;
}

function checkAge(timestamp: string, nowMs: number, maxAgeSeconds: number): void {
  if (!/^\d{1,12}$/.test(timestamp)) {
    throw refusal(400, 'bad_callback', 'timestamp is not a number of seconds');
  }
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > maxAgeSeconds) {
    throw refusal(401, 'stale_callback', 'timestamp is too far from now');
  }
}

function open(crypto: WeComCrypto, ciphertext: string): string {
  try {
    return crypto.open(ciphertext);
  } catch (err) {
    if (err instanceof WeComCryptoError) throw refusal(400, 'bad_callback', err.message);
    throw err;
  }
}

function decode(plaintext: string): IncomingMessage {
  try {
    return decodeCallback(plaintext);
  } catch (err) {
    if (err instanceof CallbackDecodeError) throw refusal(400, 'bad_callback', err.message);
    throw err;
  }
}
