import { followUpPrompts } from '../report/import/index.js';
import type { Question, Section, Template } from '../report/types.js';
import { importTexts } from './texts/import.js';
import type { OrgScope } from './types.js';

/**
 * Last year's plans (`导入`) asked about this year. Each plan becomes one optional text question,
 * id `carried_<n>` (n = the plan's 1-based place in the imported list), appended to the part-一
 * section it is most about. The questions live only in the engine's view of the template: answers
 * to them are stored like any other, and the composer writes answers to questions its template
 * does not know at the end of their section.
 */

export const CARRIED_PREFIX = 'carried_';

export function carriedQuestionId(n: number): string {
  return `${CARRIED_PREFIX}${n}`;
}

export function isCarriedQuestion(questionId: string): boolean {
  return questionId.startsWith(CARRIED_PREFIX);
}

export interface CarriedPlacement {
  readonly sectionId: string;
  readonly question: Question;
}

/**
 * Where each plan is asked: the part-一 section whose keyword (or heading) the plan mentions,
 * the longest keyword winning so that 法律明白人 beats 法律; a plan that names none goes to the
 * part's first section, which in our templates is the general one (党的领导, 组织领导).
 */
export function placeCarriedPlans(
  template: Template,
  plans: readonly string[],
): CarriedPlacement[] {
  const part = template.parts.find((p) => p.role === 'measures') ?? template.parts[0];
  const sections = part?.sections ?? [];
  const first = sections[0];
  if (!first) return [];
  const seen = new Set<string>();
  const placements: CarriedPlacement[] = [];
  plans.forEach((plan, i) => {
    const prompt = followUpPrompts([plan])[0];
    // Two plans with the same gist would read as the same question twice.
    if (!prompt || seen.has(prompt)) return;
    seen.add(prompt);
    placements.push({
      sectionId: bestSection(sections, plan)?.id ?? first.id,
      question: {
        id: carriedQuestionId(i + 1),
        prompt,
        kind: 'text',
        optional: true,
        hint: importTexts.carriedPlanHint,
      },
    });
  });
  return placements;
}

function bestSection(sections: readonly Section[], plan: string): Section | undefined {
  let best: { section: Section; length: number } | undefined;
  for (const section of sections) {
    for (const word of [...section.keywords, section.heading]) {
      if (word.length < 2 || !plan.includes(word)) continue;
      if (!best || word.length > best.length) best = { section, length: word.length };
    }
  }
  return best?.section;
}

/** The template as the engine shows it: the carried questions appended to their sections. */
export function withCarriedQuestions(template: Template, plans: readonly string[]): Template {
  const placements = placeCarriedPlans(template, plans);
  if (placements.length === 0) return template;
  return {
    ...template,
    parts: template.parts.map((part) => ({
      ...part,
      sections: part.sections.map((section) => {
        const extra = placements.filter((p) => p.sectionId === section.id).map((p) => p.question);
        return extra.length === 0
          ? section
          : { ...section, questions: [...section.questions, ...extra] };
      }),
    })),
  };
}

/** The org as the engine works on it: its template carries the imported plans' questions. */
export function withCarriedScope(scope: OrgScope): OrgScope {
  const plans = scope.carriedPlans ?? [];
  if (!scope.template || plans.length === 0) return scope;
  return { ...scope, template: withCarriedQuestions(scope.template, plans) };
}
