import chineseDays from 'chinese-days';
import { addDays, weekday, type IsoDate } from '../report/dates.js';

/**
 * Days off we expect in a year whose official schedule (国务院办公厅放假安排) is not yet in the
 * holiday package: the statutory holidays and the spans they are usually stretched to. The make-up
 * working weekends (调休上班) cannot be guessed, so an estimated year treats every weekend as off.
 *
 * The spans follow recent notices: 春节 除夕–正月初七 (2025: 1/28–2/4), 劳动节 5/1–5/5,
 * 国庆节 10/1–10/7 (to 10/8 when 中秋 falls next to it, as in 2025 and 2023). A one-day holiday that
 * falls on a weekend is observed on the following Monday (2022 元旦 and 中秋, 2023 元旦).
 */
export function estimatedDaysOff(year: number): Map<IsoDate, string> {
  const off = new Map<IsoDate, string>();
  const span = (from: IsoDate, days: number, name: string) => {
    for (let i = 0; i < days; i++) off.set(addDays(from, i), name);
  };
  const oneDay = (date: IsoDate, name: string) => {
    off.set(date, name);
    const wd = weekday(date);
    if (wd === 6) off.set(addDays(date, 2), `${name}（补休）`);
    if (wd === 0) off.set(addDays(date, 1), `${name}（补休）`);
  };
  const y = String(year).padStart(4, '0');

  oneDay(`${y}-01-01`, '元旦');
  const firstOfYear = chineseDays.getSolarDateFromLunar(`${y}-01-01`).date;
  span(addDays(firstOfYear, -1), 8, '春节');
  oneDay(chineseDays.getSolarTermDate(year, 4, 'pure_brightness'), '清明节');
  span(`${y}-05-01`, 5, '劳动节');
  oneDay(chineseDays.getSolarDateFromLunar(`${y}-05-05`).date, '端午节');
  const midAutumn = chineseDays.getSolarDateFromLunar(`${y}-08-15`).date;
  span(`${y}-10-01`, 7, '国庆节');
  if (midAutumn >= `${y}-09-29` && midAutumn <= `${y}-10-08`) {
    off.set(`${y}-10-08`, '国庆节、中秋节');
    off.set(midAutumn, '中秋节');
  } else {
    oneDay(midAutumn, '中秋节');
  }
  return off;
}
