import { Schema, type Connection, type Model } from 'mongoose';
import type { Member, Role } from '../report/types.js';
import { isDuplicateKey, upsertWithRetry } from './duplicates.js';

interface MemberDoc {
  orgId: string;
  userid: string;
  roles: Role[];
  name?: string;
  joinedAt: Date;
}

export class MemberRepository {
  readonly #members: Model<MemberDoc>;

  constructor(conn: Connection) {
    const schema = new Schema<MemberDoc>(
      {
        orgId: { type: String, required: true },
        userid: { type: String, required: true, index: true },
        roles: { type: [String], default: [] },
        name: String,
        joinedAt: { type: Date, required: true },
      },
      { collection: 'members', versionKey: false },
    );
    schema.index({ orgId: 1, userid: 1 }, { unique: true });
    this.#members =
      (conn.models.Member as Model<MemberDoc>) ?? conn.model<MemberDoc>('Member', schema);
  }

  async init(): Promise<void> {
    await this.#members.init();
  }

  /** Adds the member if unknown; existing roles are kept. Safe to call on every message. */
  async ensure(orgId: string, userid: string, roles: readonly Role[], now: Date): Promise<void> {
    await upsertWithRetry(() =>
      this.#members.updateOne(
        { orgId, userid },
        {
          $setOnInsert: { orgId, userid, joinedAt: now },
          $addToSet: { roles: { $each: [...roles] } },
        },
        { upsert: true },
      ),
    );
  }

  /** Adds many new members at once (the demo county); members already there are left as they are. */
  async importMany(members: readonly Member[], now: Date): Promise<void> {
    if (members.length === 0) return;
    try {
      await this.#members.insertMany(
        members.map((m) => ({
          orgId: m.orgId,
          userid: m.userid,
          roles: [...m.roles],
          ...(m.name ? { name: m.name } : {}),
          joinedAt: now,
        })),
        { ordered: false },
      );
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  async grant(orgId: string, userid: string, role: Role, now: Date): Promise<void> {
    await this.ensure(orgId, userid, [role], now);
  }

  async revoke(orgId: string, userid: string, role: Role): Promise<void> {
    await this.#members.updateOne({ orgId, userid }, { $pull: { roles: role } });
  }

  async get(orgId: string, userid: string): Promise<Member | undefined> {
    const doc = await this.#members.findOne({ orgId, userid }).lean();
    return doc ? toMember(doc) : undefined;
  }

  async ofOrg(orgId: string): Promise<Member[]> {
    const docs = await this.#members.find({ orgId }).sort({ joinedAt: 1 }).lean();
    return docs.map(toMember);
  }

  /** The members of several orgs in one query (a county's townships), each org's by join time. */
  async ofOrgs(orgIds: readonly string[]): Promise<Map<string, Member[]>> {
    const docs = await this.#members
      .find({ orgId: { $in: [...orgIds] } })
      .sort({ joinedAt: 1 })
      .lean();
    return groupBy(docs.map(toMember), (m) => m.orgId);
  }

  async ofUser(userid: string): Promise<Member[]> {
    const docs = await this.#members.find({ userid }).lean();
    return docs.map(toMember);
  }
}

function toMember(doc: MemberDoc): Member {
  return {
    orgId: doc.orgId,
    userid: doc.userid,
    roles: doc.roles,
    ...(doc.name ? { name: doc.name } : {}),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
