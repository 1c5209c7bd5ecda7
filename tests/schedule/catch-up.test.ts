import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/schedule/calendar.js';
import { decide, recordKey } from '../../src/schedule/catch-up.js';
import { planReminders } from '../../src/schedule/policy.js';

const calendar = new WorkCalendar();
const plan = planReminders({ deadline: '2026-02-26', from: '2026-02-01', calendar });
const window = { from: '09:30', until: '18:00' };
const at = (s: string) => new Date(`${s}+08:00`);
const keys = (rs: readonly { date: string; kind: string }[]) => rs.map(recordKey);

describe('decide', () => {
  it('sends the reminder whose time has just come and wakes for the next', () => {
    const d = decide({
      plan,
      recorded: new Set(),
      now: at('2026-02-10T09:30:00'),
      calendar,
      window,
    });
    expect(d.send).toMatchObject({ date: '2026-02-10', kind: 'before' });
    expect(d.stale).toEqual([]);
    expect(d.wake).toMatchObject({ date: '2026-02-14', kind: 'before' });
  });

  it('does nothing but wait when the due reminders are recorded', () => {
    const recorded = new Set(['2026-02-10|before']);
    const d = decide({ plan, recorded, now: at('2026-02-11T10:00:00'), calendar, window });
    expect(d.send).toBeUndefined();
    expect(d.wake).toMatchObject({ date: '2026-02-14' });
  });

  it('after downtime sends only the latest missed reminder; the older are stale', () => {
    const d = decide({
      plan,
      recorded: new Set(),
      now: at('2026-02-25T11:00:00'),
      calendar,
      window,
    });
    expect(keys(d.stale)).toEqual(['2026-02-10|before', '2026-02-14|before']);
    expect(d.send).toMatchObject({ date: '2026-02-25' });
  });

  it('holds a missed reminder outside the window until the next working morning', () => {
    // Sunday 15 Feb is in the Spring Festival holiday: the next window opens on Tuesday 24 Feb,
    // but the plan's own 25 Feb reminder is later, so the catch-up goes out on the 24th.
    const d = decide({
      plan,
      recorded: new Set(),
      now: at('2026-02-15T10:00:00'),
      calendar,
      window,
    });
    expect(d.send).toBeUndefined();
    expect(keys(d.stale)).toEqual(['2026-02-10|before']);
    expect(d.wake).toEqual({ at: at('2026-02-24T09:30:00'), date: '2026-02-24', kind: 'catchup' });
  });

  it('drops a held reminder when a planned one comes first', () => {
    // Back on 24 Feb at 19:00: the next window (25 Feb 09:30) brings its own reminder.
    const recorded = new Set(['2026-02-10|before']);
    const d = decide({ plan, recorded, now: at('2026-02-24T19:00:00'), calendar, window });
    expect(keys(d.stale)).toEqual(['2026-02-14|before']);
    expect(d.send).toBeUndefined();
    expect(d.wake).toMatchObject({ date: '2026-02-25', kind: 'before' });
  });

  it('wakes early in the morning for a reminder missed the day before', () => {
    const d = decide({
      plan,
      recorded: new Set(),
      now: at('2026-02-11T07:00:00'),
      calendar,
      window,
    });
    expect(d.wake).toEqual({ at: at('2026-02-11T09:30:00'), date: '2026-02-11', kind: 'catchup' });
  });

  it('has nothing to wake for after the last planned reminder', () => {
    const recorded = new Set(plan.map(recordKey));
    const d = decide({ plan, recorded, now: at('2026-06-01T10:00:00'), calendar, window });
    expect(d).toEqual({ stale: [] });
  });
});
