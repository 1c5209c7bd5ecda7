/** Why and when a webhook target stopped working. */
export interface BrokenRecord {
  readonly targetId: string;
  readonly errcode: number;
  /** Unix milliseconds. */
  readonly at: number;
}

/**
 * Remembers webhook keys WeCom declared dead (93000/93004/93008), by their hash only, so that
 * every instance stops sending to them until an admin re-sets the target.
 */
export interface BrokenTargets {
  /** Records the key as broken. True when this call recorded it; false when it already was. */
  mark(keyHash: string, record: BrokenRecord): Promise<boolean>;
  get(keyHash: string): Promise<BrokenRecord | undefined>;
  clear(keyHash: string): Promise<void>;
}

/** For a single process and tools; use RedisBrokenTargets when instances share targets. */
export class LocalBrokenTargets implements BrokenTargets {
  readonly #records = new Map<string, BrokenRecord>();

  async mark(keyHash: string, record: BrokenRecord): Promise<boolean> {
    if (this.#records.has(keyHash)) return false;
    this.#records.set(keyHash, record);
    return true;
  }

  async get(keyHash: string): Promise<BrokenRecord | undefined> {
    return this.#records.get(keyHash);
  }

  async clear(keyHash: string): Promise<void> {
    this.#records.delete(keyHash);
  }
}
