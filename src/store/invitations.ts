import { randomInt } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKey } from './duplicates.js';

/** A county's invitation for a township to join its roll-up. Single use, expiring. */
interface InvitationDoc {
  _id: string;
  countyOrgId: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
}

export type RedeemResult =
  | { readonly ok: true; readonly countyOrgId: string }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' };

// No 0/O/1/I: codes are read off a phone screen and typed by hand.
const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export class InvitationRepository {
  readonly #invitations: Model<InvitationDoc>;

  constructor(conn: Connection) {
    const schema = new Schema<InvitationDoc>(
      {
        _id: { type: String, required: true },
        countyOrgId: { type: String, required: true },
        createdBy: { type: String, required: true },
        createdAt: { type: Date, required: true },
        expiresAt: { type: Date, required: true },
      },
      { collection: 'invitations', versionKey: false },
    );
    this.#invitations =
      (conn.models.Invitation as Model<InvitationDoc>) ??
      conn.model<InvitationDoc>('Invitation', schema);
  }

  async init(): Promise<void> {
    await this.#invitations.init();
  }

  async issue(countyOrgId: string, createdBy: string, now: Date, ttlDays = 30): Promise<string> {
    for (;;) {
      const code = Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]).join('');
      try {
        await this.#invitations.create({
          _id: code,
          countyOrgId,
          createdBy,
          createdAt: now,
          expiresAt: new Date(now.getTime() + ttlDays * 86_400_000),
        });
        return code;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
  }

  /** Uses the code up: of two townships redeeming one code at once, only one gets it. */
  async redeem(code: string, now: Date): Promise<RedeemResult> {
    const normalised = code.trim().toUpperCase();
    const doc = await this.#invitations.findById(normalised).lean();
    if (!doc) return { ok: false, reason: 'unknown' };
    if (doc.expiresAt <= now) return { ok: false, reason: 'expired' };
    const res = await this.#invitations.deleteOne({ _id: normalised });
    if (res.deletedCount !== 1) return { ok: false, reason: 'unknown' };
    return { ok: true, countyOrgId: doc.countyOrgId };
  }
}
