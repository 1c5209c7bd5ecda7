import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKey } from './duplicates.js';

/** Last year's 下一年度主要安排, imported for one report (`导入`). */
export interface CarriedPlans {
  readonly reportId: string;
  readonly orgId: string;
  /** The plan items in the order written. */
  readonly plans: readonly string[];
  /** The year of the imported report, when its title said. */
  readonly year?: number;
  readonly source: 'text' | 'file';
  readonly importedAt: Date;
  readonly importedBy: string;
}

interface CarriedPlansDoc {
  /** `reportId#importedAt(ms)`: a replayed import inserts nothing new. */
  _id: string;
  reportId: string;
  orgId: string;
  plans: string[];
  year?: number;
  source: 'text' | 'file';
  importedAt: Date;
  importedBy: string;
}

/**
 * Imports are inserted, never updated, and the newest one for a report is the one in force. On
 * FerretDB a guarded replace is not isolated (docs/ferretdb.md), whereas an insert under a
 * unique id is: two imports at once both land, and readers agree on the newest. Older imports
 * are deleted afterwards as housekeeping only.
 */
export class CarriedPlanRepository {
  readonly #imports: Model<CarriedPlansDoc>;

  constructor(conn: Connection) {
    const schema = new Schema<CarriedPlansDoc>(
      {
        _id: { type: String, required: true },
        reportId: { type: String, required: true },
        orgId: { type: String, required: true },
        plans: { type: [String], default: [] },
        year: Number,
        source: { type: String, required: true, enum: ['text', 'file'] },
        importedAt: { type: Date, required: true },
        importedBy: { type: String, required: true },
      },
      { collection: 'carried_plans', versionKey: false },
    );
    schema.index({ reportId: 1, importedAt: -1 });
    this.#imports =
      (conn.models.CarriedPlans as Model<CarriedPlansDoc>) ??
      conn.model<CarriedPlansDoc>('CarriedPlans', schema);
  }

  async init(): Promise<void> {
    await this.#imports.init();
  }

  /** Records an import; it replaces every earlier one for the report. Idempotent per time. */
  async replace(imported: CarriedPlans): Promise<void> {
    try {
      await this.#imports.create({
        _id: `${imported.reportId}#${imported.importedAt.getTime()}`,
        ...imported,
        plans: [...imported.plans],
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    await this.#imports.deleteMany({
      reportId: imported.reportId,
      importedAt: { $lt: imported.importedAt },
    });
  }

  /** The import in force for a report: the newest one. */
  /** The newest carried plans of several reports in one query. */
  async forReports(reportIds: readonly string[]): Promise<Map<string, CarriedPlans>> {
    const docs = await this.#imports
      .find({ reportId: { $in: [...reportIds] } })
      .sort({ importedAt: -1 })
      .lean();
    const newest = new Map<string, CarriedPlans>();
    for (const d of docs) if (!newest.has(d.reportId)) newest.set(d.reportId, toPlans(d));
    return newest;
  }

  async forReport(reportId: string): Promise<CarriedPlans | undefined> {
    const d = await this.#imports.findOne({ reportId }).sort({ importedAt: -1 }).lean();
    return d ? toPlans(d) : undefined;
  }
}

function toPlans(d: CarriedPlansDoc): CarriedPlans {
  return {
    reportId: d.reportId,
    orgId: d.orgId,
    plans: [...d.plans],
    ...(typeof d.year === 'number' ? { year: d.year } : {}),
    source: d.source,
    importedAt: d.importedAt,
    importedBy: d.importedBy,
  };
}
