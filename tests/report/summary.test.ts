import { describe, expect, it } from 'vitest';
import {
  countyTotals,
  renderCountyProgress,
  renderCountySummary,
  renderOrgSummary,
} from '../../src/report/summary.js';
import type { Answer, Org, Quantity, Report, Template } from '../../src/report/types.js';
import { deadlineText as progressDeadline } from '../../src/chat/progress-view.js';
import { deadlineText } from '../../src/report/deadline-text.js';
import type { ReportProgress } from '../../src/report/progress.js';

const template: Template = {
  id: 'mini',
  version: 1,
  name: '测试模板',
  orgKind: 'township',
  titlePattern: '{org}{year}年法治政府建设情况报告',
  joint: false,
  addresseePattern: '',
  parts: [
    {
      no: 1,
      role: 'measures',
      heading: '主要举措和成效',
      sections: [
        {
          id: '1.5',
          part: 1,
          heading: '矛盾纠纷预防化解',
          keywords: ['矛盾纠纷'],
          questions: [
            {
              id: 'found',
              prompt: '排查矛盾纠纷多少起？',
              kind: 'number',
              metric: 'disputes_found',
            },
            { id: 'resolved', prompt: '化解多少起？', kind: 'number', metric: 'disputes_resolved' },
          ],
          metrics: [
            { key: 'disputes_found', name: '排查矛盾纠纷', unit: '起', type: 'integer' },
            { key: 'disputes_resolved', name: '化解矛盾纠纷', unit: '起', type: 'integer' },
            { key: 'resolve_rate', name: '化解率', unit: '%', type: 'percent' },
          ],
          relations: [
            {
              kind: 'rate',
              rate: 'resolve_rate',
              numerator: 'disputes_resolved',
              denominator: 'disputes_found',
            },
          ],
        },
        {
          id: '1.6',
          part: 1,
          heading: '普法与法治乡村',
          keywords: ['普法'],
          questions: [
            { id: 'events', prompt: '开展普法活动多少场次？', kind: 'number', metric: 'events' },
          ],
          metrics: [{ key: 'events', name: '普法活动', unit: '场次', type: 'integer' }],
          relations: [],
        },
      ],
    },
  ],
};

const now = new Date('2027-02-20T02:00:00Z');

function report(
  id: string,
  orgId: string,
  orgName: string,
  deadline: string,
  done: string[],
): Report {
  return {
    id,
    orgId,
    orgName,
    year: 2026,
    templateId: 'mini',
    templateVersion: 1,
    title: `${orgName}2026年法治政府建设情况报告`,
    deadline,
    adminUserid: 'admin',
    createdAt: now,
    sections: [
      { sectionId: '1.5', status: done.includes('1.5') ? 'done' : 'todo', assignee: 'zhangsan' },
      { sectionId: '1.6', status: done.includes('1.6') ? 'done' : 'todo' },
    ],
  };
}

function num(
  reportId: string,
  questionId: string,
  sectionId: string,
  q: Omit<Quantity, 'raw'>,
): Answer {
  return {
    reportId,
    sectionId,
    questionId,
    raw: `${q.value}`,
    value: { kind: 'number', quantity: { ...q, raw: `${q.value}` } },
    userid: 'zhangsan',
    at: now,
  };
}

const org = (id: string, name: string): Org => ({
  id,
  name,
  kind: 'township',
  chatIds: [],
  hasWebhook: false,
});

describe('leader summary of one report', () => {
  it('shows progress, who owes what with lateness, and the figures collected', () => {
    const r = report('r1', 'o1', '青石镇', '2027-02-18', []);
    const text = renderOrgSummary({
      report: r,
      template,
      answers: [
        num('r1', 'found', '1.5', { value: 35, unit: '起' }),
        num('r1', 'events', '1.6', { value: 70, unit: '场次', qualifier: 'over' }),
      ],
      members: [{ orgId: 'o1', userid: 'zhangsan', roles: ['official'], name: '张三' }],
      now,
    });
    expect(text).toContain('已逾期 2 天');
    // Done means nothing owed (report/progress.ts): 1.6's one question is answered.
    expect(text).toMatch(/张三（已逾期 2 天）：1\.5 矛盾纠纷预防化解（欠1题）/);
    expect(text).not.toContain('1.6 普法与法治乡村');
    expect(text).toContain('待填写 1 题');
    expect(text).toContain('排查矛盾纠纷：35起');
    expect(text).toContain('普法活动：70余场次');
    expect(text).toContain('1/2');
  });

  it('names sections nobody holds 未认领, as 进度 and the dashboard do', () => {
    const r = report('r1', 'o1', '青石镇', '2027-02-26', ['1.5']);
    const text = renderOrgSummary({ report: r, template, answers: [], members: [], now });
    expect(text).toContain('- 未认领：1.6 普法与法治乡村（欠1题）');
    expect(text).not.toContain('未分配');
  });
});

