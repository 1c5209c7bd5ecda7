import { Schema, type Connection, type Model } from 'mongoose';
import type { OfficeKind, Report, SectionState, SectionStatus, Signing } from '../report/types.js';
import { isDuplicateKey, upsertWithRetry } from './duplicates.js';

interface ReportDoc {
  _id: string;
  orgId: string;
  orgName: string;
  year: number;
  templateId: string;
  templateVersion: number;
  title: string;
  deadline: string;
  adminUserid: string;
  createdAt: Date;
  remindersPaused?: boolean;
  office?: OfficeKind;
  addressee?: string;
  signing?: Signing;
}

/** What `设置类型`, `设置主送` and `设置落款` change: the report's office kind and front matter. */
export interface ReportFormat {
  readonly office?: OfficeKind;
  readonly addressee?: string;
  readonly signing?: Signing;
}

/**
 * Who holds a section. The id is `reportId#sectionId`, so a claim is an insert that the unique
 * `_id` decides: FerretDB v1 does not make a guarded update atomic under concurrency (two
 * claimants can both match `assignee: null`), but it does enforce unique keys.
 */
interface SectionClaimDoc {
  _id: string;
  reportId: string;
  sectionId: string;
  userid: string;
  at: Date;
}

/**
 * One document per (report, section), not an array inside the report: two officials finishing
 * different sections at once each make one atomic single-document write, and FerretDB v1 needs
 * no positional array operators.
 */
interface SectionStateDoc {
  reportId: string;
  sectionId: string;
  status: SectionStatus;
  updatedAt?: Date;
  updatedBy?: string;
}

export class ReportRepository {
  readonly #reports: Model<ReportDoc>;
  readonly #states: Model<SectionStateDoc>;
  readonly #claims: Model<SectionClaimDoc>;

  constructor(conn: Connection) {
    const reportSchema = new Schema<ReportDoc>(
      {
        _id: { type: String, required: true },
        orgId: { type: String, required: true },
        orgName: { type: String, required: true },
        year: { type: Number, required: true },
        templateId: { type: String, required: true },
        templateVersion: { type: Number, required: true },
        title: { type: String, required: true },
        deadline: { type: String, required: true },
        adminUserid: { type: String, required: true },
        createdAt: { type: Date, required: true },
        remindersPaused: Boolean,
        office: String,
        addressee: String,
        signing: String,
      },
      { collection: 'reports', versionKey: false },
    );
    reportSchema.index({ orgId: 1, year: 1 }, { unique: true });
    const stateSchema = new Schema<SectionStateDoc>(
      {
        reportId: { type: String, required: true },
        sectionId: { type: String, required: true },
        status: { type: String, required: true },
        updatedAt: Date,
        updatedBy: String,
      },
      { collection: 'section_states', versionKey: false },
    );
    stateSchema.index({ reportId: 1, sectionId: 1 }, { unique: true });
    this.#reports =
      (conn.models.Report as Model<ReportDoc>) ?? conn.model<ReportDoc>('Report', reportSchema);
    this.#states =
      (conn.models.SectionState as Model<SectionStateDoc>) ??
      conn.model<SectionStateDoc>('SectionState', stateSchema);
    const claimSchema = new Schema<SectionClaimDoc>(
      {
        _id: { type: String, required: true },
        reportId: { type: String, required: true, index: true },
        sectionId: { type: String, required: true },
        userid: { type: String, required: true },
        at: { type: Date, required: true },
      },
      { collection: 'section_claims', versionKey: false },
    );
    this.#claims =
      (conn.models.SectionClaim as Model<SectionClaimDoc>) ??
      conn.model<SectionClaimDoc>('SectionClaim', claimSchema);
  }

  async init(): Promise<void> {
    await Promise.all([this.#reports.init(), this.#states.init(), this.#claims.init()]);
  }

  /** Creates the report; a second report for the same org and year is refused (duplicate key). */
  async create(report: Omit<Report, 'sections'>, sectionIds: readonly string[]): Promise<void> {
    await this.#reports.create({ ...report, _id: report.id });
    await this.#states.insertMany(
      sectionIds.map((sectionId) => ({ reportId: report.id, sectionId, status: 'todo' as const })),
      { ordered: false },
    );
  }

  /**
   * Writes a whole report as it stands, with its section states and claims, in three bulk
   * inserts (the demo county; a migration). Refused, like `create`, when the org has that year.
   */
  async importReport(report: Report): Promise<void> {
    const { sections, ...head } = report;
    await this.#reports.create({ ...head, _id: report.id });
    await this.#states.insertMany(
      sections.map((s) => ({
        reportId: report.id,
        sectionId: s.sectionId,
        status: s.status,
        ...(s.updatedAt ? { updatedAt: s.updatedAt } : {}),
        ...(s.updatedBy ? { updatedBy: s.updatedBy } : {}),
      })),
      { ordered: false },
    );
    const claims = sections.flatMap((s) =>
      s.assignee
        ? [
            {
              _id: claimId(report.id, s.sectionId),
              reportId: report.id,
              sectionId: s.sectionId,
              userid: s.assignee,
              at: report.createdAt,
            },
          ]
        : [],
    );
    if (claims.length > 0) await this.#claims.insertMany(claims, { ordered: false });
  }

  async get(id: string): Promise<Report | undefined> {
    const doc = await this.#reports.findById(id).lean();
    return doc ? this.#assemble(doc) : undefined;
  }

