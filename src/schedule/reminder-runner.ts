import { randomUUID } from 'node:crypto';
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import { errorSummary, type Logger } from '../logger.js';
import type { SentReminderKey, SentReminderRepository } from '../store/sent-reminders.js';
import { bullmqConnection } from './bullmq-connection.js';
import type { WorkCalendar } from './calendar.js';
import { decide, recordKey, type Wake } from './catch-up.js';
import { addDays, shanghaiDate, shanghaiTime, type IsoDate } from '../report/dates.js';
import { planReminders, resolvePolicy, standing, type PlannedReminder } from './policy.js';
import {
  ReminderNotSentError,
  type ReminderHooks,
  type ReminderSink,
  type ReminderSource,
  type ReminderSubject,
  type RemindNowResult,
  type RemindNowTurn,
  type UpcomingReminders,
} from './ports.js';
import { composeLeaderDigest, composeReminder, digestDue } from './reminder-text.js';

export interface ReminderRunnerOptions {
  /** The shared Redis (`REDIS_URL`). */
  readonly redisUrl: string;
  /** BullMQ key prefix; tests give each file its own. */
  readonly prefix?: string;
  readonly queueName?: string;
  readonly records: SentReminderRepository;
  readonly source: ReminderSource;
  readonly sink: ReminderSink;
  readonly calendar: WorkCalendar;
  /** The clock; tests move it instead of waiting. */
  readonly now?: () => Date;
  /** Names this instance in sent-records and logs. */
  readonly instanceId?: string;
  readonly log?: Logger;
  /** `HH:MM`: no reminder (a held-back catch-up included) goes out at or after this. */
  readonly sendUntil?: string;
  /** How far back a wake-up looks for missed reminders. */
  readonly lookbackDays?: number;
  /** BullMQ attempts for a send WeCom did not take (rate limit, full queue), and the backoff. */
  readonly retry?: { readonly attempts: number; readonly backoffMs: number };
}

/** What one wake-up did, for logs and tests. */
export interface WakeOutcome {
  readonly reportId: string;
  /** The report is gone: its reminders stop. */
  readonly gone?: true;
  readonly sent?: {
    readonly date: IsoDate;
    readonly kind: PlannedReminder['kind'];
    readonly text: string;
    readonly mentioned: readonly string[];
  };
  readonly skipped: readonly { date: IsoDate; kind: string; reason: string }[];
  readonly failed?: { date: IsoDate; kind: string; reason: string; retryable: boolean };
  readonly next?: Wake;
}

interface WakeJobData {
  readonly reportId: string;
  readonly date: IsoDate;
  readonly kind: string;
  /** ISO instant the job is meant for; a job run early is put back (clock skew, manual promote). */
  readonly at: string;
}

type WakeMode = 'normal' | 'resume';
type JobListener = (event: { jobId: string; outcome?: WakeOutcome; error?: Error }) => void;

const JOB_NAME = 'wake';

/**
 * Sends each active report's reminders through BullMQ on the shared Redis. Each report has one
 * delayed "wake" job at a time, for its next planned reminder; the job id is derived from
 * report, date and kind, so scheduling twice (two instances, a restart) adds it once.
 *
 * A wake-up re-reads the report, re-plans, and lets {@link decide} say what to send: at most the
 * latest due reminder, worded for today. Sending is claimed first in `sent_reminders` (unique per
 * report, date and kind), so two instances, a retried job or a restart never send twice.
 */
export class ReminderRunner implements ReminderHooks {
  readonly #queue: Queue<WakeJobData>;
  #worker: Worker<WakeJobData, WakeOutcome> | undefined;
  readonly #now: () => Date;
  readonly #id: string;
  readonly #sendUntil: string;
  readonly #lookbackDays: number;
  readonly #retry: { attempts: number; backoffMs: number };
  readonly #listeners = new Set<JobListener>();

  readonly #options: ReminderRunnerOptions;

