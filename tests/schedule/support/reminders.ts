import type { Job } from 'bullmq';
import type {
  ReminderMessage,
  ReminderSection,
  ReminderSink,
  ReminderSource,
  ReminderSubject,
} from '../../../src/schedule/ports.js';
import type { ReminderRunner, WakeOutcome } from '../../../src/schedule/reminder-runner.js';

/** A movable clock: tests set the time instead of waiting for it. */
export class TestClock {
  constructor(private current: Date) {}
  readonly now = (): Date => new Date(this.current);
  set(instant: string | Date): void {
    this.current = new Date(instant);
  }
}

/** Reports held in memory: the report domain is not what these tests are about. */
export class TestSource implements ReminderSource {
  readonly subjects = new Map<string, ReminderSubject>();

  add(subject: ReminderSubject): void {
    this.subjects.set(subject.reportId, subject);
  }

  finish(reportId: string, label: string): void {
    const s = this.subjects.get(reportId)!;
    this.subjects.set(reportId, {
      ...s,
      sections: s.sections.map((x) => (x.label === label ? { ...x, done: true } : x)),
    });
  }

  async activeReportIds(): Promise<string[]> {
    return [...this.subjects.keys()];
  }

  async load(reportId: string): Promise<ReminderSubject | undefined> {
    return this.subjects.get(reportId);
  }

  async setPaused(reportId: string, paused: boolean): Promise<void> {
    const s = this.subjects.get(reportId);
    if (s) this.subjects.set(reportId, { ...s, paused });
  }
}

export interface SentMessage {
  readonly reportId: string;
  readonly reminder: ReminderMessage;
  readonly digest?: string;
}

/** Records what would have gone to the group; can be told to fail the next sends. */
export class RecordingSink implements ReminderSink {
  readonly sent: SentMessage[] = [];
  failWith: (() => Error) | undefined;

  async send(reportId: string, reminder: ReminderMessage, digest?: string): Promise<void> {
    if (this.failWith) throw this.failWith();
    this.sent.push({ reportId, reminder, ...(digest ? { digest } : {}) });
  }
}

export const SECTIONS: readonly ReminderSection[] = [
  { label: '一（一）加强党的领导', done: true, assignee: { userid: 'wangwu', name: '王五' } },
  {
    label: '一（五）矛盾纠纷预防化解',
    done: false,
    assignee: { userid: 'zhangsan', name: '张三' },
  },
  { label: '一（六）法治宣传教育', done: false, assignee: { userid: 'lisi', name: '李四' } },
  { label: '二、存在的不足和原因', done: false },
];

export function subject(
  reportId: string,
  overrides: Partial<ReminderSubject> = {},
): ReminderSubject {
  return {
    reportId,
    title: '青山镇2025年法治政府建设情况报告',
    deadline: '2026-02-26',
    paused: false,
    sections: SECTIONS,
    leaders: ['shuji'],
    adminUserid: 'admin1',
    ...overrides,
  };
}

/** The delayed wake-up jobs of the runner's queue, earliest first. */
export async function delayedJobs(runner: ReminderRunner): Promise<Job[]> {
  const jobs = await runner.jobs.getDelayed();
  return jobs.sort((a, b) => Date.parse(a.data.at) - Date.parse(b.data.at));
}

/** Resolves when any of the runners has finished the job with this id. */
export function jobDone(
  runners: readonly ReminderRunner[],
  jobId: string,
): Promise<{ outcome?: WakeOutcome; error?: Error }> {
  return new Promise((resolve) => {
    const stops = runners.map((r) =>
      r.onJobDone((event) => {
        if (event.jobId !== jobId) return;
        for (const stop of stops) stop();
        resolve(event);
      }),
    );
  });
}

/**
 * Moves the clock to the earliest delayed job's time and runs it now (BullMQ's promote), as if
 * the time had come. Returns what the wake-up did.
 */
export async function fireNext(
  runners: readonly ReminderRunner[],
  clock: TestClock,
): Promise<{ job: Job; outcome?: WakeOutcome; error?: Error }> {
  const [job] = await delayedJobs(runners[0]!);
  if (!job) throw new Error('no delayed job to fire');
  clock.set(job.data.at as string);
  const done = jobDone(runners, job.id!);
  await job.promote();
  return { job, ...(await done) };
}
