/** The answer of a rate gate: a slot was taken, or how long until one frees up. */
export type GateDecision =
  { readonly acquired: true } | { readonly acquired: false; readonly retryAfterMs: number };

/**
 * A sliding-window limit per bucket (a webhook key's hash): at most `limit` slots taken in any
 * `windowMs`. Taking a slot is atomic; implementations shared by several bot instances (Redis)
 * keep them all under one limit together.
 */
export interface RateGate {
  tryAcquire(bucket: string): Promise<GateDecision>;
}

export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * WeCom allows 20 messages per minute per webhook. The window is a little longer than a minute
 * because our clock starts when the slot is taken and WeCom's when the request arrives; network
 * jitter between the two must not push a 21st message into WeCom's minute.
 */
export const WEBHOOK_RATE: RateWindow = Object.freeze({ limit: 20, windowMs: 61_000 });

/**
 * In-process sliding window: right for a single bot instance and for tools; use RedisRateGate as
 * soon as two processes may push to the same group.
 */
export class LocalRateGate implements RateGate {
  readonly #taken = new Map<string, number[]>();
  readonly #window: RateWindow;
  readonly #now: () => number;

  constructor(window: RateWindow = WEBHOOK_RATE, now: () => number = Date.now) {
    this.#window = window;
    this.#now = now;
  }

  async tryAcquire(bucket: string): Promise<GateDecision> {
    const now = this.#now();
    const times = (this.#taken.get(bucket) ?? []).filter((t) => t > now - this.#window.windowMs);
    if (times.length < this.#window.limit) {
      times.push(now);
      this.#taken.set(bucket, times);
      return { acquired: true };
    }
    this.#taken.set(bucket, times);
    return { acquired: false, retryAfterMs: Math.max(1, times[0]! + this.#window.windowMs - now) };
  }
}
