/** What placeholder.ts says of markers and blanks left in a final text. */
export const placeholderTexts = {
  name: '占位符',
  description: '定稿中是否残留占位符（20xx、XX镇、××、x件、*次、【待填写】、＿＿）',
  yearPlaceholder: (written: string) => `年份占位符“${written}”未替换为实际年份`,
  /** 【待填写：…】 or （待补充…）: content someone still has to write. */
  toBeFilled: (written: string) => `仍有待填写的内容“${written}”`,
  namePlaceholder: (written: string) => `名称或数字占位符“${written}”未替换`,
  numberPlaceholder: (written: string) => `数字占位符“${written}”未替换为实际数字`,
  underlineBlank: '留有待填写的下划线空格“＿＿”',
  todoMark: (written: string) => `留有待办标记“${written}”`,
  /** Appended to a year placeholder when the reporting year is known. */
  yearHint: (year: number, next: number) =>
    `（报告年度为${year}年：写工作成效处多为“${year}年”，写下一年度安排处多为“${next}年”）`,
} as const;
