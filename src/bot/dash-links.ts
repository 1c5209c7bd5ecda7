/**
 * `/dash/<token>`: links to the dashboard pages that open in WeCom's in-app browser without a
 * login. As with draft links (`draft-links.ts`), the token names what it opens — a county's
 * page or one township's — and until when, under an HMAC-SHA256, so it cannot be forged,
 * pointed at another org or stretched past its expiry. Its key is derived apart from the draft
 * links' key, so neither kind of token opens the other. Tokens are never logged.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** How long a dashboard link works: a week, long enough to come back to from the chat. */
export const DASH_LINK_TTL_SECONDS = 7 * 24 * 3600;

export interface DashRef {
  readonly scope: 'county' | 'township';
  readonly orgId: string;
}

export type DashCheck =
  | { readonly ok: true; readonly ref: DashRef; readonly expiresAt: Date }
  | { readonly ok: false; readonly reason: 'malformed' | 'bad_signature' | 'expired' };

/** The dashboard-link key, derived from the bot's EncodingAESKey like the draft-link key. */
export function dashLinkSecret(encodingAesKey: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', encodingAesKey, 'wecom-report-bot', 'dashboard links v1', 32),
  );
}

const SCOPES = { c: 'county', t: 'township' } as const;

export class DashLinkSigner {
  readonly #key: Buffer;

  constructor(secret: Uint8Array | string) {
    const key = Buffer.from(secret);
    if (key.byteLength < 16) throw new RangeError('DashLinkSigner: secret shorter than 16 bytes');
    this.#key = key;
  }

  sign(ref: DashRef, expiresAt: Date): string {
    const exp = Math.floor(expiresAt.getTime() / 1000);
    const payload = Buffer.from(
      JSON.stringify([ref.scope === 'county' ? 'c' : 't', ref.orgId, exp]),
    ).toString('base64url');
    return `${payload}.${this.#mac(payload)}`;
  }

  check(token: string, now: Date): DashCheck {
    const m = /^([A-Za-z0-9_-]{1,512})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m) return { ok: false, reason: 'malformed' };
    const [, payload, mac] = m as unknown as [string, string, string];
    const expected = Buffer.from(this.#mac(payload), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (given.byteLength !== expected.byteLength || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'bad_signature' };
    }
    const fields = parse(payload);
    if (!fields) return { ok: false, reason: 'malformed' };
    const [scope, orgId, exp] = fields;
    if (now.getTime() >= exp * 1000) return { ok: false, reason: 'expired' };
    return { ok: true, ref: { scope, orgId }, expiresAt: new Date(exp * 1000) };
  }

  #mac(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url');
  }
}

function parse(payload: string): [DashRef['scope'], string, number] | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 3) return undefined;
    const [scope, orgId, exp] = v as unknown[];
    if (scope !== 'c' && scope !== 't') return undefined;
    if (typeof orgId !== 'string' || orgId.length === 0) return undefined;
    if (!Number.isSafeInteger(exp)) return undefined;
    return [SCOPES[scope], orgId, exp as number];
  } catch {
    return undefined;
  }
}

/** `https://bot.example.cn/dash/<token>`, valid for `ttlSeconds` from `now`. */
export function dashLink(
  publicBaseUrl: string,
  ref: DashRef,
  signer: DashLinkSigner,
  now: Date,
  ttlSeconds: number = DASH_LINK_TTL_SECONDS,
): string {
  const token = signer.sign(ref, new Date(now.getTime() + ttlSeconds * 1000));
  return `${publicBaseUrl.replace(/\/+$/, '')}/dash/${token}`;
}
