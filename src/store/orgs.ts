import { Schema, type Connection, type Model } from 'mongoose';
import type { Org } from '../report/types.js';
import { SecretBox, SecretUnreadableError } from './secret-box.js';

interface OrgDoc {
  _id: string;
  name: string;
  kind: Org['kind'];
  parentId?: string;
  /**
   * The group push webhook key: a secret, read only through {@link OrgRepository.webhookKey};
   * sealed with DATA_KEY (older plaintext values are re-sealed when the repository starts).
   */
  webhookKey?: string;
  createdAt: Date;
}

/** Which org a WeCom group belongs to. One document per chat, so binding is one atomic write. */
interface ChatBindingDoc {
  _id: string;
  orgId: string;
  boundAt: Date;
}

export class OrgRepository {
  readonly #orgs: Model<OrgDoc>;
  readonly #bindings: Model<ChatBindingDoc>;

  /** Without a box (tests of other repositories), keys are stored as given. */
  readonly #secrets: SecretBox | undefined;

  constructor(conn: Connection, secrets?: SecretBox) {
    this.#secrets = secrets;
    this.#orgs =
      (conn.models.Org as Model<OrgDoc>) ??
      conn.model<OrgDoc>(
        'Org',
        new Schema<OrgDoc>(
          {
            _id: { type: String, required: true },
            name: { type: String, required: true },
            kind: { type: String, required: true },
            parentId: String,
            webhookKey: { type: String, select: false },
            createdAt: { type: Date, required: true },
          },
          { collection: 'orgs', versionKey: false },
        ),
      );
    this.#bindings =
      (conn.models.ChatBinding as Model<ChatBindingDoc>) ??
      conn.model<ChatBindingDoc>(
        'ChatBinding',
        new Schema<ChatBindingDoc>(
          {
            _id: { type: String, required: true },
            orgId: { type: String, required: true, index: true },
            boundAt: { type: Date, required: true },
          },
          { collection: 'chat_bindings', versionKey: false },
        ),
      );
  }

  async init(): Promise<void> {
    await Promise.all([this.#orgs.init(), this.#bindings.init()]);
    await this.#sealPlaintextKeys();
  }

  /**
   * Seals webhook keys an earlier version stored in plain text. Each update is guarded by the
   * old value, so a key changed meanwhile is left to its newer write. Orgs are few (one per
   * township or department), so reading them all once at start is cheap.
   */
  async #sealPlaintextKeys(): Promise<void> {
    const box = this.#secrets;
    if (!box) return;
    const docs = await this.#orgs
      .find({ webhookKey: { $exists: true } })
      .select('+webhookKey')
      .lean();
    for (const doc of docs) {
      const value = doc.webhookKey;
      if (!value || SecretBox.isSealed(value)) continue;
      await this.#orgs.updateOne(
        { _id: doc._id, webhookKey: value },
        { $set: { webhookKey: box.seal(value) } },
      );
    }
  }

  async create(
    org: { id: string; name: string; kind: Org['kind']; parentId?: string },
    now: Date,
  ): Promise<void> {
    await this.#orgs.create({
      _id: org.id,
      name: org.name,
      kind: org.kind,
      parentId: org.parentId,
      createdAt: now,
    });
  }

  async get(id: string): Promise<Org | undefined> {
    const doc = await this.#orgs.findById(id).select('+webhookKey').lean();
    if (!doc) return undefined;
    return this.#toOrg(doc, await this.chatIdsOf(id));
  }

  async byChat(chatId: string): Promise<Org | undefined> {
    const orgId = await this.boundTo(chatId);
    return orgId ? this.get(orgId) : undefined;
  }

  /** The id of the org a group chat is bound to. */
  async boundTo(chatId: string): Promise<string | undefined> {
    return (await this.#bindings.findById(chatId).lean())?.orgId;
  }

  async many(ids: readonly string[]): Promise<Org[]> {
    const docs = await this.#orgs
      .find({ _id: { $in: [...ids] } })
      .select('+webhookKey')
      .lean();
    return this.#withChats(docs);
  }

  async children(parentId: string): Promise<Org[]> {
    const docs = await this.#orgs.find({ parentId }).select('+webhookKey').lean();
    return this.#withChats(docs);
  }

  /** Orgs with their bound chats, read in one query for all of them (a county's townships). */
  async #withChats(docs: readonly OrgDoc[]): Promise<Org[]> {
    if (docs.length === 0) return [];
    const bindings = await this.#bindings.find({ orgId: { $in: docs.map((d) => d._id) } }).lean();
    const chats = new Map<string, string[]>();
    for (const b of bindings) chats.set(b.orgId, [...(chats.get(b.orgId) ?? []), b._id]);
    return docs.map((d) => this.#toOrg(d, chats.get(d._id) ?? []));
  }

  /** Binds a group to an org; a group already bound elsewhere is re-bound (the last admin wins). */
  async bindChat(chatId: string, orgId: string, now: Date): Promise<void> {
    await this.#bindings.updateOne(
      { _id: chatId },
      { $set: { orgId, boundAt: now } },
      { upsert: true },
    );
  }

  async chatIdsOf(orgId: string): Promise<string[]> {
    const docs = await this.#bindings.find({ orgId }).lean();
    return docs.map((d) => d._id);
  }

  async setParent(orgId: string, parentId: string): Promise<void> {
    await this.#orgs.updateOne({ _id: orgId }, { $set: { parentId } });
  }

  async setWebhookKey(orgId: string, key: string | undefined): Promise<void> {
    await this.#orgs.updateOne(
      { _id: orgId },
      key
        ? { $set: { webhookKey: this.#secrets ? this.#secrets.seal(key) : key } }
        : { $unset: { webhookKey: 1 } },
    );
  }

  /** The only way to read the secret key; callers hand it straight to the webhook client. */
  async webhookKey(orgId: string): Promise<string | undefined> {
    const doc = await this.#orgs.findById(orgId).select('+webhookKey').lean();
    const stored = doc?.webhookKey;
    if (!stored) return undefined;
    if (!this.#secrets) return stored;
    try {
      return this.#secrets.open(stored);
    } catch (err) {
      // Sealed under another DATA_KEY: as good as no key (the admin sets it again).
      if (err instanceof SecretUnreadableError) return undefined;
      throw err;
    }
  }

  #toOrg(doc: OrgDoc, chatIds: string[]): Org {
    return {
      id: doc._id,
      name: doc.name,
      kind: doc.kind,
      ...(doc.parentId ? { parentId: doc.parentId } : {}),
      chatIds,
      hasWebhook: Boolean(doc.webhookKey),
    };
  }
}
