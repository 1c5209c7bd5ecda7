import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKey } from './duplicates.js';

/**
 * One document per saved version, id `userid#version`. Saving version n+1 is an insert, so of two
 * writers that both read version n exactly one succeeds: the unique `_id` decides. (FerretDB v1
 * does not make a version-guarded update atomic under concurrency; it does enforce unique keys.)
 */
interface DialogDoc {
  _id: string;
  userid: string;
  version: number;
  /**
   * The engine's dialog state as JSON text: the state is the engine's to shape, and its keys
   * (section ids such as `1.3`) would not be legal field names in MongoDB or FerretDB.
   */
  state: string;
  updatedAt: Date;
}

export interface StoredDialog<S> {
  /** `null` when the dialog was cleared. */
  readonly state: S | null;
  readonly version: number;
  readonly updatedAt: Date;
}

/** Raised when another turn saved the same user's dialog first; the caller retries the turn. */
export class DialogConflictError extends Error {
  constructor(readonly userid: string) {
    super(`dialog of ${userid} changed concurrently`);
    this.name = 'DialogConflictError';
  }
}

/** Where each user is in a dialog, keyed by userid so group and single chat share it. */
export class DialogRepository {
  private readonly dialogs: Model<DialogDoc>;

  constructor(conn: Connection) {
    const schema = new Schema<DialogDoc>(
      {
        _id: { type: String, required: true },
        userid: { type: String, required: true },
        version: { type: Number, required: true },
        state: { type: String, required: true },
        updatedAt: { type: Date, required: true },
      },
      { collection: 'dialogs', versionKey: false },
    );
    schema.index({ userid: 1, version: -1 });
    this.dialogs =
      (conn.models.Dialog as Model<DialogDoc>) ?? conn.model<DialogDoc>('Dialog', schema);
  }

  async init(): Promise<void> {
    await this.dialogs.init();
  }

  async load<S>(userid: string): Promise<StoredDialog<S> | undefined> {
    const doc = await this.dialogs.findOne({ userid }).sort({ version: -1 }).lean();
    if (!doc) return undefined;
    return {
      state: JSON.parse(doc.state) as S | null,
      version: doc.version,
      updatedAt: doc.updatedAt,
    };
  }

  /**
   * Compare-and-set: writes version `expected + 1` only if no one else has (0 = none stored yet).
   * `state === null` clears the dialog while keeping the version count going.
   */
  async save<S>(userid: string, expected: number, state: S | null, now: Date): Promise<number> {
    const version = expected + 1;
    const latest = await this.dialogs.findOne({ userid }).sort({ version: -1 }).lean();
    if ((latest?.version ?? 0) !== expected) throw new DialogConflictError(userid);
    try {
      await this.dialogs.create({
        _id: `${userid}#${version}`,
        userid,
        version,
        state: JSON.stringify(state),
        updatedAt: now,
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw new DialogConflictError(userid);
      throw err;
    }
    // Older versions are history nobody reads. The previous one stays so that the check above
    // still sees a newer version than any stale writer expects.
    await this.dialogs.deleteMany({ userid, version: { $lt: version - 1 } });
    return version;
  }
}
