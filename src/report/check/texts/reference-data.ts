/** What IT staff read when config/check-references.yaml is malformed (reference-data.ts). */
export const referenceDataTexts = {
  empty: (file: string) => `${file}: 内容为空 / empty`,
  /** `where` is the entry and field, e.g. superseded[0].old. */
  textExpected: (where: string, min: number) =>
    `${where}: 需要至少${min}个字的文字 / text expected`,
  yearExpected: (where: string) => `${where}: 需要四位年份 / a year expected`,
  phrasesExpected: (where: string) => `${where}: 需要文字列表 / a list of phrases expected`,
  entriesExpected: (key: string) => `${key}: 需要条目列表 / a list of entries expected`,
} as const;
