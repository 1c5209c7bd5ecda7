/** zod's complaints about a template, said in English for the log and in Chinese for the admin. */
import type { z } from 'zod';
import type { TemplateIssue } from './template-error.js';

function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

const TYPE_ZH: Readonly<Record<string, string>> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  array: '列表',
  object: '对象（键: 值）',
};

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

/** zod's issues, in both languages. */
export function zodIssues(error: z.ZodError): TemplateIssue[] {
  return error.issues.map((issue): TemplateIssue => {
    const path = pathOf(issue.path);
    switch (issue.code) {
      case 'invalid_type': {
        const expected = String(issue.expected);
        if (!('input' in issue) || issue.input === undefined) {
          return { path, en: `missing required field (${expected})`, zh: '缺少必填字段' };
        }
        const got = describeInput(issue.input);
        const quote =
          expected === 'string' && typeof issue.input === 'number'
            ? `（编号请加引号，例如 '${String(issue.input)}'）`
            : '';
        return {
          path,
          en: `expected ${expected}, got ${got}`,
          zh: `应为${TYPE_ZH[expected] ?? expected}，实际是${TYPE_ZH[got] ?? got}${quote}`,
        };
      }
      case 'invalid_value':
        return {
          path,
          en: `must be one of ${issue.values.map(String).join(', ')}`,
          zh: `取值只能是 ${issue.values.map(String).join('、')} 之一`,
        };
      case 'invalid_union':
        return { path, en: 'kind must be lte or rate', zh: 'kind 只能是 lte 或 rate' };
      case 'unrecognized_keys':
        return {
          path,
          en: `unknown field(s) ${issue.keys.join(', ')}`,
          zh: `有不认识的字段 ${issue.keys.join('、')}（是否拼错了？）`,
        };
      case 'too_small':
        return issue.origin === 'array'
          ? {
              path,
              en: `needs at least ${issue.minimum} item(s)`,
              zh: `至少需要 ${issue.minimum} 项`,
            }
          : issue.origin === 'string'
            ? { path, en: 'must not be empty', zh: '不能为空' }
            : { path, en: `must be at least ${issue.minimum}`, zh: `不能小于 ${issue.minimum}` };
      case 'too_big':
        return issue.origin === 'array'
          ? { path, en: `at most ${issue.maximum} item(s)`, zh: `最多 ${issue.maximum} 项` }
          : { path, en: `must be at most ${issue.maximum}`, zh: `不能大于 ${issue.maximum}` };
      case 'invalid_format':
        return {
          path,
          en: `bad format (${issue.format}${'pattern' in issue ? ` ${String(issue.pattern)}` : ''})`,
          zh: formatHintZh(path),
        };
      default:
        return { path, en: issue.message, zh: `格式不对（${issue.message}）` };
    }
  });
}

function formatHintZh(path: string): string {
  if (/sections\[\d+\]\.id$/.test(path)) return "小节编号格式应为 '1.3' 或 '2'";
  if (/^id$/.test(path)) return '模板 id 只能用小写字母、数字和连字符，例如 township';
  return '只能用小写字母、数字和下划线，并以字母开头，例如 study_sessions';
}
