/**
 * Calendar dates as `YYYY-MM-DD` strings in Asia/Shanghai. China has kept UTC+8 without daylight
 * saving since 1991, so a fixed offset is exact and needs no time-zone database.
 */
export type IsoDate = string;

export const SHANGHAI_OFFSET = '+08:00';
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

/** True for a real calendar date written `YYYY-MM-DD` (so `2027-02-30` is refused). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from one date to another; negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const d = weekday(date);
  return d === 0 || d === 6;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of `HH:MM` Shanghai time on a date. */
export function shanghaiInstant(date: IsoDate, time: string): Date {
  return new Date(`${date}T${time}:00${SHANGHAI_OFFSET}`);
}

/** `2027-02-19T09:30:00+08:00`: the instant written in Shanghai time, as people read it. */
export function formatShanghai(instant: Date): string {
  const local = new Date(instant.getTime() + OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}${SHANGHAI_OFFSET}`;
}

/** `HH:MM` of an instant in Shanghai time. */
export function shanghaiTime(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(11, 16);
}

/** `2月26日`, or `2027年2月26日` with the year (the way Chinese official text writes dates). */
export function formatChineseDate(date: IsoDate, withYear = false): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${withYear ? `${y}年` : ''}${m}月${d}日`;
}

/** `星期五`. */
export function chineseWeekday(date: IsoDate): string {
  return WEEKDAYS[weekday(date)] ?? '';
}
