/**
 * The checks on a template that zod cannot express: part numbering and roles, section ids,
 * office placeholders in the texts people read. A section's own fields are checked in
 * template-section-rules.ts.
 */
import { OFFICE_PLACEHOLDERS } from './office.js';
import type { TemplateIssue } from './template-error.js';
import type { TemplateInput } from './template-schema.js';
import { sectionIssues } from './template-section-rules.js';
import { templateValidationTexts as T } from './texts/template-validation.js';
import type { PartRole } from './types.js';

const REQUIRED_ROLES: readonly PartRole[] = [
  'measures',
  'shortcomings',
  'first_responsible',
  'plans',
  'other',
];
const PLACEHOLDERS = ['org', 'year', 'county'];

/** The checks zod cannot express: numbering, references between fields, sane bounds. */
export function ruleIssues(t: TemplateInput): TemplateIssue[] {
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
          T.unknownPlaceholder(m[1] ?? '', PLACEHOLDERS.map((p) => `{${p}}`).join('、')),
        );
      }
    }
  }
  for (const p of ['{org}', '{year}']) {
    if (!t.titlePattern.includes(p)) {
      add('titlePattern', `must contain ${p}`, T.titleLacksPlaceholder(p));
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
        T.partOutOfOrder(i + base),
      );
    }
    if (part.role === 'opening' && (i !== 0 || part.sections.length !== 1)) {
      add(
        `parts[${i}].role`,
        'the opening part comes first and has exactly one section',
        T.openingNotFirstOrSingle,
      );
    }
    const seen = roles.get(part.role);
    if (seen !== undefined) {
      add(
        `parts[${i}].role`,
        `role ${part.role} is used twice (also parts[${seen}])`,
        T.roleTwice(part.role, seen),
      );
    } else roles.set(part.role, i);
  });
  for (const role of REQUIRED_ROLES) {
    if (!roles.has(role)) {
      add('parts', `no part has role ${role}`, T.roleMissing(role));
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
        add(`${at}.id`, `duplicate section id ${s.id} (also ${dup})`, T.sectionIdTwice(s.id, dup));
      } else {
        sectionIds.set(s.id, `${at}.id`);
        if (s.id !== expectedId) {
          add(
            `${at}.id`,
            `section id ${s.id} should be ${expectedId} (part ${part.no}, position ${j + 1})`,
            T.sectionIdOutOfOrder(s.id, expectedId, part.no, j + 1),
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
        zh: T.unknownPlaceholder(name, known.join('、')),
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
        check(`${at}.metrics[${n}].zero`, m.zero);
      });
    });
  });
  return issues;
}
