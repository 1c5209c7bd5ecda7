import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDataKey, type Config } from '../config.js';

const PREFIX = 'enc:v1:';

/** A stored secret that could not be decrypted (another DATA_KEY, or tampered with). */
export class SecretUnreadableError extends Error {
  constructor() {
    super('stored secret cannot be decrypted with this DATA_KEY');
    this.name = 'SecretUnreadableError';
  }
}

/**
 * Encrypts the secrets we store (group webhook keys) with AES-256-GCM under DATA_KEY, so a copy
 * of the database files (a backup, the SQLite WAL) does not give them away. A sealed value reads
 * `enc:v1:<iv>:<tag>:<ciphertext>` (base64url); a value without the prefix is a plaintext one
 * stored by an earlier version, still readable and re-sealed by its repository.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new RangeError('SecretBox: the key must be 32 bytes');
    this.#key = Buffer.from(key);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return `${PREFIX}${[iv, tag, ct].map((b) => b.toString('base64url')).join(':')}`;
  }

  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  /** The plaintext of a sealed value; a legacy plaintext value as it is. */
  open(value: string): string {
    if (!SecretBox.isSealed(value)) return value;
    const parts = value.slice(PREFIX.length).split(':');
    if (parts.length !== 3) throw new SecretUnreadableError();
    const [iv, tag, ct] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretUnreadableError();
    }
  }
}

export function devDataKeyPath(dataDir: string): string {
  return path.resolve(dataDir, 'dev-data-key');
}

/**
 * DATA_KEY from the environment (required in production, checked by the config); otherwise a
 * development key generated once in DATA_DIR (0600), like the development bot credentials.
 */
export function resolveDataKey(config: Pick<Config, 'dataKey' | 'dataDir'>): {
  key: Buffer;
  development: boolean;
} {
  if (config.dataKey) return { key: parseDataKey(config.dataKey)!, development: false };
  const file = devDataKeyPath(config.dataDir);
  if (existsSync(file)) {
    const saved = parseDataKey(readFileSync(file, 'utf8'));
    if (saved) return { key: saved, development: true };
    throw new Error(`${file} does not hold a 32-byte key; remove it or set DATA_KEY`);
  }
  const fresh = randomBytes(32);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, fresh.toString('base64'), { mode: 0o600 });
  chmodSync(file, 0o600);
  return { key: fresh, development: true };
}
