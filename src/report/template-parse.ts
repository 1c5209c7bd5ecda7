/**
 * Reading a report template from YAML text: the shape is checked by zod, then the rules zod
 * cannot see (section numbering, metric references, bounds) by hand. Pure: the caller reads the
 * file. Every problem names the file and the path of the bad field.
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { OFFICE_PLACEHOLDERS } from './office.js';
import { TemplateError, type TemplateIssue } from './template-error.js';
import type { Metric, Part, PartRole, Question, Section, Template } from './types.js';

const REQUIRED_ROLES: readonly PartRole[] = [
  'measures',
  'shortcomings',
  'first_responsible',
  'plans',
  'other',
];
const PLACEHOLDERS = ['org', 'year', 'county'];

const text = z.string().trim().min(1);
const key = z.string().regex(/^[a-z][a-z0-9_]*$/);

const metricSchema = z.strictObject({
  key,
  name: text,
  unit: text,
  type: z.enum(['integer', 'percent', 'decimal']),
  min: z.number().optional(),
  max: z.number().optional(),
  phrase: text.optional(),
});

const relationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('lte'), left: key, right: key }),
  z.strictObject({ kind: z.literal('rate'), rate: key, numerator: key, denominator: key }),
]);

const questionSchema = z.strictObject({
  id: key,
  prompt: text,
  kind: z.enum(['text', 'list', 'number', 'yesno']),
  metric: key.optional(),
  optional: z.boolean().optional(),
  hint: text.optional(),
});

const sectionSchema = z.strictObject({
  id: z.string().regex(/^\d+(\.\d+)?$/),
  heading: text,
  short: z.string().trim().min(2).max(10).optional(),
  keywords: z.array(text).min(1),
  questions: z.array(questionSchema).min(1).max(8),
  metrics: z.array(metricSchema).default([]),
  relations: z.array(relationSchema).default([]),
  suggestedLength: z
    .strictObject({ min: z.number().int().positive(), max: z.number().int().positive() })
    .optional(),
  example: text.optional(),
});

const partSchema = z.strictObject({
  no: z.number().int().min(0),
  role: z.enum(['opening', 'measures', 'shortcomings', 'first_responsible', 'plans', 'other']),
  heading: text,
  sections: z.array(sectionSchema).min(1),
});

const templateSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.number().int().min(1),
  name: text,
  orgKind: z.enum(['township', 'department', 'county']),
  titlePattern: text,
  joint: z.boolean(),
  addresseePattern: z.string(),
  parts: z.array(partSchema).min(1),
});

type TemplateInput = z.infer<typeof templateSchema>;

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
function zodIssues(error: z.ZodError): TemplateIssue[] {
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

/** The checks zod cannot express: numbering, references between fields, sane bounds. */
function ruleIssues(t: TemplateInput): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const add = (path: string, en: string, zh: string): void => {
    issues.push({ path, en, zh });
  };

  for (const name of ['titlePattern', 'addresseePattern'] as const) {
    for (const m of t[name].matchAll(/\{([^}]*)\}/g)) {
      if (!PLACEHOLDERS.includes(m[1] ?? '')) {
        add(
          name,
          `unknown placeholder {${m[1]}} (use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`,
          `不认识的占位符 {${m[1]}}，只能用 ${PLACEHOLDERS.map((p) => `{${p}}`).join('、')}`,
        );
      }
    }
  }
  for (const p of ['{org}', '{year}']) {
    if (!t.titlePattern.includes(p)) {
      add('titlePattern', `must contain ${p}`, `标题模式中必须包含 ${p}`);
    }
  }

  const roles = new Map<string, number>();
  // An opening part, when there is one, comes first as part 0; the others count from 1.
  const base = t.parts[0]?.role === 'opening' ? 0 : 1;
  t.parts.forEach((part, i) => {
    if (part.no !== i + base) {
      add(
        `parts[${i}].no`,
        `parts must be numbered 1, 2, 3 … in order (an opening part is 0 and comes first); expected ${i + base}`,
        `部分应按顺序编号（开头部分编号为 0 且排在最前），这里应为 ${i + base}`,
      );
    }
    if (part.role === 'opening' && (i !== 0 || part.sections.length !== 1)) {
      add(
        `parts[${i}].role`,
        'the opening part comes first and has exactly one section',
        '开头部分（role: opening）只能排在最前，且只有一个小节',
      );
    }
    const seen = roles.get(part.role);
    if (seen !== undefined) {
      add(
        `parts[${i}].role`,
        `role ${part.role} is used twice (also parts[${seen}])`,
        `role ${part.role} 重复（parts[${seen}] 已使用）`,
      );
    } else roles.set(part.role, i);
  });
  for (const role of REQUIRED_ROLES) {
    if (!roles.has(role)) {
      add('parts', `no part has role ${role}`, `缺少必备部分（role: ${role}）`);
    }
  }

  issues.push(...wordingIssues(t));

  const sectionIds = new Map<string, string>();
  const metricKeys = new Map<string, string>();
  t.parts.forEach((part, i) => {
    part.sections.forEach((s, j) => {
      const at = `parts[${i}].sections[${j}]`;
      const expectedId = part.sections.length === 1 ? `${part.no}` : `${part.no}.${j + 1}`;
      const dup = sectionIds.get(s.id);
      if (dup !== undefined) {
        add(
          `${at}.id`,
          `duplicate section id ${s.id} (also ${dup})`,
          `小节编号 ${s.id} 重复（${dup} 已使用）`,
        );
      } else {
        sectionIds.set(s.id, `${at}.id`);
        if (s.id !== expectedId) {
          add(
            `${at}.id`,
            `section id ${s.id} should be ${expectedId} (part ${part.no}, position ${j + 1})`,
            `小节编号 ${s.id} 应为 ${expectedId}（第 ${part.no} 部分第 ${j + 1} 个）`,
          );
        }
      }
      issues.push(...sectionIssues(s, at, metricKeys));
    });
  });
  return issues;
}

