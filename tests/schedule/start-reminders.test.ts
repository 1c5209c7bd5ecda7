import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReminderRunner } from '../../src/schedule/reminder-runner.js';
import { startReminders } from '../../src/schedule/start-reminders.js';
import { AnswerRepository } from '../../src/store/answers.js';
import { MemberRepository } from '../../src/store/members.js';
import { OrgRepository } from '../../src/store/orgs.js';
import { ReportRepository } from '../../src/store/reports.js';
import { SentReminderRepository } from '../../src/store/sent-reminders.js';
import {
  GroupPusher,
  RedisBrokenTargets,
  RedisRateGate,
  WebhookClient,
  WeComHttp,
} from '../../src/wecom/outbound/index.js';
import { useStores } from '../support/stores.js';
import { bareSection, templateOf } from '../support/templates.js';
import { useWeComStandin, VirtualClock } from '../support/wecom-standin.js';
import { delayedJobs, fireNext, TestClock } from './support/reminders.js';

const stores = useStores('start-reminders');
const wecomClock = new VirtualClock();
const standin = useWeComStandin({ now: wecomClock.now });
const clock = new TestClock(new Date('2026-02-09T10:00:00+08:00'));
let runner: ReminderRunner;
let key: string;

const template = templateOf(
  [
    {
      no: 2,
      role: 'shortcomings',
      heading: '存在的不足和原因',
      sections: [bareSection('2', '存在的不足和原因')],
    },
  ],
  { id: 't', titlePattern: '', joint: false },
);

beforeAll(async () => {
  const repos = {
    reports: new ReportRepository(stores.mongo),
    members: new MemberRepository(stores.mongo),
    orgs: new OrgRepository(stores.mongo),
    answers: new AnswerRepository(stores.mongo),
    sentReminders: new SentReminderRepository(stores.mongo),
  };
  await Promise.all(Object.values(repos).map((r) => r.init()));
  const created = new Date('2026-01-05T02:00:00Z');
  key = standin.current.registerKey(undefined, 'qs-group');
  await repos.orgs.create({ id: 'qs', name: '青山镇', kind: 'township' }, created);
  await repos.orgs.setWebhookKey('qs', key);
  await repos.members.ensure('qs', 'lisi', ['official'], created);
  await repos.reports.create(
    {
      id: 'rep1',
      orgId: 'qs',
      orgName: '青山镇',
      year: 2025,
      templateId: 't',
      templateVersion: 1,
      title: '青山镇2025年法治政府建设情况报告',
      deadline: '2026-02-26',
      adminUserid: 'admin1',
      createdAt: created,
    },
    ['2'],
  );
  await repos.reports.assign('rep1', '2', 'lisi', created);
  const http = new WeComHttp({ sleep: wecomClock.sleep });
  runner = await startReminders({
    redisUrl: stores.redisUrl,
    prefix: `${stores.keyPrefix}bull`,
    repos,
    templates: { get: () => template },
    pusher: new GroupPusher({
      client: new WebhookClient({ apiBase: standin.current.baseUrl, http }),
      gate: new RedisRateGate(stores.redis, { now: wecomClock.now }),
      broken: new RedisBrokenTargets(stores.redis),
      sleep: wecomClock.sleep,
      now: wecomClock.now,
    }),
    holidaysFile: 'config/holidays.yaml',
    now: clock.now,
  });
});

afterAll(async () => {
  await runner?.close();
});

describe('startReminders: store → runner → webhook', () => {
  it('schedules the report found in the store and pushes its reminder into the group', async () => {
    expect((await delayedJobs(runner)).map((j) => j.id)).toEqual(['rep1|2026-02-10|before']);
    await fireNext([runner], clock);
    expect(standin.current.webhookMessages(key)).toEqual([
      {
        msgtype: 'text',
        text: {
          content:
            '【提醒】距离《青山镇2025年法治政府建设情况报告》截止还有7个工作日（2月26日）。' +
            '尚未完成：二、存在的不足和原因（lisi）。请抓紧完成填报。',
          mentioned_list: ['lisi'],
        },
      },
    ]);
  });

  it('pauses through the report record', async () => {
    await runner.pause('rep1');
    expect((await runner.upcoming('rep1', clock.now(), 1))!.paused).toBe(true);
    await runner.resume('rep1');
    expect((await runner.upcoming('rep1', clock.now(), 1))!.paused).toBe(false);
  });
});
