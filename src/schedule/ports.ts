import type { IsoDate } from '../report/dates.js';
import type { PlannedReminder, ReminderPolicy } from './policy.js';

/** A section as a reminder names it. */
export interface ReminderSection {
  /** `一（五）矛盾纠纷预防化解`. */
  readonly label: string;
  /** Done or deliberately skipped: nobody owes it any more. */
  readonly done: boolean;
  readonly assignee?: { readonly userid: string; readonly name?: string };
}

/** What the runner needs to know about a report at the moment it reminds. */
export interface ReminderSubject {
  readonly reportId: string;
  /** The report title, without 《》. */
  readonly title: string;
  readonly deadline: IsoDate;
  readonly paused: boolean;
  readonly sections: readonly ReminderSection[];
  /** Leaders' userids: they get a short digest rather than the nagging. */
  readonly leaders: readonly string[];
  /** Mentioned for sections nobody has taken yet. */
  readonly adminUserid?: string;
  /** Reminders planned before this instant (the report did not exist yet) are not sent. */
  readonly since?: Date;
  /** The report's own reminder settings over the defaults. */
  readonly policy?: Partial<ReminderPolicy>;
}

/** Where reports come from; implemented over the store (`report-source.ts`) or by a test. */
export interface ReminderSource {
  /** Reports that may still need reminding (not archived); checked again at send time. */
  activeReportIds(): Promise<readonly string[]>;
  /** `undefined` when the report no longer exists: its reminders stop. */
  load(reportId: string): Promise<ReminderSubject | undefined>;
  setPaused(reportId: string, paused: boolean): Promise<void>;
}

/** One group message: the text and who it @-mentions (`mentioned_list`). */
export interface ReminderMessage {
  readonly text: string;
  readonly mentionedUserids: readonly string[];
}

/**
 * Where reminders go: the report's group push webhook in production, a recorder in tests.
 * Resolves once the message was accepted. A rejection with {@link ReminderNotSentError} says the
 * message certainly did not go out (the runner may retry); any other rejection is treated as
 * "may have gone out" and is never retried, so nobody is reminded twice.
 */
export interface ReminderSink {
  send(reportId: string, reminder: ReminderMessage, digestForLeaders?: string): Promise<void>;
}

/** The sink's word that nothing was delivered. */
export class ReminderNotSentError extends Error {
  constructor(
    message: string,
    /** Whether trying again later may succeed (rate limit, full queue) or not (no webhook). */
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ReminderNotSentError';
  }
}

/** What the chat layer shows for `下次提醒`. */
export interface UpcomingReminders {
  readonly reportId: string;
  readonly deadline: IsoDate;
  readonly paused: boolean;
  readonly reminders: readonly PlannedReminder[];
  /** Chinese caveats from the plan (estimated calendar, moved due day). */
  readonly notes: readonly string[];
}

export type RemindNowResult =
  | { readonly status: 'sent'; readonly mentioned: readonly string[] }
  /** Every section is done: nothing to push. */
  | { readonly status: 'nothing_owed' }
  | { readonly status: 'no_report' }
  /** Someone else pushed for this report within the same minute. */
  | { readonly status: 'duplicate' }
  | { readonly status: 'failed'; readonly error: unknown };

/** The hooks the chat engine calls; implemented by `ReminderRunner`. */
/** The chat turn that asked for an on-demand reminder. */
export interface RemindNowTurn {
  readonly key: string;
  readonly at: Date;
}

export interface ReminderHooks {
  /** The next `n` reminders after `now` (listed even while paused; `paused` says so). */
  upcoming(reportId: string, now: Date, n: number): Promise<UpcomingReminders | undefined>;
  pause(reportId: string): Promise<void>;
  /** Resumes from now on: reminders missed while paused are not sent afterwards. */
  resume(reportId: string): Promise<void>;
  /**
   * Pushes a reminder right away to everyone who owes a section, paused or not; once a minute.
   * `turn` (the chat turn that asked, its msgid and time) makes it once per turn as well: the
   * turn re-run after a crash finds its own earlier push and answers as that push did.
   */
  remindNow(reportId: string, turn?: RemindNowTurn): Promise<RemindNowResult>;
}
