/**
 * What loading a template file tells the IT staff or template author who edits it, one entry per
 * problem (report/template-parse.ts, template-registry.ts, template-schema-issues.ts,
 * template-rules.ts, template-section-rules.ts). The English twin of each is written beside the check.
 */
export const templateValidationTexts = {
  fileInvalid: (fileName: string, issues: string) => `模板文件 ${fileName} 有误：${issues}`,
  fileEmpty: '文件是空的',
  yamlInvalid: (hint: string) => `YAML 格式错误：${hint}`,
  yamlInvalidAt: (line: number, col: number, hint: string) =>
    `YAML 格式错误（第 ${line} 行第 ${col} 列）：${hint}`,
  yamlDuplicateKey: '同一层级有重复的字段名',
  yamlCheckSyntax: '请检查缩进、冒号和引号',
  versionAlreadyDefined: (id: string, version: number, firstFile: string) =>
    `模板 ${id} 的第 ${version} 版已在 ${firstFile} 中定义，修改模板请新建文件并提高 version`,

  // zod's complaints about the shape (template-schema-issues.ts); the type names fill `wrongType`.
  typeString: '文字',
  typeNumber: '数字',
  typeInt: '整数',
  typeBoolean: 'true 或 false',
  typeArray: '列表',
  typeObject: '对象（键: 值）',
  missingField: '缺少必填字段',
  wrongType: (expected: string, got: string) => `应为${expected}，实际是${got}`,
  /** A section or part number written bare, which YAML reads as a number. */
  wrongTypeQuoteNumber: (expected: string, got: string, value: string) =>
    `应为${expected}，实际是${got}（编号请加引号，例如 '${value}'）`,
  notOneOf: (values: string) => `取值只能是 ${values} 之一`,
  relationKind: 'kind 只能是 lte 或 rate',
  unknownFields: (keys: string) => `有不认识的字段 ${keys}（是否拼错了？）`,
  tooFewItems: (minimum: number | bigint) => `至少需要 ${minimum} 项`,
  emptyText: '不能为空',
  belowMinimum: (minimum: number | bigint) => `不能小于 ${minimum}`,
  tooManyItems: (maximum: number | bigint) => `最多 ${maximum} 项`,
  aboveMaximum: (maximum: number | bigint) => `不能大于 ${maximum}`,
  badFormat: (message: string) => `格式不对（${message}）`,
  sectionIdFormat: "小节编号格式应为 '1.3' 或 '2'",
  templateIdFormat: '模板 id 只能用小写字母、数字和连字符，例如 township',
  keyFormat: '只能用小写字母、数字和下划线，并以字母开头，例如 study_sessions',

  // The rules zod cannot express (template-rules.ts).
  unknownPlaceholder: (name: string, known: string) => `不认识的占位符 {${name}}，只能用 ${known}`,
  titleLacksPlaceholder: (placeholder: string) => `标题模式中必须包含 ${placeholder}`,
  partOutOfOrder: (expected: number) =>
    `部分应按顺序编号（开头部分编号为 0 且排在最前），这里应为 ${expected}`,
  openingNotFirstOrSingle: '开头部分（role: opening）只能排在最前，且只有一个小节',
  roleTwice: (role: string, firstPart: number) => `role ${role} 重复（parts[${firstPart}] 已使用）`,
  roleMissing: (role: string) => `缺少必备部分（role: ${role}）`,
  sectionIdTwice: (id: string, firstAt: string) => `小节编号 ${id} 重复（${firstAt} 已使用）`,
  sectionIdOutOfOrder: (id: string, expected: string, part: number, position: number) =>
    `小节编号 ${id} 应为 ${expected}（第 ${part} 部分第 ${position} 个）`,

  // One section's own fields (template-section-rules.ts).
  metricKeyTwice: (key: string, firstAt: string) => `指标 key ${key} 重复（${firstAt} 已使用）`,
  minAboveMax: (min: number, max: number) => `最小值 ${min} 大于最大值 ${max}`,
  phraseSlot: (unit: string) =>
    `phrase 中应有且只有一个 {n}，后面紧跟单位“${unit}”，例如“召开专题会议{n}${unit}”`,
  zeroWithFigure: 'zero 写“没有发生”的说法，不带数字，也不用 {n}，例如“未发生行政诉讼案件”',
  percentUnit: '百分比指标的单位应为 %',
  percentBounds: '百分比的范围应在 0 到 100 之间',
  percentUnitNeedsType: '单位为 % 时 type 应为 percent',
  integerBounds: '整数指标的范围应为整数',
  questionIdTwice: (id: string) => `问题 id ${id} 在本小节重复`,
  numberedNotListOrText: '只有 kind: list 或 text 的问题可以设 numbered（分条编号成段）',
  numberQuestionWithoutMetric: '数字类问题必须写明对应的指标（metric）',
  unknownMetric: (key: string) => `本小节没有指标 ${key}`,
  metricOnNonNumberQuestion: '只有 kind: number 的问题才能填写指标',
  metricNotAsked: (key: string) => `指标 ${key} 没有对应的数字类问题，无法填写`,
  rateNotPercent: (key: string) => `指标 ${key} 不是百分比，不能作为比率`,
  countIsPercent: (key: string) => `指标 ${key} 是百分比，这里应为数量指标`,
  suggestedLengthMinAboveMax: '建议字数的最小值大于最大值',
} as const;
