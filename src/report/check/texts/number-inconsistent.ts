/** What number-inconsistent.ts and number-shapes.ts say of figures that do not agree. */
export const numberInconsistentTexts = {
  name: '数字',
  description:
    '数字是否自洽：化解数不大于排查数，比率与件数相符，分项之和不超过总数，“N个方面”与列举条数一致，不写“4余次”',
  rateOver100: (rate: string) => `“${rate}”超过100%，请核对`,
  resolvedExceedsFound: (resolved: string, found: string) =>
    `“${resolved}”多于“${found}”：化解（办结）数不能大于排查（受理）数`,
  /** `computed` is the rate the two counts give, already rounded for display. */
  rateMismatch: (found: string, resolved: string, computed: string, rate: string) =>
    `“${found}”“${resolved}”，按此计算应为${computed}%，文中写的是“${rate}”`,
  /** No whole number of cases out of `found` gives the rate; `nearest` cases give `nearestRate`%. */
  rateNotWhole: (found: string, rate: string, nearest: number, nearestRate: string) =>
    `“${found}”时，“${rate}”无法由整数件数得出（${nearest}件为${nearestRate}%），请核对`,
  /** 4余次: 余/多 after a single digit. */
  sloppyFigure: (written: string, value: number, unit: string) =>
    `“${written}”写法不规范：个位数后不用“余”“多”，请写确切数字（如“${value}${unit}”），不确定时写“${value}${unit}以上”`,
  /** 其中 parts adding up to more than the total; `terms` is the sum written out: 20+10+8. */
  partsExceedTotal: (total: string, sum: number, unit: string, terms: string) =>
    `“${total}”其中各项相加为${sum}${unit}（${terms}），多于总数，请核对总数或分项`,
  /** 两个方面：followed by 一是…三是; `last` is the last item's numeral (三). */
  listCountMismatch: (announced: string, listed: number, last: string) =>
    `“${announced}”，后面却列了${listed}条（一是至${last}是），请统一数目`,
} as const;
