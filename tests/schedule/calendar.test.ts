import { describe, expect, it } from 'vitest';
import { WorkCalendar, type HolidayData } from '../../src/schedule/calendar.js';
import { parseHolidayOverrides } from '../../src/schedule/holiday-overrides.js';

const calendar = new WorkCalendar();

describe('WorkCalendar on years the holiday package knows', () => {
  it('follows the 2026 Spring Festival notice: 15–23 Feb off, Saturdays 14 and 28 Feb worked', () => {
    expect(calendar.isWorkingDay('2026-02-13')).toBe(true);
    expect(calendar.describe('2026-02-14')).toEqual({
      date: '2026-02-14',
      working: true,
      name: '春节',
      source: 'official',
    });
    for (let d = 15; d <= 23; d++) expect(calendar.isWorkingDay(`2026-02-${d}`)).toBe(false);
    expect(calendar.isWorkingDay('2026-02-24')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-03-01')).toBe(false);
  });

  it('follows National Day 2026: 1–7 Oct off, Sunday 20 Sep and Saturday 10 Oct worked', () => {
    for (let d = 1; d <= 7; d++) expect(calendar.isWorkingDay(`2026-10-0${d}`)).toBe(false);
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false);
    expect(calendar.isEstimated(2026)).toBe(false);
  });

  it('refuses something that is not a date', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
  });
});

describe('WorkCalendar on a year the package does not know yet', () => {
  it('reports 2027 as estimated, unlike the raw package which calls 1 Jan 2027 a workday', () => {
    expect(calendar.isEstimated(2027)).toBe(true);
    expect(calendar.estimatedYears('2026-12-01', '2027-01-31')).toEqual([2027]);
    expect(calendar.describe('2027-01-01')).toEqual({
      date: '2027-01-01',
      working: false,
      name: '元旦',
      source: 'estimated',
    });
  });

  it('estimates 春节 from the lunar calendar (除夕 5 Feb 2027 to 正月初七 12 Feb)', () => {
    expect(calendar.isWorkingDay('2027-02-04')).toBe(true);
    for (const d of ['05', '08', '09', '10', '11', '12']) {
      expect(calendar.describe(`2027-02-${d}`).name).toBe('春节');
      expect(calendar.isWorkingDay(`2027-02-${d}`)).toBe(false);
    }
    expect(calendar.isWorkingDay('2027-02-15')).toBe(true);
  });

  it('estimates the other statutory days: 清明 by solar term, 端午 and 中秋 by lunar date', () => {
    expect(calendar.describe('2027-04-05').name).toBe('清明节');
    expect(calendar.describe('2027-06-09').name).toBe('端午节');
    expect(calendar.describe('2027-09-15').name).toBe('中秋节');
    for (const d of ['05-03', '05-04', '05-05', '10-01', '10-06', '10-07']) {
      expect(calendar.isWorkingDay(`2027-${d}`)).toBe(false);
    }
    expect(calendar.isWorkingDay('2027-10-08')).toBe(true);
    // A one-day holiday on a weekend is observed on Monday: 1 Jan 2028 is a Saturday.
    expect(calendar.describe('2028-01-03')).toMatchObject({ working: false, name: '元旦（补休）' });
  });

  it('treats ordinary weekends as off and weekdays as working', () => {
    expect(calendar.isWorkingDay('2027-03-06')).toBe(false);
    expect(calendar.isWorkingDay('2027-03-08')).toBe(true);
  });
});

describe('WorkCalendar with administrator overrides', () => {
  const overrides = parseHolidayOverrides(
    [
      'daysOff:',
      '  - { date: 2027-02-15, note: 春节延长 }',
      '  - 2026-03-02',
      'workingDays:',
      '  - { date: 2027-02-20, note: 春节调休上班 }',
      'publishedYears: [2027]',
    ].join('\n'),
  );
  const adjusted = new WorkCalendar(overrides);

  it('adds days off and working days on top of both official and estimated years', () => {
    expect(adjusted.describe('2027-02-15')).toEqual({
      date: '2027-02-15',
      working: false,
      name: '春节延长',
      source: 'override',
    });
    expect(adjusted.isWorkingDay('2027-02-20')).toBe(true);
    expect(adjusted.isWorkingDay('2026-03-02')).toBe(false);
    // Untouched days keep their source.
    expect(adjusted.describe('2027-02-05').source).toBe('estimated');
  });

  it('stops calling a year estimated once the administrator declares it published', () => {
    expect(adjusted.isEstimated(2027)).toBe(false);
    expect(adjusted.isEstimated(2028)).toBe(true);
  });
});

describe('WorkCalendar with injected holiday data', () => {
  it('asks the data only about years it knows, and estimates the rest', () => {
    const asked: string[] = [];
    const data: HolidayData = {
      knowsYear: (y) => y === 2030,
      day: (date) => {
        asked.push(date);
        return { working: date !== '2030-01-02' };
      },
    };
    const cal = new WorkCalendar(undefined, data);
    expect(cal.isWorkingDay('2030-01-02')).toBe(false);
    expect(cal.isWorkingDay('2031-01-01')).toBe(false);
    expect(asked).toEqual(['2030-01-02']);
    expect(cal.estimatedYears('2029-12-31', '2031-01-01')).toEqual([2029, 2031]);
  });
});
