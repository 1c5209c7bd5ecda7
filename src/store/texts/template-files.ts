/**
 * The Chinese half of what loading the templates folder says when it stops the start
 * (template-files.ts; read by IT staff and template authors beside the English).
 */
export const templateFilesTexts = {
  noTemplateFiles: '没有找到任何模板文件（*.yaml）',
  /** `expected` is `<id>.v<version>`. */
  fileNameMismatch: (expected: string) => `文件名应与 id 和 version 一致：${expected}.yaml`,
} as const;
