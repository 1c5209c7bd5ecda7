/** What text-format.ts says of conversion debris, unpaired marks and heading punctuation. */
export const textFormatTexts = {
  name: '文字格式',
  description:
    '文字和标点：格式转换残留（如[bookmark: _GoBack]）、引号括号不成对、标题编号后空格、标题末尾句号',
  debris: (written: string) => `文本中残留格式转换痕迹“${written}”，请删除`,
  quotes: '引号“”',
  brackets: '括号（）',
  titleMarks: '书名号《》',
  squareBrackets: '方括号【】',
  /** `pair` is one of the four names above; `near` is the text around the odd mark. */
  missingClose: (pair: string, near: string) => `${pair}不成对（缺少后半个）：“${near}”，请补全`,
  missingOpen: (pair: string, near: string) => `${pair}不成对（缺少前半个）：“${near}”，请补全`,
  spaceAfterNumber: (marker: string, title: string) =>
    `标题编号“${marker}”后多了空格，应直接接标题文字：“${marker}${title}”`,
  headingFullStop: (marker: string, title: string) =>
    `独立成行的标题末尾不加句号：“${marker}${title}”`,
} as const;