  /** The org's newest report (highest year). */
  async latestOfOrg(orgId: string): Promise<Report | undefined> {
    const doc = await this.#reports.findOne({ orgId }).sort({ year: -1 }).lean();
    return doc ? this.#assemble(doc) : undefined;
  }

  /** The newest report of each of several orgs, read in three queries whatever their number. */
  async latestOfOrgs(orgIds: readonly string[]): Promise<Map<string, Report>> {
    const docs = await this.#reports.find({ orgId: { $in: [...orgIds] } }).lean();
    const newest = new Map<string, ReportDoc>();
    for (const d of docs) {
      const seen = newest.get(d.orgId);
      if (!seen || d.year > seen.year) newest.set(d.orgId, d);
    }
    const chosen = [...newest.values()];
    const ids = chosen.map((d) => d._id);
    const [states, claims] = await Promise.all([
      this.#states.find({ reportId: { $in: ids } }).lean(),
      this.#claims.find({ reportId: { $in: ids } }).lean(),
    ]);
    const byReport = <T extends { reportId: string }>(docs: T[]) => {
      const map = new Map<string, T[]>();
      for (const d of docs) map.set(d.reportId, [...(map.get(d.reportId) ?? []), d]);
      return map;
    };
    const stateMap = byReport(states);
    const claimMap = byReport(claims);
    return new Map(
      chosen.map((d) => [
        d.orgId,
        toReport(d, stateMap.get(d._id) ?? [], claimMap.get(d._id) ?? []),
      ]),
    );
  }

  async all(): Promise<Report[]> {
    const docs = await this.#reports.find({}).lean();
    return Promise.all(docs.map((d) => this.#assemble(d)));
  }

  async setDeadline(id: string, deadline: string): Promise<void> {
    await this.#reports.updateOne({ _id: id }, { $set: { deadline } });
  }

  /** Sets the fields given; the others are left as they are. */
  async setFormat(id: string, format: ReportFormat): Promise<void> {
    const set = Object.fromEntries(Object.entries(format).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length === 0) return;
    await this.#reports.updateOne({ _id: id }, { $set: set });
  }

  async setRemindersPaused(id: string, paused: boolean): Promise<void> {
    await this.#reports.updateOne({ _id: id }, { $set: { remindersPaused: paused } });
  }

  async remindersPaused(id: string): Promise<boolean> {
    const doc = await this.#reports.findById(id).lean();
    return Boolean(doc?.remindersPaused);
  }

  /** Sets (or, with `undefined`, clears) who owes a section; admins only, checked by the caller. */
  async assign(
    reportId: string,
    sectionId: string,
    assignee: string | undefined,
    now: Date,
  ): Promise<void> {
    const _id = claimId(reportId, sectionId);
    if (!assignee) {
      await this.#claims.deleteOne({ _id });
      return;
    }
    await upsertWithRetry(() =>
      this.#claims.updateOne(
        { _id },
        { $set: { reportId, sectionId, userid: assignee, at: now } },
        { upsert: true },
      ),
    );
  }

  /**
   * Claims an unassigned section for `userid`. True when it is now theirs (or already was);
   * false when someone else holds it. Of two simultaneous claimants exactly one wins.
   */
  async claim(reportId: string, sectionId: string, userid: string, now: Date): Promise<boolean> {
    const _id = claimId(reportId, sectionId);
    try {
      await this.#claims.create({ _id, reportId, sectionId, userid, at: now });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const holder = await this.#claims.findById(_id).lean();
      return holder?.userid === userid;
    }
  }

  async setStatus(
    reportId: string,
    sectionId: string,
    status: SectionStatus,
    by: string,
    now: Date,
  ): Promise<void> {
    await upsertWithRetry(() =>
      this.#states.updateOne(
        { reportId, sectionId },
        { $set: { status, updatedAt: now, updatedBy: by } },
        { upsert: true },
      ),
    );
  }

  async #assemble(doc: ReportDoc): Promise<Report> {
    const [states, claims] = await Promise.all([
      this.#states.find({ reportId: doc._id }).lean(),
      this.#claims.find({ reportId: doc._id }).lean(),
    ]);
    return toReport(doc, states, claims);
  }
}

function claimId(reportId: string, sectionId: string): string {
  return `${reportId}#${sectionId}`;
}

/** A report document with its section states and claims, as the domain reads it. */
function toReport(
  doc: ReportDoc,
  states: readonly SectionStateDoc[],
  claims: readonly SectionClaimDoc[],
): Report {
  const holders = new Map(claims.map((c) => [c.sectionId, c.userid]));
  const sections: SectionState[] = states.map((s) => ({
    sectionId: s.sectionId,
    status: s.status,
    ...(holders.has(s.sectionId) ? { assignee: holders.get(s.sectionId) } : {}),
    ...(s.updatedAt ? { updatedAt: s.updatedAt } : {}),
    ...(s.updatedBy ? { updatedBy: s.updatedBy } : {}),
  }));
  return {
    id: doc._id,
    orgId: doc.orgId,
    orgName: doc.orgName,
    year: doc.year,
    templateId: doc.templateId,
    templateVersion: doc.templateVersion,
    title: doc.title,
    deadline: doc.deadline,
    adminUserid: doc.adminUserid,
    createdAt: doc.createdAt,
    sections,
    ...(doc.office ? { office: doc.office } : {}),
    // '' is kept: the admin chose to carry no 主送机关 (`设置主送 无`).
    ...(typeof doc.addressee === 'string' ? { addressee: doc.addressee } : {}),
    ...(doc.signing ? { signing: doc.signing } : {}),
  };
}
