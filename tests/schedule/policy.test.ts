import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/schedule/calendar.js';
import { loadHolidayOverrides } from '../../src/schedule/holiday-overrides-file.js';
import {
  planReminders,
  resolvePolicy,
  standing,
  type ReminderPlan,
} from '../../src/schedule/policy.js';

const calendar = new WorkCalendar();

const brief = (plan: ReminderPlan, n = plan.length) =>
  plan.slice(0, n).map((r) => `${r.date} ${r.kind} ${r.daysLeft}`);

describe('planReminders around the 2026 Spring Festival (15–23 Feb off)', () => {
  const plan = planReminders({ deadline: '2026-02-26', from: '2026-02-01', calendar });

  it('counts working days across the holiday, including the make-up Saturdays', () => {
    expect(brief(plan, 7)).toEqual([
      '2026-02-10 before 7',
      '2026-02-14 before 3', // Saturday, worked in lieu: 14 → 24 → 25 → 26
      '2026-02-25 before 1',
      '2026-02-26 due 0',
      '2026-02-27 overdue -1',
      '2026-02-28 overdue -2', // the other make-up Saturday
      '2026-03-02 overdue -3',
    ]);
  });

  it('sends at 09:30 Asia/Shanghai, which is 01:30Z', () => {
    expect(plan[0]!.at.toISOString()).toBe('2026-02-10T01:30:00.000Z');
    expect(plan.every((r) => r.at.toISOString().endsWith('T01:30:00.000Z'))).toBe(true);
  });

  it('never plans on a day off', () => {
    expect(plan.every((r) => calendar.isWorkingDay(r.date))).toBe(true);
  });

  it('stops overdue reminders after 30 working days and says so', () => {
    const overdue = plan.filter((r) => r.kind === 'overdue');
    expect(overdue).toHaveLength(30);
    expect(overdue.at(-1)!.daysLeft).toBe(-30);
    expect(plan.notes).toContain('逾期后每个工作日提醒一次，最多到截止后第30个工作日。');
    expect(plan.notes.some((n) => n.includes('推算'))).toBe(false);
  });

  it('moves the due reminder before a deadline that falls in the holiday', () => {
    const p = planReminders({ deadline: '2026-02-18', from: '2026-02-01', calendar });
    expect(p.dueDate).toBe('2026-02-14');
    expect(brief(p, 5)).toEqual([
      '2026-02-05 before 7',
      '2026-02-11 before 3',
      '2026-02-13 before 1',
      '2026-02-14 due 0',
      // Overdue counts from the deadline itself: the first working day after 18 Feb.
      '2026-02-24 overdue -1',
    ]);
    expect(p.notes[0]).toBe(
      '截止日2月18日（春节）不是工作日，“今日截止”提醒提前到此前最后一个工作日2月14日（星期六）。',
    );
  });
});

describe('planReminders around National Day 2026 (1–7 Oct off, 20 Sep and 10 Oct worked)', () => {
  it('plans a deadline just after the holiday', () => {
    const plan = planReminders({ deadline: '2026-10-09', from: '2026-09-01', calendar });
    expect(brief(plan, 6)).toEqual([
      '2026-09-22 before 7',
      '2026-09-29 before 3',
      '2026-10-08 before 1',
      '2026-10-09 due 0',
      '2026-10-10 overdue -1',
      '2026-10-12 overdue -2',
    ]);
  });

  it('plans a deadline inside the holiday, counting the make-up Sunday 20 Sep', () => {
    const plan = planReminders({ deadline: '2026-10-04', from: '2026-09-01', calendar });
    expect(plan.dueDate).toBe('2026-09-30');
    expect(brief(plan, 5)).toEqual([
      '2026-09-20 before 7',
      '2026-09-24 before 3', // 25–27 Sep are 中秋
      '2026-09-29 before 1',
      '2026-09-30 due 0',
      '2026-10-08 overdue -1',
    ]);
  });
});

