/** What reference.ts says of citations that are no longer current. */
export const referenceTexts = {
  name: '引用',
  description:
    '引用的法规、文件和会议是否现行：已废止的条例、文件名称中的年份、过时的会议和普法提法',
  superseded: (old: string, replacement: string, since: number) =>
    `《${old}》已被《${replacement}》取代（${since}年起），请改为引用《${replacement}》`,
  /** A document whose title carries fixed years (纲要（2021—2025年）) cited with other years. */
  documentYears: (written: string, title: string, from: number, to: number) =>
    `文件名称年份有误：“${written}”应为《${title}（${from}—${to}年）》`,
  stalePhrase: (year: number, phrase: string, until: number, current: string) =>
    `报告年度为${year}年，“${phrase}”是${until}年及以前的提法，请检查是否沿用了旧材料；现行提法为“${current}”`,
} as const;
