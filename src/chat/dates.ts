/** Calendar dates as `YYYY-MM-DD` in Asia/Shanghai (UTC+8 all year, no daylight saving). */

import { shanghaiDate } from '../report/progress.js';

export { daysBetween, shanghaiDate } from '../report/progress.js';

export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

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
    if (!isRealDate(y, m, d)) return null;
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
    if (isRealDate(y, m, d) && iso(y, m, d) > today) {
      return { date: iso(y, m, d), index: md.index, length: md[0].length };
    }
  }
  return null;
}

/** `2027-02-26` → `2027年2月26日`, the way dates are written in Chinese official text. */
export function formatDateZh(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
