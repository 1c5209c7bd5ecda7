/** How a list of findings reads in chat (检查) and in `report-bot check` (format.ts). */
export const findingsTexts = {
  error: '错误',
  warning: '警告',
  info: '提示',
  noFindings: '未发现问题。',
  summary: (total: number, errors: number, warnings: number, infos: number) =>
    `共发现 ${total} 处问题：错误 ${errors}，警告 ${warnings}，提示 ${infos}`,
  findingLine: (line: number, severity: string, rule: string, message: string) =>
    `第${line}行 [${severity}] ${rule}：${message}`,
} as const;
