/**
 * The checks on one section of a template: metric keys unique across the template, bounds and
 * phrases that fit the metric, number questions that name a metric of their section, relations
 * between metrics that exist and have the right type.
 */
import type { TemplateIssue } from './template-error.js';
import type { SectionInput } from './template-schema.js';
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
    if (m.zero !== undefined && /\d|\{n\}/u.test(m.zero)) {
      add(
        `${mAt}.zero`,
        'zero says there was none, without a figure or {n}',
        'zero 写“没有发生”的说法，不带数字，也不用 {n}，例如“未发生行政诉讼案件”',
      );
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
    if (q.numbered && q.kind !== 'list' && q.kind !== 'text') {
      add(
        `${qAt}.numbered`,
        'only a list or text question is drafted as numbered paragraphs',
        '只有 kind: list 或 text 的问题可以设 numbered（分条编号成段）',
      );
    }
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
