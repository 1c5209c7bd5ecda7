/**
 * Figures in Chinese text: 70余场次, 十八起, 1000余份, 百余人次, 1.2万人次, 94%以上, 百分之九十.
 * The qualifier is kept (余/多 → over, 以上 → at_least, ...) so the draft can say a figure back the
 * way the official wrote it, and nothing hedged is ever turned into an exact number.
 */
import { normalize, scan, toQuantity, type Figure } from './figure-scan.js';
import type { Quantity } from './types.js';
import { isZeroStatement } from './zero-statements.js';

export type ParseQuantityResult =
  | { readonly ok: true; readonly quantity: Quantity }
  | { readonly ok: false; /** Chinese, concrete, for the user. */ readonly hint: string };

export interface QuantityExpectation {
  /** The metric's unit; `%` means a percent. */
  readonly unit?: string;
  readonly type?: 'integer' | 'percent' | 'decimal';
  readonly min?: number;
  readonly max?: number;
}

/**
 * Units that answer the same question. A metric counted in 场次 accepts 场 or 次; one counted in
 * 人次 accepts 人 or 名. The unit is kept as written.
 */
const UNIT_GROUPS: readonly (readonly string[])[] = [
  ['次', '场', '场次', '期', '轮', '批', '批次'],
  ['人', '名', '位', '人次'],
  ['户', '户次', '家'],
  ['件', '起', '宗', '例', '件次', '项'],
  ['份', '册', '本', '张', '套', '篇', '件'],
  ['个', '项', '条', '处', '所', '家'],
];

/**
 * Every figure with its unit in free text: counts with a unit (18起, 七十余场次, 1.2万人次) and
 * percents. Years, dates, ordinals (第三次), vague amounts (数十次), set phrases (三项制度) and
 * bare numbers without a unit are left out. A lone 一 (一名, 一次) is left out too: in report
 * prose it is far more often wording than a figure.
 */
export function findQuantities(text: string): Quantity[] {
  return scan(text)
    .filter((f) => f.not === undefined && f.unit !== '' && !f.lone && !f.negative)
    .map((f) => toQuantity(f, f.unit, f.raw));
}

/** True for 余/多 right after a single digit (4余次), a form the checker should flag. */
export function isSloppyFigure(raw: string): boolean {
  return scan(raw).some((f) => f.sloppy);
}

export function areUnitsCompatible(expected: string, given: string): boolean {
  if (expected === given) return true;
  return UNIT_GROUPS.some((group) => group.includes(expected) && group.includes(given));
}

function formatNumber(value: number): string {
  return String(Number(value.toFixed(4)));
}

function exampleOf(expect: QuantityExpectation | undefined): string {
  if (isPercent(expect)) return '例如“95%”或“百分之九十五”';
  const unit = expect?.unit && expect.unit !== '' ? expect.unit : '次';
  return `例如“12${unit}”或“十二${unit}”`;
}

function isPercent(expect: QuantityExpectation | undefined): boolean {
  return expect?.type === 'percent' || expect?.unit === '%';
}

const ZERO_WORDS = /^(无|没有|暂无|零|未发生|没有发生)[。！!.]?$/;
const RANGE_RE = /[\d一二两三四五六七八九十百千]\s*(?:-|~|～|—|至|到)\s*[\d一二两三四五六七八九十]/;
const VAGUE_RE = /(数|几|上|成)[十百千万]|[十百千万]几|若干|多[次场名人件份个项起条期]|好几/;

function fail(hint: string): ParseQuantityResult {
  return { ok: false, hint };
}

/**
 * Reads one figure from an answer. With `expect` (from the metric), a missing unit is implied,
 * the unit must fit, and the type and bounds are checked. On failure, a concrete Chinese hint.
 */