describe('the deadline in every view', () => {
  it('is one sentence in 汇总, 进度, the charts and the dashboard, in bold in 汇总 once it has come', () => {
    const late = renderOrgSummary({
      report: report('r1', 'o1', '青石镇', '2027-02-18', []),
      template,
      answers: [],
      members: [],
      now,
    });
    const sentence = deadlineText(-2, '2027-02-18');
    expect(sentence).toBe('已逾期2天（2月18日截止）');
    expect(late).toContain(`**${sentence}**`);
    // 进度 says progress-view's deadlineText; the chart's is held in tests/charts/charts.test.ts.
    const ahead = { daysLeft: 6, deadline: '2027-02-26' } as ReportProgress;
    expect(progressDeadline(ahead)).toBe('距截止还有6天（2月26日）');
    const onTime = renderOrgSummary({
      report: report('r1', 'o1', '青石镇', '2027-02-26', []),
      template,
      answers: [],
      members: [],
      now,
    });
    expect(onTime).toContain(deadlineText(6, '2027-02-26'));
    expect(onTime).not.toContain(`**${deadlineText(6, '2027-02-26')}**`);
  });
});

describe('county roll-up', () => {
  const entries = [
    {
      org: org('o1', '青石镇'),
      report: report('r1', 'o1', '青石镇', '2027-02-26', ['1.5', '1.6']),
      template,
      answers: [
        num('r1', 'found', '1.5', { value: 35, unit: '起' }),
        num('r1', 'resolved', '1.5', { value: 33, unit: '起' }),
        num('r1', 'events', '1.6', { value: 70, unit: '场次', qualifier: 'over' }),
      ],
    },
    {
      org: org('o2', '白河乡'),
      report: report('r2', 'o2', '白河乡', '2027-02-18', []),
      template,
      answers: [
        num('r2', 'found', '1.5', { value: 15, unit: '起' }),
        num('r2', 'resolved', '1.5', { value: 15, unit: '起' }),
      ],
    },
    { org: org('o3', '东岭镇'), answers: [] },
  ];

  it('sums comparable figures and recomputes the overall rate from the sums', () => {
    const { totals, rates } = countyTotals(entries);
    const found = totals.find((t) => t.metric.key === 'disputes_found');
    expect(found).toMatchObject({ value: 50, orgs: 2, hedged: false });
    expect(totals.find((t) => t.metric.key === 'events')).toMatchObject({
      value: 70,
      orgs: 1,
      hedged: true,
    });
    expect(rates).toEqual([expect.objectContaining({ name: '化解率', rate: 96 })]);
  });

  it('renders a table of totals, the overall rate and the late townships', () => {
    const text = renderCountySummary(org('c', '临川县'), entries, now);
    expect(text).toContain('| 排查矛盾纠纷 | 50起 | 2 |');
    expect(text).toContain('| 普法活动 | 70余场次 | 1 |');
    expect(text).toContain('化解率：96%');
    expect(text).toContain('逾期单位：白河乡');
    expect(text).toContain('2/3 个单位已建报告');
  });

  it('speaks to every kind of office while nobody has joined or written figures', () => {
    const empty = renderCountyProgress(org('c', '临川县'), [], now);
    expect(empty).toBe(
      '**临川县·全县进度**\n还没有单位加入。县级管理员可发送“邀请码”生成邀请码，乡镇（街道）或部门的管理员在本单位群里发送“加入 邀请码”即可。',
    );
    const noFigures = renderCountySummary(org('c', '临川县'), [entries[2]!], now);
    expect(noFigures).toContain('各单位还没有填写可汇总的数据。');
    expect(`${empty}${noFigures}`).not.toMatch(/乡镇加入|本镇群|各乡镇/);
  });

  it('lists townships least complete first, with lateness', () => {
    const text = renderCountyProgress(org('c', '临川县'), entries, now);
    const lines = text.split('\n').slice(1);
    expect(lines[0]).toContain('东岭镇：尚未新建报告');
    expect(lines[1]).toMatch(/白河乡：.*1\/2.*逾期 2 天.*待填 1 题/);
    expect(lines[2]).toMatch(/青石镇：.*2\/2.*剩 6 天/);
  });
});
