/**
 * Draft download links: `<base>/drafts/<token>.docx`. The token names (reportId, version,
 * expiry) and carries an HMAC-SHA256 over them, so a link cannot be forged, widened to another
 * draft, or stretched past its expiry. The draft handler makes links; the drafts route
 * (src/http/drafts-route.ts) checks them. Tokens and the secret are never logged: a token in a
 * log would be a working link to a government draft.
 */
import { hkdfSync } from 'node:crypto';
import type { StoredDraft } from '../store/drafts.js';
import { TokenSealer } from './signed-token.js';
import { draftTexts } from './texts/draft.js';

/** How long a link works unless the caller says otherwise. */
export const DEFAULT_DRAFT_LINK_TTL_SECONDS = 3 * 24 * 3600;

export interface DraftRef {
  readonly reportId: string;
  readonly version: number;
}

export type TokenCheck =
  | { readonly ok: true; readonly ref: DraftRef; readonly expiresAt: Date }
  | { readonly ok: false; readonly reason: 'malformed' | 'bad_signature' }
  | { readonly ok: false; readonly reason: 'expired'; readonly ref: DraftRef };

/**
 * The link-signing key derived from the bot's EncodingAESKey (HKDF-SHA256), so a deployment needs
 * no second secret; a separate key can be passed to {@link DraftLinkSigner} instead.
 */
export function draftLinkSecret(encodingAesKey: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', encodingAesKey, 'wecom-report-bot', 'draft download links v1', 32),
  );
}

/** Signs and checks draft tokens. Holds the key; never exposes it. */
export class DraftLinkSigner {
  readonly #sealer: TokenSealer;

  constructor(secret: Uint8Array | string) {
    this.#sealer = new TokenSealer(secret, 'DraftLinkSigner');
  }

  /** A token for one draft until `expiresAt` (whole seconds). */
  sign(ref: DraftRef, expiresAt: Date): string {
    return this.#sealer.seal([ref.reportId, ref.version], expiresAt);
  }

  check(token: string, now: Date): TokenCheck {
    const opened = this.#sealer.open(token);
    if (!opened.ok) return opened;
    const [reportId, version] = opened.fields;
    if (opened.fields.length !== 2 || typeof reportId !== 'string' || reportId.length === 0) {
      return { ok: false, reason: 'malformed' };
    }
    if (!Number.isSafeInteger(version) || (version as number) < 1) {
      return { ok: false, reason: 'malformed' };
    }
    const ref = { reportId, version: version as number };
    if (now.getTime() >= opened.exp * 1000) return { ok: false, reason: 'expired', ref };
    return { ok: true, ref, expiresAt: new Date(opened.exp * 1000) };
  }
}

/** `https://bot.example.cn/drafts/<token>.docx`, valid for `ttlSeconds` from `now`. */
export function draftLink(
  publicBaseUrl: string,
  reportId: string,
  version: number,
  ttlSeconds: number,
  signer: DraftLinkSigner,
  now: Date = new Date(),
): string {
  const token = signer.sign({ reportId, version }, new Date(now.getTime() + ttlSeconds * 1000));
  return `${publicBaseUrl.replace(/\/+$/, '')}/drafts/${token}.docx`;
}

/** `青石镇…的报告（草稿第3版）.docx`, without characters file systems refuse. */
export function draftFileName(draft: Pick<StoredDraft, 'title' | 'version'>): string {
  const title =
    Array.from(draft.title)
      .filter((c) => c.charCodeAt(0) >= 0x20 && !'\\/:*?"<>|'.includes(c))
      .join('')
      .trim() || draftTexts.fallbackTitle;
  return draftTexts.fileName(title, draft.version);
}
