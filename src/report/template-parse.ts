/**
 * Reading a report template from YAML text: the shape is checked by zod (template-schema.ts),
 * then the rules zod cannot see (template-rules.ts). Pure: the caller reads the file. Every
 * problem names the file and the path of the bad field.
 */
import { parseDocument } from 'yaml';
import { TemplateError } from './template-error.js';
import { ruleIssues } from './template-rules.js';
import { templateValidationTexts as T } from './texts/template-validation.js';
import { templateSchema, type TemplateInput } from './template-schema.js';
import { zodIssues } from './template-schema-issues.js';
import type { Metric, Part, Question, Section, Template } from './types.js';

function toTemplate(t: TemplateInput): Template {
  const parts: Part[] = t.parts.map((p) => ({
    no: p.no,
    role: p.role,
    heading: p.heading,
    sections: p.sections.map((s): Section => ({
      id: s.id,
      part: p.no,
      heading: s.heading,
      ...(s.short !== undefined ? { short: s.short } : {}),
      keywords: s.keywords,
      questions: s.questions.map((q): Question => ({ ...q })),
      metrics: s.metrics.map((m): Metric => ({ ...m })),
      relations: s.relations.map((r) => ({ ...r })),
      ...(s.suggestedLength ? { suggestedLength: { ...s.suggestedLength } } : {}),
      ...(s.example !== undefined ? { example: s.example } : {}),
    })),
  }));
  return {
    id: t.id,
    version: t.version,
    name: t.name,
    orgKind: t.orgKind,
    titlePattern: t.titlePattern,
    joint: t.joint,
    addresseePattern: t.addresseePattern,
    parts,
  };
}

/** Parses and validates a template; throws a TemplateError naming `fileName` and each bad field. */
export function parseTemplate(source: string, fileName: string): Template {
  const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: true });
  const [yamlError] = doc.errors;
  if (yamlError !== undefined) {
    const line = yamlError.linePos?.[0];
    const where = line ? ` at line ${line.line}, column ${line.col}` : '';
    const hint = yamlError.code === 'DUPLICATE_KEY' ? T.yamlDuplicateKey : T.yamlCheckSyntax;
    throw new TemplateError(fileName, [
      {
        path: '',
        en: `not valid YAML${where}: ${(yamlError.message.split('\n')[0] ?? '').replace(/\s*at line \d+, column \d+:?$/, '')}`,
        zh: line ? T.yamlInvalidAt(line.line, line.col, hint) : T.yamlInvalid(hint),
      },
    ]);
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) {
    throw new TemplateError(fileName, [{ path: '', en: 'the file is empty', zh: T.fileEmpty }]);
  }
  const parsed = templateSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw new TemplateError(fileName, zodIssues(parsed.error));
  const issues = ruleIssues(parsed.data);
  if (issues.length > 0) throw new TemplateError(fileName, issues);
  return toTemplate(parsed.data);
}
