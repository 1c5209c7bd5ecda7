import { Schema, type Connection, type Model } from 'mongoose';
import type { Answer, AnswerValue } from '../report/types.js';
import { isDuplicateKey } from './duplicates.js';

interface AnswerDoc {
  reportId: string;
  sectionId: string;
  questionId: string;
  raw: string;
  value: AnswerValue;
  userid: string;
  at: Date;
  retracts?: boolean;
  /**
   * Identifies the turn and position that produced this answer (msgid + index). Unique, so a
   * turn replayed after a crash or a re-sent callback can never append the same answer twice.
   */
  opKey: string;
}

/** Answers are append-only: nothing is updated or deleted; the newest per question is current. */
export class AnswerRepository {
  readonly #answers: Model<AnswerDoc>;

  constructor(conn: Connection) {
    const schema = new Schema<AnswerDoc>(
      {
        reportId: { type: String, required: true },
        sectionId: { type: String, required: true },
        questionId: { type: String, required: true },
        raw: { type: String, required: true },
        value: { type: Schema.Types.Mixed, required: true },
        userid: { type: String, required: true },
        at: { type: Date, required: true },
        retracts: Boolean,
        opKey: { type: String, required: true },
      },
      { collection: 'answers', versionKey: false },
    );
    schema.index({ reportId: 1, at: 1 });
    schema.index({ opKey: 1 }, { unique: true });
    this.#answers =
      (conn.models.Answer as Model<AnswerDoc>) ?? conn.model<AnswerDoc>('Answer', schema);
  }

  async init(): Promise<void> {
    await this.#answers.init();
  }

  /** Appends one answer; returns false when this opKey was already applied (a replay). */
  async append(answer: Answer, opKey: string): Promise<boolean> {
    try {
      await this.#answers.create({ ...answer, opKey });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /**
   * Appends many answers at once (the demo county, imports of a whole year); those whose opKey
   * was already applied are skipped. Returns how many were new.
   */
  async appendMany(items: readonly { answer: Answer; opKey: string }[]): Promise<number> {
    if (items.length === 0) return 0;
    try {
      const docs = await this.#answers.insertMany(
        items.map((i) => ({ ...i.answer, opKey: i.opKey })),
        { ordered: false },
      );
      return docs.length;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const inserted = (err as { insertedDocs?: unknown[] }).insertedDocs;
      return inserted?.length ?? 0;
    }
  }

  /** The histories of several reports in one query (a county's townships), each in order. */
  async histories(reportIds: readonly string[]): Promise<Map<string, Answer[]>> {
    const docs = await this.#answers
      .find({ reportId: { $in: [...reportIds] } })
      .sort({ at: 1, _id: 1 })
      .lean();
    const byReport = new Map<string, Answer[]>(reportIds.map((id) => [id, []]));
    for (const doc of docs) byReport.get(doc.reportId)?.push(toAnswer(doc));
    return byReport;
  }

  /** Full history of a report in the order it was written (ties broken by insertion order). */
  async history(reportId: string): Promise<Answer[]> {
    const docs = await this.#answers.find({ reportId }).sort({ at: 1, _id: 1 }).lean();
    return docs.map(toAnswer);
  }
}

function toAnswer(doc: AnswerDoc): Answer {
  return {
    reportId: doc.reportId,
    sectionId: doc.sectionId,
    questionId: doc.questionId,
    raw: doc.raw,
    value: doc.value,
    userid: doc.userid,
    at: doc.at,
    ...(doc.retracts ? { retracts: true } : {}),
  };
}
