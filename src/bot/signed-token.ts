/**
 * The one way we sign a link token: `<payload>.<mac>`, where the payload is a base64url JSON array
 * of the fields the link names plus its expiry (whole seconds), and the mac an HMAC-SHA256 over
 * the payload. Draft links and dashboard links each wrap it with their own fields and their own
 * key, so neither kind of token opens the other. Tokens and keys are never logged.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type OpenedToken =
  | { readonly ok: true; readonly fields: readonly unknown[]; readonly exp: number }
  | { readonly ok: false; readonly reason: 'malformed' | 'bad_signature' };

export class TokenSealer {
  readonly #key: Buffer;

  constructor(secret: Uint8Array | string, owner: string) {
    const key = Buffer.from(secret);
    if (key.byteLength < 16) throw new RangeError(`${owner}: secret shorter than 16 bytes`);
    this.#key = key;
  }

  /** A token naming `fields` until `expiresAt` (whole seconds). */
  seal(fields: readonly unknown[], expiresAt: Date): string {
    const exp = Math.floor(expiresAt.getTime() / 1000);
    const payload = Buffer.from(JSON.stringify([...fields, exp])).toString('base64url');
    return `${payload}.${this.#mac(payload)}`;
  }

  /** The fields (without the expiry) of a token this key sealed; expiry is the caller's to judge. */
  open(token: string): OpenedToken {
    const m = /^([A-Za-z0-9_-]{1,512})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m) return { ok: false, reason: 'malformed' };
    const [, payload, mac] = m as unknown as [string, string, string];
    const expected = Buffer.from(this.#mac(payload), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (given.byteLength !== expected.byteLength || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'bad_signature' };
    }
    try {
      const v: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      if (!Array.isArray(v) || v.length < 1) return { ok: false, reason: 'malformed' };
      const exp: unknown = v[v.length - 1];
      if (!Number.isSafeInteger(exp)) return { ok: false, reason: 'malformed' };
      return { ok: true, fields: v.slice(0, -1), exp: exp as number };
    } catch {
      return { ok: false, reason: 'malformed' };
    }
  }

  #mac(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url');
  }
}
