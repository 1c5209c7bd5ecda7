/** Dates written in chat messages, read as `YYYY-MM-DD` in Asia/Shanghai. */

import { formatChineseDate, isIsoDate, shanghaiDate } from '../report/dates.js';

// The calendar helpers chat needs besides findDate, so chat modules import dates from one place.
export { daysBetween, formatChineseDate, shanghaiDate } from '../report/dates.js';

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface FoundDate {
  readonly date: string;
  /** Where the date was written, so callers can cut it out of the surrounding words. */
  readonly index: number;
  readonly length: number;
}

const FULL =
  /(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)/;
const MONTH_DAY = /(?<![\d年])(\d{1,2})\s*(?:月\s*(\d{1,2})\s*[日号]?|[-/.](\d{1,2})(?![\d.]))/;

/**
 * The first date in the text: `2027-02-26`, `2027/2/26`, `2027年2月26日`, or without a year
 * (`2月26日`, `2-26`), which means the next such date after today.
 * Returns null when there is none, or the date does not exist (2月30日).
 */
export function findDate(text: string, now: Date): FoundDate | null {
  const full = FULL.exec(text);
  if (full) {
    const y = Number(full[1]);
    const m = Number(full[2] ?? full[4]);
    const d = Number(full[3] ?? full[5]);
    if (!isIsoDate(iso(y, m, d))) return null;
    return { date: iso(y, m, d), index: full.index, length: full[0].length };
  }
  const md = MONTH_DAY.exec(text);
  if (!md) return null;
  const m = Number(md[1]);
  const d = Number(md[2] ?? md[3]);
  const today = shanghaiDate(now);
  const thisYear = Number(today.slice(0, 4));
  for (const y of [thisYear, thisYear + 1, thisYear + 2, thisYear + 3, thisYear + 4]) {
    // 2月29日 exists only in leap years: the next one may be years away.
    if (isIsoDate(iso(y, m, d)) && iso(y, m, d) > today) {
      return { date: iso(y, m, d), index: md.index, length: md[0].length };
    }
  }
  return null;
}

/** `2027-02-26` → `2027年2月26日`: chat always says the year with a date. */
export function formatDateZh(date: string): string {
  return formatChineseDate(date, true);
}
