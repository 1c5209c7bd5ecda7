/** What empty-part.ts says of a part with no substance. */
export const emptyPartTexts = {
  name: '内容空洞',
  description: '各部分是否空洞（内容过短，或只有套话、没有数据和具体事例）',
  /** 其他需要报告的情况 may say “无”, but not be left blank. */
  otherLeftBlank: (part: string) => `${part}下没有内容，如无其他需要报告的情况，请写“无”`,
  onlyMarkers: (part: string) => `${part}只有待填写标记，还没有内容`,
  onlyHeading: (part: string) => `${part}只有标题，没有内容`,
  /** A required part answered with “无” or “暂无”. */
  saysNothing: (part: string, written: string) =>
    `${part}写的是“${written}”，该部分不能空缺，请如实写明具体情况`,
  tooShort: (part: string, length: number) =>
    `${part}内容过短（仅${length}字），缺少具体做法、数据或事例`,
  /** `slogans` are the stock phrases found, already quoted and joined: 高度重视”“扎实推进. */
  slogansOnly: (part: string, slogans: string) =>
    `${part}多为“${slogans}”等套话，没有数据和具体事例，请补充实际做法和数字`,
  measuresWithoutFigures: (part: string) =>
    `“${part}”中没有任何数据，建议用数字说明成效（如学法次数、培训人次、纠纷化解数和化解率）`,
  leaderWithoutFigures: (part: string) =>
    `“${part}”中没有具体数字，建议写明主持专题会议、研究法治工作、带头学法和述法的次数`,
} as const;
