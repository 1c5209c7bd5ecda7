/**
 * Draft download links: `<base>/drafts/<token>.docx`. The token names (reportId, version,
 * expiry) and carries an HMAC-SHA256 over them, so a link cannot be forged, widened to another
 * draft, or stretched past its expiry. The draft handler makes links; the drafts route
 * (src/http/drafts-route.ts) checks them. Tokens and the secret are never logged: a token in a
 * log would be a working link to a government draft.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { StoredDraft } from '../store/drafts.js';

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

const b64url = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');

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
  readonly #key: Buffer;

  constructor(secret: Uint8Array | string) {
    const key = Buffer.from(secret);
    if (key.byteLength < 16) throw new RangeError('DraftLinkSigner: secret shorter than 16 bytes');
    this.#key = key;
  }

  /** A token for one draft until `expiresAt` (whole seconds). */
  sign(ref: DraftRef, expiresAt: Date): string {
    const exp = Math.floor(expiresAt.getTime() / 1000);
    const payload = b64url(JSON.stringify([ref.reportId, ref.version, exp]));
    return `${payload}.${this.#mac(payload)}`;
  }

  check(token: string, now: Date): TokenCheck {
    const m = /^([A-Za-z0-9_-]{1,512})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m) return { ok: false, reason: 'malformed' };
    const [, payload, mac] = m as unknown as [string, string, string];
    const expected = Buffer.from(this.#mac(payload), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (given.byteLength !== expected.byteLength || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'bad_signature' };
    }
    const fields = parsePayload(payload);
    if (!fields) return { ok: false, reason: 'malformed' };
    const [reportId, version, exp] = fields;
    const ref = { reportId, version };
    if (now.getTime() >= exp * 1000) return { ok: false, reason: 'expired', ref };
    return { ok: true, ref, expiresAt: new Date(exp * 1000) };
  }

  #mac(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url');
  }
}

function parsePayload(payload: string): [string, number, number] | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 3) return undefined;
    const [reportId, version, exp] = v as unknown[];
    if (typeof reportId !== 'string' || reportId.length === 0) return undefined;
    if (!Number.isSafeInteger(version) || (version as number) < 1) return undefined;
    if (!Number.isSafeInteger(exp)) return undefined;
    return [reportId, version as number, exp as number];
  } catch {
    return undefined;
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
      .trim() || '法治政府建设情况报告';
  return `${title}（草稿第${draft.version}版）.docx`;
}
