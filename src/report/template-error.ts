import { templateValidationTexts } from './texts/template-validation.js';

/** What is wrong in a template file, where, in both languages. */
export interface TemplateIssue {
  /** Where in the file: `parts[0].sections[4].relations[0].left`; empty for the whole file. */
  readonly path: string;
  /** English, for logs. */
  readonly en: string;
  /** Chinese, for the admin who edits the template. */
  readonly zh: string;
}

/**
 * A template file that cannot be used. `message` (English) and `userMessage` (Chinese) both name
 * the file and the path of every bad field; `issues` has them one by one.
 */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  readonly fileName: string;
  readonly issues: readonly TemplateIssue[];
  readonly userMessage: string;

  constructor(fileName: string, issues: readonly TemplateIssue[]) {
    const where = (i: TemplateIssue): string => (i.path === '' ? '' : `${i.path}: `);
    super(`Template ${fileName} is invalid: ` + issues.map((i) => `${where(i)}${i.en}`).join('; '));
    this.fileName = fileName;
    this.issues = issues;
    this.userMessage = templateValidationTexts.fileInvalid(
      fileName,
      issues.map((i) => (i.path === '' ? i.zh : `${i.path}：${i.zh}`)).join('；'),
    );
  }
}