describe('planReminders in a year the holiday package does not know', () => {
  const plan = planReminders({ deadline: '2027-01-08', from: '2026-12-20', calendar });

  it('uses the estimate: 1 Jan 2027 is off although the raw package calls it a workday', () => {
    expect(brief(plan, 5)).toEqual([
      '2026-12-29 before 7', // 7 Jan … 4 Jan, skip 1 Jan, 31, 30, 29 Dec
      '2027-01-05 before 3',
      '2027-01-07 before 1',
      '2027-01-08 due 0',
      '2027-01-11 overdue -1',
    ]);
    expect(plan.some((r) => r.date === '2027-01-01')).toBe(false);
  });

  it('carries the note that the year is estimated', () => {
    expect(plan.notes).toContain(
      '2027年放假安排尚未公布，按周末和法定节日推算；管理员可在 config/holidays.yaml 中增删日期。',
    );
  });

  it('skips the estimated 春节 span while overdue', () => {
    expect(plan.some((r) => r.date >= '2027-02-05' && r.date <= '2027-02-12')).toBe(false);
    expect(plan.find((r) => r.date > '2027-02-04')!.date).toBe('2027-02-15');
  });
});

describe('planReminders with an overrides file', () => {
  it('follows days added and removed by the administrator', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'plan-overrides-'));
    writeFileSync(
      path.join(dir, 'holidays.yaml'),
      [
        'daysOff:',
        '  - { date: 2027-01-07, note: 本地休假 }',
        'workingDays:',
        '  - { date: 2027-01-02, note: 元旦调休上班 }',
      ].join('\n'),
    );
    const adjusted = new WorkCalendar(await loadHolidayOverrides('holidays.yaml', dir));
    const plan = planReminders({ deadline: '2027-01-08', from: '2026-12-20', calendar: adjusted });
    expect(brief(plan, 4)).toEqual([
      '2026-12-29 before 7', // 6, 5, 4, 2 (Saturday worked), 31, 30, 29 Dec
      '2027-01-04 before 3', // was 5 Jan
      '2027-01-06 before 1', // was 7 Jan, now a day off
      '2027-01-08 due 0',
    ]);
  });
});

describe('planReminders options', () => {
  it('lists only reminders on or after `from`', () => {
    const plan = planReminders({ deadline: '2026-02-26', from: '2026-02-25', calendar });
    expect(brief(plan, 2)).toEqual(['2026-02-25 before 1', '2026-02-26 due 0']);
  });

  it('plans nothing once the overdue horizon has passed, and says so', () => {
    const plan = planReminders({ deadline: '2026-02-26', from: '2026-06-01', calendar });
    expect(plan).toHaveLength(0);
    expect(plan.notes).toContain('从所给日期起没有需要发送的提醒。');
  });

  it('takes a per-report policy: other days, another hour, no overdue reminders', () => {
    const plan = planReminders({
      deadline: '2026-02-26',
      from: '2026-02-01',
      calendar,
      policy: { beforeDays: [1, 5], overdueEvery: 0, time: '15:00' },
    });
    expect(brief(plan)).toEqual(['2026-02-12 before 5', '2026-02-25 before 1', '2026-02-26 due 0']);
    expect(plan[0]!.at.toISOString()).toBe('2026-02-12T07:00:00.000Z');
  });

  it('refuses invalid policies and dates', () => {
    expect(() => resolvePolicy({ time: '9:30' })).toThrow();
    expect(() => resolvePolicy({ beforeDays: [0] })).toThrow();
    expect(() => planReminders({ deadline: '2026-02-30', from: '2026-02-01', calendar })).toThrow(
      RangeError,
    );
  });
});

describe('standing', () => {
  it('says where any working day stands against the deadline, as a late reminder would', () => {
    expect(standing('2026-02-24', '2026-02-26', calendar)).toEqual({ kind: 'before', daysLeft: 2 });
    expect(standing('2026-02-14', '2026-02-18', calendar)).toEqual({ kind: 'due', daysLeft: 0 });
    expect(standing('2026-02-25', '2026-02-18', calendar)).toEqual({
      kind: 'overdue',
      daysLeft: -2,
    });
    expect(standing('2026-02-16', '2026-02-26', calendar)).toBeUndefined();
  });
});