/** Office placeholders in the texts people read: only the known ones ({n} only in a phrase). */
function wordingIssues(t: TemplateInput): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const known = OFFICE_PLACEHOLDERS.map((p) => `{${p}}`);
  const check = (path: string, value: string | undefined, extra: readonly string[] = []) => {
    for (const m of (value ?? '').matchAll(/\{([^}]*)\}/g)) {
      const name = m[1] ?? '';
      if ((OFFICE_PLACEHOLDERS as readonly string[]).includes(name) || extra.includes(name))
        continue;
      issues.push({
        path,
        en: `unknown placeholder {${name}} (use ${known.join(', ')})`,
        zh: `不认识的占位符 {${name}}，只能用 ${known.join('、')}`,
      });
    }
  };
  t.parts.forEach((part, i) => {
    check(`parts[${i}].heading`, part.heading);
    part.sections.forEach((s, j) => {
      const at = `parts[${i}].sections[${j}]`;
      check(`${at}.heading`, s.heading);
      check(`${at}.example`, s.example);
      s.keywords.forEach((k, n) => check(`${at}.keywords[${n}]`, k));
      s.questions.forEach((q, n) => {
        check(`${at}.questions[${n}].prompt`, q.prompt);
        check(`${at}.questions[${n}].hint`, q.hint);
      });
      s.metrics.forEach((m, n) => {
        check(`${at}.metrics[${n}].name`, m.name);
        check(`${at}.metrics[${n}].phrase`, m.phrase, ['n']);
      });
    });
  });
  return issues;
}

type SectionInput = TemplateInput['parts'][number]['sections'][number];

