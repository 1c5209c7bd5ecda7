import { beforeAll, describe, expect, it } from 'vitest';
import { StoreReminderSource } from '../../src/schedule/report-source.js';
import type { Answer, Question } from '../../src/report/types.js';
import { AnswerRepository } from '../../src/store/answers.js';
import { MemberRepository } from '../../src/store/members.js';
import { OrgRepository } from '../../src/store/orgs.js';
import { ReportRepository } from '../../src/store/reports.js';
import { useStores } from '../support/stores.js';
import { bareSection, templateOf } from '../support/templates.js';

const stores = useStores('report-source');
const now = new Date('2026-01-05T02:00:00Z');

const asked: Question = { id: 'how', prompt: '怎样做的？', kind: 'text' };
const answer = (sectionId: string, value: Answer['value']): Answer => ({
  reportId: 'rep1',
  sectionId,
  questionId: 'how',
  raw: value.kind === 'skipped' ? '跳过' : '做了',
  value,
  userid: 'zhangsan',
  at: now,
});

const template = templateOf([
  {
    no: 1,
    role: 'measures',
    heading: '主要举措和成效',
    sections: [
      bareSection('1.1', '加强党的领导', { questions: [asked] }),
      bareSection('1.2', '矛盾纠纷预防化解', { questions: [asked] }),
    ],
  },
  {
    no: 2,
    role: 'shortcomings',
    heading: '存在的不足和原因',
    sections: [bareSection('2', '存在的不足和原因')],
  },
]);

let source: StoreReminderSource;
let reports: ReportRepository;
let answers: AnswerRepository;

beforeAll(async () => {
  reports = new ReportRepository(stores.mongo);
  const members = new MemberRepository(stores.mongo);
  const orgs = new OrgRepository(stores.mongo);
  answers = new AnswerRepository(stores.mongo);
  await Promise.all([reports.init(), members.init(), orgs.init(), answers.init()]);
  await orgs.create({ id: 'qs', name: '青山镇', kind: 'township' }, now);
  await orgs.setWebhookKey('qs', 'secret-key');
  await members.ensure('qs', 'zhangsan', ['official'], now);
  await members.ensure('qs', 'shuji', ['leader'], now);
  await reports.create(
    {
      id: 'rep1',
      orgId: 'qs',
      orgName: '青山镇',
      year: 2025,
      templateId: 'township',
      templateVersion: 1,
      title: '青山镇2025年法治政府建设情况报告',
      deadline: '2026-02-26',
      adminUserid: 'admin1',
      createdAt: now,
    },
    ['1.1', '1.2', '2'],
  );
  await answers.append(answer('1.1', { kind: 'text', text: '做了' }), 'op-1');
  await reports.setStatus('rep1', '1.1', 'done', 'zhangsan', now);
  await reports.assign('rep1', '1.2', 'zhangsan', now);
  source = new StoreReminderSource({
    reports,
    members,
    answers,
    orgs,
    templates: {
      get: (id, v) => (id === template.id && v === template.version ? template : undefined),
    },
  });
});

describe('StoreReminderSource on the real store', () => {
  it('reads a report as the runner needs it: labels, assignees, leaders, since', async () => {
    expect(await source.load('rep1')).toEqual({
      reportId: 'rep1',
      title: '青山镇2025年法治政府建设情况报告',
      deadline: '2026-02-26',
      paused: false,
      sections: [
        { label: '一（一）加强党的领导', done: true },
        { label: '一（二）矛盾纠纷预防化解', done: false, assignee: { userid: 'zhangsan' } },
        { label: '二、存在的不足和原因', done: false },
      ],
      leaders: ['shuji'],
      adminUserid: 'admin1',
      since: now,
    });
    expect(await source.load('missing')).toBeUndefined();
  });

  it('pauses through the report, lists active reports, and finds the group webhook', async () => {
    await source.setPaused('rep1', true);
    expect((await source.load('rep1'))!.paused).toBe(true);
    await source.setPaused('rep1', false);
    expect(await source.activeReportIds()).toEqual(['rep1']);
    expect(await source.webhookTarget('rep1')).toEqual({ id: 'qs', key: 'secret-key' });
    expect(await source.leaders('rep1')).toEqual(['shuji']);

    // 1.2's question was skipped: recorded done or not, it is still owed, so still reminded.
    await answers.append(answer('1.2', { kind: 'skipped' }), 'op-2');
    for (const id of ['1.2', '2']) await reports.setStatus('rep1', id, 'done', 'zhangsan', now);
    expect(await source.activeReportIds()).toEqual(['rep1']);
    expect((await source.load('rep1'))?.sections.map((s) => s.done)).toEqual([true, false, true]);
    await answers.append(answer('1.2', { kind: 'text', text: '无' }), 'op-3');
    expect(await source.activeReportIds()).toEqual([]);
  });
});
