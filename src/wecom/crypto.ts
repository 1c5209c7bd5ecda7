import { timingSafeEqual } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';

/**
 * WeCom's callback crypto (加解密方案, shared by URL verification, callbacks and passive replies):
 * SHA-1 signature over the sorted (token, timestamp, nonce, ciphertext) and AES-256-CBC over
 * `random(16) | msg_len(4, BE) | msg | receiveId`, PKCS#7-padded to 32 bytes.
 *
 * `@wecom/crypto` does the cipher work. It is lenient on input (it ignores bad padding and trusts
 * the length field), so `open` checks the shape before and after: canonical base64, whole 32-byte
 * blocks, and a plaintext that re-encrypts to exactly the same ciphertext (which proves the
 * padding, the length field and the UTF-8 are all well formed).
 */

/** Why a ciphertext was refused. All of them mean "answer 400, do nothing". */
export type CryptoFailure = 'bad_base64' | 'bad_ciphertext' | 'bad_padding' | 'wrong_receive_id';

export class WeComCryptoError extends Error {
  constructor(
    readonly reason: CryptoFailure,
    message: string,
  ) {
    super(message);
    this.name = 'WeComCryptoError';
  }
}

export interface CryptoCredentials {
  readonly token: string;
  /** 43 characters from the admin console; base64 of the 32-byte AES key without its `=`. */
  readonly encodingAesKey: string;
  /** The trailer inside every plaintext: `""` for the AI bot, the CorpID for a self-built app. */
  readonly receiveId: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BLOCK = 32;
const SIGNATURE_LENGTH = 40;

export class WeComCrypto {
  readonly receiveId: string;
  readonly #token: string;
  readonly #key: string;

  constructor(credentials: CryptoCredentials) {
    if (!/^[A-Za-z0-9+/]{43}$/.test(credentials.encodingAesKey)) {
      // The key itself must never appear in the message.
      throw new TypeError('encodingAesKey must be 43 base64 characters');
    }
    this.#token = credentials.token;
    this.#key = credentials.encodingAesKey;
    this.receiveId = credentials.receiveId;
  }

  /** `msg_signature` / `msgsignature`: lowercase hex SHA-1 of the four strings, sorted. */
  sign(timestamp: string | number, nonce: string, ciphertext: string): string {
    return getSignature(this.#token, String(timestamp), nonce, ciphertext);
  }

  /** Compares in constant time, so response timing says nothing about a forged signature. */
  verify(
    signature: string | undefined,
    timestamp: string | number,
    nonce: string,
    ciphertext: string,
  ): boolean {
    if (typeof signature !== 'string' || signature.length !== SIGNATURE_LENGTH) return false;
    const expected = Buffer.from(this.sign(timestamp, nonce, ciphertext), 'latin1');
    const given = Buffer.from(signature, 'latin1');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Encrypts `plaintext` for `receiveId` (by default this side's own). */
  seal(plaintext: string, receiveId: string = this.receiveId, random?: Buffer): string {
    return encrypt(this.#key, plaintext, receiveId, random);
  }

  /**
   * Decrypts and checks the shape and the receiveId; throws {@link WeComCryptoError}.
   * Call only after {@link verify} has accepted the ciphertext.
   */
  open(ciphertext: string, receiveId: string = this.receiveId): string {
    if (ciphertext.length === 0 || ciphertext.length % 4 !== 0 || !BASE64.test(ciphertext)) {
      throw new WeComCryptoError('bad_base64', 'ciphertext is not base64');
    }
    const bytes = (ciphertext.length / 4) * 3 - (ciphertext.match(/=+$/)?.[0].length ?? 0);
    if (bytes < BLOCK || bytes % BLOCK !== 0) {
      throw new WeComCryptoError('bad_ciphertext', 'ciphertext is not whole 32-byte blocks');
    }
    let opened: { message: string; id: string; random: Buffer };
    try {
      opened = decrypt(this.#key, ciphertext);
    } catch {
      throw new WeComCryptoError('bad_ciphertext', 'ciphertext does not decrypt');
    }
    if (encrypt(this.#key, opened.message, opened.id, opened.random) !== ciphertext) {
      throw new WeComCryptoError('bad_padding', 'plaintext padding or length is malformed');
    }
    if (opened.id !== receiveId) {
      throw new WeComCryptoError('wrong_receive_id', 'plaintext is for another receiver');
    }
    return opened.message;
  }
}
