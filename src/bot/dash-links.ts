/**
 * `/dash/<token>`: links to the dashboard pages that open in WeCom's in-app browser without a
 * login. As with draft links (`draft-links.ts`), the token names what it opens — a county's
 * page or one township's — and until when, under an HMAC-SHA256, so it cannot be forged,
 * pointed at another org or stretched past its expiry. Its key is derived apart from the draft
 * links' key, so neither kind of token opens the other. Tokens are never logged.
 */
import { hkdfSync } from 'node:crypto';
import { TokenSealer } from './signed-token.js';

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
  readonly #sealer: TokenSealer;

  constructor(secret: Uint8Array | string) {
    this.#sealer = new TokenSealer(secret, 'DashLinkSigner');
  }

  sign(ref: DashRef, expiresAt: Date): string {
    return this.#sealer.seal([ref.scope === 'county' ? 'c' : 't', ref.orgId], expiresAt);
  }

  check(token: string, now: Date): DashCheck {
    const opened = this.#sealer.open(token);
    if (!opened.ok) return opened;
    const [scope, orgId] = opened.fields;
    if (opened.fields.length !== 2 || (scope !== 'c' && scope !== 't')) {
      return { ok: false, reason: 'malformed' };
    }
    if (typeof orgId !== 'string' || orgId.length === 0) return { ok: false, reason: 'malformed' };
    if (now.getTime() >= opened.exp * 1000) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      ref: { scope: SCOPES[scope], orgId },
      expiresAt: new Date(opened.exp * 1000),
    };
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
