/**
 * Builds small report texts for rule tests: a title, then parts as [heading, ...body lines].
 * The default parts are short but concrete, so a test changes only what it is about.
 */
export interface BuiltReport {
  readonly text: string;
  /** 1-based line of the first line that contains `needle`. */
  readonly lineOf: (needle: string) => number;
}

export const DEFAULT_PARTS: readonly (readonly string[])[] = [
  [
    '一、2025年推进法治政府建设的主要举措和成效',
    '（一）领导干部学法',
    '镇党委理论学习中心组全年专题学法10次，班子成员结合分管领域讲法6次。',
    '（二）矛盾纠纷化解',
    '全年排查矛盾纠纷40起，化解38起，化解率95%。',
  ],
  [
    '二、存在的不足和原因',
    '一是执法人员多为兼职，案件办理经验不足，原因是专职编制少；二是普法活动集中在节假日，平时覆盖面窄。',
  ],
  [
    '三、党政主要负责人履行推进法治建设第一责任人职责情况',
    '镇党委书记全年主持召开法治建设专题会议4次，研究执法队伍调配等事项3项，年底在县委依法治县委员会会议上述法。',
  ],
  [
    '四、下一年度推进法治政府建设的主要安排',
    '一是2026年配齐专职执法人员2名；二是全年开展分类普法活动不少于10场；三是每季度抽查村级调解台账1次。',
  ],
  ['五、其他需要报告的情况', '无。'],
];

export function buildReport(
  parts: readonly (readonly string[])[] = DEFAULT_PARTS,
  options: { title?: string; opening?: string; closing?: readonly string[] } = {},
): BuiltReport {
  const lines = [
    options.title ?? '青禾镇2025年法治政府建设情况报告',
    '',
    '望山县委、望山县人民政府：',
    options.opening ?? '2025年，青禾镇按照县委年度法治建设工作要点推进各项任务，现报告如下。',
    ...parts.flat(),
    '',
    ...(options.closing ?? ['青禾镇人民政府', '2026年1月8日']),
  ];
  const text = lines.join('\n');
  return {
    text,
    lineOf: (needle) => {
      const i = lines.findIndex((l) => l.includes(needle));
      if (i < 0) throw new Error(`not in the report: ${needle}`);
      return i + 1;
    },
  };
}

/** The default parts with one part's lines replaced (index 0 = part 一). */
export function withPart(index: number, lines: readonly string[]): (readonly string[])[] {
  return DEFAULT_PARTS.map((p, i) => (i === index ? lines : p));
}
