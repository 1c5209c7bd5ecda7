/**
 * The checks on one section of a template: metric keys unique across the template, bounds and
 * phrases that fit the metric, number questions that name a metric of their section, relations
 * between metrics that exist and have the right type.
 */
import type { TemplateIssue } from './template-error.js';
import type { SectionInput } from './template-schema.js';
import { templateValidationTexts as T } from './texts/template-validation.js';
import type { Metric } from './types.js';

export function sectionIssues(
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
        T.metricKeyTwice(m.key, dup),
      );
    } else metricKeys.set(m.key, `${mAt}.key`);
    metrics.set(m.key, m);
    if (m.min !== undefined && m.max !== undefined && m.min > m.max) {
      add(`${mAt}.min`, `min ${m.min} is above max ${m.max}`, T.minAboveMax(m.min, m.max));
    }
    if (m.phrase !== undefined) {
      const slots = m.phrase.split('{n}').length - 1;
      if (slots !== 1 || !m.phrase.includes(`{n}${m.unit}`)) {
        add(
          `${mAt}.phrase`,
          `phrase must hold {n} once, followed by the unit ${m.unit}`,
          T.phraseSlot(m.unit),
        );
      }
    }
    if (m.zero !== undefined && /\d|\{n\}/u.test(m.zero)) {
      add(`${mAt}.zero`, 'zero says there was none, without a figure or {n}', T.zeroWithFigure);
    }
    if (m.type === 'percent') {
      if (m.unit !== '%') add(`${mAt}.unit`, 'a percent metric has unit %', T.percentUnit);
      if ((m.min ?? 0) < 0 || (m.max ?? 100) > 100) {
        add(`${mAt}.max`, 'percent bounds must lie within 0–100', T.percentBounds);
      }
    } else if (m.unit === '%') {
      add(`${mAt}.type`, 'unit % needs type percent', T.percentUnitNeedsType);
    }
    if (m.type === 'integer') {
      for (const b of ['min', 'max'] as const) {
        const v = m[b];
        if (v !== undefined && !Number.isInteger(v)) {
          add(`${mAt}.${b}`, 'an integer metric needs integer bounds', T.integerBounds);
        }
      }
    }
  });

  const asked = new Set<string>();
  const questionIds = new Set<string>();
  s.questions.forEach((q, k) => {
    const qAt = `${at}.questions[${k}]`;
    if (questionIds.has(q.id)) {
      add(`${qAt}.id`, `duplicate question id ${q.id}`, T.questionIdTwice(q.id));
    }
    questionIds.add(q.id);
    if (q.numbered && q.kind !== 'list' && q.kind !== 'text') {
      add(
        `${qAt}.numbered`,
        'only a list or text question is drafted as numbered paragraphs',
        T.numberedNotListOrText,
      );
    }
    if (q.kind === 'number') {
      if (q.metric === undefined) {
        add(
          `${qAt}.metric`,
          'a number question names the metric it fills',
          T.numberQuestionWithoutMetric,
        );
      } else if (!metrics.has(q.metric)) {
        add(
          `${qAt}.metric`,
          `unknown metric ${q.metric} in this section`,
          T.unknownMetric(q.metric),
        );
      } else asked.add(q.metric);
    } else if (q.metric !== undefined) {
      add(
        `${qAt}.metric`,
        `only a number question fills a metric (kind is ${q.kind})`,
        T.metricOnNonNumberQuestion,
      );
    }
  });
  for (const [k, m] of s.metrics.entries()) {
    if (!asked.has(m.key)) {
      add(
        `${at}.metrics[${k}]`,
        `metric ${m.key} is asked by no number question`,
        T.metricNotAsked(m.key),
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
        add(`${rAt}.${f}`, `unknown metric ${ref} in this section`, T.unknownMetric(ref));
      } else if (f === 'rate' && m.type !== 'percent') {
        add(`${rAt}.rate`, `metric ${ref} is not a percent`, T.rateNotPercent(ref));
      } else if (f !== 'rate' && m.type === 'percent') {
        add(`${rAt}.${f}`, `metric ${ref} is a percent, expected a count`, T.countIsPercent(ref));
      }
    }
  });

  if (s.suggestedLength && s.suggestedLength.min > s.suggestedLength.max) {
    add(`${at}.suggestedLength`, 'min is above max', T.suggestedLengthMinAboveMax);
  }
  return issues;
}
