import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKey } from './duplicates.js';

/** A planned reminder's kind, or `manual` for one an admin asked for (`remindNow`). */
export type SentReminderKind = 'before' | 'due' | 'overdue' | 'manual';

/**
 * `claimed`: an instance took it and is sending (or crashed while sending: never retried, since
 * it may have gone out). `sent`: WeCom accepted it. `failed`: the send failed in a way that may
 * or may not have delivered it, or can never succeed; not retried. `skipped`: deliberately not
 * sent (stale after downtime, paused, nothing owed).
 */
export type SentReminderStatus = 'claimed' | 'sent' | 'failed' | 'skipped';

/** One reminder of one report: what the unique index keys on. */
export interface SentReminderKey {
  readonly reportId: string;
  /** `YYYY-MM-DD` (Asia/Shanghai); for `manual`, the minute `YYYY-MM-DDTHH:mm`. */
  readonly date: string;
  readonly kind: SentReminderKind;
}

export interface SentReminderRecord extends SentReminderKey {
  readonly status: SentReminderStatus;
  /** The instant it was planned for. */
  readonly plannedAt?: Date;
  /** Which runner instance claimed or skipped it; for a 立即提醒, the turn that asked (`turn:<msgid>`). */
  readonly by: string;
  readonly claimedAt: Date;
  readonly sentAt?: Date;
  /** Why skipped or failed, in English for the logs: `stale`, `paused`, `nothing owed` … */
  readonly reason?: string;
  readonly mentioned?: readonly string[];
}

interface SentReminderDoc {
  reportId: string;
  date: string;
  kind: SentReminderKind;
  status: SentReminderStatus;
  plannedAt?: Date;
  by: string;
  claimedAt: Date;
  sentAt?: Date;
  reason?: string;
  mentioned?: string[];
}

/**
 * The `sent_reminders` collection: at most one document per (report, date, kind), so a reminder
 * goes out at most once across restarts and instances. Claiming is an insert that the unique
 * index decides, because FerretDB v1 enforces unique keys but does not make a guarded update
 * atomic under concurrency. Every later write touches only the claimant's own document.
 */
export class SentReminderRepository {
  readonly #records: Model<SentReminderDoc>;

  constructor(conn: Connection) {
    const schema = new Schema<SentReminderDoc>(
      {
        reportId: { type: String, required: true },
        date: { type: String, required: true },
        kind: { type: String, required: true },
        status: { type: String, required: true },
        plannedAt: Date,
        by: { type: String, required: true },
        claimedAt: { type: Date, required: true },
        sentAt: Date,
        reason: String,
        mentioned: { type: [String], default: undefined },
      },
      { collection: 'sent_reminders', versionKey: false },
    );
    schema.index({ reportId: 1, date: 1, kind: 1 }, { unique: true });
    this.#records =
      (conn.models.SentReminder as Model<SentReminderDoc>) ??
      conn.model<SentReminderDoc>('SentReminder', schema);
  }

  async init(): Promise<void> {
    await this.#records.init();
  }

  /** Takes the reminder for sending. True for exactly one caller per key, ever. */
  async claim(key: SentReminderKey, by: string, now: Date, plannedAt?: Date): Promise<boolean> {
    return this.#insert({ ...key, status: 'claimed', by, claimedAt: now, plannedAt });
  }

  /** Records a reminder that will not be sent. False when it was already claimed or recorded. */
  async skip(
    key: SentReminderKey,
    by: string,
    now: Date,
    reason: string,
    plannedAt?: Date,
  ): Promise<boolean> {
    return this.#insert({ ...key, status: 'skipped', by, claimedAt: now, reason, plannedAt });
  }

  async markSent(
    key: SentReminderKey,
    by: string,
    now: Date,
    mentioned: readonly string[],
  ): Promise<void> {
    await this.#records.updateOne(
      { ...key, by, status: 'claimed' },
      { $set: { status: 'sent', sentAt: now, mentioned: [...mentioned] } },
    );
  }

  async markFailed(key: SentReminderKey, by: string, reason: string): Promise<void> {
    await this.#records.updateOne(
      { ...key, by, status: 'claimed' },
      { $set: { status: 'failed', reason } },
    );
  }

  /**
   * Gives a claim back after a send that certainly did not reach WeCom, so a retry may claim it
   * again. Only the claimant's own, still-claimed document is removed.
   */
  async release(key: SentReminderKey, by: string): Promise<void> {
    await this.#records.deleteOne({ ...key, by, status: 'claimed' });
  }

  async get(key: SentReminderKey): Promise<SentReminderRecord | undefined> {
    const doc = await this.#records.findOne({ ...key }).lean();
    return doc ? toRecord(doc) : undefined;
  }

  /** A report's records from `fromDate` on, oldest first. */
  async ofReport(reportId: string, fromDate = ''): Promise<SentReminderRecord[]> {
    const docs = await this.#records
      .find({ reportId, date: { $gte: fromDate } })
      .sort({ date: 1, kind: 1 })
      .lean();
    return docs.map(toRecord);
  }

  async #insert(doc: SentReminderDoc): Promise<boolean> {
    try {
      await this.#records.create(stripUndefined(doc));
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }
}

function toRecord(doc: SentReminderDoc): SentReminderRecord {
  return {
    reportId: doc.reportId,
    date: doc.date,
    kind: doc.kind,
    status: doc.status,
    by: doc.by,
    claimedAt: doc.claimedAt,
    ...(doc.plannedAt ? { plannedAt: doc.plannedAt } : {}),
    ...(doc.sentAt ? { sentAt: doc.sentAt } : {}),
    ...(doc.reason ? { reason: doc.reason } : {}),
    ...(doc.mentioned ? { mentioned: doc.mentioned } : {}),
  };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
