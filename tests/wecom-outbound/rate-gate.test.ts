import { describe, expect, it } from 'vitest';
import { LocalRateGate, RedisRateGate } from '../../src/wecom/outbound/index.js';
import { useStores } from '../support/stores.js';
import { VirtualClock } from '../support/wecom-standin.js';

const stores = useStores('wecom-rate-gate');

describe('RedisRateGate', () => {
  it('allows `limit` slots per sliding window and says when the next one frees up', async () => {
    const clock = new VirtualClock();
    const gate = new RedisRateGate(stores.redis, {
      window: { limit: 3, windowMs: 10_000 },
      now: clock.now,
    });
    for (let i = 0; i < 3; i++) {
      expect(await gate.tryAcquire('bucket-a')).toEqual({ acquired: true });
      clock.advance(1_000);
    }
    // Slots at 0, 1000, 2000; now 3000: the first frees at 10000.
    expect(await gate.tryAcquire('bucket-a')).toEqual({ acquired: false, retryAfterMs: 7_000 });
    expect(await gate.tryAcquire('bucket-b')).toEqual({ acquired: true });
    clock.advance(7_000);
    expect(await gate.tryAcquire('bucket-a')).toEqual({ acquired: true });
    expect(await gate.tryAcquire('bucket-a')).toMatchObject({ acquired: false });
  });

  it('never grants more than the limit to concurrent callers', async () => {
    const gate = new RedisRateGate(stores.redis, { window: { limit: 5, windowMs: 60_000 } });
    const decisions = await Promise.all(
      Array.from({ length: 12 }, () => gate.tryAcquire('bucket-concurrent')),
    );
    expect(decisions.filter((d) => d.acquired)).toHaveLength(5);
    for (const d of decisions.filter((d) => !d.acquired)) {
      expect((d as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
      expect((d as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(60_000);
    }
  });
});

describe('LocalRateGate', () => {
  it('applies the same sliding window in one process', async () => {
    const clock = new VirtualClock();
    const gate = new LocalRateGate({ limit: 2, windowMs: 5_000 }, clock.now);
    expect(await gate.tryAcquire('k')).toEqual({ acquired: true });
    clock.advance(2_000);
    expect(await gate.tryAcquire('k')).toEqual({ acquired: true });
    expect(await gate.tryAcquire('k')).toEqual({ acquired: false, retryAfterMs: 3_000 });
    clock.advance(3_000);
    expect(await gate.tryAcquire('k')).toEqual({ acquired: true });
  });
});
