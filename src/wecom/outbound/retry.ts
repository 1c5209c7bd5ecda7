/** Waits `ms` milliseconds. Injected so tests can run backoff on a virtual clock. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) =>
  new Promise((resolve) => {
    setTimeout(resolve, Math.max(0, ms));
  });

export interface BackoffPolicy {
  /** Retries after the first attempt; 0 means a single attempt. */
  readonly maxRetries: number;
  /** Delay before the first retry; doubled for each further retry. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /**
   * Fraction of each delay that is randomised (0 = fixed delays). Spreads retries of several bot
   * instances that failed at the same moment.
   */
  readonly jitter: number;
}

/** WeCom's advice for errcode -1 is "retry, at most three times". */
export const DEFAULT_RETRY: BackoffPolicy = Object.freeze({
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  jitter: 0.5,
});

/** The webhook limit is per minute, so a 45009 is worth waiting tens of seconds for. */
export const DEFAULT_RATE_LIMIT_RETRY: BackoffPolicy = Object.freeze({
  maxRetries: 3,
  baseDelayMs: 15_000,
  maxDelayMs: 60_000,
  jitter: 0.2,
});

/** Delay before retry number `retry` (1-based). */
export function backoffDelay(
  policy: BackoffPolicy,
  retry: number,
  random: () => number = Math.random,
): number {
  const plain = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const spread = plain * policy.jitter;
  return Math.round(plain - spread + spread * random());
}
