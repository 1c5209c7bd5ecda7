import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKey } from './duplicates.js';

/**
 * The current dialog of a user: one document, id = userid, so every read is a lookup by `_id`.
 * (FerretDB's SQLite backend turns any other filter into a scan of the whole collection.)
 */
interface DialogHeadDoc {
  _id: string;
  version: number;
  /**
   * The engine's dialog state as JSON text: the state is the engine's to shape, and its keys
   * (section ids such as `1.3`) would not be legal field names in MongoDB or FerretDB.
   */
  state: string;
  updatedAt: Date;
  /**
   * The turn (callback msgid) that wrote this version and the replies it gave, so that the same
   * turn run again (WeCom re-sent it after a crash) answers the same instead of running the
   * engine on the state it already moved on.
   */
  lastTurn?: string;
  lastReplies?: string;
  lastSlow?: string;
}

/**
 * A claim on one version, id `userid#version`. Saving version n+1 first inserts its claim, so of
 * two writers that both read version n exactly one goes on: the unique `_id` decides. (FerretDB
 * v1 does not make a version-guarded update atomic under concurrency; it does enforce unique keys.)
 */
interface DialogClaimDoc {
  _id: string;
  at: Date;
  /** The turn that claimed it: the same turn run again after a crash takes it over at once. */
  owner?: string;
}

/**
 * A claim this old whose head never moved was left by a writer that died in between: a live
 * writer goes from claim to head in one write (milliseconds), and a user's turns run one at a
 * time (the per-user queue), so nobody else can be at work on it.
 */
const ORPHANED_CLAIM_MS = 15_000;

/** Which turn wrote a dialog version, and what it answered. */
export interface DialogTurn {
  readonly key: string;
  readonly replies: readonly string[];
  /**
   * The slow requests it handed on (plain data, dates as ISO strings once read back): a turn
   * re-run after its owner died answers from here, and must make them again, or its answer
   * would stop at "on its way".
   */
  readonly slow?: readonly unknown[];
}

export interface StoredDialog<S> {
  /** `null` when the dialog was cleared. */
  readonly state: S | null;
  readonly version: number;
  readonly updatedAt: Date;
  readonly lastTurn?: DialogTurn;
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
  readonly #heads: Model<DialogHeadDoc>;
  readonly #claims: Model<DialogClaimDoc>;

  constructor(conn: Connection) {
    const head = new Schema<DialogHeadDoc>(
      {
        _id: { type: String, required: true },
        version: { type: Number, required: true },
        state: { type: String, required: true },
        updatedAt: { type: Date, required: true },
        lastTurn: String,
        lastReplies: String,
        lastSlow: String,
      },
      { collection: 'dialog_heads', versionKey: false },
    );
    const claim = new Schema<DialogClaimDoc>(
      {
        _id: { type: String, required: true },
        at: { type: Date, required: true },
        owner: String,
      },
      { collection: 'dialog_claims', versionKey: false },
    );
    this.#heads =
      (conn.models.DialogHead as Model<DialogHeadDoc>) ??
      conn.model<DialogHeadDoc>('DialogHead', head);
    this.#claims =
      (conn.models.DialogClaim as Model<DialogClaimDoc>) ??
      conn.model<DialogClaimDoc>('DialogClaim', claim);
  }

  async init(): Promise<void> {
    await Promise.all([this.#heads.init(), this.#claims.init()]);
  }

  async load<S>(userid: string): Promise<StoredDialog<S> | undefined> {
    const doc = await this.#heads.findById(userid).lean();
    if (!doc) return undefined;
    return {
      state: JSON.parse(doc.state) as S | null,
      version: doc.version,
      updatedAt: doc.updatedAt,
      ...(doc.lastTurn
        ? {
            lastTurn: {
              key: doc.lastTurn,
              replies: parseReplies(doc.lastReplies),
              ...(doc.lastSlow ? { slow: parseList(doc.lastSlow) } : {}),
            },
          }
        : {}),
    };
  }

  /**
   * Compare-and-set: writes version `expected + 1` only if no one else has (0 = none stored yet).
   * `state === null` clears the dialog while keeping the version count going.
   */
  async save<S>(
    userid: string,
    expected: number,
    state: S | null,
    now: Date,
    turn?: DialogTurn,
  ): Promise<number> {
    const version = expected + 1;
    const head = await this.#heads.findById(userid).lean();
    if ((head?.version ?? 0) !== expected) throw new DialogConflictError(userid);
    await this.#claim(userid, version, now, turn?.key);
    const last = turn
      ? {
          lastTurn: turn.key,
          lastReplies: JSON.stringify(turn.replies),
          lastSlow: turn.slow && turn.slow.length > 0 ? JSON.stringify(turn.slow) : '',
        }
      : { lastTurn: '', lastReplies: '', lastSlow: '' };
    await this.#heads.updateOne(
      { _id: userid },
      { $set: { version, state: JSON.stringify(state), updatedAt: now, ...last } },
      { upsert: true },
    );
    await this.#claims.deleteOne({ _id: claimId(userid, version - 1) });
    return version;
  }

  async #claim(userid: string, version: number, now: Date, owner?: string): Promise<void> {
    const _id = claimId(userid, version);
    try {
      await this.#claims.create({ _id, at: now, ...(owner ? { owner } : {}) });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Someone holds this version. If the head still says the version before it and the claim
      // is old, its writer died between claim and head: take the version over, or the user would
      // be stuck. A fresh claim is a writer still at work: a real conflict.
      const held = await this.#claims.findById(_id).lean();
      const ours = owner !== undefined && held?.owner === owner;
      if (held && !ours && now.getTime() - held.at.getTime() < ORPHANED_CLAIM_MS) {
        throw new DialogConflictError(userid);
      }
      const head = await this.#heads.findById(userid).lean();
      if ((head?.version ?? 0) !== version - 1) throw new DialogConflictError(userid);
      await this.#claims.updateOne({ _id }, { $set: { at: now, ...(owner ? { owner } : {}) } });
    }
  }
}

function parseReplies(text: string | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

function parseList(text: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function claimId(userid: string, version: number): string {
  return `${userid}#${version}`;
}
