import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import { isStoreUnavailable } from '../../store/unavailable.js';

/**
 * The responder's waiting, in one place: a store write retried through an outage, a value
 * polled until it is ready, a promise given a deadline. All on node:timers/promises.
 */

/** Exponential backoff: `firstMs`, doubling, at most `maxMs`. */
export function backoff(attempt: number, firstMs: number, maxMs: number): number {
  return Math.min(firstMs * 2 ** attempt, maxMs);
}

/**
 * A store write that must land: retried (p-retry: 100 ms, doubling to 2 s) while the store is
 * down, for up to `retryMs` on `now`'s clock; any other error, or the outage outlasting the
 * budget, is thrown as it came.
 */
export async function storeRetry<T>(
  write: () => Promise<T>,
  retryMs: number,
  now: () => number,
): Promise<T> {
  const giveUpAt = now() + retryMs;
  return pRetry(write, {
    retries: Number.POSITIVE_INFINITY,
    factor: 2,
    minTimeout: 100,
    maxTimeout: 2_000,
    randomize: false,
    shouldRetry: ({ error }) => isStoreUnavailable(error) && now() <= giveUpAt,
  });
}

/**
 * Reads `read()` again (10 ms, doubling to 200 ms) until `ready` holds, the value is gone, or
 * `untilMs` (on `now`'s clock) has passed; the last value read.
 */
export async function pollUntil<T>(
  first: T | undefined,
  read: () => Promise<T | undefined>,
  ready: (value: T) => boolean,
  untilMs: number,
  now: () => number,
): Promise<T | undefined> {
  let value = first;
  for (let attempt = 0; value !== undefined && !ready(value) && now() < untilMs; attempt++) {
    await sleep(backoff(attempt, 10, 200));
    value = await read();
  }
  return value;
}

/** `work`'s value if it settles within `ms`, else `'timeout'` (the work goes on). */
export async function within<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  const cancel = new AbortController();
  const timeout = sleep(ms, 'timeout' as const, { signal: cancel.signal }).catch(
    () => 'timeout' as const,
  );
  try {
    return await Promise.race([work, timeout]);
  } finally {
    cancel.abort();
  }
}