export function parseQuantity(text: string, expect?: QuantityExpectation): ParseQuantityResult {
  const raw = text.trim();
  const example = exampleOf(expect);
  const percentWanted = isPercent(expect);
  if (raw === '') return fail(`请填写一个数字，${example}。`);
  if (ZERO_WORDS.test(raw)) {
    return {
      ok: true,
      quantity: { value: 0, unit: percentWanted ? '%' : (expect?.unit ?? ''), raw },
    };
  }
  if (RANGE_RE.test(normalize(raw))) {
    return fail(
      `请只填写一个数字，不要写范围；${example}，不确定时可写“30余${expect?.unit ?? '次'}”。`,
    );
  }
  const figures = scan(raw);
  const counts = figures.filter((f) => f.not === undefined);
  if (counts.every((f) => f.lone) && !percentWanted && isZeroStatement(raw)) {
    // 全年无行政执法案件, 未发生一起…: a zero in words, kept as typed (the draft says it).
    return { ok: true, quantity: { value: 0, unit: expect?.unit ?? '', raw } };
  }
  if (counts.length === 0) {
    const vague = figures.find((f) => f.not === 'vague');
    const vagueWords = VAGUE_RE.exec(raw);
    if (vague !== undefined || vagueWords !== null) {
      const quoted = raw.length <= 12 ? raw : (vagueWords?.[0] ?? vague?.raw ?? raw);
      return fail(
        `“${quoted}”不是确切的数字，请填写具体数字，${example}；大约的数可以写“30余${expect?.unit ?? '次'}”。`,
      );
    }
    const year = figures.find((f) => f.not === 'year');
    if (year !== undefined) {
      return fail(`“${year.raw}年”是年份，不是数量。请填写数量，${example}。`);
    }
    const date = figures.find((f) => f.not === 'date' || f.not === 'duration');
    if (date !== undefined) {
      return fail(`“${date.raw}”看起来是日期或时长，不是数量。请填写数量，${example}。`);
    }
    return fail(`没有读到数字。请填写一个数字，${example}。`);
  }
  let chosen: Figure | undefined;
  if (counts.length === 1) {
    chosen = counts[0];
  } else {
    const fitting = counts.filter((f) =>
      percentWanted
        ? f.percent
        : expect?.unit !== undefined
          ? !f.percent && f.unit !== '' && areUnitsCompatible(expect.unit, f.unit)
          : f.unit !== '',
    );
    if (fitting.length === 1) chosen = fitting[0];
    else {
      const listed = counts.map((f) => `“${f.raw}”`).join('、');
      return fail(`您的回答里有多个数字（${listed}），这一问只需要一个数字，${example}。`);
    }
  }
  if (chosen === undefined) return fail(`没有读到数字。请填写一个数字，${example}。`);
  const f = chosen;
  if (f.sloppy) {
    const n = formatNumber(f.value);
    const unit = f.unit !== '' ? f.unit : (expect?.unit ?? '次');
    return fail(
      `“${f.raw}”的写法不规范：个位数后面不用“余”或“多”。请写确切的数，例如“${n}${unit}”；不确定时可写“${n}${unit}以上”。`,
    );
  }
  if (f.negative) return fail(`数量不能是负数，请填写0或正数，${example}。`);
  let unit = f.unit;
  if (percentWanted) {
    if (!f.percent && f.unit !== '') {
      return fail(`这一问要的是百分比，您填写的是“${f.raw}”。请填写百分比，${example}。`);
    }
    unit = '%';
  } else if (f.percent && expect?.unit !== undefined) {
    return fail(
      `这一问要的是数量（单位“${expect.unit}”），不是百分比。请填写数量，${exampleOf({ unit: expect.unit })}。`,
    );
  } else if (expect?.unit !== undefined && expect.unit !== '') {
    if (unit === '') unit = expect.unit;
    else if (!areUnitsCompatible(expect.unit, unit)) {
      return fail(
        `这一问的单位是“${expect.unit}”，您填写的是“${f.raw}”。请按“${expect.unit}”填写，${example}。`,
      );
    }
  }
  const value = f.value;
  if (unit === '%' && value > 100) {
    return fail(`百分比不能超过100%，您填写的是${formatNumber(value)}%，请核对。`);
  }
  if (expect?.type === 'integer' && !Number.isInteger(value)) {
    return fail(
      `这个数应该是整数，您填写的是“${f.raw}”。请填写整数，例如“${Math.floor(value)}${unit}”。`,
    );
  }
  const shown = `${formatNumber(value)}${unit}`;
  if (expect?.min !== undefined && value < expect.min) {
    return fail(
      `${shown}低于这一项的最小值${formatNumber(expect.min)}${unit}，请核对数字是否填错。`,
    );
  }
  if (expect?.max !== undefined && value > expect.max) {
    return fail(
      `${shown}超出了这一项的常见范围（最多${formatNumber(expect.max)}${unit}），请核对是否多写了一位；确实如此请联系管理员。`,
    );
  }
  return { ok: true, quantity: toQuantity(f, unit, raw) };
}

/**
 * Says a figure back the way officials write it: 70余场次, 1000余份, 94%以上, 1.2万人次, 约3000份,
 * 近1000人. Arabic numerals throughout, as the official layout wants them.
 */
export function formatQuantity(q: Quantity): string {
  const n = q.inWan ? `${formatNumber(q.value / 10_000)}万` : formatNumber(q.value);
  const unit = q.unit;
  switch (q.qualifier) {
    case undefined:
      return `${n}${unit}`;
    case 'over':
      if (unit === '%') return `${n}%以上`;
      // 余 after a single digit (4余次) is a known sloppy form; never produce it.
      if (!q.inWan && q.value < 10) return `超过${n}${unit}`;
      return `${n}余${unit}`;
    case 'at_least':
      return `${n}${unit}以上`;
    case 'at_most':
      return `不超过${n}${unit}`;
    case 'about':
      return `约${n}${unit}`;
    case 'nearly':
      return `近${n}${unit}`;
  }
}