  constructor(options: ReminderRunnerOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#id = options.instanceId ?? `runner-${randomUUID().slice(0, 8)}`;
    this.#sendUntil = options.sendUntil ?? '18:00';
    this.#lookbackDays = options.lookbackDays ?? 30;
    this.#retry = options.retry ?? { attempts: 3, backoffMs: 60_000 };
    this.#queue = new Queue<WakeJobData>(options.queueName ?? 'reminders', {
      connection: bullmqConnection(options.redisUrl),
      prefix: options.prefix ?? 'bull',
    });
    this.#queue.on('error', (err) =>
      this.#options.log?.warn({ err: err.message }, 'reminder queue error'),
    );
  }

  get instanceId(): string {
    return this.#id;
  }

  /** Starts the worker, then wakes every active report once: catch-up and the next job. */
  async start(): Promise<WakeOutcome[]> {
    if (!this.#worker) {
      const worker = new Worker<WakeJobData, WakeOutcome>(
        this.#queue.name,
        (job, token) => this.#process(job, token),
        {
          connection: bullmqConnection(this.#options.redisUrl),
          prefix: this.#options.prefix ?? 'bull',
          concurrency: 4,
        },
      );
      worker.on('completed', (job, outcome) => this.#emit({ jobId: job.id ?? '', outcome }));
      worker.on('failed', (job, error) => this.#emit({ jobId: job?.id ?? '', error }));
      worker.on('error', (err) =>
        this.#options.log?.warn({ err: err.message }, 'reminder worker error'),
      );
      this.#worker = worker;
      await worker.waitUntilReady();
    }
    const ids = await this.#options.source.activeReportIds();
    const outcomes: WakeOutcome[] = [];
    for (const reportId of ids) {
      try {
        outcomes.push(await this.refresh(reportId));
      } catch (err) {
        // One unreadable report must not keep the others from being reminded.
        this.#options.log?.error({ reportId, err }, 'reminder refresh failed');
      }
    }
    return outcomes;
  }

  async close(): Promise<void> {
    await this.#worker?.close();
    await this.#queue.close();
  }

  /**
   * Wakes one report now: sends a missed reminder if one is due, and schedules the next. Call it
   * when a report is created or its deadline or sections change.
   */
  async refresh(reportId: string): Promise<WakeOutcome> {
    const outcome = await this.#wake(reportId, 'normal');
    if (outcome.failed?.retryable) {
      // Not inside a job, so BullMQ cannot retry it: a one-off wake-up a little later does.
      const at = new Date(this.#now().getTime() + this.#retry.backoffMs);
      await this.#schedule(reportId, { at, date: shanghaiDate(at), kind: 'catchup' });
    }
    return outcome;
  }

  /** Called after each job this instance ran; returns the unsubscribe function. */
  onJobDone(listener: JobListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The BullMQ queue, for operators and tests (inspect or promote delayed jobs). */
  get jobs(): Queue<WakeJobData> {
    return this.#queue;
  }

  async upcoming(reportId: string, now: Date, n: number): Promise<UpcomingReminders | undefined> {
    const subject = await this.#options.source.load(reportId);
    if (!subject) return undefined;
    const plan = this.#plan(subject, shanghaiDate(now));
    return {
      reportId,
      deadline: subject.deadline,
      paused: subject.paused,
      reminders: plan.filter((r) => r.at > now).slice(0, Math.max(0, n)),
      notes: plan.notes,
    };
  }

  async pause(reportId: string): Promise<void> {
    await this.#options.source.setPaused(reportId, true);
  }

  async resume(reportId: string): Promise<void> {
    await this.#options.source.setPaused(reportId, false);
    await this.#wake(reportId, 'resume');
  }

  async remindNow(reportId: string, turn?: RemindNowTurn): Promise<RemindNowResult> {
    const subject = await this.#options.source.load(reportId);
    if (!subject) return { status: 'no_report' };
    const now = this.#now();
    const today = shanghaiDate(now);
    const message = composeReminder(
      subject,
      standing(today, subject.deadline, this.#options.calendar),
      today,
    );
    if (!message) return { status: 'nothing_owed' };
    // The minute of the asking turn, not of this run: a re-run after a crash lands on the same
    // record, and its claimant names the turn, so the re-run can tell its own push from another's.
    const asked = turn?.at ?? now;
    const key: SentReminderKey = {
      reportId,
      date: `${shanghaiDate(asked)}T${shanghaiTime(asked)}`,
      kind: 'manual',
    };
    const by = turn ? `turn:${turn.key}` : this.#id;
    const records = this.#options.records;
    if (!(await records.claim(key, by, now))) {
      const earlier = turn ? await records.get(key) : undefined;
      if (earlier?.by === by && earlier.status === 'sent') {
        return { status: 'sent', mentioned: earlier.mentioned ?? [] };
      }
      return { status: 'duplicate' };
    }
    try {
      await this.#options.sink.send(reportId, message);
    } catch (error) {
      if (error instanceof ReminderNotSentError) await records.release(key, by);
      else await records.markFailed(key, by, `uncertain: ${errorSummary(error)}`);
      this.#options.log?.warn({ reportId, err: error }, 'on-demand reminder failed');
      return { status: 'failed', error };
    }
    await records.markSent(key, by, this.#now(), message.mentionedUserids);
    return { status: 'sent', mentioned: message.mentionedUserids };
  }

  async #process(job: Job<WakeJobData>, token?: string): Promise<WakeOutcome> {
    const early = Date.parse(job.data.at) - this.#now().getTime();
    if (early > 0) {
      await job.moveToDelayed(Date.now() + early, token);
      throw new DelayedError();
    }
    const outcome = await this.#wake(job.data.reportId, 'normal');
    if (outcome.failed?.retryable) {
      // BullMQ retries with backoff; the claim was released, so the retry may send it.
      throw new Error(`reminder not sent, will retry: ${outcome.failed.reason}`);
    }
    const next = outcome.next;
    if (next && wakeJobId(job.data.reportId, next) === job.id) {
      // The plan moved this very reminder later (its time changed): adding it again would be
      // ignored while this job is active, so this job waits for the new time itself.
      await job.updateData({ ...job.data, at: next.at.toISOString() });
      await job.moveToDelayed(Date.now() + (next.at.getTime() - this.#now().getTime()), token);
      throw new DelayedError();
    }
    return outcome;
  }

  /** One wake-up of one report; see the class comment. */
  async #wake(reportId: string, mode: WakeMode): Promise<WakeOutcome> {
    const { source, records, calendar, log } = this.#options;
    const subject = await source.load(reportId);
    if (!subject) return { reportId, gone: true, skipped: [] };
    const now = this.#now();
    const today = shanghaiDate(now);
    const sinceDate = subject.since ? shanghaiDate(subject.since) : '';
    const lookback = addDays(today, -this.#lookbackDays);
    const from = sinceDate > lookback ? sinceDate : lookback;
    const plan = this.#plan(subject, from).filter((r) => !subject.since || r.at >= subject.since);
    const recorded = new Set((await records.ofReport(reportId, from)).map(recordKey));
    const policy = resolvePolicy(subject.policy);
    const decision = decide({
      plan,
      recorded,
      now,
      calendar,
      window: {
        from: policy.time,
        until: this.#sendUntil > policy.time ? this.#sendUntil : '24:00',
      },
    });
    // Schedule before sending: a failed send must not break the chain of wake-ups.
    if (decision.wake) await this.#schedule(reportId, decision.wake);

    const skipped: { date: IsoDate; kind: string; reason: string }[] = [];
    const skip = async (r: PlannedReminder, reason: string) => {
      const key = { reportId, date: r.date, kind: r.kind };
      if (await records.skip(key, this.#id, now, reason, r.at)) {
        skipped.push({ date: r.date, kind: r.kind, reason });
      }
    };
    const quiet = mode === 'resume' || subject.paused;
    for (const r of decision.stale) await skip(r, quiet ? 'paused' : 'stale');
    const base = { reportId, skipped, ...(decision.wake ? { next: decision.wake } : {}) };
    const due = decision.send;
    if (!due) return base;
    if (quiet) {
      await skip(due, 'paused');
      return base;
    }
    const stand = standing(today, subject.deadline, calendar) ?? due;
    const message = composeReminder(subject, stand, today);
    if (!message) {
      await skip(due, 'nothing owed');
      return base;
    }
    const key: SentReminderKey = { reportId, date: due.date, kind: due.kind };
    if (!(await records.claim(key, this.#id, now, due.at))) return base;
    const digest = digestDue(stand) ? composeLeaderDigest(subject, stand) : undefined;
    try {
      await this.#options.sink.send(reportId, message, digest);
    } catch (error) {
      const reason = errorSummary(error);
      const certain = error instanceof ReminderNotSentError;
      const retryable = certain && error.retryable;
      if (retryable) await records.release(key, this.#id);
      else
        await records.markFailed(key, this.#id, `${certain ? 'not sent' : 'uncertain'}: ${reason}`);
      log?.warn(
        { reportId, date: due.date, kind: due.kind, err: reason, retryable },
        'reminder failed',
      );
      return { ...base, failed: { date: due.date, kind: due.kind, reason, retryable } };
    }
    await records.markSent(key, this.#id, this.#now(), message.mentionedUserids);
    log?.info({ reportId, date: due.date, kind: due.kind }, 'reminder sent');
    return {
      ...base,
      sent: {
        date: due.date,
        kind: due.kind,
        text: message.text,
        mentioned: message.mentionedUserids,
      },
    };
  }

  #plan(subject: ReminderSubject, from: IsoDate) {
    return planReminders({
      deadline: subject.deadline,
      from,
      calendar: this.#options.calendar,
      ...(subject.policy ? { policy: subject.policy } : {}),
    });
  }

  async #schedule(reportId: string, wake: Wake): Promise<void> {
    const delay = Math.max(0, wake.at.getTime() - this.#now().getTime());
    await this.#queue.add(
      JOB_NAME,
      { reportId, date: wake.date, kind: wake.kind, at: wake.at.toISOString() },
      {
        jobId: wakeJobId(reportId, wake),
        delay,
        attempts: this.#retry.attempts,
        backoff: { type: 'exponential', delay: this.#retry.backoffMs },
        // Gone once done, so the id can serve again if a changed plan brings the same day back.
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }

  #emit(event: Parameters<JobListener>[0]): void {
    for (const listener of this.#listeners) listener(event);
  }
}

/** `report|2026-02-24|before`; BullMQ refuses `:` in custom ids, so the report id is encoded. */
export function wakeJobId(reportId: string, wake: Pick<Wake, 'date' | 'kind'>): string {
  return `${encodeURIComponent(reportId)}|${wake.date}|${wake.kind}`;
}
