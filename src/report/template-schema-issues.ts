/** zod's complaints about a template, said in English for the log and in Chinese for the admin. */
import type { z } from 'zod';
import type { TemplateIssue } from './template-error.js';
import { templateValidationTexts as T } from './texts/template-validation.js';

function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

const TYPE_ZH: Readonly<Record<string, string>> = {
  string: T.typeString,
  number: T.typeNumber,
  int: T.typeInt,
  boolean: T.typeBoolean,
  array: T.typeArray,
  object: T.typeObject,
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
          return { path, en: `missing required field (${expected})`, zh: T.missingField };
        }
        const got = describeInput(issue.input);
        const expectedZh = TYPE_ZH[expected] ?? expected;
        const gotZh = TYPE_ZH[got] ?? got;
        return {
          path,
          en: `expected ${expected}, got ${got}`,
          zh:
            expected === 'string' && typeof issue.input === 'number'
              ? T.wrongTypeQuoteNumber(expectedZh, gotZh, String(issue.input))
              : T.wrongType(expectedZh, gotZh),
        };
      }
      case 'invalid_value':
        return {
          path,
          en: `must be one of ${issue.values.map(String).join(', ')}`,
          zh: T.notOneOf(issue.values.map(String).join('、')),
        };
      case 'invalid_union':
        return { path, en: 'kind must be lte or rate', zh: T.relationKind };
      case 'unrecognized_keys':
        return {
          path,
          en: `unknown field(s) ${issue.keys.join(', ')}`,
          zh: T.unknownFields(issue.keys.join('、')),
        };
      case 'too_small':
        return issue.origin === 'array'
          ? {
              path,
              en: `needs at least ${issue.minimum} item(s)`,
              zh: T.tooFewItems(issue.minimum),
            }
          : issue.origin === 'string'
            ? { path, en: 'must not be empty', zh: T.emptyText }
            : { path, en: `must be at least ${issue.minimum}`, zh: T.belowMinimum(issue.minimum) };
      case 'too_big':
        return issue.origin === 'array'
          ? { path, en: `at most ${issue.maximum} item(s)`, zh: T.tooManyItems(issue.maximum) }
          : { path, en: `must be at most ${issue.maximum}`, zh: T.aboveMaximum(issue.maximum) };
      case 'invalid_format':
        return {
          path,
          en: `bad format (${issue.format}${'pattern' in issue ? ` ${String(issue.pattern)}` : ''})`,
          zh: formatHintZh(path),
        };
      default:
        return { path, en: issue.message, zh: T.badFormat(issue.message) };
    }
  });
}

function formatHintZh(path: string): string {
  if (/sections\[\d+\]\.id$/.test(path)) return T.sectionIdFormat;
  if (/^id$/.test(path)) return T.templateIdFormat;
  return T.keyFormat;
}
