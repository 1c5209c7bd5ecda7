import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/schedule/calendar.js';
import { ReminderNotSentError } from '../../src/schedule/ports.js';
import { ReminderRunner, wakeJobId } from '../../src/schedule/reminder-runner.js';
import { SentReminderRepository } from '../../src/store/sent-reminders.js';
import { useStores } from '../support/stores.js';
import {
  delayedJobs,
  fireNext,
  jobDone,
  RecordingSink,
  subject,
  TestClock,
  TestSource,
} from './support/reminders.js';

const stores = useStores('reminder-runner');
const calendar = new WorkCalendar();
let records: SentReminderRepository;
let queueNo = 0;
const open: ReminderRunner[] = [];

beforeAll(async () => {
  records = new SentReminderRepository(stores.mongo);
  await records.init();
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

/** A runner on the file's Redis prefix; `queue` lets instances share (or not share) a queue. */
function runner(
  parts: { source: TestSource; sink: RecordingSink; clock: TestClock },
  queue: string,
  instanceId = 'a',
): ReminderRunner {
  const r = new ReminderRunner({
    redisUrl: stores.redisUrl,
    prefix: `${stores.keyPrefix}bull`,
    queueName: queue,
    records,
    source: parts.source,
    sink: parts.sink,
    calendar,
    now: parts.clock.now,
    instanceId,
  });
  open.push(r);
  return r;
}

function setup(reportId: string, at = '2026-02-09T10:00:00+08:00') {
  const source = new TestSource();
  source.add(subject(reportId));
  return {
    source,
    sink: new RecordingSink(),
    clock: new TestClock(new Date(at)),
    queue: `q${++queueNo}`,
  };
}

describe('ReminderRunner firing a plan', () => {
  it('sends each planned reminder at its time, to those who still owe sections', async () => {
    const parts = setup('r-plan');
    const a = runner(parts, parts.queue);
    const [started] = await a.start();
    expect(started!.sent).toBeUndefined();
    expect((await delayedJobs(a)).map((j) => j.id)).toEqual(['r-plan|2026-02-10|before']);

    const first = await fireNext([a], parts.clock);
    expect(first.outcome!.sent).toMatchObject({ date: '2026-02-10', kind: 'before' });
    expect(parts.sink.sent).toHaveLength(1);
    expect(parts.sink.sent[0]!.reminder).toEqual({
      text:
        '【提醒】距离《青山镇2025年法治政府建设情况报告》截止还有7个工作日（2月26日）。' +
        '尚未完成：一（五）矛盾纠纷预防化解（张三）、一（六）法治宣传教育（李四）、二、存在的不足和原因（未认领）。请抓紧完成填报。',
      mentionedUserids: ['zhangsan', 'lisi', 'admin1'],
    });
    expect(parts.sink.sent[0]!.digest).toBeUndefined();

    // The make-up Saturday of the 2026 Spring Festival is 3 working days before.
    parts.source.finish('r-plan', '一（六）法治宣传教育');
    const second = await fireNext([a], parts.clock);
    expect(second.job.id).toBe('r-plan|2026-02-14|before');
    expect(parts.sink.sent[1]!.reminder.text).toContain('截止还有3个工作日（2月26日）');
    expect(parts.sink.sent[1]!.reminder.mentionedUserids).toEqual(['zhangsan', 'admin1']);

    await fireNext([a], parts.clock);
    expect(parts.sink.sent[2]!.reminder.text).toContain('截止还有1个工作日');

    const due = await fireNext([a], parts.clock);
    expect(due.job.id).toBe('r-plan|2026-02-26|due');
    expect(parts.sink.sent[3]!.reminder.text).toMatch(
      /^【提醒】《青山镇2025年法治政府建设情况报告》今天（2月26日）截止。/,
    );
    expect(parts.sink.sent[3]!.digest).toBe(
      '【进度】《青山镇2025年法治政府建设情况报告》截止2月26日，今天是最后一个工作日：共4项，已完成2项，未完成2项：' +
        '一（五）矛盾纠纷预防化解、二、存在的不足和原因。',
    );

    const late = await fireNext([a], parts.clock);
    expect(late.job.id).toBe('r-plan|2026-02-27|overdue');
    expect(parts.sink.sent[4]!.reminder.text).toContain('已超过截止日期（2月26日）1个工作日');
    expect((await delayedJobs(a)).map((j) => j.id)).toEqual(['r-plan|2026-02-28|overdue']);

    const sent = await records.ofReport('r-plan');
    expect(sent.map((r) => `${r.date} ${r.kind} ${r.status}`)).toEqual([
      '2026-02-10 before sent',
      '2026-02-14 before sent',
      '2026-02-25 before sent',
      '2026-02-26 due sent',
      '2026-02-27 overdue sent',
    ]);
  });

  it('schedules idempotently: a second refresh adds no second job', async () => {
    const parts = setup('r-idem');
    const a = runner(parts, parts.queue);
    await a.start();
    await a.refresh('r-idem');
    await a.refresh('r-idem');
    expect((await delayedJobs(a)).map((j) => j.id)).toEqual(['r-idem|2026-02-10|before']);
  });

  it('puts back a job that runs before its time', async () => {
    const parts = setup('r-early');
    const a = runner(parts, parts.queue);
    await a.start();
    const [job] = await delayedJobs(a);
    // Promote without moving the clock: the wake-up is early and must not send.
    await job!.promote();
    await expect.poll(async () => (await delayedJobs(a)).map((j) => j.id)).toEqual([job!.id]);
    expect(parts.sink.sent).toHaveLength(0);
  });
  it('keeps the chain when a reminder’s time moves later after it was scheduled', async () => {
    const parts = setup('r-moved');
    const a = runner(parts, parts.queue);
    await a.start();
    // The report's reminders move from 09:30 to 15:00 after the 10 Feb job was scheduled.
    const s = parts.source.subjects.get('r-moved')!;
    parts.source.add({ ...s, policy: { time: '15:00' } });
    const early = await delayedJobs(a);
    parts.clock.set(early[0]!.data.at as string);
    await early[0]!.promote();
    await expect
      .poll(async () => (await delayedJobs(a)).map((j) => `${j.id} ${j.data.at}`))
      .toEqual(['r-moved|2026-02-10|before 2026-02-10T07:00:00.000Z']);
    expect(parts.sink.sent).toHaveLength(0);
    const fired = await fireNext([a], parts.clock);
    expect(fired.outcome!.sent).toMatchObject({ date: '2026-02-10', kind: 'before' });
  });
});

describe('ReminderRunner exactly once', () => {
  it('two instances sharing Redis and Mongo send a missed reminder once, and each later one once', async () => {
    const parts = setup('r-two', '2026-02-10T11:00:00+08:00');
    const a = runner(parts, parts.queue, 'a');
    const b = runner(parts, parts.queue, 'b');
    const outcomes = await Promise.all([a.start(), b.start()]);
    expect(parts.sink.sent).toHaveLength(1);
    expect(outcomes.flat().filter((o) => o.sent)).toHaveLength(1);
    expect((await delayedJobs(a)).map((j) => j.id)).toEqual(['r-two|2026-02-14|before']);

    await fireNext([a, b], parts.clock);
    await Promise.all([a.refresh('r-two'), b.refresh('r-two')]);
    expect(parts.sink.sent.map((m) => m.reminder.text.slice(0, 40))).toHaveLength(2);
    const recs = await records.ofReport('r-two');
    expect(recs.map((r) => `${r.date} ${r.status}`)).toEqual([
      '2026-02-10 sent',
      '2026-02-14 sent',
    ]);
  });

  it('a restart after downtime sends the latest missed reminder once, not a burst', async () => {
    const parts = setup('r-restart');
    const before = runner(parts, parts.queue, 'before-restart');
    await before.start();
    await before.close();
    open.splice(open.indexOf(before), 1);

    // Down from 9 Feb until 25 Feb 10:00: missed 10 Feb, 14 Feb and 25 Feb 09:30.
    parts.clock.set('2026-02-25T10:00:00+08:00');
    const after = runner(parts, parts.queue, 'after-restart');
    const [outcome] = await after.start();
    expect(parts.sink.sent).toHaveLength(1);
    expect(parts.sink.sent[0]!.reminder.text).toContain('截止还有1个工作日');
    expect(outcome!.skipped.map((s) => `${s.date} ${s.reason}`)).toEqual([
      '2026-02-10 stale',
      '2026-02-14 stale',
    ]);

    // The job left from before the downtime fires late: it finds nothing left to send.
    const old = (await delayedJobs(after)).find((j) => j.id === 'r-restart|2026-02-10|before')!;
    const done = jobDone([after], old.id!);
    await old.promote();
    expect((await done).outcome!.sent).toBeUndefined();
    expect(parts.sink.sent).toHaveLength(1);
  });

  it('holds a reminder missed overnight until the next working morning', async () => {
    const parts = setup('r-night', '2026-02-10T20:00:00+08:00');
    const a = runner(parts, parts.queue);
    const [outcome] = await a.start();
    expect(parts.sink.sent).toHaveLength(0);
    expect(outcome!.next).toMatchObject({ date: '2026-02-11', kind: 'catchup' });

    const morning = await fireNext([a], parts.clock);
    expect(morning.job.id).toBe('r-night|2026-02-11|catchup');
    expect(parts.sink.sent).toHaveLength(1);
    // Worded for the day it goes out: 12, 13, 14 (Saturday worked), 24, 25, 26 Feb.
    expect(parts.sink.sent[0]!.reminder.text).toContain('截止还有6个工作日');
    expect(
      (await records.get({ reportId: 'r-night', date: '2026-02-10', kind: 'before' }))?.status,
    ).toBe('sent');
  });

  it('releases the claim when the sink certainly did not send, and never retries an uncertain send', async () => {
    const parts = setup('r-fail', '2026-02-10T09:30:00+08:00');
    const a = runner(parts, parts.queue);
    parts.sink.failWith = () => new ReminderNotSentError('rate limited', true);
    const [failed] = await a.start();
    expect(failed!.failed).toMatchObject({ date: '2026-02-10', retryable: true });
    expect(
      await records.get({ reportId: 'r-fail', date: '2026-02-10', kind: 'before' }),
    ).toBeUndefined();
    expect((await delayedJobs(a)).map((j) => j.id)).toContain('r-fail|2026-02-10|catchup');

    parts.sink.failWith = () => new Error('socket hang up');
    const [uncertain] = await Promise.all([a.refresh('r-fail')]);
    expect(uncertain.failed).toMatchObject({ retryable: false });
    const record = await records.get({ reportId: 'r-fail', date: '2026-02-10', kind: 'before' });
    expect(record).toMatchObject({ status: 'failed' });
    expect(record!.reason).toMatch(/^uncertain: /);

    parts.sink.failWith = undefined;
    await a.refresh('r-fail');
    expect(parts.sink.sent).toHaveLength(0);
  });
});

describe('ReminderRunner pause, nothing owed, hooks', () => {
  it('sends nothing while paused, and resumes from the next reminder', async () => {
    const parts = setup('r-pause');
    const a = runner(parts, parts.queue);
    await a.start();
    await a.pause('r-pause');
    const paused = await fireNext([a], parts.clock);
    expect(paused.outcome!.skipped).toEqual([
      { date: '2026-02-10', kind: 'before', reason: 'paused' },
    ]);
    expect(parts.sink.sent).toHaveLength(0);

    // Down over 14 Feb 09:30 while paused, back at noon: resuming does not send it afterwards.
    parts.clock.set('2026-02-14T12:00:00+08:00');
    await a.resume('r-pause');
    expect(parts.sink.sent).toHaveLength(0);
    expect(
      (await records.get({ reportId: 'r-pause', date: '2026-02-14', kind: 'before' }))?.reason,
    ).toBe('paused');
    const jobs = await delayedJobs(a);
    expect(jobs.map((j) => j.id)).toEqual([
      'r-pause|2026-02-14|before', // left from before; fires late and finds nothing to do
      wakeJobId('r-pause', { date: '2026-02-25', kind: 'before' }),
    ]);
    const late = jobDone([a], jobs[0]!.id!);
    await jobs[0]!.promote();
    expect((await late).outcome!.sent).toBeUndefined();

    const resumed = await fireNext([a], parts.clock);
    expect(resumed.job.id).toBe('r-pause|2026-02-25|before');
    expect(parts.sink.sent).toHaveLength(1);
  });

  it('sends nothing once every section is done', async () => {
    const parts = setup('r-done');
    const s = parts.source.subjects.get('r-done')!;
    parts.source.add({ ...s, sections: s.sections.map((x) => ({ ...x, done: true })) });
    const a = runner(parts, parts.queue);
    await a.start();
    const fired = await fireNext([a], parts.clock);
    expect(fired.outcome!.skipped).toEqual([
      { date: '2026-02-10', kind: 'before', reason: 'nothing owed' },
    ]);
    expect(parts.sink.sent).toHaveLength(0);
  });

  it('remindNow pushes to everyone who owes a section, once per minute, paused or not', async () => {
    const parts = setup('r-now', '2026-02-12T15:20:00+08:00');
    const a = runner(parts, parts.queue);
    await a.pause('r-now');
    expect(await a.remindNow('r-now')).toEqual({
      status: 'sent',
      mentioned: ['zhangsan', 'lisi', 'admin1'],
    });
    expect(parts.sink.sent[0]!.reminder.text).toContain('截止还有5个工作日（2月26日）');
    expect(await a.remindNow('r-now')).toEqual({ status: 'duplicate' });
    expect(await a.remindNow('missing')).toEqual({ status: 'no_report' });
    parts.clock.set('2026-02-15T10:00:00+08:00'); // a day off: the text gives the date only
    expect(await a.remindNow('r-now')).toMatchObject({ status: 'sent' });
    expect(parts.sink.sent[1]!.reminder.text).toMatch(
      /^【提醒】《青山镇2025年法治政府建设情况报告》截止日期为2月26日。/,
    );
  });

  it('remindNow asked by a chat turn pushes once for that turn, even when the turn runs again later', async () => {
    const parts = setup('r-turn', '2026-02-12T15:20:00+08:00');
    const a = runner(parts, parts.queue);
    const turn = { key: 'msg-remind-1', at: parts.clock.now() };
    const first = await a.remindNow('r-turn', turn);
    expect(first).toEqual({ status: 'sent', mentioned: ['zhangsan', 'lisi', 'admin1'] });
    // The turn is re-run after its owner died, two minutes on: it answers as the first run did.
    parts.clock.set('2026-02-12T15:22:30+08:00');
    expect(await a.remindNow('r-turn', turn)).toEqual(first);
    expect(parts.sink.sent).toHaveLength(1);
    // Another turn in the same minute as the first is still told it was just done.
    expect(await a.remindNow('r-turn', { key: 'msg-remind-2', at: turn.at })).toEqual({
      status: 'duplicate',
    });
    // A new turn later pushes again.
    expect(
      await a.remindNow('r-turn', { key: 'msg-remind-3', at: parts.clock.now() }),
    ).toMatchObject({ status: 'sent' });
    expect(parts.sink.sent).toHaveLength(2);
  });

  it('upcoming lists the next reminders after now', async () => {
    const parts = setup('r-up', '2026-02-14T09:30:00+08:00');
    const a = runner(parts, parts.queue);
    const up = await a.upcoming('r-up', parts.clock.now(), 3);
    expect(up!.paused).toBe(false);
    expect(up!.reminders.map((r) => `${r.date} ${r.kind} ${r.daysLeft}`)).toEqual([
      '2026-02-25 before 1',
      '2026-02-26 due 0',
      '2026-02-27 overdue -1',
    ]);
    expect(await a.upcoming('missing', parts.clock.now(), 3)).toBeUndefined();
  });
});
