/**
 * What the bot asks when a section's figures do not fit together (report/relations.ts): a friendly
 * question, since the official may know better. Figures come formatted as written (18起, 94.4%).
 */
export const relationsTexts = {
  /** 化解 more than 排查: the left figure should not exceed the right one. */
  exceeds: (leftName: string, left: string, rightName: string, right: string) =>
    `${leftName}（${left}）比${rightName}（${right}）还多，请核对一下？`,
  /** A stated rate that its counts do not give. */
  rateOffCounts: (
    rateName: string,
    stated: string,
    numeratorName: string,
    numerator: string,
    denominatorName: string,
    denominator: string,
    derived: string,
  ) =>
    `${rateName}填的是${stated}，但按${numeratorName}${numerator}、` +
    `${denominatorName}${denominator}计算应为${derived}，请核对一下？`,
} as const;
