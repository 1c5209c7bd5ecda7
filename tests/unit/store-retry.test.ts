import { describe, expect, it } from 'vitest';
import { storeRetry } from '../../src/bot/responder/waits.js';
import { StoreUnavailableError } from '../../src/store/unavailable.js';

const down = () =>
  new StoreUnavailableError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }));

describe('storeRetry', () => {
  it('writes again while the store is down, and returns what the write returned once it is back', async () => {
    let calls = 0;
    const value = await storeRetry(
      async () => {
        calls++;
        if (calls < 3) throw down();
        return 'landed';
      },
      10_000,
      Date.now,
    );
    expect(value).toBe('landed');
    expect(calls).toBe(3);
  });

  it('throws any other failure at once, as it came', async () => {
    let calls = 0;
    const bug = new RangeError('not a store outage');
    await expect(
      storeRetry(
        async () => {
          calls++;
          throw bug;
        },
        10_000,
        Date.now,
      ),
    ).rejects.toBe(bug);
    expect(calls).toBe(1);
  });

  it('gives up with the outage once the budget on its clock is spent', async () => {
    let clock = 0;
    let calls = 0;
    const outage = down();
    await expect(
      storeRetry(
        async () => {
          calls++;
          clock += 1_000;
          throw outage;
        },
        2_500,
        () => clock,
      ),
    ).rejects.toBe(outage);
    // 1 s of the clock per try: tries at 1, 2 and 3 s; the third is past the 2.5 s budget.
    expect(calls).toBe(3);
  });
});