function sectionIssues(
  s: SectionInput,
  at: string,
  metricKeys: Map<string, string>,
): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const add = (path: string, en: string, zh: string): void => {
    issues.push({ path, en, zh });
  };
  const metrics = new Map<string, Metric>();

  s.metrics.forEach((m, k) => {
    const mAt = `${at}.metrics[${k}]`;
    const dup = metricKeys.get(m.key);
    if (dup !== undefined) {
      add(
        `${mAt}.key`,
        `duplicate metric key ${m.key} (also ${dup})`,
        `指标 key ${m.key} 重复（${dup} 已使用）`,
      );
    } else metricKeys.set(m.key, `${mAt}.key`);
    metrics.set(m.key, m);
    if (m.min !== undefined && m.max !== undefined && m.min > m.max) {
      add(
        `${mAt}.min`,
        `min ${m.min} is above max ${m.max}`,
        `最小值 ${m.min} 大于最大值 ${m.max}`,
      );
    }
    if (m.phrase !== undefined) {
      const slots = m.phrase.split('{n}').length - 1;
      if (slots !== 1 || !m.phrase.includes(`{n}${m.unit}`)) {
        add(
          `${mAt}.phrase`,
          `phrase must hold {n} once, followed by the unit ${m.unit}`,
          `phrase 中应有且只有一个 {n}，后面紧跟单位“${m.unit}”，例如“召开专题会议{n}${m.unit}”`,
        );
      }
    }
    if (m.type === 'percent') {
      if (m.unit !== '%')
        add(`${mAt}.unit`, 'a percent metric has unit %', '百分比指标的单位应为 %');
      if ((m.min ?? 0) < 0 || (m.max ?? 100) > 100) {
        add(`${mAt}.max`, 'percent bounds must lie within 0–100', '百分比的范围应在 0 到 100 之间');
      }
    } else if (m.unit === '%') {
      add(`${mAt}.type`, 'unit % needs type percent', '单位为 % 时 type 应为 percent');
    }
    if (m.type === 'integer') {
      for (const b of ['min', 'max'] as const) {
        const v = m[b];
        if (v !== undefined && !Number.isInteger(v)) {
          add(`${mAt}.${b}`, 'an integer metric needs integer bounds', '整数指标的范围应为整数');
        }
      }
    }
  });

  const asked = new Set<string>();
  const questionIds = new Set<string>();
  s.questions.forEach((q, k) => {
    const qAt = `${at}.questions[${k}]`;
    if (questionIds.has(q.id)) {
      add(`${qAt}.id`, `duplicate question id ${q.id}`, `问题 id ${q.id} 在本小节重复`);
    }
    questionIds.add(q.id);
    if (q.kind === 'number') {
      if (q.metric === undefined) {
        add(
          `${qAt}.metric`,
          'a number question names the metric it fills',
          '数字类问题必须写明对应的指标（metric）',
        );
      } else if (!metrics.has(q.metric)) {
        add(
          `${qAt}.metric`,
          `unknown metric ${q.metric} in this section`,
          `本小节没有指标 ${q.metric}`,
        );
      } else asked.add(q.metric);
    } else if (q.metric !== undefined) {
      add(
        `${qAt}.metric`,
        `only a number question fills a metric (kind is ${q.kind})`,
        `只有 kind: number 的问题才能填写指标`,
      );
    }
  });
  for (const [k, m] of s.metrics.entries()) {
    if (!asked.has(m.key)) {
      add(
        `${at}.metrics[${k}]`,
        `metric ${m.key} is asked by no number question`,
        `指标 ${m.key} 没有对应的数字类问题，无法填写`,
      );
    }
  }

  s.relations.forEach((r, k) => {
    const rAt = `${at}.relations[${k}]`;
    const fields =
      r.kind === 'lte'
        ? (['left', 'right'] as const)
        : (['rate', 'numerator', 'denominator'] as const);
    for (const f of fields) {
      const ref = (r as Record<string, string>)[f] ?? '';
      const m = metrics.get(ref);
      if (m === undefined) {
        add(`${rAt}.${f}`, `unknown metric ${ref} in this section`, `本小节没有指标 ${ref}`);
      } else if (f === 'rate' && m.type !== 'percent') {
        add(
          `${rAt}.rate`,
          `metric ${ref} is not a percent`,
          `指标 ${ref} 不是百分比，不能作为比率`,
        );
      } else if (f !== 'rate' && m.type === 'percent') {
        add(
          `${rAt}.${f}`,
          `metric ${ref} is a percent, expected a count`,
          `指标 ${ref} 是百分比，这里应为数量指标`,
        );
      }
    }
  });

  if (s.suggestedLength && s.suggestedLength.min > s.suggestedLength.max) {
    add(`${at}.suggestedLength`, 'min is above max', '建议字数的最小值大于最大值');
  }
  return issues;
}

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
    const whereZh = line ? `第 ${line.line} 行第 ${line.col} 列` : '';
    throw new TemplateError(fileName, [
      {
        path: '',
        en: `not valid YAML${where}: ${(yamlError.message.split('\n')[0] ?? '').replace(/\s*at line \d+, column \d+:?$/, '')}`,
        zh: `YAML 格式错误${whereZh ? `（${whereZh}）` : ''}：${yamlError.code === 'DUPLICATE_KEY' ? '同一层级有重复的字段名' : '请检查缩进、冒号和引号'}`,
      },
    ]);
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) {
    throw new TemplateError(fileName, [{ path: '', en: 'the file is empty', zh: '文件是空的' }]);
  }
  const parsed = templateSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw new TemplateError(fileName, zodIssues(parsed.error));
  const issues = ruleIssues(parsed.data);
  if (issues.length > 0) throw new TemplateError(fileName, issues);
  return toTemplate(parsed.data);
}
