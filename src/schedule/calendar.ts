import chineseDays from 'chinese-days';
import { isIsoDate, isWeekend, yearOf, type IsoDate } from '../report/dates.js';
import { estimatedDaysOff } from './estimated-holidays.js';
import { NO_OVERRIDES, type HolidayOverrides } from './holiday-overrides.js';

/** Where a day's status came from, so a plan can say how sure it is. */
export type DaySource = 'official' | 'estimated' | 'override';

export interface DayInfo {
  readonly date: IsoDate;
  readonly working: boolean;
  /** The holiday or adjusted-day name (`春节`, `国庆节`), absent on ordinary days. */
  readonly name?: string;
  readonly source: DaySource;
}

/** Which years the holiday package has the official schedule for. Injectable for tests. */
export interface HolidayData {
  knowsYear(year: number): boolean;
  /** Only asked for years it knows. */
  day(date: IsoDate): { working: boolean; name?: string };
}

/** The `chinese-days` package: State Council notices, adjusted working weekends included. */
export const chineseDaysData: HolidayData = {
  knowsYear: (year) => {
    // Every published year has statutory days on weekdays; an unknown year has none.
    return chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
  },
  day: (date) => {
    const detail = chineseDays.getDayDetail(date);
    // Holiday and adjusted days are named `Spring Festival,春节,4`; ordinary days `Saturday`.
    const name = detail.name.includes(',') ? detail.name.split(',')[1] : undefined;
    return { working: detail.work, ...(name ? { name } : {}) };
  },
};

/**
 * China's working days: the official schedule where the holiday package has it, an estimate
 * (weekends plus the usual statutory holidays) for later years, and the administrator's overrides
 * on top of both.
 */
export class WorkCalendar {
  readonly #known = new Map<number, boolean>();
  readonly #estimates = new Map<number, Map<IsoDate, string>>();
  readonly #overrides: HolidayOverrides;
  readonly #data: HolidayData;

  constructor(overrides: HolidayOverrides = NO_OVERRIDES, data: HolidayData = chineseDaysData) {
    this.#overrides = overrides;
    this.#data = data;
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.describe(date).working;
  }

  describe(date: IsoDate): DayInfo {
    if (!isIsoDate(date)) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
    const offNote = this.#overrides.daysOff.get(date);
    if (offNote !== undefined) return day(date, false, 'override', offNote);
    const workNote = this.#overrides.workingDays.get(date);
    if (workNote !== undefined) return day(date, true, 'override', workNote);
    const year = yearOf(date);
    if (this.#knowsYear(year)) {
      const official = this.#data.day(date);
      return day(date, official.working, 'official', official.name);
    }
    const holiday = this.#estimate(year).get(date);
    if (holiday) return day(date, false, 'estimated', holiday);
    return day(date, !isWeekend(date), 'estimated');
  }

  /**
   * Whether a year's working days are a guess: the package lacks it and the administrator has not
   * declared it complete (`publishedYears`).
   */
  isEstimated(year: number): boolean {
    return !this.#knowsYear(year) && !this.#overrides.publishedYears.has(year);
  }

  /** The estimated years among those the dates `from`..`to` touch, ascending. */
  estimatedYears(from: IsoDate, to: IsoDate): number[] {
    const years: number[] = [];
    for (let y = yearOf(from); y <= yearOf(to); y++) if (this.isEstimated(y)) years.push(y);
    return years;
  }

  #knowsYear(year: number): boolean {
    let known = this.#known.get(year);
    if (known === undefined) {
      known = this.#data.knowsYear(year);
      this.#known.set(year, known);
    }
    return known;
  }

  #estimate(year: number): Map<IsoDate, string> {
    let days = this.#estimates.get(year);
    if (!days) {
      days = estimatedDaysOff(year);
      this.#estimates.set(year, days);
    }
    return days;
  }
}

function day(date: IsoDate, working: boolean, source: DaySource, name?: string): DayInfo {
  return { date, working, source, ...(name ? { name } : {}) };
}
