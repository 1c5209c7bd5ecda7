import { afterAll, beforeAll } from 'vitest';
import { WeComStandin, type WeComStandinOptions } from '../../src/devtools/wecom-standin.js';

/**
 * The local WeCom stand-in for tests. The server itself lives in src/devtools/ because the
 * terminal simulator runs the same one; this file adds what tests need around it.
 */
export {
  WeComStandin,
  type KeyState,
  type StandinDelivery,
  type StandinEndpoint,
  type StandinRequest,
  type StoredMedia,
  type WeComStandinOptions,
  type WebhookBody,
} from '../../src/devtools/wecom-standin.js';

/** Starts a stand-in for the test file and stops it afterwards. Read `.current` inside tests. */
export function useWeComStandin(options: WeComStandinOptions = {}): { current: WeComStandin } {
  const holder = {} as { current: WeComStandin };
  beforeAll(async () => {
    holder.current = await WeComStandin.start(options);
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}

/**
 * Virtual time for rate limits and backoff: `sleep(ms)` moves the clock forward instead of
 * waiting, so a minute-long rate window runs in milliseconds and tests assert on the recorded
 * times, never on how long something took. Concurrent sleepers share one timeline: the clock
 * moves to the latest wake-up time asked for, never backwards.
 */
export class VirtualClock {
  /** Every delay asked for, in order. */
  readonly sleeps: number[] = [];

  constructor(private current = Date.UTC(2026, 0, 5, 1, 0, 0)) {}

  readonly now = (): number => this.current;

  readonly sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    const wake = this.current + Math.max(0, ms);
    // Let other queued work run first, as a real timer would.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.current = Math.max(this.current, wake);
  };

  advance(ms: number): void {
    this.current += ms;
  }
}

/** The largest number of timestamps that fall inside any window of `windowMs` (open at the left). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
