import { beforeAll, describe, expect, it } from 'vitest';
import { SentReminderRepository } from '../../src/store/sent-reminders.js';
import { useStores } from '../support/stores.js';

const stores = useStores('sent-reminders');
let records: SentReminderRepository;
const at = new Date('2026-02-10T01:30:00Z');

beforeAll(async () => {
  records = new SentReminderRepository(stores.mongo);
  await records.init();
});

describe('SentReminderRepository on the real store', () => {
  it('lets exactly one of many simultaneous claimants have a reminder', async () => {
    const key = { reportId: 'r1', date: '2026-02-10', kind: 'before' as const };
    const wins = await Promise.all(
      Array.from({ length: 8 }, (_, i) => records.claim(key, `instance-${i}`, at, at)),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
    const winner = `instance-${wins.indexOf(true)}`;
    expect(await records.get(key)).toMatchObject({ status: 'claimed', by: winner, plannedAt: at });

    await records.markSent(key, winner, at, ['zhangsan']);
    expect(await records.get(key)).toMatchObject({ status: 'sent', mentioned: ['zhangsan'] });
    // Recorded for good: neither a claim nor a skip takes it again.
    expect(await records.claim(key, 'late', at)).toBe(false);
    expect(await records.skip(key, 'late', at, 'stale')).toBe(false);
  });

  it('releases a claim only for its claimant, so a retry can take it', async () => {
    const key = { reportId: 'r2', date: '2026-02-14', kind: 'before' as const };
    expect(await records.claim(key, 'a', at)).toBe(true);
    await records.release(key, 'b');
    expect(await records.get(key)).toMatchObject({ by: 'a' });
    await records.release(key, 'a');
    expect(await records.get(key)).toBeUndefined();
    expect(await records.claim(key, 'b', at)).toBe(true);
  });

  it('keeps a failed send recorded, so it is not sent again', async () => {
    const key = { reportId: 'r3', date: '2026-02-26', kind: 'due' as const };
    await records.claim(key, 'a', at);
    await records.markFailed(key, 'a', 'uncertain: timeout');
    expect(await records.get(key)).toMatchObject({
      status: 'failed',
      reason: 'uncertain: timeout',
    });
    expect(await records.claim(key, 'b', at)).toBe(false);
  });

  it('lists a report’s records from a date on, oldest first', async () => {
    await records.skip({ reportId: 'r4', date: '2026-02-25', kind: 'before' }, 'a', at, 'stale');
    await records.skip({ reportId: 'r4', date: '2026-02-10', kind: 'before' }, 'a', at, 'paused');
    await records.claim({ reportId: 'r4', date: '2026-02-26', kind: 'due' }, 'a', at);
    const list = await records.ofReport('r4', '2026-02-11');
    expect(list.map((r) => `${r.date} ${r.kind} ${r.status} ${r.reason ?? ''}`.trim())).toEqual([
      '2026-02-25 before skipped stale',
      '2026-02-26 due claimed',
    ]);
  });
});
