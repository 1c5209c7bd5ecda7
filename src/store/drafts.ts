import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKey } from './duplicates.js';

/** A generated draft: the chat preview and the .docx, numbered per report 1, 2, 3 … */
export interface StoredDraft {
  readonly reportId: string;
  readonly version: number;
  readonly title: string;
  readonly markdown: string;
  readonly docx: Buffer;
  readonly createdAt: Date;
  /** The userid who asked for it (or `bot` for a scheduled one). */
  readonly createdBy: string;
}

/** A draft without its bodies, for lists. */
export type DraftSummary = Omit<StoredDraft, 'markdown' | 'docx'> & { readonly docxBytes: number };

export type NewDraft = Omit<StoredDraft, 'version'> & {
  /** The turn that asked for it: a second save with the same key returns the first version. */
  readonly turnKey?: string;
};

/** A draft too big to keep in one document; the composer's output is tens of kilobytes. */
export class DraftTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`draft .docx of ${bytes} bytes exceeds ${MAX_DOCX_BYTES}`);
    this.name = 'DraftTooLargeError';
  }
}

/** Well under the 16 MB document limit, with room for the markdown beside it. */
export const MAX_DOCX_BYTES = 8 * 1024 * 1024;

/** How often to retry a version number another writer took first before giving up. */
const VERSION_ATTEMPTS = 20;

interface DraftDoc {
  /** `reportId#version`: the unique id is what makes a version number taken exactly once. */
  _id: string;
  reportId: string;
  version: number;
  title: string;
  markdown: string;
  docx: Buffer;
  docxBytes: number;
  createdAt: Date;
  createdBy: string;
  turnKey?: string;
}

/**
 * Drafts are written once and never changed. A new version is the highest so far plus one,
 * claimed by inserting under a unique id: FerretDB v1 has no reliable atomic counter under
 * concurrency, but it does enforce unique keys, so two drafts made at once get two numbers.
 */
export class DraftRepository {
  readonly #drafts: Model<DraftDoc>;

  constructor(conn: Connection) {
    const schema = new Schema<DraftDoc>(
      {
        _id: { type: String, required: true },
        reportId: { type: String, required: true },
        version: { type: Number, required: true },
        title: { type: String, required: true },
        markdown: { type: String, required: true },
        docx: { type: Buffer, required: true },
        docxBytes: { type: Number, required: true },
        createdAt: { type: Date, required: true },
        createdBy: { type: String, required: true },
        turnKey: { type: String, required: false },
      },
      { collection: 'drafts', versionKey: false },
    );
    schema.index({ reportId: 1, version: -1 }, { unique: true });
    this.#drafts = (conn.models.Draft as Model<DraftDoc>) ?? conn.model<DraftDoc>('Draft', schema);
  }

  async init(): Promise<void> {
    await this.#drafts.init();
  }

  /** Stores a draft under the report's next version number and returns it with that number. */
  async saveDraft(draft: NewDraft): Promise<StoredDraft> {
    if (draft.docx.byteLength > MAX_DOCX_BYTES) throw new DraftTooLargeError(draft.docx.byteLength);
    if (draft.turnKey) {
      const same = await this.#drafts
        .findOne({ reportId: draft.reportId, turnKey: draft.turnKey }, { version: 1 })
        .lean();
      if (same) return { ...withoutKey(draft), version: same.version };
    }
    for (let attempt = 0; attempt < VERSION_ATTEMPTS; attempt++) {
      const version = (await this.#latestVersion(draft.reportId)) + 1;
      try {
        await this.#drafts.create({
          _id: `${draft.reportId}#${version}`,
          reportId: draft.reportId,
          version,
          title: draft.title,
          markdown: draft.markdown,
          docx: draft.docx,
          docxBytes: draft.docx.byteLength,
          createdAt: draft.createdAt,
          createdBy: draft.createdBy,
          ...(draft.turnKey ? { turnKey: draft.turnKey } : {}),
        });
        return { ...withoutKey(draft), version };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        // Someone else took this number a moment ago: look again and take the next one.
      }
    }
    throw new Error(`saveDraft: no free version for report ${draft.reportId}`);
  }

  /** A report's drafts, newest first, without their bodies. */
  async listDrafts(reportId: string): Promise<DraftSummary[]> {
    const docs = await this.#drafts
      .find({ reportId }, { markdown: 0, docx: 0 })
      .sort({ version: -1 })
      .lean();
    return docs.map((d) => ({
      reportId: d.reportId,
      version: d.version,
      title: d.title,
      docxBytes: d.docxBytes,
      createdAt: d.createdAt,
      createdBy: d.createdBy,
    }));
  }

  /** The newest draft version of each report that has one (one query for a whole county). */
  async latestVersions(reportIds: readonly string[]): Promise<Map<string, number>> {
    const latest = new Map<string, number>();
    if (reportIds.length === 0) return latest;
    const docs = await this.#drafts
      .find({ reportId: { $in: [...reportIds] } }, { reportId: 1, version: 1 })
      .lean();
    for (const d of docs) latest.set(d.reportId, Math.max(latest.get(d.reportId) ?? 0, d.version));
    return latest;
  }

  async getDraft(reportId: string, version: number): Promise<StoredDraft | undefined> {
    if (!Number.isSafeInteger(version) || version < 1) return undefined;
    const d = await this.#drafts.findOne({ _id: `${reportId}#${version}` }).lean();
    if (!d) return undefined;
    return {
      reportId: d.reportId,
      version: d.version,
      title: d.title,
      markdown: d.markdown,
      docx: toBuffer(d.docx),
      createdAt: d.createdAt,
      createdBy: d.createdBy,
    };
  }

  async #latestVersion(reportId: string): Promise<number> {
    const top = await this.#drafts
      .findOne({ reportId }, { version: 1 })
      .sort({ version: -1 })
      .lean();
    return top?.version ?? 0;
  }
}

/** lean() hands binary data back as a BSON Binary; callers get a plain Buffer. */
function toBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  const binary = value as { value?: () => Uint8Array };
  if (typeof binary?.value === 'function') {
    const bytes = binary.value();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  throw new TypeError('draft docx is not binary data');
}

function withoutKey(draft: NewDraft): Omit<StoredDraft, 'version'> {
  const { turnKey: _turnKey, ...rest } = draft;
  return rest;
}
