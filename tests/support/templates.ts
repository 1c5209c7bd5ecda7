import type { Part, Section, Template } from '../../src/report/types.js';

/**
 * Templates built in code for tests that need only a template's outline (progress, labels,
 * reminders), not its questions.
 */

/** A section with no keywords, questions, metrics or relations unless `fields` gives them. */
export function bareSection(id: string, heading: string, fields: Partial<Section> = {}): Section {
  return {
    id,
    part: Number(id.split('.')[0]),
    heading,
    keywords: [],
    questions: [],
    metrics: [],
    relations: [],
    ...fields,
  };
}

/** A township template `township` v1 around the given parts; `fields` overrides the rest. */
export function templateOf(parts: Part[], fields: Partial<Template> = {}): Template {
  return {
    id: 'township',
    version: 1,
    name: '乡镇',
    orgKind: 'township',
    titlePattern: '{org}{year}年法治政府建设情况报告',
    joint: true,
    addresseePattern: '',
    parts,
    ...fields,
  };
}
