/** What missing-part.ts says of a required part that is absent, merged or out of order. */
export const missingPartTexts = {
  name: '缺少部分',
  description: '五个必备部分是否齐全（按含义识别标题）',
  /** `hint` is the part's own hint below: what it should say. */
  missing: (part: string, hint: string) => `缺少必备部分“${part}”：${hint}`,
  hintMeasures: '请写明全年推进法治政府建设的主要举措，并用数据说明成效',
  hintShortcomings: '请写明本单位存在的具体问题及其原因',
  hintFirstResponsible:
    '这是考核重点，请写明党政主要负责人主持研究法治工作、带头学法、述法等履职情况',
  hintPlans: '请写明下一年度的主要工作安排，并与存在的不足相对应',
  hintOther:
    '许多报告在没有其他情况时省略该部分；如有需要报告的事项（如重大事件、上级交办事项），请增设该部分',
  /** The text before the first numbered part was taken as the measures part. */
  implicit: (part: string) =>
    `未见“${part}”标题，已把第一个编号部分之前的专题内容视为该部分；建议加上规范标题`,
  onlyAsSubheading: (part: string) => `“${part}”只作为下级标题出现，应单独列为一个部分`,
  /** `parts` is the quoted list from partNames(): “…”与“…”. */
  merged: (parts: string) => `${parts}合写在一个部分中，应分别单独成部分`,
  outOfOrder: (part: string, before: string) =>
    `部分顺序与规定不一致：“${part}”一般应排在“${before}”之前`,
} as const;
